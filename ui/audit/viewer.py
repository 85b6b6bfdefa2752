"""The operation-log viewer for supervisors and auditors: filters, a lazily loaded list, CSV export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QModelIndex, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.errors import BranchDeskError
from ui import errors
from ui.audit.model import PAGE_SIZE, AuditLogModel, audit_service, format_at
from ui.customers.labels import BRANCH_ZONE
from ui.formatting import format_number
from ui.ops import OpRunner
from ui.widgets import FieldError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.context import ServiceContext
    from app.services.audit_log import AuditFilter

ACTION_PREFIXES = ("auth.", "customer.", "case.", "staff.", "sync.", "audit.")
APPLY_DELAY_MS = 400
COLUMN_WIDTHS = (140, 190, 70, 140, 80, 190, 60, 200)
STAFF_COLUMN, OBJECT_COLUMN = 1, 5


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    rows: int | None
    problem: str = ""  # the operating system's reason when the file could not be written


def _export(session: Session, ctx: ServiceContext, flt: AuditFilter, path: Path) -> ExportOutcome:
    try:
        return ExportOutcome(audit_service.export_entries_csv(session, ctx, flt, path))
    except OSError as exc:  # a full disk or a read-only folder is the user's to fix, not a crash
        return ExportOutcome(None, exc.strerror or type(exc).__name__)


def _day_start(day: QDate) -> dt.datetime:
    """Midnight of a branch-calendar day, in UTC (how the log stores times)."""
    local = dt.datetime(day.year(), day.month(), day.day(), tzinfo=BRANCH_ZONE)
    return local.astimezone(dt.UTC)


class AuditViewer(QDialog):
    """Read-only: the filters narrow the list; Export writes exactly what the list shows."""

    def __init__(self, runner: OpRunner, parent: QWidget | None = None, page_size: int | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(self.tr("Operation log"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.model = AuditLogModel(runner, page_size or PAGE_SIZE, parent=self)
        self._build_filters()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # one line per entry; ids are elided in the middle
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setToolTip(self.tr("Double-click a staff or object cell to filter by it"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._filter_by_cell)
        self.status_label = QLabel()
        self._total: int | None = None
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.apply_filter)
        self.export_button = QPushButton(self.tr("&Export CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.filter_grid)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.model.counted.connect(self._counted)
        self.model.failed.connect(self._failed)
        self.resize(1100, 640)

    def _build_filters(self) -> None:
        self.staff_edit = QLineEdit()
        self.staff_edit.setPlaceholderText(self.tr("Any staff member"))
        self.staff_edit.setClearButtonEnabled(True)
        self.action_combo = QComboBox()
        self.action_combo.setEditable(True)
        self.action_combo.addItem("")
        self.action_combo.addItems(ACTION_PREFIXES)
        self.action_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.action_combo.lineEdit()
        line.setPlaceholderText(self.tr("All actions"))
        line.setClearButtonEnabled(True)
        self.action_combo.setToolTip(
            self.tr(
                "A prefix ending in a dot (customer.) matches every action that starts with it; "
                "anything else must match exactly (customer.reveal)."
            )
        )
        self.object_edit = QLineEdit()
        self.object_edit.setPlaceholderText(self.tr("Any object"))
        self.object_edit.setClearButtonEnabled(True)
        now = dt.datetime.now(BRANCH_ZONE)  # the branch's calendar day, not this PC's time zone
        today = QDate(now.year, now.month, now.day)
        self.from_check = QCheckBox(self.tr("From"))
        self.from_date = QDateEdit(today.addDays(-7))
        self.to_check = QCheckBox(self.tr("To"))
        self.to_date = QDateEdit(today)
        for date_edit in (self.from_date, self.to_date):
            date_edit.setCalendarPopup(True)
            date_edit.setDisplayFormat("yyyy-MM-dd")
            date_edit.setEnabled(False)
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        self.apply_button = QPushButton(self.tr("&Search"))
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply_filter)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        self.filter_error = FieldError()
        grid = self.filter_grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Staff ID")), 0, 0)
        grid.addWidget(self.staff_edit, 0, 1)
        grid.addWidget(QLabel(self.tr("Action")), 0, 2)
        grid.addWidget(self.action_combo, 0, 3)
        grid.addWidget(QLabel(self.tr("Object ID")), 0, 4)
        grid.addWidget(self.object_edit, 0, 5)
        dates = QHBoxLayout()
        for widget in (self.from_check, self.from_date, self.to_check, self.to_date):
            dates.addWidget(widget)
        dates.addStretch(1)
        grid.addLayout(dates, 1, 0, 1, 4)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.clear_button)
        actions.addWidget(self.apply_button)
        grid.addLayout(actions, 1, 4, 1, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 3)
        # Typing narrows the list after a short pause; Enter (the default button, Search) at once.
        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.setInterval(APPLY_DELAY_MS)
        self._apply_timer.timeout.connect(self.apply_filter)
        for edit in (self.staff_edit, self.object_edit, line):
            edit.textEdited.connect(lambda _text: self._apply_timer.start())
        self.action_combo.activated.connect(lambda _index: self.apply_filter())
        for check in (self.from_check, self.to_check):
            check.toggled.connect(lambda _on: self._apply_timer.start())
        for date_edit in (self.from_date, self.to_date):
            date_edit.dateChanged.connect(lambda _date: self._apply_timer.start())

    # --- filtering ------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter | None:
        """What the fields say, or None (with the reason shown) when the dates contradict."""
        since = _day_start(self.from_date.date()) if self.from_check.isChecked() else None
        until = _day_start(self.to_date.date().addDays(1)) if self.to_check.isChecked() else None
        if since is not None and until is not None and since >= until:
            self.filter_error.show_message(self.tr("The start date is after the end date."))
            return None
        self.filter_error.clear_message()
        return audit_service.AuditFilter(
            staff_id=self.staff_edit.text().strip(),
            action=self.action_combo.currentText().strip(),
            object_id=self.object_edit.text().strip(),
            since=since,
            until=until,
        )

    def apply_filter(self) -> None:
        self._apply_timer.stop()
        flt = self.current_filter()
        if flt is None:
            return
        self.status_label.setText(self.tr("Loading…"))
        self.export_button.setEnabled(False)
        self.model.set_filter(flt)

    def clear_filters(self) -> None:
        for edit in (self.staff_edit, self.object_edit):
            edit.clear()
        self.action_combo.setCurrentIndex(0)
        self.action_combo.setEditText("")
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.apply_filter()

    def _filter_by_cell(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        if entry is None:
            return
        if index.column() == STAFF_COLUMN:
            self.staff_edit.setText(entry.staff_id)
        elif index.column() == OBJECT_COLUMN:
            self.object_edit.setText(entry.object_id)
        else:
            return
        self.apply_filter()

    def changeEvent(self, event: QEvent) -> None:
        # the count line is composed (and its time localised); the table's cells redraw on their own
        if event.type() == QEvent.Type.LanguageChange and self._total is not None:
            self._counted(self._total)
        super().changeEvent(event)

    def _counted(self, total: int) -> None:
        self._total = total
        shown = self.model.shown_filter
        as_of = format_at(shown.until) if shown is not None and shown.until is not None else ""
        self.status_label.setText(
            self.tr("%1 entries (as of %2)").replace("%1", format_number(total)).replace("%2", as_of)
        )
        self.export_button.setEnabled(total > 0)

    def _failed(self, exc: BranchDeskError) -> None:
        self.status_label.setText("")
        errors.show_error(self, exc)

    # --- export ---------------------------------------------------------------------------

    def export_csv(self) -> None:
        flt = self.model.shown_filter
        if flt is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"operation-log-{dt.date.today():%Y%m%d}.csv")
        path, _selected = QFileDialog.getSaveFileName(
            self, self.tr("Export operation log"), suggested, self.tr("CSV files (*.csv)")
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".csv":
            target = target.with_name(target.name + ".csv")
        self.export_button.setEnabled(False)
        self.runner.run_db(
            _export,
            flt,
            target,
            on_success=lambda outcome: self._exported(outcome, target),
            on_failure=self._export_failed,
        )

    def _exported(self, outcome: ExportOutcome, target: Path) -> None:
        self.export_button.setEnabled(True)
        if outcome.rows is None:
            self.status_label.setText(
                self.tr("The file could not be written: %1").replace("%1", outcome.problem)
            )
            return
        self.status_label.setText(
            self.tr("Exported %1 entries to %2").replace("%1", str(outcome.rows)).replace("%2", target.name)
        )

    def _export_failed(self, exc: BranchDeskError) -> None:
        self.export_button.setEnabled(True)
        errors.show_error(self, exc)


def open_audit_viewer(
    parent: QWidget | None, runner: OpRunner, existing: AuditViewer | None = None
) -> AuditViewer:
    """Shows the viewer (one per window: an open one is brought forward) and loads the newest entries."""
    if existing is not None and isValid(existing) and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    viewer = AuditViewer(runner, parent)
    viewer.finished.connect(lambda _result: viewer.deleteLater())
    viewer.show()
    viewer.apply_filter()
    return viewer
