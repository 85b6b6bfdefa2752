"""A complaint from intake to closure, driven from the keyboard as counter staff work."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.case_domain import SlaFlag
from app.config import Settings
from app.context import ServiceContext
from app.domain import CaseEventKind, CaseStatus
from app.services.cases import get_case
from app.store import OpenedStore
from tests.ui.conftest import activate, wait_idle
from tests.ui.test_case_support import (
    CATEGORY,
    NOW,
    ctx,  # noqa: F401 - the fixed-clock context fixture
    find_and_start_intake,
    focused,
    open_window,
    press,
    type_text,
)
from ui.cases.action_dialog import ActionDialog
from ui.cases.labels import badge_text
from ui.events import AppEvents
from ui.ops import OpRunner

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def _dialog_opened(qtbot: QtBot, window: object, key: Qt.Key) -> ActionDialog:
    """Alt+<mnemonic> on the case page opens that action's dialog."""
    actions = window.queue.detail.actions  # type: ignore[attr-defined]
    press(qtbot, key, ALT)
    qtbot.waitUntil(lambda: actions.dialog is not None and actions.dialog.isVisible())
    dialog = actions.dialog
    activate(qtbot, dialog)
    return dialog


def _submit(qtbot: QtBot, runner: OpRunner, dialog: ActionDialog, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """Ctrl+Enter submits; offscreen, no window manager gives the activation back: the test does."""
    window = dialog.parentWidget()
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        press(qtbot, key, CTRL)
    wait_idle(qtbot, runner)
    activate(qtbot, window)


def test_a_complaint_from_intake_to_closure_by_keyboard(
    qtbot: QtBot,
    known_customer: str,
    runner: OpRunner,
    events: AppEvents,
    settings: Settings,
    store: OpenedStore,
    ctx: ServiceContext,  # noqa: F811
) -> None:
    window = open_window(qtbot, runner, events, settings)

    # Ctrl+F, the customer's mobile number, Enter, then Ctrl+N: the form on its first field, that customer
    # chosen; Tab order follows the form top to bottom
    find_and_start_intake(qtbot, window, runner, "13912345678", known_customer)
    form = window.intake
    press(qtbot, Qt.Key.Key_Tab)  # channel: counter
    press(qtbot, Qt.Key.Key_Tab)  # category
    type_text(qtbot, CATEGORY)
    press(qtbot, Qt.Key.Key_Tab)  # product / business
    type_text(qtbot, "B030102")
    press(qtbot, Qt.Key.Key_Tab)  # severity: general
    assert form.category_picker.code() == CATEGORY and form.business_picker.code() == "B030102"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.summary_edit
    type_text(qtbot, "Teller was rude at window 3")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "The teller refused to explain a fee and raised her voice.")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "An apology and an explanation of the fee.")
    press(qtbot, Qt.Key.Key_Return, CTRL)

    # the receipt opens at once; Esc closes it
    qtbot.waitUntil(lambda: window.receipts.dialog is not None and window.receipts.dialog.isVisible())
    receipt = window.receipts.dialog
    ref = form.last_ref
    assert ref is not None and ref.number in receipt.preview.toPlainText()
    activate(qtbot, receipt)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.receipts.dialog is None)
    assert form.is_empty()

    # Ctrl+Shift+Q: the queue, the new case selected, its badge says how long is left
    activate(qtbot, window)
    press(qtbot, Qt.Key.Key_Q, CTRL | SHIFT)
    queue = window.queue
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1 and queue.model.all_loaded())
    assert focused() is queue.table
    row = queue.model.case_row(queue.table.currentIndex().row())
    assert row is not None and row.id == ref.id
    # a counter complaint: the 5-minute counter response binds first
    assert row.next_clock == "counter_response"
    assert row.next_due_at == NOW + dt.timedelta(minutes=5)
    badge = queue.model.index(0, 0).data()
    assert badge == badge_text(SlaFlag.ON_TIME, row.next_due_at, NOW) == "◷ 剩余 5 分钟"

    # Enter opens the case
    press(qtbot, Qt.Key.Key_Return)
    detail = queue.detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == ref.id)
    assert queue.stack.currentWidget() is detail

    # Alt+N: a note recording that the customer was contacted
    note = _dialog_opened(qtbot, window, Qt.Key.Key_N)
    type_text(qtbot, "Apologised on the phone; explained the fee.")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)
    assert note.value("customer_contact") is True
    _submit(qtbot, runner, note)

    # Alt+T: transfer to another department, a named owner, a reason; Enter submits
    transfer = _dialog_opened(qtbot, window, Qt.Key.Key_T)
    department = transfer.value("department")
    assert department and department != detail.detail.department
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "zhang.wei")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Fee question for the product team")
    with qtbot.waitSignal(transfer.finished, timeout=5000):
        press(qtbot, Qt.Key.Key_Return)  # Enter in a one-line field: the default button
    wait_idle(qtbot, runner)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.owner == "zhang.wei")
    assert detail.detail.department == department

    # Alt+S: resolve it (arrow keys pick the status)
    status = _dialog_opened(qtbot, window, Qt.Key.Key_S)
    while status.value("to") != CaseStatus.RESOLVED:
        press(qtbot, Qt.Key.Key_Down)
    _submit(qtbot, runner, status)
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.status is CaseStatus.RESOLVED)

    # Alt+B: the callback — reached, accepts the result, satisfaction 5
    callback = _dialog_opened(qtbot, window, Qt.Key.Key_B)
    press(qtbot, Qt.Key.Key_Space)  # reached
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down)  # yes, accepts
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "5")
    assert callback.value("accepts_result") is True and callback.value("satisfaction") == 5
    _submit(qtbot, runner, callback)
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.status is CaseStatus.CALLED_BACK)

    # Alt+L: close; a called-back case needs no override, Enter confirms
    close = _dialog_opened(qtbot, window, Qt.Key.Key_L)
    with qtbot.waitSignal(close.finished, timeout=5000):
        press(qtbot, Qt.Key.Key_Return)
    wait_idle(qtbot, runner)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.status is CaseStatus.CLOSED)

    with store.transaction() as session:
        stored = get_case(session, ctx, ref.id)
    kinds = [entry.kind for entry in stored.timeline]
    for kind in (
        CaseEventKind.RECEIVED,
        CaseEventKind.NOTE,
        CaseEventKind.TRANSFERRED,
        CaseEventKind.CALLBACK,
    ):
        assert kind in kinds
    assert stored.status is CaseStatus.CLOSED and stored.first_handler == stored.timeline[0].actor
    # the timeline on screen has every event, newest first
    assert detail.timeline_table.rowCount() == len(stored.timeline)

    # Esc goes back to the (open-only) queue, which no longer lists the closed case
    press(qtbot, Qt.Key.Key_Escape)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: queue.model.rowCount() == 0)
    assert queue.stack.currentIndex() == 0
    assert QApplication.focusWidget() is queue.table
