"""The case queue: the lazy model keeps Qt's contract, filters narrow it, 100,000 ids stay cheap."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.case_domain import CaseRow, SlaFlag
from app.context import ServiceContext
from app.domain import CaseKind, CaseStatus, Channel, Severity
from app.store import OpenedStore
from tests.ui.conftest import activate, wait_idle
from tests.ui.test_case_support import (
    NOW,
    OTHER_CATEGORY,
    complaint,
    ctx,  # noqa: F401 - the fixed-clock context fixture
    fixed_now,
    make_case,
)
from ui.cases.labels import OVERDUE_MARK, badge_text
from ui.cases.queue_model import CACHE_LIMIT, ID_ROLE, PAGE_SIZE, PLACEHOLDER, CaseQueueModel
from ui.cases.queue_panel import CaseQueuePanel
from ui.cases.reference import CaseReference
from ui.events import AppEvents
from ui.ops import OpRunner

OVERDUE_CASES = 40
ON_TIME_CASES = 260


def _row(
    case_id: str, n: int = 0, due: dt.datetime | None = None, flag: SlaFlag = SlaFlag.ON_TIME
) -> CaseRow:
    return CaseRow(
        id=case_id,
        number=f"0001-01-20261124-{n:04d}",
        kind=CaseKind.INQUIRY,
        severity=Severity.GENERAL,
        status=CaseStatus.NEW,
        channel=Channel.COUNTER,
        category_code="C0101",
        received_at=NOW,
        owner="teller",
        department="BRANCH",
        masked_customer_name="张**",
        next_clock="resolution",
        next_due_at=due,
        sla=flag,
        version=1,
    )


class SyncLoader:
    """Answers page requests at once, counting them (the panel uses the op runner instead)."""

    def __init__(self) -> None:
        self.requests: list[list[str]] = []

    def __call__(self, ids: list[str], done: Callable[[list[CaseRow] | None], None]) -> None:
        self.requests.append(ids)
        done([_row(case_id, int(case_id.removeprefix("id-"))) for case_id in ids])


def load_all(qtbot: QtBot, model: CaseQueueModel) -> None:
    """Look at every page in turn, as a user scrolling slowly would; each page loads."""
    for row in range(0, model.rowCount(), PAGE_SIZE):
        model.index(row, 0).data()
        qtbot.waitUntil(lambda row=row: model.is_loaded(row), timeout=5000)
    assert model.all_loaded()


@pytest.fixture
def seeded(store: OpenedStore, ctx: ServiceContext) -> None:  # noqa: F811
    """Three hundred inquiries: some received 20 days ago (overdue), most just now."""
    for n in range(ON_TIME_CASES + OVERDUE_CASES):
        old = n < OVERDUE_CASES
        draft = complaint(
            None,
            kind=CaseKind.INQUIRY,
            category_code=OTHER_CATEGORY,
            summary=f"Question {n}",
            received_at=NOW - dt.timedelta(days=20) if old else NOW,
        )
        make_case(store, ctx, draft)


@pytest.fixture
def panel(qtbot: QtBot, runner: OpRunner, events: AppEvents) -> CaseQueuePanel:
    reference = CaseReference(runner)
    reference.load()
    view = CaseQueuePanel(runner, events, reference, now=fixed_now)
    qtbot.addWidget(view)
    view.resize(1400, 700)
    view.show()
    activate(qtbot, view)
    view.activate()
    wait_idle(qtbot, runner)
    return view


def test_queue_model_contract_with_a_few_hundred_cases(
    qtbot: QtBot, seeded: None, panel: CaseQueuePanel, runner: OpRunner, qtmodeltester: ModelTester
) -> None:
    model = panel.model
    assert model.rowCount() == ON_TIME_CASES + OVERDUE_CASES
    qtmodeltester.check(model)  # placeholders now, pages load behind
    load_all(qtbot, model)
    wait_idle(qtbot, runner)
    qtmodeltester.check(model)
    # nearest deadline first: the overdue ones lead, with an icon-and-words badge
    first = model.case_row(0)
    assert first is not None and first.sla is SlaFlag.OVERDUE
    assert model.index(0, 0).data() == badge_text(first.sla, first.next_due_at, NOW)
    assert model.index(0, 0).data().startswith(OVERDUE_MARK)
    assert model.index(0, 0).data(ID_ROLE) == first.id


def test_the_overdue_filter_narrows_the_list(
    qtbot: QtBot, seeded: None, panel: CaseQueuePanel, runner: OpRunner
) -> None:
    assert panel.model.rowCount() == ON_TIME_CASES + OVERDUE_CASES
    with qtbot.waitSignal(panel.ids_loaded, timeout=5000) as loaded:
        qtbot.mouseClick(panel.overdue_check, Qt.MouseButton.LeftButton)
    assert loaded.args == [OVERDUE_CASES] and panel.model.rowCount() == OVERDUE_CASES
    assert str(OVERDUE_CASES) in panel.count_label.text()
    load_all(qtbot, panel.model)
    assert all(panel.model.case_row(r).sla is SlaFlag.OVERDUE for r in range(OVERDUE_CASES))

    # sorting by newest puts a just-received case first
    panel.overdue_check.setChecked(False)
    with qtbot.waitSignal(panel.ids_loaded, timeout=5000):
        panel.sort_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: panel.model.case_row(0) is not None)
    assert panel.model.case_row(0).received_at == NOW


def test_a_case_number_search_finds_one_case(
    qtbot: QtBot,
    panel: CaseQueuePanel,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,  # noqa: F811
) -> None:
    wanted = make_case(store, ctx, complaint(None, kind=CaseKind.INQUIRY, summary="Wanted"))
    make_case(store, ctx, complaint(None, kind=CaseKind.INQUIRY, summary="Other"))
    panel.reload()
    wait_idle(qtbot, runner)
    assert panel.model.rowCount() == 2
    panel.search_edit.setFocus()
    qtbot.keyClicks(panel.search_edit, wanted.number)
    with qtbot.waitSignal(panel.ids_loaded, timeout=5000):
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert panel.model.rowCount() == 1 and panel.model.case_id(0) == wanted.id

    panel.search_edit.clear()
    qtbot.keyClicks(panel.search_edit, "??")
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, runner)
    assert panel.search_error.message != ""  # the service says why it cannot search for that


def test_new_cases_arrive_through_changes_applied(
    qtbot: QtBot,
    panel: CaseQueuePanel,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,  # noqa: F811
) -> None:
    from app.services.intake import submit_case

    assert panel.model.rowCount() == 0
    draft = complaint(None, kind=CaseKind.INQUIRY)
    with qtbot.waitSignal(panel.ids_loaded, timeout=5000):
        runner.run_db(submit_case, draft)
    assert panel.model.rowCount() == 1


def test_rows_load_only_where_the_view_looks_among_100000(qtbot: QtBot) -> None:
    loader = SyncLoader()
    model = CaseQueueModel(loader)
    ids = [f"id-{n}" for n in range(100_000)]
    started = time.perf_counter()
    model.set_ids(ids)
    assert time.perf_counter() - started < 1.0
    assert model.rowCount() == 100_000 and loader.requests == []

    assert model.index(99_999, 1).data() == PLACEHOLDER  # not loaded yet: a placeholder
    with qtbot.waitSignal(model.dataChanged, timeout=1000) as changed:
        pass
    top, bottom = changed.args[0], changed.args[1]
    assert len(loader.requests) == 1 and len(loader.requests[0]) == PAGE_SIZE
    assert top.row() <= 99_999 <= bottom.row()
    assert model.index(99_999, 1).data() == "0001-01-20261124-99999"
    assert model.index(0, 1).data() == PLACEHOLDER

    # scrolling through many pages keeps the cache bounded and loads the latest wishes first
    for row in range(0, 100_000, PAGE_SIZE):
        model.index(row, 0).data()
    qtbot.waitUntil(lambda: len(loader.requests) > 3)
    assert len(loader.requests) < 20  # wishes for pages scrolled past were dropped
    assert model.row_of("id-99999") == 99_999 and model.row_of("nope") == -1


def test_set_ids_keeps_loaded_rows_and_the_contract(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    loader = SyncLoader()
    model = CaseQueueModel(loader)
    qtmodeltester.check(model)
    model.set_ids([f"id-{n}" for n in range(250)])
    qtmodeltester.check(model)
    load_all(qtbot, model)
    qtmodeltester.check(model)
    requests = len(loader.requests)
    assert model.set_ids([f"id-{n}" for n in range(250)]) is False  # the same list: nothing happens
    model.set_ids([f"id-{n}" for n in range(100, 150)])
    assert model.index(0, 1).data() == "0001-01-20261124-0100"  # still cached
    assert len(loader.requests) == requests
    assert len(model._cache) <= CACHE_LIMIT
    assert model.data(QModelIndex()) is None
