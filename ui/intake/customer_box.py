"""The intake form's customer line: who the case is for (masked), find another, or register a new one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain import CustomerDetail, CustomerField, CustomerRef, IdType
from app.errors import BranchDeskError
from ui import errors
from ui.customers.labels import id_type_label
from ui.ops import OpRunner
from ui.services import customers as customer_service

if TYPE_CHECKING:
    from ui.customers.editor_dialog import CustomerEditorDialog


class CustomerBox(QWidget):
    """Shows the customer the case is for; never a plain personal value."""

    changed = Signal()  # a customer was chosen, or cleared
    find_requested = Signal()  # take the user to the customer search

    def __init__(self, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.detail: CustomerDetail | None = None
        self.editor: CustomerEditorDialog | None = None
        self._wanted: str | None = None
        self.value_label = QLabel()
        self.value_label.setWordWrap(True)
        self.find_button = QPushButton(self.tr("Find c&ustomer…"))
        self.find_button.setToolTip(
            self.tr("Search the customer in the Customers tab (Ctrl+F), then come back")
        )
        self.find_button.clicked.connect(self.find_requested)
        self.register_button = QPushButton(self.tr("Re&gister new…"))
        self.register_button.clicked.connect(self.register_customer)
        self.clear_button = QPushButton(self.tr("No customer"))
        self.clear_button.setToolTip(self.tr("Inquiries and appointments may be taken without a customer"))
        self.clear_button.clicked.connect(self.clear)
        for button in (self.find_button, self.register_button, self.clear_button):
            button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.value_label, 1)
        layout.addWidget(self.find_button)
        layout.addWidget(self.register_button)
        layout.addWidget(self.clear_button)
        self._render()

    @property
    def customer_id(self) -> str | None:
        return self.detail.id if self.detail is not None else None

    @property
    def is_organisation(self) -> bool:
        return self.detail is not None and self.detail.id_type is IdType.USCC

    def set_customer(self, customer_id: str | None) -> None:
        """The customer selected elsewhere (the customer panel), or None."""
        if customer_id is None:
            self.clear()
            return
        if customer_id == self.customer_id:
            return
        self._wanted = customer_id
        self.runner.run_db(
            customer_service.get_customer, customer_id, on_success=self._loaded, on_failure=self._failed
        )

    def _loaded(self, detail: CustomerDetail) -> None:
        if detail.id != self._wanted:
            return
        self.detail = detail
        self._render()
        self.changed.emit()

    def _failed(self, exc: BranchDeskError) -> None:
        errors.show_error(self, exc)

    def clear(self) -> None:
        self._wanted = None
        had = self.detail is not None
        self.detail = None
        self._render()
        if had:
            self.changed.emit()

    def _set_role(self, role: str) -> None:
        # the theme colours labels by role; a changed property needs a re-polish to show
        self.value_label.setProperty("role", role)
        self.value_label.style().unpolish(self.value_label)
        self.value_label.style().polish(self.value_label)

    def _render(self) -> None:
        detail = self.detail
        if detail is None:
            self.value_label.setText(
                self.tr("No customer chosen — find or register one (complaints need one).")
            )
            self._set_role("hint")
            self.clear_button.setEnabled(False)
            return
        masked = detail.masked
        parts = [
            masked.get(CustomerField.NAME, ""),
            f"{id_type_label(detail.id_type)} {masked.get(CustomerField.ID_NUMBER, '')}",
            masked.get(CustomerField.MOBILE, ""),
        ]
        self.value_label.setText(" · ".join(part for part in parts if part.strip()))
        self._set_role("value")
        self.clear_button.setEnabled(True)

    def register_customer(self) -> None:
        """Quick registration: the customer editor; the new customer becomes the case's customer."""
        from ui.customers.editor_dialog import CustomerEditorDialog

        dialog = CustomerEditorDialog(self.runner, None, self.window())
        dialog.saved.connect(self._registered)
        self.editor = dialog

        def finished(_result: int) -> None:
            if self.editor is dialog:
                self.editor = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _registered(self, ref: CustomerRef) -> None:
        self.set_customer(ref.id)
