"""The intake form: one keyboard-first screen; Ctrl+Enter saves, Esc discards (after asking)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt, QTimeZone, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.case_domain import CaseDraft, CaseRef, DuplicateCandidate, DuplicateDecision
from app.domain import CaseKind, Channel, Severity
from app.errors import BranchDeskError, ValidationError
from app.messages import Message
from ui import errors
from ui.cases.labels import channel_label, kind_label, severity_label
from ui.cases.reference import CaseReference
from ui.events import AppEvents
from ui.intake.category_picker import BusinessPicker, CategoryPicker, fill_pickers
from ui.intake.customer_box import CustomerBox
from ui.intake.draft import clear_form, draft_from, form_is_empty
from ui.intake.duplicate_dialog import DuplicateDialog
from ui.intake.layout import build_layout
from ui.ops import OpRunner
from ui.services import intake as intake_service
from ui.widgets import FieldError

FIELD_KEYS = (
    "customer_id",
    "category_code",
    "business_code",
    "summary",
    "description",
    "desired_outcome",
    "products",
    "staff_complained_about",
    "legal_representative",
    "agent",
    "received_at",
)
CHINA = QTimeZone(8 * 3600)


def _combo(values: type[StrEnum], label: object) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(label(value), value)  # type: ignore[operator]
    return combo


def _text_edit(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab moves on: the form is driven from the keyboard
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class IntakeForm(QWidget):
    """Builds a CaseDraft; on save checks duplicates (complaints), submits, then opens the receipt."""

    case_submitted = Signal(object)  # CaseRef
    find_customer_requested = Signal()
    receipt_wanted = Signal(str)  # case id

    def __init__(
        self, runner: OpRunner, events: AppEvents, reference: CaseReference, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.events = events
        self.reference = reference
        self.duplicate_dialog: DuplicateDialog | None = None
        self.last_ref: CaseRef | None = None
        self._touched: set[str] = set()
        self._saving = False

        self.customer_box = CustomerBox(runner)
        self.customer_box.find_requested.connect(self.find_customer_requested)
        self.customer_box.changed.connect(self._customer_changed)
        self.kind_combo = _combo(CaseKind, kind_label)
        self.channel_combo = _combo(Channel, channel_label)
        self.category_picker = CategoryPicker()
        self.business_picker = BusinessPicker()
        self.severity_combo = _combo(Severity, severity_label)
        self.summary_edit = QLineEdit()
        self.summary_edit.setMaxLength(200)
        self.summary_edit.setPlaceholderText(self.tr("One line: what is it about?"))
        self.description_edit = _text_edit(5)
        self.description_edit.setPlaceholderText(self.tr("What happened, when, and why the customer objects"))
        self.outcome_edit = _text_edit(3)
        self.outcome_edit.setPlaceholderText(self.tr("What the customer asks the bank to do"))
        self.products_edit = QLineEdit()
        self.products_edit.setMaxLength(500)
        self.products_edit.setPlaceholderText(self.tr("Product names, card or account references"))
        self.staff_edit = QLineEdit()
        self.staff_edit.setMaxLength(100)
        self.legal_edit = QLineEdit()
        self.legal_edit.setMaxLength(50)
        self.received_check = QCheckBox(self.tr("Received earlier (letter, call):"))
        self.received_edit = QDateTimeEdit()
        self.received_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received_edit.setTimeZone(CHINA)
        self.received_edit.setDateTime(QDateTime.currentDateTime().toTimeZone(CHINA))
        self.received_edit.setEnabled(False)
        self.received_check.toggled.connect(self._received_toggled)
        self.agent_check = QCheckBox(self.tr("The complainant is an &agent acting for the customer"))
        self.agent_name_edit = QLineEdit()
        self.agent_id_edit = QLineEdit()
        self.agent_contact_edit = QLineEdit()
        self.agent_poa_edit = QLineEdit()
        self.agent_poa_edit.setPlaceholderText(self.tr("Reference of the power of attorney"))
        self.agent_box = QGroupBox(self.tr("Agent"))
        self.agent_check.toggled.connect(self._agent_toggled)

        self.errors: dict[str, FieldError] = {key: FieldError() for key in FIELD_KEYS}
        self.general_error = FieldError()
        self.save_button = QPushButton(self.tr("&Save case"))
        self.save_button.setToolTip(self.tr("Save and print the receipt (Ctrl+Enter)"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setToolTip(self.tr("Discard this draft (Esc)"))
        self.discard_button.setAutoDefault(False)
        self.discard_button.clicked.connect(self.ask_discard)
        self.hint_label = QLabel(self.tr("Ctrl+Enter saves · Esc discards · * required for complaints"))
        self.hint_label.setProperty("role", "hint")
        self.captions: dict[str, QLabel] = {}
        self.form_layouts: dict[str, QFormLayout] = {}
        build_layout(self)

        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            save = QShortcut(QKeySequence(sequence), self)
            save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            save.activated.connect(self.save)
        discard = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        discard.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        discard.activated.connect(self.ask_discard)

        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._connect_inline_checks()
        reference.loaded.connect(self._reference_loaded)
        self._agent_toggled(False)
        self._customer_changed()
        self._kind_changed()
        self.setEnabled(False)  # until the store is open (activate)

    def activate(self) -> None:
        self.setEnabled(True)
        if self.reference.ready:
            self._reference_loaded()
        else:
            self.reference.load()

    def _reference_loaded(self) -> None:
        fill_pickers(self)

    def changeEvent(self, event: QEvent) -> None:
        # category and customer texts are composed from data: compose them again in the new language
        if event.type() == QEvent.Type.LanguageChange and self.reference.ready:
            self._reference_loaded()
            self.customer_box._render()
        super().changeEvent(event)

    def focus_first(self) -> None:
        self.kind_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_customer(self, customer_id: str | None) -> None:
        self.customer_box.set_customer(customer_id)

    # --- the draft ------------------------------------------------------------------------

    def draft(self, decision: DuplicateDecision | None = None, duplicate_of: str | None = None) -> CaseDraft:
        return draft_from(self, decision, duplicate_of)

    def is_empty(self) -> bool:
        return form_is_empty(self)

    def clear_draft(self) -> None:
        """Empty the case fields; the customer stays (the next case is often the same person's)."""
        clear_form(self)
        self._touched.clear()
        self._clear_messages()

    # --- enabling and marking -------------------------------------------------------------

    def _kind_changed(self) -> None:
        complaint = CaseKind(self.kind_combo.currentData()) is CaseKind.COMPLAINT
        required = {
            "customer_id": complaint,
            "category_code": True,
            "business_code": complaint,
            "summary": True,
            "description": complaint,
            "desired_outcome": complaint,
            "legal_representative": complaint,
        }
        for key, label in self.captions.items():
            base = label.property("caption")
            label.setText(f"{base} *" if required.get(key, False) else base)
        self._recheck_touched()

    def _customer_changed(self) -> None:
        organisation = self.customer_box.is_organisation
        layout = self.form_layouts["legal_representative"]
        layout.setRowVisible(self.legal_edit, organisation)
        layout.setRowVisible(self.errors["legal_representative"], organisation)
        self.errors["customer_id"].clear_message()
        self._recheck_touched()

    def _agent_toggled(self, on: bool) -> None:
        for edit in (self.agent_name_edit, self.agent_id_edit, self.agent_contact_edit, self.agent_poa_edit):
            edit.setEnabled(on)
        if not on:
            self.errors["agent"].clear_message()

    def _received_toggled(self, on: bool) -> None:
        self.received_edit.setEnabled(on)
        if on:
            self.received_edit.setDateTime(QDateTime.currentDateTime().toTimeZone(CHINA))

    # --- inline checks --------------------------------------------------------------------

    def _connect_inline_checks(self) -> None:
        # focus-out, not editingFinished: Qt 6 does not announce leaving a field left empty
        self._watched: dict[QObject, str] = {
            self.summary_edit: "summary",
            self.description_edit: "description",
            self.outcome_edit: "desired_outcome",
            self.products_edit: "products",
            self.staff_edit: "staff_complained_about",
            self.legal_edit: "legal_representative",
            self.category_picker.lineEdit(): "category_code",
            self.business_picker.lineEdit(): "business_code",
            self.agent_name_edit: "agent",
            self.agent_id_edit: "agent",
            self.agent_contact_edit: "agent",
            self.agent_poa_edit: "agent",
        }
        for widget, key in self._watched.items():
            widget.installEventFilter(self)
            if isinstance(widget, QLineEdit):  # any change, typed or set, makes the old message moot
                widget.textChanged.connect(lambda _text, key=key: self.errors[key].clear_message())
        self.description_edit.textChanged.connect(self.errors["description"].clear_message)
        self.outcome_edit.textChanged.connect(self.errors["desired_outcome"].clear_message)
        self.category_picker.code_changed.connect(lambda _code: self.errors["category_code"].clear_message())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self._watched:
            self._field_left(self._watched[watched])
        return super().eventFilter(watched, event)

    def _field_left(self, key: str) -> None:
        self._touched.add(key)
        self._recheck_touched()

    def _recheck_touched(self) -> None:
        if not self._touched:
            return
        found = intake_service.check_case_draft(self.draft(), self.reference.data, business_required=True)
        for key in self._touched:
            if key in self.errors:
                self._show_field(key, found.get(key))

    def _show_field(self, key: str, message: Message | None) -> None:
        self.errors[key].show_message(errors.field_message(message) if message else "")

    def field_error(self, key: str) -> str:
        return self.errors[key].message

    def _clear_messages(self) -> None:
        for label in self.errors.values():
            label.clear_message()
        self.general_error.clear_message()

    def show_field_errors(self, field_errors: dict[str, Message]) -> None:
        unplaced = []
        for key, message in field_errors.items():
            if key in self.errors and not self.errors[key].parentWidget().isHidden():
                self._show_field(key, message)
            else:
                unplaced.append(errors.field_message(message))
        self.general_error.show_message("\n".join(unplaced))
        targets = {
            "customer_id": self.customer_box.find_button,
            "category_code": self.category_picker,
            "business_code": self.business_picker,
            "summary": self.summary_edit,
            "description": self.description_edit,
            "desired_outcome": self.outcome_edit,
            "products": self.products_edit,
            "staff_complained_about": self.staff_edit,
            "legal_representative": self.legal_edit,
            "agent": self.agent_name_edit,
            "received_at": self.received_edit,
        }
        for key in FIELD_KEYS:
            if self.field_error(key):
                targets[key].setFocus(Qt.FocusReason.OtherFocusReason)
                return

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        if self._saving or not self.isEnabled():
            return
        self.category_picker.settle()
        draft = self.draft()
        self._touched.update(FIELD_KEYS)
        self._clear_messages()
        found = intake_service.check_case_draft(draft, self.reference.data, business_required=True)
        if found:
            self.show_field_errors(found)
            return
        self._set_saving(True)
        if draft.kind is CaseKind.COMPLAINT and draft.customer_id:
            self.runner.run_db(
                intake_service.find_duplicates,
                draft.customer_id,
                draft.category_code,
                on_success=self._duplicates_found,
                on_failure=self._failed,
            )
        else:
            self._submit(draft)

    def _duplicates_found(self, candidates: list[DuplicateCandidate]) -> None:
        if not candidates:
            self._submit(self.draft())
            return
        dialog = DuplicateDialog(candidates, self.window())
        self.duplicate_dialog = dialog

        def finished(result: int) -> None:
            self.duplicate_dialog = None
            dialog.deleteLater()
            if result == DuplicateDialog.DialogCode.Accepted:
                self._submit(self.draft(dialog.decision, dialog.target_id))
            else:
                self._set_saving(False)

        dialog.finished.connect(finished)
        dialog.open()

    def _submit(self, draft: CaseDraft) -> None:
        self.runner.run_db(
            intake_service.submit_case, draft, on_success=self._submitted, on_failure=self._failed
        )

    def _submitted(self, result: tuple[CaseRef, object]) -> None:
        ref = result[0]
        self._set_saving(False)
        self.last_ref = ref
        self.clear_draft()
        self.events.status_message.emit(self.tr("Case %1 saved.").replace("%1", ref.number))
        self.case_submitted.emit(ref)
        self.receipt_wanted.emit(ref.id)

    def _failed(self, exc: BranchDeskError) -> None:
        self._set_saving(False)
        if isinstance(exc, ValidationError):
            self.show_field_errors(exc.field_errors)
        else:
            self.general_error.show_message(errors.message_for(exc))

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save_button.setEnabled(not saving)

    # --- discarding -----------------------------------------------------------------------

    def ask_discard(self) -> bool:
        """Esc: an empty form has nothing to lose; otherwise the user confirms. True if discarded."""
        if self.is_empty():
            self._clear_messages()
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Discard draft"),
            self.tr("Discard this case draft? What you typed is lost."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Discard:
            return False
        self.clear_draft()
        self.focus_first()
        return True
