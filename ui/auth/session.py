"""Who works at this PC: sign-in, lock, unlock, switch and sign-out, and the runner's context to match."""

from __future__ import annotations

import dataclasses
import logging
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QMainWindow

from app.domain import Actor
from app.errors import BranchDeskError
from ui import errors
from ui.auth.cover import WindowCover
from ui.auth.idle import IdleWatcher
from ui.auth.labels import who_label
from ui.auth.lock_screen import LockScreen
from ui.auth.sign_in import SignInDialog, record_sign_out, request_sign_in
from ui.events import AppEvents
from ui.ops import OpRunner, RunnerClosed, TransactionalStore

if TYPE_CHECKING:
    from app.context import ServiceContext
    from ui.auth.actions import AuthActions

log = logging.getLogger(__name__)

MINUTE_MS = 60_000


class SessionState(StrEnum):
    SIGNED_OUT = "signed_out"  # the lock screen offers "Sign in"
    ACTIVE = "active"  # the views are shown; the runner acts for the staff member
    LOCKED = "locked"  # the views are out of the window until the same staff member signs in again


class StaffSession(QObject):
    """Holds the signed-in staff member and the workstation's base context.

    Every new session re-attaches the runner with ``replace(base_ctx, actor=actor)``. Locking (Ctrl+L
    or ``idle_lock_minutes`` without input) records ``auth.sign_out`` with reason "idle" and covers
    the window; unlocking is a fresh ``sign_in`` of the same user name. "Switch user" and "Sign out"
    record ``auth.sign_out`` ("switch" / "user"), put the base context back and emit ``views_reset``.
    """

    signed_in = Signal(object)  # Actor: a new session began; views may (re)load for this actor
    unlocked = Signal(object)  # Actor: the same staff member is back; views are as they were
    locked = Signal()
    signed_out = Signal(str)  # reason: "user" or "switch"
    views_reset = Signal()  # clear every view: what it shows was loaded for someone else
    state_changed = Signal(str)  # SessionState

    def __init__(
        self,
        window: QMainWindow,
        runner: OpRunner,
        store: TransactionalStore,
        base_ctx: ServiceContext,
        idle_minutes: int,
        events: AppEvents | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.store = store
        self.base_ctx = base_ctx
        self.events = events
        self._state = SessionState.SIGNED_OUT
        self._actor: Actor | None = None
        self._username = ""
        self.sign_in_dialog: SignInDialog | None = None
        self.actions: AuthActions | None = None  # the File menu's actions (install_auth)
        self.lock_screen = LockScreen()
        self.cover = WindowCover(window, self.lock_screen)
        self.idle = IdleWatcher(max(1, idle_minutes) * MINUTE_MS, self)
        self.idle.idle.connect(self.lock)
        self.lock_screen.unlock_requested.connect(self.unlock)
        self.lock_screen.switch_user_requested.connect(self.switch_user)
        self.lock_screen.sign_in_requested.connect(self.ask_sign_in)
        self._attach(base_ctx)
        window.installEventFilter(self)  # closing the window ends the session in the log too

    # --- state ----------------------------------------------------------------------------

    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def actor(self) -> Actor | None:
        """The signed-in staff member (also while locked); None when signed out."""
        return self._actor

    @property
    def is_active(self) -> bool:
        return self._state is SessionState.ACTIVE

    def set_idle_timeout(self, interval_ms: int) -> None:
        """How long without input before the lock (tests use a fraction of a second)."""
        self.idle.set_interval(interval_ms)

    def _set_state(self, state: SessionState) -> None:
        self._state = state
        self.state_changed.emit(state.value)

    def _attach(self, ctx: ServiceContext) -> None:
        self.runner.attach(self.store, ctx)

    def _say(self, text: str) -> None:
        if self.events is not None:
            self.events.status_message.emit(text)

    # --- signing in -----------------------------------------------------------------------

    def ask_sign_in(self) -> SignInDialog:
        """Opens the sign-in dialog over the covered window (or brings the open one forward)."""
        dialog = self.sign_in_dialog
        if dialog is not None and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        if dialog is not None:
            self.cover.exempt.discard(dialog)
            dialog.deleteLater()
        dialog = SignInDialog(self.runner, self.base_ctx, self.window)
        dialog.signed_in.connect(self.begin)
        dialog.finished.connect(lambda _result: self.lock_screen.focus_input())
        self.cover.exempt.add(dialog)
        self.sign_in_dialog = dialog
        dialog.open()
        return dialog

    def begin(self, actor: Actor, username: str) -> None:
        """A successful sign-in: the same user after a lock gets the window back as it was; anyone
        else starts a fresh session (views reset, runner acting for them)."""
        if self._state is SessionState.LOCKED and self._same(actor):
            self._attach(dataclasses.replace(self.base_ctx, actor=actor))
            self._actor = actor
            self._set_state(SessionState.ACTIVE)
            self.cover.uncover()
            self.idle.start()
            self._say(self.tr("Welcome back, %1.").replace("%1", actor.display_name))
            self.unlocked.emit(actor)
            return
        if self._actor is not None:
            self._end("switch")
        self.views_reset.emit()  # the views may hold what was loaded for the workstation account
        self._attach(dataclasses.replace(self.base_ctx, actor=actor))
        self._actor = actor
        self._username = username
        self._set_state(SessionState.ACTIVE)
        self.cover.discard_hidden()
        self.cover.uncover()
        self.idle.start()
        log.info("staff %s signed in", actor.staff_id)
        self._say(self.tr("Signed in as %1.").replace("%1", who_label(actor)))
        self.signed_in.emit(actor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.is_active:
            self._record_sign_out("user")  # the runner drains on quit, so this still commits
            self.idle.stop()
            self._actor, self._username = None, ""
            self._set_state(SessionState.SIGNED_OUT)
        return False

    def _record_sign_out(self, reason: str) -> None:
        try:
            record_sign_out(self.runner, reason)
        except RunnerClosed:  # quitting: nothing more can be recorded, the window still covers up
            log.warning("sign-out (%s) not recorded: the app is shutting down", reason)

    def _same(self, actor: Actor) -> bool:
        return self._actor is not None and actor.staff_id == self._actor.staff_id

    # --- locking --------------------------------------------------------------------------

    def lock(self) -> None:
        """Ctrl+L or idle: the views leave the window until the same staff member signs in again."""
        if self._state is not SessionState.ACTIVE or self._actor is None:
            return
        self._record_sign_out("idle")  # as the staff member: the runner still acts for them
        self.idle.stop()
        self.cover.cover()
        self.lock_screen.show_locked(self._actor)
        self._set_state(SessionState.LOCKED)
        log.info("session of staff %s locked", self._actor.staff_id)
        self.locked.emit()
        self.lock_screen.focus_input()

    def unlock(self, password: str) -> None:
        if self._state is not SessionState.LOCKED:
            return
        self.lock_screen.set_busy(True)
        request_sign_in(
            self.runner,
            self.base_ctx,
            self._username,
            password,
            on_actor=self._unlock_accepted,
            on_refused=self._unlock_refused,
        )

    def _unlock_accepted(self, actor: Actor) -> None:
        self.lock_screen.set_busy(False)
        if self._state is SessionState.LOCKED:
            self.begin(actor, self._username)

    def _unlock_refused(self, exc: BranchDeskError) -> None:
        self.lock_screen.set_busy(False)
        self.lock_screen.show_message(errors.message_for(exc))

    # --- ending ---------------------------------------------------------------------------

    def switch_user(self) -> None:
        """Signs the current staff member out (reason "switch") and asks who comes next."""
        if self._actor is not None:
            self._end("switch")
        self.ask_sign_in()

    def sign_out(self) -> None:
        if self._actor is not None:
            self._end("user")
        self.ask_sign_in()

    def _end(self, reason: str) -> None:
        actor = self._actor
        assert actor is not None
        self._record_sign_out(reason)  # submitted with the leaving staff member's context
        self._attach(self.base_ctx)
        self._actor = None
        self._username = ""
        self.idle.stop()
        self.cover.cover()
        self.cover.discard_hidden()
        self.lock_screen.show_signed_out()
        self._set_state(SessionState.SIGNED_OUT)
        log.info("staff %s signed out (%s)", actor.staff_id, reason)
        self.views_reset.emit()
        self.signed_out.emit(reason)
