"""The lock: the window starts covered; Ctrl+L and idle hide customer data until the same user is back."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from app.context import ServiceContext
from app.domain import Actor, Role
from app.errors import SignInRefused
from app.store import OpenedStore
from tests.ui.conftest import activate, wait_idle
from tests.ui.test_auth_fixtures import (
    PASSWORD,
    WRONG,
    accessible_texts,
    acting_for,
    locked_out,
    log_of,
    sign_in_as,
    unlock_with,
)
from ui.auth import SessionState, StaffSession
from ui.customers.panel import CustomerPanel
from ui.i18n import current_language
from ui.main_window import MainWindow
from ui.ops import OpRunner

# window, session, teller_id and supervisor_id
pytest_plugins = ["tests.ui.test_auth_fixtures"]


# --- start ----------------------------------------------------------------------------------


def test_the_window_starts_covered_with_the_sign_in_dialog(
    qtbot: QtBot, window: MainWindow, session: StaffSession, known_customer: str
) -> None:
    assert session.state is SessionState.SIGNED_OUT and session.actor is None
    assert locked_out(window, session)
    assert session.sign_in_dialog is not None and session.sign_in_dialog.isVisible()
    assert not session.lock_screen.is_locked_face
    assert len(window.menuBar().actions()) == 3  # no new top-level menu
    assert session.actions is not None
    assert not any(action.isEnabled() for action in session.actions.actions)

    session.sign_in_dialog.reject()  # closing it leaves the lock screen, which offers it again
    session.lock_screen.sign_in_button.click()
    assert session.sign_in_dialog.isVisible()


def test_signing_in_uncovers_and_acts_for_the_staff_member(
    qtbot: QtBot,
    window: MainWindow,
    session: StaffSession,
    runner: OpRunner,
    teller_id: str,
    store: OpenedStore,
    ctx: ServiceContext,
) -> None:
    seen: list[Actor] = []
    session.signed_in.connect(seen.append)
    with qtbot.waitSignal(session.views_reset):
        sign_in_as(qtbot, session, "zhang.san")
    assert session.state is SessionState.ACTIVE
    assert window.customers.isVisible() and window.menuBar().isEnabled()
    assert not session.lock_screen.isVisible()
    acting = acting_for(qtbot, runner)
    assert acting.staff_id == teller_id and acting.role is Role.TELLER
    assert (acting.branch, acting.workstation) == (ctx.actor.branch, ctx.actor.workstation)
    assert [actor.staff_id for actor in seen] == [teller_id]
    assert session.actions is not None and session.actions.user_label.text().startswith("张三")
    assert log_of(store, ctx, "auth.sign_in") == [(teller_id, "ok", "")]


def test_a_wrong_password_at_start_unlocks_nothing(
    qtbot: QtBot, window: MainWindow, session: StaffSession, runner: OpRunner, teller_id: str
) -> None:
    dialog = session.sign_in_dialog
    assert dialog is not None
    dialog.username_edit.setText("zhang.san")
    dialog.password_edit.setText(WRONG)
    dialog.submit()
    wait_idle(qtbot, runner, timeout=10_000)
    assert dialog.message.message == SignInRefused("sign_in_failed").render(current_language())
    assert session.state is SessionState.SIGNED_OUT and locked_out(window, session)
    assert acting_for(qtbot, runner).staff_id != teller_id


# --- lock -----------------------------------------------------------------------------------


def test_ctrl_l_hides_customer_data_until_the_same_user_is_back(
    qtbot: QtBot,
    window: MainWindow,
    session: StaffSession,
    runner: OpRunner,
    teller_id: str,
    known_customer: str,
    store: OpenedStore,
    ctx: ServiceContext,
) -> None:
    sign_in_as(qtbot, session, "zhang.san")
    window.customers.load_recent()  # what the main window does on signed_in
    wait_idle(qtbot, runner)
    summary = window.customers.model.summary(0)
    assert summary is not None and summary.id == known_customer
    masked_name = summary.masked_name
    window.customers.table.selectRow(0)
    qtbot.waitUntil(lambda: window.customers.detail_view.customer_id == known_customer)
    assert masked_name in accessible_texts(window)  # the check below would otherwise prove nothing

    activate(qtbot, window)
    with qtbot.waitSignal(session.locked):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert session.state is SessionState.LOCKED and locked_out(window, session)
    assert masked_name not in accessible_texts(window)
    assert window.findChildren(CustomerPanel) == []  # the views are not in the window at all
    texts = [w.text() for w in window.findChildren(QLabel)] + [
        w.text() for w in window.findChildren(QLineEdit)
    ]
    assert all(masked_name not in text for text in texts)
    assert "张三" in session.lock_screen.who.text()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # menus are dead meanwhile
    assert QApplication.focusWidget() is not window.customers.search_edit

    unlock_with(qtbot, runner, session, WRONG)
    assert session.state is SessionState.LOCKED and locked_out(window, session)
    assert session.lock_screen.message.message == SignInRefused("sign_in_failed").render(current_language())

    with qtbot.waitSignal(session.unlocked):
        unlock_with(qtbot, runner, session, PASSWORD)
    assert session.state is SessionState.ACTIVE and window.customers.isVisible()
    assert window.customers.detail_view.customer_id == known_customer  # as the user left it
    assert masked_name in accessible_texts(window)
    assert acting_for(qtbot, runner).staff_id == teller_id
    assert log_of(store, ctx, "auth.sign_out") == [(teller_id, "ok", "reason=idle")]
    assert log_of(store, ctx, "auth.sign_in") == [
        (teller_id, "ok", ""),
        (teller_id, "failed", ""),
        (teller_id, "ok", ""),
    ]


def test_a_dialog_open_at_lock_time_hides_and_comes_back(
    qtbot: QtBot, window: MainWindow, session: StaffSession, runner: OpRunner, teller_id: str
) -> None:
    sign_in_as(qtbot, session, "zhang.san")
    window.register_customer()
    editor = window.customers.editor
    assert editor is not None and editor.isVisible()
    session.lock()
    assert not editor.isVisible() and window.customers.editor is editor
    unlock_with(qtbot, runner, session, PASSWORD)
    assert session.is_active and editor.isVisible()
    editor.reject()


def test_idle_time_locks_by_itself(
    qtbot: QtBot, window: MainWindow, session: StaffSession, runner: OpRunner, teller_id: str
) -> None:
    sign_in_as(qtbot, session, "zhang.san")
    session.set_idle_timeout(200)
    with qtbot.waitSignal(session.locked, timeout=3000):
        pass
    assert session.state is SessionState.LOCKED and locked_out(window, session)
    assert not session.idle.active  # no second lock while locked


def test_input_postpones_the_idle_lock(
    qtbot: QtBot, window: MainWindow, session: StaffSession, runner: OpRunner, teller_id: str
) -> None:
    sign_in_as(qtbot, session, "zhang.san")
    session.set_idle_timeout(1000)
    started = time.monotonic()
    while time.monotonic() - started < 1.6:  # longer than the interval, with input all along
        qtbot.wait(100)
        qtbot.keyClick(window.customers.search_edit, Qt.Key.Key_A)
    assert session.is_active
    with qtbot.waitSignal(session.locked, timeout=3000):
        pass


def test_a_dialog_an_operation_opens_while_locked_waits_for_the_unlock(
    qtbot: QtBot, window: MainWindow, session: StaffSession, runner: OpRunner, teller_id: str
) -> None:
    sign_in_as(qtbot, session, "zhang.san")
    session.lock()
    window.customers.register_customer()  # as an op's on_success would, after the lock
    editor = window.customers.editor
    assert editor is not None
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert session.lock_screen.isVisible()
    unlock_with(qtbot, runner, session, PASSWORD)
    assert editor.isVisible()
    editor.reject()
