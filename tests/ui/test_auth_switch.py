"""Switching user and signing out end the session in the log and reset the views; who may read the log."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.context import ServiceContext
from app.store import OpenedStore
from tests.ui.conftest import wait_idle
from tests.ui.test_auth_fixtures import acting_for, locked_out, log_of, sign_in_as
from ui.auth import SessionState, StaffSession
from ui.main_window import MainWindow
from ui.ops import OpRunner

# window, session, teller_id and supervisor_id
pytest_plugins = ["tests.ui.test_auth_fixtures"]


# --- switch and sign out --------------------------------------------------------------------


def test_switching_user_signs_the_first_out_and_resets_the_views(
    qtbot: QtBot,
    window: MainWindow,
    session: StaffSession,
    runner: OpRunner,
    teller_id: str,
    supervisor_id: str,
    store: OpenedStore,
    ctx: ServiceContext,
) -> None:
    sign_in_as(qtbot, session, "zhang.san")
    window.register_customer()
    editor = window.customers.editor
    assert editor is not None
    resets: list[bool] = []
    session.views_reset.connect(lambda: resets.append(True))
    assert session.actions is not None
    session.actions.switch_action.trigger()

    assert resets and session.state is SessionState.SIGNED_OUT and locked_out(window, session)
    qtbot.waitUntil(lambda: window.customers.editor is None)  # the teller's open form is gone
    assert session.sign_in_dialog is not None and session.sign_in_dialog.isVisible()
    assert session.sign_in_dialog.username_edit.text() == ""
    sign_in_as(qtbot, session, "li.si")
    assert session.is_active and acting_for(qtbot, runner).staff_id == supervisor_id
    assert log_of(store, ctx, "auth.sign_out") == [(teller_id, "ok", "reason=switch")]


def test_switching_from_the_lock_screen(
    qtbot: QtBot,
    window: MainWindow,
    session: StaffSession,
    runner: OpRunner,
    teller_id: str,
    supervisor_id: str,
    store: OpenedStore,
    ctx: ServiceContext,
) -> None:
    sign_in_as(qtbot, session, "zhang.san")
    session.lock()
    with qtbot.waitSignal(session.views_reset):
        session.lock_screen.switch_button.click()
    sign_in_as(qtbot, session, "li.si")
    assert session.is_active and session.actor is not None and session.actor.staff_id == supervisor_id
    wait_idle(qtbot, runner)
    assert log_of(store, ctx, "auth.sign_out") == [
        (teller_id, "ok", "reason=idle"),
        (teller_id, "ok", "reason=switch"),
    ]


def test_sign_out_records_it_and_asks_who_comes_next(
    qtbot: QtBot,
    window: MainWindow,
    session: StaffSession,
    runner: OpRunner,
    teller_id: str,
    store: OpenedStore,
    ctx: ServiceContext,
) -> None:
    sign_in_as(qtbot, session, "zhang.san")
    with qtbot.waitSignal(session.signed_out) as signed_out:
        assert session.actions is not None
        session.actions.sign_out_action.trigger()
    assert signed_out.args == ["user"]
    assert locked_out(window, session) and session.sign_in_dialog is not None
    assert acting_for(qtbot, runner) == ctx.actor  # the workstation's context again
    assert log_of(store, ctx, "auth.sign_out") == [(teller_id, "ok", "reason=user")]


# --- permissions ----------------------------------------------------------------------------


def test_a_teller_gets_no_operation_log(
    qtbot: QtBot, window: MainWindow, session: StaffSession, teller_id: str
) -> None:
    sign_in_as(qtbot, session, "zhang.san")
    assert session.actions is not None
    assert session.actions.lock_action.isEnabled()
    assert not session.actions.audit_action.isEnabled()
    session.actions.open_audit_viewer()  # even when called directly
    assert session.actions.audit_viewer is None


def test_a_supervisor_opens_the_operation_log(
    qtbot: QtBot, window: MainWindow, session: StaffSession, runner: OpRunner, supervisor_id: str
) -> None:
    sign_in_as(qtbot, session, "li.si")
    actions = session.actions
    assert actions is not None and actions.audit_action.isEnabled()
    file_menu = window.menuBar().actions()[0].menu()
    assert actions.audit_action in file_menu.actions() and actions.lock_action in file_menu.actions()
    assert file_menu.actions()[-1].menuRole() == actions.lock_action.MenuRole.QuitRole  # Exit stays last
    actions.audit_action.trigger()
    viewer = actions.audit_viewer
    assert viewer is not None and viewer.isVisible()
    qtbot.waitUntil(lambda: viewer.model.rowCount() > 0)
    wait_idle(qtbot, runner)
    session.lock()
    assert not viewer.isVisible()
    session.switch_user()
    qtbot.waitUntil(lambda: actions.audit_viewer is None)


def test_closing_the_window_signs_out(
    qtbot: QtBot,
    window: MainWindow,
    session: StaffSession,
    runner: OpRunner,
    teller_id: str,
    store: OpenedStore,
    ctx: ServiceContext,
) -> None:
    sign_in_as(qtbot, session, "zhang.san")
    window.close()
    wait_idle(qtbot, runner)
    assert log_of(store, ctx, "auth.sign_out") == [(teller_id, "ok", "reason=user")]
