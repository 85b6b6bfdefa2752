"""The operation-log viewer: filters, lazy pages, the model contract, and a CSV without personal values."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app import audit
from app.context import ServiceContext
from app.domain import CustomerField, Role
from app.errors import PermissionDenied
from app.services.audit_log import CSV_COLUMNS, AuditFilter, count_entries
from app.services.auth import sign_in
from app.services.customers import reveal_field
from app.store import OpenedStore
from tests.support.customers import KNOWN, with_role
from tests.ui.conftest import activate, wait_idle
from tests.ui.test_auth_fixtures import PASSWORD, WRONG, add_account
from ui.audit.viewer import AuditViewer, open_audit_viewer
from ui.ops import OpRunner

PAGE = 40
NOTES = 130  # several pages of case notes


@pytest.fixture
def staff_id(store: OpenedStore, ctx: ServiceContext) -> str:
    return add_account(store, ctx, "wang.wu", "王五", Role.TELLER)


@pytest.fixture
def log_filled(store: OpenedStore, ctx: ServiceContext, known_customer: str, staff_id: str) -> str:
    """A customer registered and revealed, sign-ins, and many case notes by the staff member."""
    with store.transaction() as session:
        sign_in(session, ctx, "wang.wu", WRONG)
        sign_in(session, ctx, "wang.wu", PASSWORD)
        reveal_field(session, ctx, known_customer, CustomerField.MOBILE, "客户要求核对手机号码")
        as_staff = dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, staff_id=staff_id))
        for number in range(NOTES):
            audit.record(session, as_staff, "case.note", "case", f"case-{number:04d}")
    return known_customer


@pytest.fixture
def auditor_runner(runner: OpRunner, store: OpenedStore, ctx: ServiceContext) -> OpRunner:
    runner.attach(store, with_role(ctx, Role.AUDITOR))
    return runner


@pytest.fixture
def viewer(qtbot: QtBot, auditor_runner: OpRunner, log_filled: str) -> AuditViewer:
    view = AuditViewer(auditor_runner, page_size=PAGE)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.apply_filter()
    _settle(qtbot, view)
    return view


def _settle(qtbot: QtBot, view: AuditViewer) -> None:
    qtbot.waitUntil(lambda: view.model.shown_filter is not None)
    wait_idle(qtbot, view.runner)


def _load_all(qtbot: QtBot, view: AuditViewer) -> None:
    while view.model.canFetchMore():
        view.model.fetchMore()
        wait_idle(qtbot, view.runner)


def _count(store: OpenedStore, ctx: ServiceContext, flt: AuditFilter) -> int:
    with store.transaction() as session:
        return count_entries(session, with_role(ctx, Role.AUDITOR), flt)


def test_the_list_loads_page_by_page_as_it_scrolls(
    qtbot: QtBot, viewer: AuditViewer, store: OpenedStore, ctx: ServiceContext
) -> None:
    model = viewer.model
    total = _count(store, ctx, AuditFilter())
    assert model.total == total > NOTES
    assert model.rowCount() < total  # only what the view needed so far
    assert str(total) in viewer.status_label.text()
    first = model.entry(0)
    assert first is not None and first.action == "case.note"  # newest first
    while model.rowCount() < total:
        rows = model.rowCount()
        viewer.table.scrollToBottom()
        qtbot.waitUntil(lambda rows=rows: model.rowCount() > rows)
        wait_idle(qtbot, viewer.runner)
    assert model.rowCount() == total and not model.canFetchMore()
    ids = [model.entry(row).id for row in range(total)]  # type: ignore[union-attr]
    assert len(set(ids)) == total


def test_the_model_passes_the_model_tester(qtbot: QtBot, qtmodeltester: object, viewer: AuditViewer) -> None:
    qtmodeltester.check(viewer.model)  # type: ignore[attr-defined]
    _load_all(qtbot, viewer)
    qtmodeltester.check(viewer.model)  # type: ignore[attr-defined]


def test_filter_by_action_prefix(
    qtbot: QtBot, viewer: AuditViewer, store: OpenedStore, ctx: ServiceContext
) -> None:
    viewer.action_combo.setCurrentIndex(viewer.action_combo.findText("auth."))
    viewer.apply_filter()
    _settle(qtbot, viewer)
    _load_all(qtbot, viewer)
    model = viewer.model
    actions = {model.entry(row).action for row in range(model.rowCount())}  # type: ignore[union-attr]
    assert actions == {"auth.sign_in"}
    assert model.rowCount() == _count(store, ctx, AuditFilter(action="auth.")) == 2

    viewer.action_combo.setEditText("customer.reveal")  # an exact action may be typed
    viewer.apply_filter()
    _settle(qtbot, viewer)
    assert [model.entry(row).action for row in range(model.rowCount())] == ["customer.reveal"]  # type: ignore[union-attr]


def test_filter_by_staff_and_object(
    qtbot: QtBot, viewer: AuditViewer, staff_id: str, store: OpenedStore, ctx: ServiceContext
) -> None:
    viewer.staff_edit.setText(staff_id)
    viewer.apply_filter()
    _settle(qtbot, viewer)
    _load_all(qtbot, viewer)
    model = viewer.model
    assert model.rowCount() == _count(store, ctx, AuditFilter(staff_id=staff_id)) >= NOTES + 2
    assert {model.entry(row).staff_id for row in range(model.rowCount())} == {staff_id}  # type: ignore[union-attr]

    viewer.object_edit.setText("case-0007")
    viewer.apply_filter()
    _settle(qtbot, viewer)
    assert model.rowCount() == 1 and model.entry(0).object_id == "case-0007"  # type: ignore[union-attr]


def test_typing_an_object_id_and_enter_filters(qtbot: QtBot, viewer: AuditViewer) -> None:
    activate(qtbot, viewer)
    qtbot.keyClicks(viewer.object_edit, "case-0042")
    qtbot.keyClick(viewer.object_edit, Qt.Key.Key_Return)
    assert viewer.runner.pending == 1  # at once, not after the typing pause
    _settle(qtbot, viewer)
    assert viewer.model.rowCount() == 1
    assert viewer.model.entry(0).object_id == "case-0042"  # type: ignore[union-attr]


def test_double_click_filters_by_the_staff_member(qtbot: QtBot, viewer: AuditViewer, staff_id: str) -> None:
    index = viewer.model.index(0, 1)
    viewer.table.doubleClicked.emit(index)
    _settle(qtbot, viewer)
    assert viewer.staff_edit.text() == staff_id


def test_contradicting_dates_are_explained_not_searched(qtbot: QtBot, viewer: AuditViewer) -> None:
    viewer.from_check.setChecked(True)
    viewer.to_check.setChecked(True)
    viewer.from_date.setDate(viewer.to_date.date().addDays(2))
    viewer.apply_filter()
    assert viewer.filter_error.message
    assert viewer.runner.pending == 0


def test_today_is_inside_the_date_filter(qtbot: QtBot, viewer: AuditViewer) -> None:
    total = viewer.model.total
    viewer.from_check.setChecked(True)
    viewer.to_check.setChecked(True)
    viewer.from_date.setDate(viewer.to_date.date())
    viewer.apply_filter()
    _settle(qtbot, viewer)
    assert viewer.model.total == total
    viewer.to_date.setDate(viewer.to_date.date().addDays(-1))
    viewer.from_date.setDate(viewer.to_date.date())
    viewer.apply_filter()
    _settle(qtbot, viewer)
    assert viewer.model.total == 0


def test_export_writes_what_the_filter_shows_and_no_personal_value(
    qtbot: QtBot,
    viewer: AuditViewer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    store: OpenedStore,
    ctx: ServiceContext,
) -> None:
    target = tmp_path / "export" / "log"  # no suffix: .csv is added
    target.parent.mkdir()
    asked: list[str] = []

    def save_name(_parent: QWidget, title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    viewer.action_combo.setEditText("customer.")
    viewer.apply_filter()
    _settle(qtbot, viewer)
    _load_all(qtbot, viewer)
    shown = [viewer.model.entry(row) for row in range(viewer.model.rowCount())]
    assert {entry.action for entry in shown if entry} == {"customer.register", "customer.reveal"}

    viewer.export_button.click()
    wait_idle(qtbot, viewer.runner)
    written = target.with_name("log.csv")
    assert asked and asked[0].endswith(".csv")
    with written.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    expected = [
        [
            entry.at.isoformat(),
            entry.staff_id,
            entry.workstation,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.result,
            entry.detail,
        ]
        for entry in shown
        if entry is not None
    ]
    assert rows[1:] == expected
    assert "log.csv" in viewer.status_label.text()

    raw = written.read_bytes()
    personal = [
        KNOWN.name,
        KNOWN.id_number,
        KNOWN.mobile,
        KNOWN.address,
        *KNOWN.accounts,
        "客户要求核对手机号码",
    ]
    for value in personal:
        assert value.encode("utf-8") not in raw, value
    assert _count(store, ctx, AuditFilter(action="audit.export")) == 1  # the export is logged too


def test_an_unwritable_target_is_reported_in_the_status(
    qtbot: QtBot, viewer: AuditViewer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-such-folder" / "log.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(missing), ""))
    viewer.export_csv()
    wait_idle(qtbot, viewer.runner)
    assert not missing.exists()
    assert viewer.status_label.text() and viewer.export_button.isEnabled()


def test_a_teller_is_refused_by_the_service(
    qtbot: QtBot, runner: OpRunner, log_filled: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_args: shown.append(text))
    view = open_audit_viewer(None, runner)  # the runner acts for a teller
    qtbot.addWidget(view)
    wait_idle(qtbot, runner)
    assert view.model.rowCount() == 0
    assert shown == [PermissionDenied("audit.read").render("zh_CN")]
