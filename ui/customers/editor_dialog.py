"""The register / edit customer form with inline, per-field messages."""

from __future__ import annotations

import re
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import (
    ConsentPurpose,
    CustomerDraft,
    CustomerEditable,
    CustomerRef,
    IdType,
    KycStatus,
    RiskLevel,
)
from app.errors import BranchDeskError, ValidationError
from app.messages import Message
from app.validation.customer import check_customer_draft
from ui import errors
from ui.customers.labels import id_type_label, kyc_label, purpose_label, risk_label
from ui.ops import OpRunner
from ui.services import customers as customer_service
from ui.widgets import FieldError

# Customer-facing forms take account numbers one per line or separated by commas (either width).
ACCOUNT_SEPARATORS = re.compile(r"[\n,，;；]+")
FIELD_KEYS = ("name", "id_number", "mobile", "address", "accounts", "consent", "reason")


def parse_accounts(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in ACCOUNT_SEPARATORS.split(text) if part.strip())


def _fill_combo(combo: QComboBox, values: type[StrEnum], label: object) -> None:
    for value in values:
        combo.addItem(label(value), value)  # type: ignore[operator]


def _select(combo: QComboBox, value: StrEnum) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


class CustomerEditorDialog(QDialog):
    """Registers a new customer, or edits one loaded with load_for_edit (a reason is required).

    Messages appear under each field as it loses focus (check_customer_draft is pure, so it runs
    on the GUI thread) and again from the service's ValidationError when saving.
    """

    saved = Signal(object)  # CustomerRef

    def __init__(
        self, runner: OpRunner, editable: CustomerEditable | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ref: CustomerRef | None = editable.ref if editable is not None else None
        self._touched: set[str] = set()
        self.setWindowTitle(self.tr("Edit customer") if self.ref else self.tr("Register customer"))

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(100)
        self.id_type_combo = QComboBox()
        _fill_combo(self.id_type_combo, IdType, id_type_label)
        self.id_number_edit = QLineEdit()
        self.id_number_edit.setMaxLength(40)
        self.mobile_edit = QLineEdit()
        self.mobile_edit.setMaxLength(20)
        self.mobile_edit.setPlaceholderText(self.tr("11 digits, e.g. 13812345678"))
        self.address_edit = QLineEdit()
        self.address_edit.setMaxLength(200)
        self.accounts_edit = QPlainTextEdit()
        self.accounts_edit.setPlaceholderText(self.tr("One card or account number per line"))
        self.accounts_edit.setTabChangesFocus(True)
        self.accounts_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.risk_combo = QComboBox()
        _fill_combo(self.risk_combo, RiskLevel, risk_label)
        self.kyc_combo = QComboBox()
        _fill_combo(self.kyc_combo, KycStatus, kyc_label)
        self.consent_check = QCheckBox(self.tr("The customer consents to their data being kept for"))
        self.purpose_combo = QComboBox()
        _fill_combo(self.purpose_combo, ConsentPurpose, purpose_label)
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(200)
        self.reason_edit.setPlaceholderText(self.tr("Why is this record being changed?"))

        self.errors: dict[str, FieldError] = {key: FieldError() for key in FIELD_KEYS}
        self.general_error = FieldError()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        consent_row = QWidget()
        consent_layout = QHBoxLayout(consent_row)
        consent_layout.setContentsMargins(0, 0, 0, 0)
        consent_layout.addWidget(self.consent_check)
        consent_layout.addWidget(self.purpose_combo, 1)
        rows: list[tuple[str, QWidget, str | None]] = [
            (self.tr("Name"), self.name_edit, "name"),
            (self.tr("ID type"), self.id_type_combo, None),
            (self.tr("ID number"), self.id_number_edit, "id_number"),
            (self.tr("Mobile"), self.mobile_edit, "mobile"),
            (self.tr("Address"), self.address_edit, "address"),
            (self.tr("Cards / accounts"), self.accounts_edit, "accounts"),
            (self.tr("Risk level"), self.risk_combo, None),
            (self.tr("KYC status"), self.kyc_combo, None),
            (self.tr("Consent"), consent_row, "consent"),
        ]
        if self.ref is not None:
            rows.append((self.tr("Reason for change"), self.reason_edit, "reason"))
        for caption, widget, key in rows:
            form.addRow(caption, widget)
            if key is not None:
                form.addRow("", self.errors[key])

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        # Enter in a field must not save a half-filled form: staff press Enter out of habit.
        self.save_button.setAutoDefault(False)
        self.save_button.setDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

        if editable is not None:
            self._load(editable.draft)
        self._connect_inline_checks()

    # --- values ---------------------------------------------------------------------------

    def _load(self, draft: CustomerDraft) -> None:
        self.name_edit.setText(draft.name)
        _select(self.id_type_combo, draft.id_type)
        self.id_number_edit.setText(draft.id_number)
        self.mobile_edit.setText(draft.mobile)
        self.address_edit.setText(draft.address)
        self.accounts_edit.setPlainText("\n".join(draft.accounts))
        _select(self.risk_combo, draft.risk_level)
        _select(self.kyc_combo, draft.kyc_status)
        self.consent_check.setChecked(draft.consent_given)
        _select(self.purpose_combo, draft.consent_purpose)

    def draft(self) -> CustomerDraft:
        """The form's raw values; normalising and checking is the validator's job."""
        return CustomerDraft(
            name=self.name_edit.text(),
            id_type=IdType(self.id_type_combo.currentData()),
            id_number=self.id_number_edit.text(),
            mobile=self.mobile_edit.text(),
            address=self.address_edit.text(),
            accounts=parse_accounts(self.accounts_edit.toPlainText()),
            risk_level=RiskLevel(self.risk_combo.currentData()),
            kyc_status=KycStatus(self.kyc_combo.currentData()),
            consent_given=self.consent_check.isChecked(),
            consent_purpose=ConsentPurpose(self.purpose_combo.currentData()),
        )

    # --- inline checks --------------------------------------------------------------------

    def _connect_inline_checks(self) -> None:
        for key, edit in (
            ("name", self.name_edit),
            ("id_number", self.id_number_edit),
            ("mobile", self.mobile_edit),
            ("address", self.address_edit),
        ):
            edit.editingFinished.connect(lambda key=key: self._field_left(key))
            edit.textEdited.connect(lambda _text, key=key: self.errors[key].clear_message())
        self.accounts_edit.installEventFilter(self)
        self.accounts_edit.textChanged.connect(self.errors["accounts"].clear_message)
        self.consent_check.toggled.connect(lambda _on: self._field_left("consent"))
        self.id_type_combo.currentIndexChanged.connect(lambda _i: self._recheck_touched())
        self.reason_edit.textEdited.connect(lambda _text: self.errors["reason"].clear_message())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.accounts_edit and event.type() == QEvent.Type.FocusOut:
            self._field_left("accounts")
        return super().eventFilter(watched, event)

    def _field_left(self, key: str) -> None:
        self._touched.add(key)
        self._recheck_touched()

    def _recheck_touched(self) -> None:
        _normalised, field_errors = check_customer_draft(self.draft())
        for key in self._touched:
            if key in self.errors and key != "reason":
                self._show_field(key, field_errors.get(key))

    def _show_field(self, key: str, message: Message | None) -> None:
        self.errors[key].show_message(errors.field_message(message) if message else "")

    def field_error(self, key: str) -> str:
        """The message currently shown under a field ('' if none)."""
        return self.errors[key].message

    def show_field_errors(self, field_errors: dict[str, Message]) -> None:
        unplaced = []
        for key, message in field_errors.items():
            if key in self.errors:
                self._show_field(key, message)
            else:
                unplaced.append(errors.field_message(message))
        self.general_error.show_message("\n".join(unplaced))
        self._focus_first_error()

    def _focus_first_error(self) -> None:
        widgets = {
            "name": self.name_edit,
            "id_number": self.id_number_edit,
            "mobile": self.mobile_edit,
            "address": self.address_edit,
            "accounts": self.accounts_edit,
            "consent": self.consent_check,
            "reason": self.reason_edit,
        }
        for key in FIELD_KEYS:
            if self.field_error(key):
                widgets[key].setFocus()
                return

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return  # a save is already running
        self._touched.update(k for k in FIELD_KEYS if k != "reason")
        draft = self.draft()
        _normalised, field_errors = check_customer_draft(draft)
        for key in self.errors:
            self.errors[key].clear_message()
        self.general_error.clear_message()
        if field_errors:
            self.show_field_errors(field_errors)
            return
        self.save_button.setEnabled(False)
        if self.ref is None:
            self.runner.run_db(
                customer_service.register_customer,
                draft,
                on_success=self._saved,
                on_failure=self._failed,
            )
        else:
            self.runner.run_db(
                customer_service.update_customer,
                self.ref,
                draft,
                self.reason_edit.text().strip(),
                on_success=self._saved,
                on_failure=self._failed,
            )

    def _saved(self, result: tuple[CustomerRef, object]) -> None:
        self.save_button.setEnabled(True)
        self.saved.emit(result[0])
        self.accept()

    def _failed(self, exc: BranchDeskError) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.show_field_errors(exc.field_errors)
        else:
            errors.show_error(self, exc)
