"""The lock screen: takes the place of the main window's views while no one, or a locked user, is at it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import Actor
from ui.auth.labels import who_label
from ui.auth.sign_in import PASSWORD_MAX
from ui.widgets import FieldError


class LockScreen(QWidget):
    """Shows who is signed in and nothing else: the views are out of the widget tree meanwhile.

    Two faces: "locked" (password to unlock, or switch user) and "signed out" (sign in).
    """

    unlock_requested = Signal(str)  # the password, read and cleared from the field
    switch_user_requested = Signal()
    sign_in_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locked_actor: Actor | None = None
        self.setAutoFillBackground(True)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel()
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who.setStyleSheet("font-size: 12pt;")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(PASSWORD_MAX)
        self.password_edit.setPlaceholderText(self.tr("Password"))
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.password_edit.returnPressed.connect(self.submit)
        self.password_edit.textEdited.connect(lambda _text: self.message.clear_message())
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.switch_button = QPushButton(self.tr("Switch user…"))
        self.switch_button.clicked.connect(self.switch_user_requested)
        self.sign_in_button = QPushButton(self.tr("Sign in…"))
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        self.message = FieldError()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.setAccessibleName(self.tr("Checking…"))
        self.busy_bar.setVisible(False)

        password_row = QHBoxLayout()
        password_row.addWidget(self.password_edit, 1)
        password_row.addWidget(self.unlock_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.switch_button)
        buttons.addWidget(self.sign_in_button)
        buttons.addStretch(1)
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMinimumWidth(420)
        card.setMaximumWidth(520)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.who)
        inner.addWidget(self.hint)
        inner.addLayout(password_row)
        inner.addWidget(self.message)
        inner.addWidget(self.busy_bar)
        inner.addLayout(buttons)
        outer = QGridLayout(self)
        outer.setRowStretch(0, 1)
        outer.setRowStretch(2, 2)
        outer.setColumnStretch(0, 1)
        outer.setColumnStretch(2, 1)
        outer.addWidget(card, 1, 1)
        self.show_signed_out()

    # --- faces ----------------------------------------------------------------------------

    def show_signed_out(self) -> None:
        self._locked_actor = None
        self.title.setText(self.tr("BranchDesk"))
        self.who.setText(self.tr("No one is signed in."))
        self.hint.setText(self.tr("Sign in with your staff account to see customers and cases."))
        self._set_locked_face(False)

    def show_locked(self, actor: Actor) -> None:
        self._locked_actor = actor
        self.title.setText(self.tr("BranchDesk is locked"))
        self._show_who()
        self.hint.setText(
            self.tr(
                "Enter your password to continue, or switch to another staff member (this signs you out)."
            )
        )
        self._set_locked_face(True)

    def _show_who(self) -> None:
        if self._locked_actor is not None:
            self.who.setText(self.tr("Signed in: %1").replace("%1", who_label(self._locked_actor)))

    def changeEvent(self, event: QEvent) -> None:
        # the name and role are composed: redo them; the password typed so far stays
        if event.type() == QEvent.Type.LanguageChange:
            self._show_who()
        super().changeEvent(event)

    def _set_locked_face(self, locked: bool) -> None:
        self.set_busy(False)
        self.message.clear_message()
        self.password_edit.clear()
        for widget in (self.password_edit, self.unlock_button, self.switch_button):
            widget.setVisible(locked)
        self.sign_in_button.setVisible(not locked)
        self.sign_in_button.setDefault(not locked)

    @property
    def is_locked_face(self) -> bool:
        return not self.password_edit.isHidden()

    # --- unlocking ------------------------------------------------------------------------

    def submit(self) -> None:
        if self.busy_bar.isVisible():
            return
        password = self.password_edit.text()
        self.password_edit.clear()
        if not password:
            self.show_message(self.tr("Enter your password."))
            self.password_edit.setFocus()
            return
        self.message.clear_message()
        self.unlock_requested.emit(password)

    def set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        for widget in (self.password_edit, self.unlock_button, self.switch_button, self.sign_in_button):
            widget.setEnabled(not busy)
        if not busy and self.is_locked_face and self.isVisible():
            self.password_edit.setFocus()

    def show_message(self, text: str) -> None:
        self.message.show_message(text)

    def focus_input(self) -> None:
        (self.password_edit if self.is_locked_face else self.sign_in_button).setFocus()
