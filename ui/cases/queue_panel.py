"""The case queue: filters, sort, search, the list fetched in slices, and the case detail page."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.case_domain import CaseFilter, CaseRow, CaseSort
from app.changes import Changes
from app.domain import CaseKind, CaseStatus, Severity
from app.errors import BranchDeskError, ValidationError
from ui import errors
from ui.cases.detail_view import CaseDetailView
from ui.cases.labels import kind_label, severity_label, status_label
from ui.cases.queue_model import SLICE_SIZE, CaseQueueModel, utc_now
from ui.cases.reference import CaseReference
from ui.events import AppEvents
from ui.formatting import format_number
from ui.ops import OpRunner
from ui.refresh import CoalescedRefresh
from ui.services import cases as case_service
from ui.widgets import FieldError

TICK_MS = 60_000
COLUMN_WIDTHS = (120, 200, 110, 100, 70, 250, 70, 250, 200, 130)


class CaseQueuePanel(QWidget):
    """Lists the branch's cases against their deadlines; Enter opens one, Esc comes back."""

    ids_loaded = Signal(int)  # number of cases listed (the count; the first slice of ids is shown)
    case_opened = Signal(str)  # case id shown in the detail page

    def __init__(
        self,
        runner: OpRunner,
        events: AppEvents,
        reference: CaseReference,
        now: Callable[[], dt.datetime] = utc_now,
        parent: QWidget | None = None,
        slice_size: int = SLICE_SIZE,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.events = events
        self.reference = reference
        self._serial = 0
        self._reloading = False
        self._listing: tuple[CaseFilter, CaseSort] | None = None  # the query of the ids shown
        self._select_after_load: str | None = None  # a case to select once its id is fetched
        self._active = False
        self._count = 0

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("Case number, or the customer's full ID / mobile / card number, then Enter")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self.reload)
        self.search_error = FieldError()
        self.search_edit.textEdited.connect(lambda _text: self.search_error.clear_message())

        self.status_combo = self._combo(self.tr("Any status"), [(status_label(s), s) for s in CaseStatus])
        self.kind_combo = self._combo(self.tr("Any kind"), [(kind_label(k), k) for k in CaseKind])
        self.severity_combo = self._combo(self.tr("Any severity"), [(severity_label(s), s) for s in Severity])
        # the combos show "Any …" while unfiltered: their names say what they filter
        self.status_combo.setAccessibleName(self.tr("Filter by status"))
        self.kind_combo.setAccessibleName(self.tr("Filter by kind"))
        self.severity_combo.setAccessibleName(self.tr("Filter by severity"))
        self.sort_combo = QComboBox()
        self.sort_combo.addItem(self.tr("Nearest deadline first"), CaseSort.DEADLINE)
        self.sort_combo.addItem(self.tr("Newest first"), CaseSort.NEWEST)
        self.sort_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.open_check = self._check(self.tr("&Open only"), checked=True)
        self.mine_check = self._check(self.tr("&Mine"))
        self.today_check = self._check(self.tr("Due &today"))
        self.warning_check = self._check(self.tr("Due &soon"))
        self.overdue_check = self._check(self.tr("O&verdue"))
        self.count_label = QLabel()
        # The cases behind a dashboard figure: one filter on top of the others, removed with one click.
        self._drill_down: CaseFilter | None = None
        self.drill_label = QLabel()
        self.drill_clear = QPushButton(self.tr("Show all cases"))
        self.drill_clear.clicked.connect(self.clear_drill_down)
        self.drill_label.setVisible(False)
        self.drill_clear.setVisible(False)

        self.model = CaseQueueModel(
            self._load_page, reference, now, self, id_loader=self._load_slice, slice_size=slice_size
        )
        self.model.total_changed.connect(self._show_count)
        self.model.ids_fetched.connect(self._slice_fetched)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Cases"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row sizing of 100,000 rows
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._activated)

        filters = QHBoxLayout()
        for widget in (self.status_combo, self.kind_combo, self.severity_combo):
            filters.addWidget(widget)
        for check in (self.open_check, self.mine_check, self.today_check, self.warning_check):
            filters.addWidget(check)
        filters.addWidget(self.overdue_check)
        filters.addStretch(1)
        filters.addWidget(QLabel(self.tr("Sort:")))
        filters.addWidget(self.sort_combo)
        search_row = QHBoxLayout()
        search_row.addWidget(QLabel(self.tr("Find case")))
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.count_label)
        drill_row = QHBoxLayout()
        drill_row.addWidget(self.drill_label)
        drill_row.addWidget(self.drill_clear)
        drill_row.addStretch(1)

        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(search_row)
        list_layout.addWidget(self.search_error)
        list_layout.addLayout(drill_row)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.table, 1)

        self.detail = CaseDetailView(runner, events, reference)
        self.detail.back_requested.connect(self.show_list)
        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.detail)
        QVBoxLayout(self).addWidget(self.stack)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.detail)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.show_list)

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.model.tick)
        self._refresh = CoalescedRefresh(self, self._changes_applied)
        events.changes_applied.connect(self._refresh.add)
        self.setEnabled(False)  # until the store is open (activate)

    def _combo(self, any_text: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(any_text, None)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i: self.reload())
        return combo

    def _check(self, text: str, checked: bool = False) -> QCheckBox:
        check = QCheckBox(text)
        check.setChecked(checked)
        check.toggled.connect(lambda _on: self.reload())
        return check

    def activate(self) -> None:
        """The store is open: list the cases."""
        self._active = True
        self.setEnabled(True)
        self._ticker.start()
        self.reload()

    # --- the list -------------------------------------------------------------------------

    def case_filter(self) -> CaseFilter:
        def chosen(combo: QComboBox, enum: type[StrEnum]) -> frozenset:
            value = combo.currentData()  # Qt hands StrEnum values back as plain str
            return frozenset({enum(value)}) if value is not None else frozenset()

        drill = self._drill_down or CaseFilter()
        return dataclasses.replace(
            drill,
            statuses=chosen(self.status_combo, CaseStatus),
            kinds=chosen(self.kind_combo, CaseKind) or drill.kinds,
            severities=chosen(self.severity_combo, Severity),
            mine=self.mine_check.isChecked(),
            due_today=self.today_check.isChecked(),
            warning=self.warning_check.isChecked(),
            overdue=self.overdue_check.isChecked(),
            open_only=self.open_check.isChecked(),
            search=self.search_edit.text().strip(),
        )

    def show_cases(self, flt: CaseFilter, description: str) -> None:
        """List the cases behind a dashboard figure: `flt`'s own criteria, closed cases included."""
        self._drill_down = flt
        self.drill_label.setText(self.tr("Cases from the dashboard: %1").replace("%1", description))
        self.drill_label.setVisible(True)
        self.drill_clear.setVisible(True)
        self.open_check.blockSignals(True)
        self.open_check.setChecked(False)
        self.open_check.blockSignals(False)
        if self.stack.currentIndex() != 0:
            self.stack.setCurrentIndex(0)
        self.reload()

    def clear_drill_down(self) -> None:
        self._drill_down = None
        self.drill_label.setVisible(False)
        self.drill_clear.setVisible(False)
        self.reload()

    def case_sort(self) -> CaseSort:
        return CaseSort(self.sort_combo.currentData())

    def reload(self) -> None:
        """Fetch the count and the first slice of ids; a refresh of the same query keeps as many."""
        if not self._active:
            return
        self._serial += 1
        serial = self._serial
        query = (self.case_filter(), self.case_sort())
        size = self.model.slice_size
        limit = size
        if query == self._listing:  # a refresh: the scroll position and the selection stay
            limit = max(size, -(-self.model.id_count() // size) * size)  # whole slices, rounded up
        self._reloading = True
        self.search_error.clear_message()
        self.runner.run_db(
            case_service.case_ids,
            *query,
            0,
            limit,
            on_success=lambda ids: self._ids_fetched(serial, query, limit, ids),
            on_failure=lambda exc: self._ids_failed(serial, exc),
        )

    def _ids_fetched(
        self, serial: int, query: tuple[CaseFilter, CaseSort], limit: int, ids: list[str]
    ) -> None:
        if serial != self._serial:
            return  # the filter changed meanwhile; a newer list is coming
        if len(ids) < limit:  # the whole list: no need to count it
            self._show_ids(serial, query, ids, len(ids))
            return
        self.runner.run_db(
            case_service.count_cases,
            query[0],
            on_success=lambda total: self._show_ids(serial, query, ids, total),
            on_failure=lambda exc: self._ids_failed(serial, exc),
        )

    def _show_ids(self, serial: int, query: tuple[CaseFilter, CaseSort], ids: list[str], total: int) -> None:
        if serial != self._serial:
            return
        self._reloading = False
        keep = self._select_after_load or self.current_case_id()
        self._listing = query
        self.model.set_ids(ids, total)
        self._show_count(self.model.total)
        row = self.model.row_of(keep) if keep else -1
        if row >= 0:
            self._select_after_load = None
            self._select_row(row)
        elif self._select_after_load is not None and self.model.canFetchMore():
            self.model.fetchMore(QModelIndex())  # look for it further down (_slice_fetched)
        else:
            self._select_after_load = None
            if ids and self.stack.currentIndex() == 0:
                self._select_row(0)
        self.ids_loaded.emit(self.model.total)

    def _ids_failed(self, serial: int, exc: BranchDeskError) -> None:
        if serial != self._serial:
            return
        self._reloading = False
        if isinstance(exc, ValidationError) and exc.field_errors:
            first = exc.field_errors.get("search") or next(iter(exc.field_errors.values()))
            self.search_error.show_message(errors.field_message(first))
        else:
            errors.show_error(self, exc)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.count_label.text():
            self._show_count(self._count)  # composed with a number: the catalogue cannot redo it
        super().changeEvent(event)

    def _show_count(self, total: int) -> None:
        self._count = total
        self.count_label.setText(self.tr("%1 cases").replace("%1", format_number(total)))

    def _select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _load_slice(self, offset: int, limit: int, done: Callable[[list[str] | None], None]) -> None:
        assert self._listing is not None  # the model fetches more only of a list it was given
        self.runner.run_db(
            case_service.case_ids,
            *self._listing,
            offset,
            limit,
            on_success=done,
            on_failure=lambda _exc: done(None),
        )

    def _slice_fetched(self, ok: bool) -> None:
        """Ids were appended: the case waiting to be selected may be among them now."""
        wanted = self._select_after_load
        if wanted is None or self._reloading:
            return  # nothing to look for, or the reload will look for it
        row = self.model.row_of(wanted)
        if row >= 0:
            self._select_after_load = None
            self._select_row(row)
        elif ok and self.model.canFetchMore():
            self.model.fetchMore(QModelIndex())
        else:
            self._select_after_load = None  # not in this list (filtered out, or gone)

    def _load_page(self, ids: list[str], done: Callable[[list[CaseRow] | None], None]) -> None:
        self.runner.run_db(case_service.case_rows, ids, on_success=done, on_failure=lambda _exc: done(None))

    def current_case_id(self) -> str | None:
        if self.stack.currentIndex() == 1 and self.detail.case_id is not None:
            return self.detail.case_id
        index = self.table.currentIndex()
        return self.model.case_id(index.row()) if index.isValid() else None

    def select_case(self, case_id: str) -> None:
        """Select this case, e.g. one just taken in: fetching further slices until its id arrives."""
        row = self.model.row_of(case_id)
        if row >= 0:
            self._select_row(row)
            return
        self._select_after_load = case_id
        if self._reloading or self._refresh.waiting or not self._active:
            return  # the coming list is searched first (a new case is not in the one shown)
        if self.model.is_fetching():
            return  # the slice on its way is searched first
        self._slice_fetched(True)

    def focus_list(self) -> None:
        if self.stack.currentIndex() != 0:
            self.show_list()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.table.selectRow(0)

    # --- the detail page ------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        case_id = self.model.case_id(index.row())
        if case_id is not None:
            self.open_case(case_id)

    def open_case(self, case_id: str) -> None:
        self.detail.load(case_id)
        self.stack.setCurrentIndex(1)
        self.detail.setFocus(Qt.FocusReason.OtherFocusReason)
        self.case_opened.emit(case_id)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        row = self.model.row_of(self.detail.case_id) if self.detail.case_id is not None else -1
        if row >= 0:  # it was opened from the list; a closed one may have left it: no search then
            self._select_row(row)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- refresh --------------------------------------------------------------------------

    def _changes_applied(self, changes: Changes) -> None:
        if not changes.cases:
            return
        self.model.refresh_rows(sorted(changes.cases))
        self.reload()
