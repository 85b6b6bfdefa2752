"""Asks why a masked value must be shown, then reveals it through the service (which logs it)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import CustomerField
from app.errors import BranchDeskError, ValidationError
from ui import errors
from ui.customers.labels import field_label
from ui.ops import OpRunner
from ui.services import customers as customer_service
from ui.widgets import FieldError


class RevealDialog(QDialog):
    """One reveal: the reason is required; the service records it in the operation log."""

    revealed = Signal(object, str)  # CustomerField, plain value

    def __init__(
        self, runner: OpRunner, customer_id: str, field: CustomerField, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.customer_id = customer_id
        self.field = field
        self.setWindowTitle(self.tr("Reveal %1").replace("%1", field_label(field)))
        intro = QLabel(
            self.tr(
                "The full value will be shown for a short time. Why do you need to see it? "
                "Your reason is recorded in the operation log."
            )
        )
        intro.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("e.g. customer asked to confirm the number"))
        self.reason_edit.setMaxLength(200)
        self.reason_error = FieldError()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.reveal_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.reveal_button.setText(self.tr("Reveal"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self.reason_error.clear_message)
        field_caption = QLabel(self.tr("Field: %1").replace("%1", field_label(field)))
        field_caption.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(field_caption)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Reason")))
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.reason_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def submit(self) -> None:
        if not self.buttons.isEnabled():
            return  # already submitted
        self.buttons.setEnabled(False)
        self.runner.run_db(
            customer_service.reveal_field,
            self.customer_id,
            self.field,
            self.reason_edit.text().strip(),
            on_success=self._revealed,
            on_failure=self._failed,
        )

    def _revealed(self, result: tuple[str, object]) -> None:
        value = result[0]
        self.buttons.setEnabled(True)
        self.revealed.emit(self.field, value)
        self.accept()

    def _failed(self, exc: BranchDeskError) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError) and "reason" in exc.field_errors:
            self.reason_error.show_message(errors.field_message(exc.field_errors["reason"]))
            self.reason_edit.setFocus()
            return
        errors.show_error(self, exc)
        self.reject()
