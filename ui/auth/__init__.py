"""Staff sign-in for the main window: the lock screen, the session, and the File menu's actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

from ui.auth.actions import AuthActions
from ui.auth.session import SessionState, StaffSession
from ui.events import AppEvents
from ui.ops import OpRunner, TransactionalStore

if TYPE_CHECKING:
    from app.config import Settings
    from app.context import ServiceContext

__all__ = ["AuthActions", "SessionState", "StaffSession", "install_auth"]


def install_auth(
    window: QMainWindow,
    runner: OpRunner,
    events: AppEvents,
    base_ctx: ServiceContext,
    settings: Settings,
    *,
    store: TransactionalStore,
) -> StaffSession:
    """Covers the window with the lock screen, adds the staff actions to its File menu and opens the
    sign-in dialog. Call it once the store is open (``base_ctx`` is ``build_context``'s context, the
    one the runner was attached with; ``store`` is needed to re-attach the runner per staff member).

    Wire ``session.views_reset`` to clear the views and ``session.signed_in`` to (re)load them.
    """
    session = StaffSession(window, runner, store, base_ctx, int(settings.idle_lock_minutes), events)
    session.actions = AuthActions(window, session, runner)
    session.ask_sign_in()
    return session
