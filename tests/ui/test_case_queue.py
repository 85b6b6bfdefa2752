"""The case queue: ids fetched in slices and rows in pages keep Qt's contract; filters reset the list."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.case_domain import CaseFilter, CaseRef, CaseRow, CaseSort, SlaFlag
from app.changes import Changes
from app.context import ServiceContext
from app.domain import CaseKind, CaseStatus, Channel, Severity
from app.services.cases import case_ids
from app.services.intake import submit_case
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
from ui.cases.queue_model import CACHE_LIMIT, ID_ROLE, PAGE_SIZE, PLACEHOLDER, SLICE_SIZE, CaseQueueModel
from ui.cases.queue_panel import CaseQueuePanel
from ui.cases.reference import CaseReference
from ui.events import AppEvents
from ui.ops import OpRunner

OVERDUE_CASES = 40
ON_TIME_CASES = 260
ALL_CASES = ON_TIME_CASES + OVERDUE_CASES
SMALL_SLICE = 64  # 300 cases: a first slice and four more fetched


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


class DeferredSlices:
    """Holds slice requests until the test answers them, as the db lane would later."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.requests: list[tuple[int, int, Callable[[list[str] | None], None]]] = []

    def __call__(self, offset: int, limit: int, done: Callable[[list[str] | None], None]) -> None:
        self.requests.append((offset, limit, done))

    def answer(self, n: int = -1) -> None:
        offset, limit, done = self.requests[n]
        done(self.ids[offset : offset + limit])


def fetch_all(qtbot: QtBot, model: CaseQueueModel) -> None:
    """Scroll to the end, slice by slice, as the view's fetchMore would."""
    while model.canFetchMore():
        model.fetchMore(QModelIndex())  # ignored while a slice is on its way
        qtbot.waitUntil(lambda: not model.is_fetching(), timeout=5000)


def listed_ids(store: OpenedStore, ctx: ServiceContext, sort: CaseSort = CaseSort.DEADLINE) -> list[str]:  # noqa: F811
    """The whole list, straight from the service, as the panel's default filter asks for it."""
    with store.transaction() as session:
        return case_ids(session, ctx, CaseFilter(open_only=True), sort)


def load_all(qtbot: QtBot, model: CaseQueueModel) -> None:
    """Look at every page in turn, as a user scrolling slowly would; each page loads."""
    for row in range(0, model.rowCount(), PAGE_SIZE):
        page = range(row, min(row + PAGE_SIZE, model.rowCount()))
        for r in page:  # a page may be partly loaded (its ids grew with a slice): the view asks for each
            model.index(r, 0).data()
        qtbot.waitUntil(lambda page=page: all(model.is_loaded(r) for r in page), timeout=5000)
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
def slice_size() -> int:
    return SLICE_SIZE


@pytest.fixture
def panel(qtbot: QtBot, runner: OpRunner, events: AppEvents, slice_size: int) -> CaseQueuePanel:
    reference = CaseReference(runner)
    reference.load()
    view = CaseQueuePanel(runner, events, reference, now=fixed_now, slice_size=slice_size)
    qtbot.addWidget(view)
    view.resize(1400, 700)
    view.show()
    activate(qtbot, view)
    view.activate()
    wait_idle(qtbot, runner)
    return view


@pytest.mark.parametrize("slice_size", [SMALL_SLICE])
def test_queue_model_contract_with_a_few_hundred_cases(
    qtbot: QtBot,
    seeded: None,
    panel: CaseQueuePanel,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,  # noqa: F811
    qtmodeltester: ModelTester,
) -> None:
    model = panel.model
    assert model.rowCount() == SMALL_SLICE and model.total == ALL_CASES and model.canFetchMore()
    assert str(ALL_CASES) in panel.count_label.text()  # the count, not the ids fetched so far
    qtmodeltester.check(model, force_py=True)  # placeholders now; it fetches more, pages load behind
    fetch_all(qtbot, model)
    wait_idle(qtbot, runner)
    assert model.rowCount() == ALL_CASES and not model.canFetchMore()
    # the slices were appended in the listed order, each id once
    assert [model.case_id(row) for row in range(ALL_CASES)] == listed_ids(store, ctx)
    load_all(qtbot, model)
    wait_idle(qtbot, runner)
    # nearest deadline first: the overdue ones lead, with an icon-and-words badge
    first = model.case_row(0)
    assert first is not None and first.sla is SlaFlag.OVERDUE
    assert model.index(0, 0).data() == badge_text(first.sla, first.next_due_at, NOW)
    assert model.index(0, 0).data().startswith(OVERDUE_MARK)
    assert model.index(0, 0).data(ID_ROLE) == first.id


@pytest.mark.parametrize("slice_size", [SMALL_SLICE])
def test_a_filter_change_resets_the_list_and_drops_stale_slices(
    qtbot: QtBot, seeded: None, panel: CaseQueuePanel, runner: OpRunner
) -> None:
    model = panel.model
    with qtbot.waitSignal(model.rowsInserted, timeout=5000) as inserted:
        model.fetchMore(QModelIndex())
    assert inserted.args[1:] == [SMALL_SLICE, 2 * SMALL_SLICE - 1]  # inclusive last row
    assert model.rowCount() == 2 * SMALL_SLICE

    model.fetchMore(QModelIndex())  # a third slice is on its way when the filter changes
    assert model.is_fetching()
    with qtbot.waitSignal(panel.ids_loaded, timeout=5000) as loaded:
        qtbot.mouseClick(panel.overdue_check, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runner)
    assert loaded.args == [OVERDUE_CASES] and model.rowCount() == OVERDUE_CASES
    assert not model.canFetchMore() and not model.is_fetching()
    assert str(OVERDUE_CASES) in panel.count_label.text()

    # two changes in a row: only the last one's list is shown
    panel.overdue_check.setChecked(False)
    panel.sort_combo.setCurrentIndex(1)
    wait_idle(qtbot, runner)
    assert panel.case_sort() is CaseSort.NEWEST
    assert model.rowCount() == SMALL_SLICE and model.total == ALL_CASES
    qtbot.waitUntil(lambda: model.case_row(0) is not None)
    assert model.case_row(0).received_at == NOW


@pytest.mark.parametrize("slice_size", [SMALL_SLICE])
def test_selecting_a_case_beyond_the_first_slice(
    qtbot: QtBot,
    seeded: None,
    panel: CaseQueuePanel,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,  # noqa: F811
) -> None:
    last = listed_ids(store, ctx)[-1]
    assert panel.model.row_of(last) == -1
    panel.select_case(last)
    qtbot.waitUntil(lambda: panel.current_case_id() == last, timeout=5000)
    assert panel.model.row_of(last) == ALL_CASES - 1 == panel.table.currentIndex().row()

    # as after intake: the case is submitted, then selected; the oldest is last when newest first
    with qtbot.waitSignal(panel.ids_loaded, timeout=5000):
        panel.sort_combo.setCurrentIndex(1)
    assert panel.model.rowCount() == SMALL_SLICE
    draft = complaint(None, kind=CaseKind.INQUIRY, received_at=NOW - dt.timedelta(days=30))
    submitted: list[str] = []

    def select_submitted(result: tuple[CaseRef, Changes]) -> None:
        submitted.append(result[0].id)
        panel.select_case(result[0].id)  # as the main window does, before the queue has refreshed

    runner.run_db(submit_case, draft, on_success=select_submitted)
    qtbot.waitUntil(lambda: submitted != [] and panel.current_case_id() == submitted[0], timeout=5000)
    assert submitted[0] == listed_ids(store, ctx, CaseSort.NEWEST)[-1]
    assert panel.table.currentIndex().row() == ALL_CASES == panel.model.rowCount() - 1
    wait_idle(qtbot, runner)

    # a case the filter leaves out is searched to the end of the list, then given up
    with qtbot.waitSignal(panel.ids_loaded, timeout=5000):
        panel.sort_combo.setCurrentIndex(0)
    panel.select_case("no-such-case")
    wait_idle(qtbot, runner)
    assert panel.model.rowCount() == ALL_CASES + 1 and panel.current_case_id() != "no-such-case"


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
    # where the view looks first, then the first page (fetched with the list even when hidden)
    assert [len(ids) for ids in loader.requests] == [PAGE_SIZE, PAGE_SIZE]
    assert loader.requests[0][-1] == "id-99999" and loader.requests[1][0] == "id-0"
    assert top.row() <= 99_999 <= bottom.row()
    assert model.index(99_999, 1).data() == "0001-01-20261124-99999"
    assert model.index(0, 1).data() == "0001-01-20261124-0000"
    assert model.index(PAGE_SIZE, 1).data() == PLACEHOLDER

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


def test_fetch_more_appends_the_next_slice_in_order(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    every = [f"id-{n}" for n in range(250)]
    slices = DeferredSlices(every)
    model = CaseQueueModel(SyncLoader(), id_loader=slices, slice_size=100)
    qtmodeltester.check(model, force_py=True)
    assert not model.canFetchMore()
    model.set_ids(every[:100], total=250)
    assert model.rowCount() == 100 and model.canFetchMore()

    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # once at a time: the second call waits for the first
    assert [(offset, limit) for offset, limit, _done in slices.requests] == [(100, 100)]
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        slices.answer()
    assert inserted.args[1:] == [100, 199]  # the last row is inclusive
    assert model.rowCount() == 200 and model.case_id(150) == "id-150" and model.row_of("id-199") == 199

    model.fetchMore(QModelIndex())
    slices.answer()
    assert model.rowCount() == 250 and not model.canFetchMore()
    assert [model.case_id(row) for row in range(250)] == every
    model.fetchMore(QModelIndex())
    assert len(slices.requests) == 2

    # a slice asked for the old list is dropped when a new list arrived meanwhile
    model.set_ids(every[:100], total=250)
    model.fetchMore(QModelIndex())
    stale = len(slices.requests) - 1
    model.set_ids(every[50:150], total=200)
    slices.answer(stale)
    assert model.rowCount() == 100 and model.case_id(0) == "id-50" and model.canFetchMore()

    # a failed slice is asked for again; a short one ends the list whatever the count said
    model.fetchMore(QModelIndex())  # (the model tester may have asked already)
    offset, _limit, done = slices.requests[-1]
    assert offset == 100 and model.is_fetching()
    done(None)
    assert model.rowCount() == 100 and model.canFetchMore()
    model.fetchMore(QModelIndex())
    offset, _limit, done = slices.requests[-1]
    assert offset == 100 and model.is_fetching()
    with qtbot.waitSignal(model.total_changed) as changed:
        done(["id-140", "id-200", "id-201"])  # id-140 is listed already (the order shifted)
    assert changed.args == [102] and model.rowCount() == 102 and not model.canFetchMore()
    assert model.case_id(100) == "id-200" and model.row_of("id-140") == 90
