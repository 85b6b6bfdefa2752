"""A small form dialog that runs one case action through the op runner and shows what went wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.case_domain import CaseDetail, CaseRef
from app.errors import BranchDeskError, ValidationError
from ui import errors
from ui.ops import OpRunner
from ui.widgets import FieldError


class LocalProblem(Exception):
    """A value the form can reject itself before asking the service (e.g. an amount that is no number)."""

    def __init__(self, field: str, text: str) -> None:
        super().__init__(field)
        self.field = field
        self.text = text


def ref_of(detail: CaseDetail) -> CaseRef:
    return CaseRef(detail.id, detail.number, detail.version)


def line_edit(placeholder: str = "", max_length: int = 200) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    edit.setPlaceholderText(placeholder)
    return edit


def text_edit(lines: int = 3, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


def value_of(widget: QWidget) -> Any:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    raise TypeError(type(widget).__name__)


class ActionDialog(QDialog):
    """Rows of inputs with a message under each; OK runs ``action(session, ctx, ref, *args())``.

    Enter in a one-line field or Ctrl+Enter anywhere submits; Esc cancels. Validation errors from
    the service appear under their fields, any other failure as its rendered message in the dialog.
    """

    done = Signal(object)  # the new CaseRef
    failed = Signal(object)  # the BranchDeskError the service raised

    def __init__(
        self,
        runner: OpRunner,
        ref: CaseRef,
        title: str,
        intro: str = "",
        ok_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ref = ref
        self.action: Callable[..., Any] | None = None
        self.arguments: Callable[[], tuple[Any, ...]] = tuple
        self.setWindowTitle(title)
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, FieldError] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general_error = FieldError()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok_text:
            self.ok_button.setText(ok_text)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.activated.connect(self.submit)

        layout = QVBoxLayout(self)
        caption = QLabel(self.tr("Case %1").replace("%1", ref.number))
        caption.setStyleSheet("font-weight: bold;")
        layout.addWidget(caption)
        if intro:
            intro_label = QLabel(intro)
            intro_label.setWordWrap(True)
            layout.addWidget(intro_label)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def add_row(self, key: str, caption: str, widget: QWidget, required: bool = False) -> QWidget:
        self.widgets[key] = widget
        self.errors[key] = FieldError()
        self.form.addRow(f"{caption} *" if required else caption, widget)
        self.form.addRow("", self.errors[key])
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text, key=key: self.errors[key].clear_message())
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self.errors[key].clear_message)
        return widget

    def run(self, action: Callable[..., Any], arguments: Callable[[], tuple[Any, ...]]) -> ActionDialog:
        self.action = action
        self.arguments = arguments
        return self

    def value(self, key: str) -> Any:
        return value_of(self.widgets[key])

    def field_error(self, key: str) -> str:
        return self.errors[key].message if key in self.errors else ""

    def focus_first(self) -> None:
        for widget in self.widgets.values():
            if widget.isEnabled() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.ok_button.setFocus()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.focus_first()

    # --- running --------------------------------------------------------------------------

    def submit(self) -> None:
        if not self.ok_button.isEnabled() or self.action is None:
            return
        for label in self.errors.values():
            label.clear_message()
        self.general_error.clear_message()
        try:
            args = self.arguments()
        except LocalProblem as problem:
            self._show(problem.field, problem.text)
            return
        self.ok_button.setEnabled(False)
        self.runner.run_db(self.action, self.ref, *args, on_success=self._succeeded, on_failure=self._failed)

    def _succeeded(self, result: tuple[CaseRef, object]) -> None:
        self.ok_button.setEnabled(True)
        self.done.emit(result[0])
        self.accept()

    def _failed(self, exc: BranchDeskError) -> None:
        self.ok_button.setEnabled(True)
        self.failed.emit(exc)
        if isinstance(exc, ValidationError):
            for key, message in exc.field_errors.items():
                self._show(key, errors.field_message(message))
        else:
            self.general_error.show_message(errors.message_for(exc))

    def _show(self, key: str, text: str) -> None:
        if key in self.errors:
            self.errors[key].show_message(text)
            self.widgets[key].setFocus()
        else:
            shown = self.general_error.message
            self.general_error.show_message(f"{shown}\n{text}" if shown else text)
