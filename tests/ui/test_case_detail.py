"""The case detail: header, clocks and timeline; each action dialog; failures shown as their message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.case_domain import CaseRef
from app.context import ServiceContext
from app.domain import CaseEventKind, CaseStatus, CustomerOption, Role
from app.errors import StaleVersion
from app.messages import Message
from app.services import case_actions
from app.services.cases import get_case
from app.store import OpenedStore
from tests.support.customers import with_role
from tests.ui.conftest import activate, wait_idle
from tests.ui.test_case_support import (
    NOW,
    complaint,
    ctx,  # noqa: F401 - the fixed-clock context fixture
    make_case,
)
from ui import errors
from ui.cases.action_dialog import ActionDialog
from ui.cases.detail_view import CaseDetailView
from ui.cases.labels import clock_label, format_due
from ui.cases.reference import CaseReference
from ui.events import AppEvents
from ui.i18n import current_language
from ui.ops import OpRunner


@pytest.fixture
def case(known_customer: str, store: OpenedStore, ctx: ServiceContext) -> CaseRef:  # noqa: F811
    return make_case(store, ctx, complaint(known_customer, products="Debit card"))


def _view(qtbot: QtBot, runner: OpRunner, events: AppEvents, case_id: str) -> CaseDetailView:
    reference = CaseReference(runner)
    reference.load()
    view = CaseDetailView(runner, events, reference)
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    activate(qtbot, view)
    view.load(case_id)
    qtbot.waitUntil(lambda: view.detail is not None)
    wait_idle(qtbot, runner)
    return view


@pytest.fixture
def view(qtbot: QtBot, runner: OpRunner, events: AppEvents, case: CaseRef) -> Iterator[CaseDetailView]:
    detail_view = _view(qtbot, runner, events, case.id)
    yield detail_view
    if detail_view.actions.dialog is not None:
        detail_view.actions.dialog.reject()


def _open(qtbot: QtBot, view: CaseDetailView, key: str) -> ActionDialog:
    dialog = view.actions.trigger(key)
    assert dialog is not None, f"{key} is not available"
    qtbot.waitExposed(dialog)
    return dialog


def _fill(dialog: ActionDialog, **values: str | bool) -> None:
    for key, value in values.items():
        widget = dialog.widgets[key]
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText(str(value))


def _submit_ok(qtbot: QtBot, runner: OpRunner, view: CaseDetailView, dialog: ActionDialog) -> None:
    """The dialog closes, then the case reloads (changes_applied) and is drawn again."""
    with qtbot.waitSignals([dialog.finished, view.shown], timeout=5000, order="strict"):
        dialog.submit()
    wait_idle(qtbot, runner)


def _timeline_kinds(view: CaseDetailView) -> list[str]:
    return [view.timeline_table.item(row, 2).text() for row in range(view.timeline_table.rowCount())]


def test_header_clocks_and_timeline(view: CaseDetailView, case: CaseRef) -> None:
    detail = view.detail
    assert detail is not None
    assert view.header_labels["number"].text() == case.number
    assert "(C0101)" in view.header_labels["category"].text()
    assert view.header_labels["received"].text() == format_due(NOW) == "2026-11-24 10:00"
    customer = view.header_labels["customer"].text()
    assert customer.startswith("欧") and "明轩" not in customer and "13912345678" not in customer
    assert view.content_labels["products"].text() == "Debit card"
    # every clock, due in China time, the binding one marked
    table = view.clocks_table
    assert table.rowCount() == len(detail.clocks) >= 4
    labels = {table.item(row, 0).text(): row for row in range(table.rowCount())}
    binding = detail.binding
    assert binding is not None and binding.name == "counter_response"
    row = labels[clock_label(binding.name)]
    assert table.item(row, 1).text() == "2026-11-24 10:05"
    assert table.item(row, 3).text() != "" and all(
        table.item(other, 3).text() == "" for other in range(table.rowCount()) if other != row
    )
    assert view.timeline_table.rowCount() == 1
    # what may be done now: a new complaint is open, not yet resolved
    buttons = view.actions.buttons
    assert buttons["note"].isEnabled() and buttons["transfer"].isEnabled()
    assert not buttons["callback"].isEnabled() and not buttons["close"].isEnabled()
    assert not buttons["resume"].isEnabled() and not buttons["reopen"].isEnabled()


def test_pause_resume_extend_remedy_and_answer(qtbot: QtBot, view: CaseDetailView, runner: OpRunner) -> None:
    pause = _open(qtbot, view, "pause")
    _fill(pause, reason="Card sent for testing", notice="Told the customer by phone")
    _submit_ok(qtbot, runner, view, pause)
    assert view.actions.buttons["resume"].isEnabled() and not view.actions.buttons["pause"].isEnabled()
    resume = _open(qtbot, view, "resume")
    _submit_ok(qtbot, runner, view, resume)
    assert view.actions.buttons["pause"].isEnabled()

    extend = _open(qtbot, view, "extend")
    assert [extend.widgets["to_days"].itemData(i) for i in range(extend.widgets["to_days"].count())] == [
        30,
        60,
    ]
    _fill(extend, notice="Complex case; we told the customer")
    _submit_ok(qtbot, runner, view, extend)
    assert view.detail.decision_days == 30
    assert "30" in view.header_labels["decision"].text()

    remedy = _open(qtbot, view, "remedy")
    _fill(remedy, amount="fifty", details="Annual fee refunded")
    remedy.submit()
    assert remedy.field_error("amount") != "" and remedy.isVisible()  # the form says so itself
    _fill(remedy, amount="50.00")
    _submit_ok(qtbot, runner, view, remedy)
    details = [view.timeline_table.item(r, 3).text() for r in range(view.timeline_table.rowCount())]
    remedy_rows = [r for r, text in enumerate(details) if "50.00" in text]
    assert remedy_rows and "Annual fee refunded" in view.timeline_table.item(remedy_rows[0], 3).text()

    answer = _open(qtbot, view, "answer")
    _fill(answer, verification_result="The fee was charged twice", basis_and_reasons="Fee schedule 2026")
    _fill(answer, **{f"option_{o.value}": False for o in CustomerOption})
    answer.submit()
    wait_idle(qtbot, runner)
    assert answer.isVisible() and answer.general_error.message != ""  # options are required
    _fill(answer, option_review=True, option_mediation=True)
    _submit_ok(qtbot, runner, view, answer)
    assert len(_timeline_kinds(view)) == 6  # received, paused, resumed, extended, remedy, answer
    newest = view.timeline_table.item(0, 3).text()
    assert "The fee was charged twice" in newest


def test_a_teller_cannot_close_an_uncalled_complaint_and_sees_why(
    qtbot: QtBot, view: CaseDetailView, runner: OpRunner
) -> None:
    status = _open(qtbot, view, "status")
    status.widgets["to"].setCurrentIndex(status.widgets["to"].findData(CaseStatus.RESOLVED))
    _submit_ok(qtbot, runner, view, status)
    assert view.actions.buttons["close"].isEnabled() and view.actions.buttons["callback"].isEnabled()

    close = _open(qtbot, view, "close")
    assert "override" in close.widgets  # no callback yet: only an override closes it
    close.submit()
    wait_idle(qtbot, runner)
    language = current_language()
    assert close.general_error.message == Message("close_needs_callback").render(language)
    _fill(close, override="Customer moved abroad")
    close.submit()
    wait_idle(qtbot, runner)
    assert close.general_error.message == Message("override_needs_supervisor").render(language)
    assert close.isVisible() and view.detail.status is CaseStatus.RESOLVED

    # a callback that did not reach the customer is recorded; the case stays resolved
    callback = _open(qtbot, view, "callback")
    _submit_ok(qtbot, runner, view, callback)  # "reached" left unticked: one attempt on record
    assert view.detail.status is CaseStatus.RESOLVED
    assert any(e.kind is CaseEventKind.CALLBACK for e in view.detail.timeline)


def test_a_supervisor_closes_with_a_reason_and_a_case_can_be_reopened(
    qtbot: QtBot,
    store: OpenedStore,
    ctx: ServiceContext,  # noqa: F811
    events: AppEvents,
    case: CaseRef,
) -> None:
    supervisor = OpRunner(events)
    supervisor.attach(store, with_role(ctx, Role.SUPERVISOR))
    try:
        view = _view(qtbot, supervisor, events, case.id)
        status = _open(qtbot, view, "status")
        status.widgets["to"].setCurrentIndex(status.widgets["to"].findData(CaseStatus.RESOLVED))
        _submit_ok(qtbot, supervisor, view, status)
        close = _open(qtbot, view, "close")
        _fill(close, override="Customer moved abroad")
        _submit_ok(qtbot, supervisor, view, close)
        assert view.detail.status is CaseStatus.CLOSED
        assert view.actions.buttons["reopen"].isEnabled() and not view.actions.buttons["withdraw"].isEnabled()

        reopen = _open(qtbot, view, "reopen")
        _fill(reopen, reason="Customer came back with new receipts")
        _submit_ok(qtbot, supervisor, view, reopen)
        assert view.detail.status is CaseStatus.IN_PROGRESS and view.detail.reopen_count == 1
        withdraw = _open(qtbot, view, "withdraw")
        _fill(withdraw, reason="Customer withdrew the complaint")
        _submit_ok(qtbot, supervisor, view, withdraw)
        assert view.detail.status is CaseStatus.WITHDRAWN
        assert not any(button.isEnabled() for key, button in view.actions.buttons.items() if key != "note")
    finally:
        assert supervisor.shutdown(timeout_ms=10_000)


def test_a_stale_version_is_reported_and_the_case_reloaded(
    qtbot: QtBot,
    view: CaseDetailView,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,  # noqa: F811
    case: CaseRef,
) -> None:
    note = _open(qtbot, view, "note")
    with store.transaction() as session:  # someone else, at another counter
        case_actions.add_note(session, ctx, case, "Written elsewhere")
    _fill(note, text="Mine")
    with qtbot.waitSignal(view.shown, timeout=5000):
        note.submit()
    assert note.general_error.message == errors.message_for(StaleVersion())
    assert view.detail.version == case.version + 1
    note.reject()
    with store.transaction() as session:
        stored = get_case(session, ctx, case.id)
    assert [e.text for e in stored.timeline if e.kind is CaseEventKind.NOTE] == ["Written elsewhere"]
    assert stored.received_at == NOW and isinstance(stored.received_at, dt.datetime)
