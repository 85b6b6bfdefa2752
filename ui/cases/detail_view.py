"""One case in full: header, content, every deadline clock, the timeline, and the action buttons."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.case_domain import CaseDetail, CaseRef, ClockView
from app.changes import Changes
from app.domain import CustomerField
from app.errors import BranchDeskError
from app.masking import mask
from app.messages import Message
from ui import errors
from ui.cases.actions import CaseActions
from ui.cases.labels import (
    channel_label,
    clock_label,
    clock_state_label,
    event_label,
    format_due,
    kind_label,
    severity_label,
    status_label,
)
from ui.cases.reference import CaseReference
from ui.cases.timeline_text import entry_text
from ui.events import AppEvents
from ui.ops import OpRunner
from ui.refresh import CoalescedRefresh
from ui.services import cases as case_service

HEADER_KEYS = (
    "number",
    "kind",
    "status",
    "severity",
    "category",
    "business",
    "channel",
    "received",
    "customer",
    "owner",
    "department",
    "first_handler",
    "decision",
)
CONTENT_KEYS = ("summary", "description", "desired_outcome", "products", "staff", "agent", "legal")


def _table(headers: list[str], stretch_last: bool = True) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch_last)
    return table


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CaseDetailView(QWidget):
    """Loads a case with get_case and redraws it whenever a write touches it."""

    back_requested = Signal()
    receipt_requested = Signal(str)  # case id
    shown = Signal(str)  # case id, after a (re)load landed

    def __init__(
        self,
        runner: OpRunner,
        events: AppEvents,
        reference: CaseReference,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reference = reference
        self.detail: CaseDetail | None = None
        self._wanted: str | None = None

        self.back_button = QPushButton(self.tr("← Back to queue (Esc)"))
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back_requested)
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.receipt_button = QPushButton(self.tr("Print rece&ipt…"))
        self.receipt_button.setAutoDefault(False)
        self.receipt_button.clicked.connect(self._receipt_clicked)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.receipt_button)
        self.erased_note = QLabel()  # an erased customer's case: why its personal text is gone
        self.erased_note.setProperty("role", "alert")
        self.erased_note.setWordWrap(True)
        self.erased_note.setAccessibleName(self.tr("Customer erased"))
        self.erased_note.setVisible(False)

        captions = {
            "number": self.tr("Case number"),
            "kind": self.tr("Kind"),
            "status": self.tr("Status"),
            "severity": self.tr("Severity"),
            "category": self.tr("Category"),
            "business": self.tr("Product / business"),
            "channel": self.tr("Channel"),
            "received": self.tr("Received"),
            "customer": self.tr("Customer"),
            "owner": self.tr("Owner"),
            "department": self.tr("Department"),
            "first_handler": self.tr("First handler"),
            "decision": self.tr("Decision period"),
        }
        self.header_labels: dict[str, QLabel] = {}
        header_box = QGroupBox(self.tr("Case"))
        grid = QGridLayout(header_box)
        for position, key in enumerate(HEADER_KEYS):
            row, pair = divmod(position, 2)
            caption = QLabel(captions[key])
            caption.setProperty("role", "hint")
            grid.addWidget(caption, row, pair * 2)
            self.header_labels[key] = _value_label()
            if key in ("number", "received"):
                self.header_labels[key].setWordWrap(False)
            grid.addWidget(self.header_labels[key], row, pair * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        content_captions = {
            "summary": self.tr("Summary"),
            "description": self.tr("Facts and grounds"),
            "desired_outcome": self.tr("Customer's request"),
            "products": self.tr("Products / accounts"),
            "staff": self.tr("Staff complained about"),
            "agent": self.tr("Agent"),
            "legal": self.tr("Legal representative"),
        }
        self.content_labels: dict[str, QLabel] = {}
        content_box = QGroupBox(self.tr("What the customer said"))
        content_form = QFormLayout(content_box)
        for key in CONTENT_KEYS:
            self.content_labels[key] = _value_label()
            content_form.addRow(content_captions[key], self.content_labels[key])

        clocks_box = QGroupBox(self.tr("Deadlines (China time)"))
        self.clocks_table = _table(
            [self.tr("Deadline"), self.tr("Due"), self.tr("State"), self.tr("Binding"), self.tr("Finished")],
            stretch_last=False,
        )
        QVBoxLayout(clocks_box).addWidget(self.clocks_table)
        timeline_box = QGroupBox(self.tr("Timeline (newest first)"))
        self.timeline_table = _table(
            [self.tr("When"), self.tr("Staff"), self.tr("Event"), self.tr("Details")]
        )
        self.timeline_table.setMinimumHeight(180)
        QVBoxLayout(timeline_box).addWidget(self.timeline_table)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        upper = QHBoxLayout()
        upper.addWidget(header_box, 3)
        upper.addWidget(content_box, 2)
        body_layout.addLayout(upper)
        body_layout.addWidget(clocks_box)
        body_layout.addWidget(timeline_box, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.actions = CaseActions(runner, reference)
        self.actions.acted.connect(self._acted)
        self.actions.stale.connect(self.reload)
        actions_box = QGroupBox(self.tr("Actions"))
        QVBoxLayout(actions_box).addWidget(self.actions)
        middle = QHBoxLayout()
        middle.addWidget(scroll, 1)
        middle.addWidget(actions_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.erased_note)
        layout.addLayout(middle, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._refresh = CoalescedRefresh(self, self._changes_applied)
        events.changes_applied.connect(self._refresh.add)
        reference.loaded.connect(self._redraw)

    @property
    def case_id(self) -> str | None:
        return self._wanted

    @property
    def ref(self) -> CaseRef | None:
        d = self.detail
        return CaseRef(d.id, d.number, d.version) if d is not None else None

    # --- loading --------------------------------------------------------------------------

    def load(self, case_id: str) -> None:
        if case_id != self._wanted:
            self.detail = None
            self.actions.show_detail(None)
            self.title_label.setText(self.tr("Loading…"))
        self._wanted = case_id
        self.runner.run_db(
            case_service.get_case, case_id, on_success=self.show_detail, on_failure=self._failed
        )

    def reload(self) -> None:
        if self._wanted is not None:
            self.load(self._wanted)

    def _failed(self, exc: BranchDeskError) -> None:
        errors.show_error(self, exc)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.detail is not None:
            self.show_detail(self.detail)  # labels, clocks and timeline are composed from the case
        super().changeEvent(event)

    def show_detail(self, detail: CaseDetail) -> None:
        if detail.id != self._wanted:
            return  # another case was opened meanwhile
        self.detail = detail
        self._redraw()
        self.shown.emit(detail.id)

    def _acted(self, ref: CaseRef) -> None:
        # changes_applied reloads the case; the new version is known at once for the next action
        if self.detail is not None and self.detail.id == ref.id:
            self.detail = dataclasses.replace(self.detail, version=ref.version)
            self.actions.detail = self.detail

    def _changes_applied(self, changes: Changes) -> None:
        if self._wanted is not None and self._wanted in changes.cases:
            self.load(self._wanted)

    def _receipt_clicked(self) -> None:
        if self._wanted is not None:
            self.receipt_requested.emit(self._wanted)

    # --- drawing --------------------------------------------------------------------------

    def _redraw(self) -> None:
        detail = self.detail
        if detail is None:
            return
        self.title_label.setText(
            self.tr("%1 — %2, %3")
            .replace("%1", detail.number)
            .replace("%2", kind_label(detail.kind))
            .replace("%3", status_label(detail.status))
        )
        masked = detail.masked_customer
        customer = " · ".join(
            value
            for value in (
                masked.get(CustomerField.NAME, ""),
                masked.get(CustomerField.ID_NUMBER, ""),
                masked.get(CustomerField.MOBILE, ""),
            )
            if value
        )
        decision = self.tr("%1 days").replace("%1", str(detail.decision_days))
        if detail.escalated:
            decision += self.tr(", escalated")
        if detail.reopen_count:
            decision += self.tr(", reopened %1×").replace("%1", str(detail.reopen_count))
        values = {
            "number": detail.number,
            "kind": kind_label(detail.kind),
            "status": status_label(detail.status),
            "severity": severity_label(detail.severity),
            "category": self.reference.category_text(detail.category_code),
            "business": self.reference.category_text(detail.business_code) or self.tr("Not given"),
            "channel": channel_label(detail.channel),
            "received": format_due(detail.received_at),
            "customer": customer or self.tr("No registered customer"),
            **({"customer": self.tr("Erased on request")} if detail.customer_erased else {}),
            "owner": detail.owner,
            "department": self.reference.department_label(detail.department),
            "first_handler": detail.first_handler,
            "decision": decision,
        }
        for key, text in values.items():
            self.header_labels[key].setText(text)
        agent = detail.agent
        content = {
            "summary": detail.summary,
            "description": detail.description,
            "desired_outcome": detail.desired_outcome,
            "products": detail.products,
            "staff": detail.staff_complained_about,
            "agent": (
                " · ".join(
                    (
                        agent.name,
                        mask(agent.id_number, 1, 1),
                        mask(agent.contact, 3, 4),
                        self.tr("power of attorney %1").replace("%1", agent.power_of_attorney),
                    )
                )
                if agent is not None
                else ""
            ),
            "legal": detail.legal_representative,
        }
        erased = detail.customer_erased
        for key, text in content.items():
            self.content_labels[key].setText(self.tr("(erased)") if erased else text or "—")
        self.erased_note.setText(errors.field_message(Message("customer_erased")) if erased else "")
        self.erased_note.setVisible(erased)
        self.receipt_button.setEnabled(not erased)
        self._show_clocks(detail)
        self._show_timeline(detail)
        self.actions.show_detail(detail)

    def _show_clocks(self, detail: CaseDetail) -> None:
        table = self.clocks_table
        clocks = sorted(detail.clocks, key=lambda clock: clock.due_at)
        table.setRowCount(len(clocks))
        binding = detail.binding.name if detail.binding is not None else None
        for row, clock in enumerate(clocks):
            cells = (
                clock_label(clock.name),
                self._due_text(clock),
                clock_state_label(clock.state),
                self.tr("◀ binds") if clock.name == binding else "",
                format_due(clock.finished_at) if clock.finished_at else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if clock.name == binding:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        frame = 2 * table.frameWidth() + 2
        height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(len(clocks)))
        table.setFixedHeight(height + frame)
        # as wide as its columns: no empty white band beside a short table
        table.setMaximumWidth(sum(table.columnWidth(c) for c in range(table.columnCount())) + frame)

    def _due_text(self, clock: ClockView) -> str:
        due = format_due(clock.due_at)
        return self.tr("%1 (estimated)").replace("%1", due) if clock.estimated else due

    def _show_timeline(self, detail: CaseDetail) -> None:
        table = self.timeline_table
        # newest first; the service's order breaks ties between events of the same minute
        order = sorted(enumerate(detail.timeline), key=lambda pair: (pair[1].at, pair[0]), reverse=True)
        entries = [entry for _index, entry in order]
        table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (
                format_due(entry.at),
                entry.actor,
                event_label(entry.kind),
                entry_text(entry, self.reference.department_label),
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        table.resizeRowsToContents()
