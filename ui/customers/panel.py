"""The customer-info panel: search box, result list, detail panel, register / edit / reveal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes
from app.config import Settings
from app.domain import CustomerDetail, CustomerEditable, CustomerField, CustomerRef, CustomerSummary
from app.errors import BranchDeskError, ValidationError
from app.permissions import Permission, has_permission
from ui import errors
from ui.customers.detail_view import CustomerDetailView
from ui.customers.results_model import CustomerResultsModel, summary_of
from ui.drafts import DraftKeeper
from ui.events import AppEvents
from ui.ops import OpRunner
from ui.refresh import CoalescedRefresh
from ui.services import customers as customer_service
from ui.services import sync_runner
from ui.widgets import FieldError

if TYPE_CHECKING:  # the dialogs are imported when first opened, keeping the first paint quick
    from ui.customers.editor_dialog import CustomerEditorDialog
    from ui.customers.privacy_dialog import PrivacyDialog
    from ui.customers.reveal_dialog import RevealDialog

RECENT_LIMIT = 50


class CustomerPanel(QWidget):
    """Finds customers and shows one; every read and write goes through the op runner."""

    results_shown = Signal()
    detail_shown = Signal(str)  # customer id
    current_changed = Signal(bool)  # a customer is shown (Edit is possible)

    def __init__(
        self,
        runner: OpRunner,
        events: AppEvents,
        reveal_seconds: int,
        parent: QWidget | None = None,
        settings: Settings | None = None,  # where the backups are, for an erasure to reach them
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.events = events
        self.settings = settings
        self.editor: CustomerEditorDialog | None = None
        self.privacy_dialog: PrivacyDialog | None = None
        self.reveal_dialog: RevealDialog | None = None
        self._search_term = ""  # "" means the list shows recent customers
        self._select_after_load: str | None = None
        self._wanted_detail: str | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Full ID / mobile / card number, then Enter"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self.search)
        self.search_error = FieldError()
        self.search_edit.textEdited.connect(lambda _text: self.search_error.clear_message())
        self.search_button = QPushButton(self.tr("Find"))
        self.search_button.clicked.connect(self.search)
        self.list_caption = QLabel()
        self._remote_url = ""
        self.remote_button = QPushButton(self.tr("Search &other branches"))
        self.remote_button.setToolTip(
            self.tr("Fetch this customer's records from other branches (needs the central database; logged)")
        )
        self.remote_button.setVisible(False)
        self.remote_button.clicked.connect(self.search_other_branches)

        self.drafts = DraftKeeper(self)  # a register or edit form cancelled by mistake keeps its text
        self.model = CustomerResultsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Customers found"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.register_button = QPushButton(self.tr("Register customer…"))
        self.register_button.clicked.connect(self.register_customer)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_current)
        self.edit_button.setEnabled(False)
        # Supervisors only, and each needs a second supervisor's approval (app/services/erasure.py).
        self.erase_button = QPushButton(self.tr("Erase customer…"))
        self.erase_button.setAccessibleName(self.tr("Erase customer"))
        self.erase_button.clicked.connect(lambda: self.open_privacy("erase"))
        self.export_button = QPushButton(self.tr("Export customer data…"))
        self.export_button.setAccessibleName(self.tr("Export customer data"))
        self.export_button.clicked.connect(lambda: self.open_privacy("export"))
        for button in (self.erase_button, self.export_button):
            button.setEnabled(False)
            button.setVisible(False)

        self.detail_view = CustomerDetailView(reveal_seconds)
        self.detail_view.reveal_requested.connect(self.ask_reveal)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.search_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.erase_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Find customer")))
        left_layout.addLayout(search_row)
        left_layout.addWidget(self.search_error)
        left_layout.addWidget(self.list_caption)
        left_layout.addWidget(self.remote_button)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail_view)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(splitter)

        self._refresh = CoalescedRefresh(self, self._changes_applied)
        events.changes_applied.connect(self._refresh.add)
        self.setEnabled(False)  # until the store is open (activate)

    def activate(self) -> None:
        """The store is open: enable the panel and show the recent customers."""
        self.setEnabled(True)
        actor = getattr(self.runner.context, "actor", None)
        self.erase_button.setVisible(actor is not None and has_permission(actor, Permission.CUSTOMER_ERASE))
        self.export_button.setVisible(actor is not None and has_permission(actor, Permission.SUBJECT_EXPORT))
        self.load_recent()

    # --- list -----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def load_recent(self) -> None:
        self._search_term = ""
        self.runner.run_db(customer_service.recent_customers, RECENT_LIMIT, on_success=self._show_recent)

    def search(self) -> None:
        term = self.search_edit.text().strip()
        self.search_error.clear_message()
        if not term:
            self.load_recent()
            return
        self.runner.run_db(
            customer_service.find_customers,
            term,
            on_success=lambda rows: self._show_found(term, rows),
            on_failure=self._search_failed,
        )

    def _show_recent(self, rows: list[CustomerSummary]) -> None:
        if self._search_term:
            return  # a search finished first; its results win
        self.list_caption.setText(self.tr("Recently registered or changed customers"))
        self._show_rows(rows, select_first=False)

    def enable_remote_lookup(self, central_url: str) -> None:
        """With a central database, a number not found here can be looked up in other branches."""
        self._remote_url = central_url

    def search_other_branches(self) -> None:
        term = self._search_term
        self.remote_button.setEnabled(False)
        self.runner.run_with_store(
            sync_runner.fetch_history,
            self._remote_url,
            term,
            on_success=lambda history: self._fetched(term, history),
            on_failure=self._fetch_failed,
        )

    def _fetched(self, term: str, history: object) -> None:
        self.remote_button.setEnabled(True)
        found = len(history.customer_ids)  # type: ignore[attr-defined]
        cases = history.cases  # type: ignore[attr-defined]
        self.events.status_message.emit(
            self.tr("Other branches: %1 customers, %2 cases")
            .replace("%1", str(found))
            .replace("%2", str(cases))
        )
        if found:
            self.search_edit.setText(term)
            self.search()

    def _fetch_failed(self, exc: BranchDeskError) -> None:
        self.remote_button.setEnabled(True)
        errors.show_error(self, exc)

    def _show_found(self, term: str, rows: list[CustomerSummary]) -> None:
        self._search_term = term
        self.remote_button.setVisible(not rows and bool(self._remote_url))
        if rows:
            self.list_caption.setText(self.tr("Customers found: %1").replace("%1", str(len(rows))))
        else:
            self.list_caption.setText(self.tr("No customer found for this number."))
        self._show_rows(rows, select_first=True)
        self.events.status_message.emit(self.list_caption.text())

    def _search_failed(self, exc: BranchDeskError) -> None:
        if isinstance(exc, ValidationError) and "term" in exc.field_errors:
            self.search_error.show_message(errors.field_message(exc.field_errors["term"]))
        else:
            errors.show_error(self, exc)

    def _show_rows(self, rows: list[CustomerSummary], select_first: bool) -> None:
        keep = self._select_after_load or self.detail_view.customer_id
        self._select_after_load = None
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and select_first and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.results_shown.emit()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        summary = self.model.summary(current.row()) if current.isValid() else None
        if summary is not None and summary.id != self.detail_view.customer_id:
            self.load_detail(summary.id)

    # --- detail ---------------------------------------------------------------------------

    def load_detail(self, customer_id: str) -> None:
        self._wanted_detail = customer_id
        self.runner.run_db(customer_service.get_customer, customer_id, on_success=self._show_detail)

    def _show_detail(self, detail: CustomerDetail) -> None:
        if detail.id != self._wanted_detail:
            return  # the user moved on to another row meanwhile
        self.detail_view.show_detail(detail)
        self.model.update_row(summary_of(detail))
        self.edit_button.setEnabled(True)
        self.erase_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.current_changed.emit(True)
        self.detail_shown.emit(detail.id)

    def ask_reveal(self, field: CustomerField) -> None:
        customer_id = self.detail_view.customer_id
        if customer_id is None:
            return
        from ui.customers.reveal_dialog import RevealDialog

        dialog = RevealDialog(self.runner, customer_id, field, self)
        dialog.revealed.connect(self._revealed)
        self._keep_dialog("reveal_dialog", dialog)
        dialog.open()

    def _revealed(self, field: CustomerField, value: str) -> None:
        self.detail_view.show_plain(field, value)

    # --- register / edit ------------------------------------------------------------------

    def register_customer(self) -> None:
        self._open_editor(None)

    def edit_current(self) -> None:
        customer_id = self.detail_view.customer_id
        if customer_id is None:
            return
        self.runner.run_db(customer_service.load_for_edit, customer_id, on_success=self._open_editor)

    def _open_editor(self, editable: CustomerEditable | None) -> None:
        from ui.customers.editor_dialog import CustomerEditorDialog

        dialog = CustomerEditorDialog(self.runner, editable, self)
        self.drafts.watch(dialog, "register" if editable is None else f"edit:{editable.ref.id}")
        dialog.saved.connect(lambda ref, new=editable is None: self._saved(ref, new))
        self._keep_dialog("editor", dialog)
        dialog.open()

    def _saved(self, ref: CustomerRef, registered: bool) -> None:
        # changes_applied already scheduled a refresh; it selects this customer when it lands
        self._select_after_load = ref.id
        if registered:
            self.search_edit.clear()
            self._search_term = ""
            self.events.status_message.emit(self.tr("Customer registered."))
        else:
            self.events.status_message.emit(self.tr("Customer record changed."))

    def open_privacy(self, action: str) -> None:
        detail = self.detail_view.detail
        if detail is None:
            return
        from ui.customers.privacy_dialog import PrivacyDialog

        label = summary_of(detail).masked_name or detail.id
        dialog = PrivacyDialog(self.runner, action, detail.id, label, self.settings, self)
        dialog.completed.connect(self._privacy_done)
        self._keep_dialog("privacy_dialog", dialog)
        dialog.open()

    def _privacy_done(self, action: str, subject: str) -> None:
        if action == "erase":
            # Gone before the refresh lands: an erased customer can no longer be loaded.
            self._wanted_detail = None
            self.detail_view.clear()
            rows = (self.model.summary(row) for row in range(self.model.rowCount()))
            self.model.set_rows([summary for summary in rows if summary and summary.id != subject])
            for button in (self.edit_button, self.erase_button, self.export_button):
                button.setEnabled(False)
            self.current_changed.emit(False)
            self.events.status_message.emit(self.tr("Customer's personal data erased."))
        else:
            self.events.status_message.emit(self.tr("Customer data exported to %1").replace("%1", subject))

    def _keep_dialog(
        self, attribute: str, dialog: CustomerEditorDialog | RevealDialog | PrivacyDialog
    ) -> None:
        setattr(self, attribute, dialog)

        def finished(_result: int) -> None:
            if getattr(self, attribute) is dialog:
                setattr(self, attribute, None)
            dialog.deleteLater()

        dialog.finished.connect(finished)

    # --- refresh --------------------------------------------------------------------------

    def _changes_applied(self, changes: Changes) -> None:
        if not (changes.customers or self._select_after_load):
            return
        shown = self.detail_view.customer_id
        if self._search_term:
            # Re-running the search would log another search; reload only the listed rows.
            for customer_id in changes.customers:
                if customer_id != shown and self.model.row_of(customer_id) >= 0:
                    self.runner.run_db(
                        customer_service.get_customer,
                        customer_id,
                        on_success=lambda detail: self.model.update_row(summary_of(detail)),
                        on_failure=lambda _exc: None,
                    )
        else:
            self.load_recent()
        if shown is not None and shown in changes.customers:
            self.load_detail(shown)
