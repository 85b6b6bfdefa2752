"""The sign-in dialog: the Argon2id check runs on the db lane; a refusal is shown inline."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.domain import Actor
from app.errors import BranchDeskError
from ui import errors
from ui.ops import OpRunner
from ui.services import _lazy
from ui.widgets import FieldError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.context import ServiceContext
    from app.services.auth import SignInOutcome

# Loaded on first use, on the db lane: the window shows before SQLAlchemy is imported.
auth_service = _lazy("app.services.auth")

USERNAME_MAX = 32
PASSWORD_MAX = 128


def _sign_in(
    session: Session, _runner_ctx: object, base_ctx: ServiceContext, username: str, password: str
) -> SignInOutcome:
    # The workstation's context, not whoever the runner acts for: it supplies branch and workstation.
    return auth_service.sign_in(session, base_ctx, username, password)


def _sign_out(session: Session, ctx: ServiceContext, reason: str) -> None:
    auth_service.sign_out(session, ctx, reason)


def request_sign_in(
    runner: OpRunner,
    base_ctx: ServiceContext,
    username: str,
    password: str,
    on_actor: Callable[[Actor], None],
    on_refused: Callable[[BranchDeskError], None],
) -> int:
    """Checks the credentials off the GUI thread; exactly one of the callbacks runs afterwards.

    The refusal is committed (failure count, lock, log entry) before it reaches ``on_refused``.
    """

    def landed(outcome: Any) -> None:
        try:
            actor = outcome.actor_or_raise()
        except BranchDeskError as exc:
            on_refused(exc)
            return
        on_actor(actor)

    return runner.run_db(_sign_in, base_ctx, username, password, on_success=landed, on_failure=on_refused)


def record_sign_out(runner: OpRunner, reason: str) -> int:
    """Logs ``auth.sign_out`` for whoever the runner acts for now (its ctx is taken at submission)."""
    return runner.run_db(_sign_out, reason)


class SignInDialog(QDialog):
    """User name and password; Enter signs in. The password is cleared as soon as it is read."""

    signed_in = Signal(object, str)  # Actor, the user name as the service matched it

    def __init__(
        self,
        runner: OpRunner,
        base_ctx: ServiceContext,
        parent: QWidget | None = None,
        username: str = "",
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.base_ctx = base_ctx
        self._busy = False
        self.setWindowTitle(self.tr("Sign in to BranchDesk"))
        intro = QLabel(self.tr("Sign in with your staff account."))
        intro.setWordWrap(True)
        where = QLabel(
            self.tr("Branch %1, workstation %2")
            .replace("%1", str(base_ctx.actor.branch))
            .replace("%2", str(base_ctx.actor.workstation))
        )
        where.setProperty("role", "hint")  # the theme's muted colour, readable in high contrast too
        self.username_edit = QLineEdit(username)
        self.username_edit.setMaxLength(USERNAME_MAX)
        self.username_edit.setPlaceholderText(self.tr("e.g. zhang.san"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(PASSWORD_MAX)
        self.message = FieldError()
        self.message.setAccessibleName(self.tr("Sign-in message"))
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate: the check takes a fraction of a second
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.setAccessibleName(self.tr("Checking…"))
        self.busy_bar.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(self.tr("Sign in"))
        self.sign_in_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.username_edit.textEdited.connect(self.message.clear_message)
        self.password_edit.textEdited.connect(self.message.clear_message)
        form = QFormLayout()
        form.addRow(self.tr("&User name"), self.username_edit)
        form.addRow(self.tr("&Password"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        (self.password_edit if username else self.username_edit).setFocus()

    @property
    def busy(self) -> bool:
        return self._busy

    def submit(self) -> None:
        if self._busy:
            return
        username = self.username_edit.text().strip().lower()
        if not username:
            self.message.show_message(self.tr("Enter your user name."))
            self.username_edit.setFocus()
            return
        password = self.password_edit.text()
        self.password_edit.clear()  # the widget does not hold it while the check runs, nor after
        if not password:
            self.message.show_message(self.tr("Enter your password."))
            self.password_edit.setFocus()
            return
        self.message.clear_message()
        self._set_busy(True)
        request_sign_in(
            self.runner,
            self.base_ctx,
            username,
            password,
            on_actor=lambda actor: self._accepted(actor, username),
            on_refused=self._refused,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        for widget in (self.username_edit, self.password_edit, self.buttons):
            widget.setEnabled(not busy)

    def _accepted(self, actor: Actor, username: str) -> None:
        self._set_busy(False)
        self.signed_in.emit(actor, username)
        self.accept()

    def _refused(self, exc: BranchDeskError) -> None:
        self._set_busy(False)
        self.message.show_message(errors.message_for(exc))
        self.password_edit.setFocus()

    def reject(self) -> None:
        if self._busy:  # the check is already recorded; wait for its answer
            return
        self.password_edit.clear()
        super().reject()
