"""The customer detail panel: masked values, attributes, change history, and timed reveals."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import CustomerDetail, CustomerField
from ui.customers.labels import (
    action_label,
    field_label,
    format_time,
    id_type_label,
    kyc_label,
    purpose_label,
    risk_label,
)

PERSONAL_FIELDS = (
    CustomerField.NAME,
    CustomerField.ID_NUMBER,
    CustomerField.MOBILE,
    CustomerField.ADDRESS,
    CustomerField.ACCOUNTS,
)
ATTRIBUTES = ("id_type", "risk", "kyc", "consent", "consent_at", "created", "updated", "branch")


class CustomerDetailView(QWidget):
    """Shows one customer. A revealed value stays visible for ``reveal_seconds``, then re-masks."""

    reveal_requested = Signal(object)  # CustomerField

    def __init__(self, reveal_seconds: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reveal_seconds = max(1, reveal_seconds)
        self.detail: CustomerDetail | None = None
        self._remaining: dict[CustomerField, int] = {}
        self._plain: dict[CustomerField, str] = {}
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)

        self.empty_label = QLabel(self.tr("Search for a customer or pick one from the list."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

        self.value_labels: dict[CustomerField, QLabel] = {}
        self.hint_labels: dict[CustomerField, QLabel] = {}
        self.reveal_buttons: dict[CustomerField, QPushButton] = {}
        personal = QGroupBox(self.tr("Personal information (masked)"))
        personal_form = QFormLayout(personal)
        for field in PERSONAL_FIELDS:
            personal_form.addRow(field_label(field), self._personal_row(field))

        self.attribute_labels: dict[str, QLabel] = {}
        attributes = QGroupBox(self.tr("Customer record"))
        attribute_form = QFormLayout(attributes)
        captions = {
            "id_type": self.tr("ID type"),
            "risk": self.tr("Risk level"),
            "kyc": self.tr("KYC status"),
            "consent": self.tr("Consent"),
            "consent_at": self.tr("Consent recorded"),
            "created": self.tr("Registered"),
            "updated": self.tr("Last changed"),
            "branch": self.tr("Branch"),
        }
        for key in ATTRIBUTES:
            label = QLabel()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.attribute_labels[key] = label
            attribute_form.addRow(captions[key], label)

        history_box = QGroupBox(self.tr("Change history"))
        self.history_table = QTableWidget(0, 5)
        self.history_table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Staff"), self.tr("Action"), self.tr("Fields"), self.tr("Reason")]
        )
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.verticalHeader().setVisible(False)
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        QVBoxLayout(history_box).addWidget(self.history_table)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(personal)
        content_layout.addWidget(attributes)
        content_layout.addWidget(history_box, 1)

        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(content)

    def _personal_row(self, field: CustomerField) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        value = QLabel()
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint = QLabel()
        hint.setProperty("role", "warning")
        button = QPushButton(self.tr("Reveal…"))
        button.setToolTip(self.tr("Show the full value for a short time; a reason is required and logged."))
        button.clicked.connect(lambda _checked=False, f=field: self._button_clicked(f))
        layout.addWidget(value, 1)
        layout.addWidget(hint)
        layout.addWidget(button)
        self.value_labels[field] = value
        self.hint_labels[field] = hint
        self.reveal_buttons[field] = button
        return row

    # --- showing --------------------------------------------------------------------------

    @property
    def customer_id(self) -> str | None:
        return self.detail.id if self.detail is not None else None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.detail is not None:
            self.show_detail(self.detail)  # field captions and history are composed from the record
        super().changeEvent(event)

    def show_detail(self, detail: CustomerDetail) -> None:
        if self.detail is None or self.detail.id != detail.id:
            self._forget_reveals()
        self.detail = detail
        self._stack.setCurrentIndex(1)
        attributes = {
            "id_type": id_type_label(detail.id_type),
            "risk": risk_label(detail.risk_level),
            "kyc": kyc_label(detail.kyc_status),
            "consent": (
                self.tr("Given — purpose: %1").replace("%1", purpose_label(detail.consent_purpose))
                if detail.consent_given
                else self.tr("Not given")
            ),
            "consent_at": format_time(detail.consent_at),
            "created": format_time(detail.created_at),
            "updated": format_time(detail.updated_at),
            "branch": detail.branch,
        }
        for key, text in attributes.items():
            self.attribute_labels[key].setText(text)
        self._show_history(detail)
        for field in PERSONAL_FIELDS:
            self._render_field(field)

    def clear(self) -> None:
        self._forget_reveals()
        self.detail = None
        self._stack.setCurrentIndex(0)

    def _show_history(self, detail: CustomerDetail) -> None:
        table = self.history_table
        table.setRowCount(len(detail.history))
        for row, change in enumerate(sorted(detail.history, key=lambda c: c.at, reverse=True)):
            cells = (
                format_time(change.at),
                change.staff_id,
                action_label(change.action),
                self.tr(", ").join(field_label(name) for name in change.fields),
                change.reason,
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))

    def _render_field(self, field: CustomerField) -> None:
        label, button, hint = self.value_labels[field], self.reveal_buttons[field], self.hint_labels[field]
        masked = self.detail.masked.get(field, "") if self.detail is not None else ""
        if field in self._plain:
            label.setText(self._plain[field])
            label.setStyleSheet("font-weight: bold;")
            hint.setText(self.tr("hides in %1 s").replace("%1", str(self._remaining[field])))
            button.setText(self.tr("Hide"))
            button.setEnabled(True)
        else:
            label.setText(masked or "—")
            label.setStyleSheet("")
            hint.setText("")
            button.setText(self.tr("Reveal…"))
            button.setEnabled(bool(masked))

    # --- reveals --------------------------------------------------------------------------

    def is_revealed(self, field: CustomerField) -> bool:
        return field in self._plain

    def show_plain(self, field: CustomerField, value: str) -> None:
        """Show a value the service returned; it re-masks after reveal_seconds."""
        self._plain[field] = value
        self._remaining[field] = self.reveal_seconds
        if not self._ticker.isActive():
            self._ticker.start()
        self._render_field(field)

    def remask(self, field: CustomerField) -> None:
        self._plain.pop(field, None)
        self._remaining.pop(field, None)
        if not self._plain:
            self._ticker.stop()
        self._render_field(field)

    def _forget_reveals(self) -> None:
        self._plain.clear()
        self._remaining.clear()
        self._ticker.stop()

    def _tick(self) -> None:
        for field in list(self._remaining):
            self._remaining[field] -= 1
            if self._remaining[field] <= 0:
                self.remask(field)
            else:
                self._render_field(field)

    def _button_clicked(self, field: CustomerField) -> None:
        if field in self._plain:
            self.remask(field)
        else:
            self.reveal_requested.emit(field)

    def hideEvent(self, event: QHideEvent) -> None:
        # a hidden panel (window minimised, view switched) must not keep plain values around
        for field in list(self._plain):
            self.remask(field)
        super().hideEvent(event)
