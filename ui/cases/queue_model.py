"""The case queue as a table model: ids fetched in slices as the view scrolls, rows loaded in pages."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from app.case_domain import CaseRow, SlaFlag
from ui.cases.labels import (
    badge_state,
    badge_text,
    clock_label,
    format_due,
    kind_label,
    severity_label,
    sla_flag_label,
    status_label,
)
from ui.cases.reference import CaseReference
from ui.theme import qcolour

AnyIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE_SIZE = 100
SLICE_SIZE = 500  # ids fetched at once: a covering-index read of a few milliseconds
CACHE_LIMIT = 3000  # rows kept; far more than a screen, far less than 100,000
MAX_IN_FLIGHT = 2  # page loads queued on the db lane at once
MAX_WANTED = 6  # pages waiting to load; older wishes (rows scrolled past) are dropped
PLACEHOLDER = "…"

# Called with a page of ids; calls back with the rows that exist (or None when loading failed).
PageLoader = Callable[[list[str], Callable[[list[CaseRow] | None], None]], None]
# Called with (offset, limit) in the listed order; calls back with that slice of ids (None: failed).
SliceLoader = Callable[[int, int, Callable[[list[str] | None], None]], None]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class CaseQueueModel(QAbstractTableModel):
    """Holds the ids fetched so far; rows not loaded yet show a placeholder until their page lands.

    The list starts with a first slice and the total count (set_ids); fetchMore appends the next
    slice, one request at a time, while fewer ids than the count are held.
    """

    ids_fetched = Signal(bool)  # a slice of the current list landed (False: fetching failed)
    total_changed = Signal(int)

    COLUMNS = (
        "deadline",
        "number",
        "kind",
        "status",
        "severity",
        "category",
        "customer",
        "next",
        "owner",
        "received",
    )
    DEADLINE_COLUMN = 0

    def __init__(
        self,
        loader: PageLoader,
        reference: CaseReference | None = None,
        now: Callable[[], dt.datetime] = utc_now,
        parent: QObject | None = None,
        *,
        id_loader: SliceLoader | None = None,
        slice_size: int = SLICE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._loader = loader
        self._id_loader = id_loader
        self.slice_size = slice_size
        self._total = 0  # ids in the whole list (the count); len(self._ids) of them are held
        self._next_offset = 0  # where the next slice starts in the listed order
        self._fetching = False
        self._reference = reference
        self._now = now
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._cache: OrderedDict[str, CaseRow] = OrderedDict()
        self._missing: set[str] = set()  # listed ids whose case no longer exists
        self._wanted: list[int] = []  # pages, most recent wish last
        self._loading: set[int] = set()  # pages of the current id list being loaded
        self._in_flight = 0
        self._generation = 0
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush)
        if reference is not None:
            reference.loaded.connect(self._labels_changed)

    # --- ids ------------------------------------------------------------------------------

    def set_ids(self, ids: Sequence[str], total: int | None = None) -> bool:
        """Show the first ids of a list of `total` (None: all of it); False when they are shown already."""
        ids = list(dict.fromkeys(ids))
        self._set_total(len(ids) if total is None else max(total, len(ids)))
        if ids == self._ids:
            if not self._fetching:  # else the slice on its way continues where the list ends
                self._next_offset = len(ids)
            return False
        self.beginResetModel()
        self._ids = ids
        self._row_of = {case_id: row for row, case_id in enumerate(ids)}
        self._next_offset = len(ids)
        self._fetching = False
        self._missing.clear()
        self._wanted.clear()
        self._loading.clear()
        self._generation += 1  # answers for the old list are ignored from now on
        self.endResetModel()
        if ids:
            self._want(0)  # the first page, even before a (hidden) view asks for it
        return True

    @property
    def total(self) -> int:
        return self._total

    def id_count(self) -> int:
        return len(self._ids)

    def is_fetching(self) -> bool:
        return self._fetching

    def _set_total(self, total: int) -> None:
        if total != self._total:
            self._total = total
            self.total_changed.emit(total)

    def refresh_rows(self, case_ids: Sequence[str]) -> None:
        """Reload rows that changed; the old values stay on screen until the new ones land."""
        listed = [case_id for case_id in case_ids if case_id in self._row_of]
        for start in range(0, len(listed), PAGE_SIZE):
            self._load(listed[start : start + PAGE_SIZE], page=None)

    def case_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, case_id: str) -> int:
        return self._row_of.get(case_id, -1)

    def case_row(self, row: int) -> CaseRow | None:
        case_id = self.case_id(row)
        return self._cache.get(case_id) if case_id is not None else None

    def is_loaded(self, row: int) -> bool:
        case_id = self.case_id(row)
        return case_id is not None and (case_id in self._cache or case_id in self._missing)

    def all_loaded(self) -> bool:
        return all(case_id in self._cache or case_id in self._missing for case_id in self._ids)

    def set_clock(self, now: Callable[[], dt.datetime]) -> None:
        """Where "now" comes from (the services' clock in tests and demos)."""
        self._now = now
        self.tick()

    def tick(self) -> None:
        """Time passed: the time-left badges are redrawn (their data is recomputed from now)."""
        if self._ids:
            last = len(self._ids) - 1
            self.dataChanged.emit(
                self.index(0, self.DEADLINE_COLUMN),
                self.index(last, self.DEADLINE_COLUMN),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole],
            )

    # --- fetching ids -----------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._id_loader is not None and len(self._ids) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if self._fetching or not self.canFetchMore(parent):
            return
        assert self._id_loader is not None
        self._fetching = True
        generation = self._generation
        self._id_loader(self._next_offset, self.slice_size, lambda ids: self._slice_landed(generation, ids))

    def _slice_landed(self, generation: int, ids: list[str] | None) -> None:
        if generation != self._generation:
            return  # an answer for a list no longer shown
        if ids is None:  # failed: canFetchMore stays true, the view asks again when scrolled
            self._fetching = False
            self.ids_fetched.emit(False)
            return
        self._next_offset += len(ids)
        # Cases written meanwhile may shift the order: an id already held is not listed twice.
        new = [case_id for case_id in dict.fromkeys(ids) if case_id not in self._row_of]
        if new:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)  # the last row is inclusive
            self._ids.extend(new)
            self._row_of.update((case_id, first + n) for n, case_id in enumerate(new))
            self.endInsertRows()
        if len(ids) < self.slice_size or len(self._ids) > self._total:
            self._set_total(len(self._ids))  # the list ended elsewhere than counted: cases changed meanwhile
        self._fetching = False  # only now: views call fetchMore again from the insertion signals
        self.ids_fetched.emit(True)

    # --- loading rows -----------------------------------------------------------------------

    def _want(self, row: int) -> None:
        page = row // PAGE_SIZE
        if page in self._loading:
            return
        if page in self._wanted:
            if self._wanted[-1] == page:
                return
            self._wanted.remove(page)
        self._wanted.append(page)
        del self._wanted[:-MAX_WANTED]
        self._flush_timer.start()

    def _flush(self) -> None:
        while self._wanted and self._in_flight < MAX_IN_FLIGHT:
            page = self._wanted.pop()  # the latest wish first: that is where the user looks now
            listed = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
            ids = [
                case_id for case_id in listed if case_id not in self._cache and case_id not in self._missing
            ]
            if ids:  # a page may be partly loaded: its ids grew with a slice, or some were evicted
                self._load(ids, page)

    def _load(self, ids: list[str], page: int | None) -> None:
        generation = self._generation
        if page is not None:
            self._loading.add(page)
        self._in_flight += 1
        self._loader(ids, lambda rows: self._landed(generation, page, ids, rows))

    def _landed(self, generation: int, page: int | None, ids: list[str], rows: list[CaseRow] | None) -> None:
        self._in_flight -= 1
        if generation == self._generation and page is not None:
            self._loading.discard(page)
        if rows is None:  # loading failed: leave the placeholders, try again when wanted again
            self._flush_timer.start()
            return
        arrived = {row.id for row in rows}
        for row in rows:
            self._cache[row.id] = row
            self._cache.move_to_end(row.id)
        while len(self._cache) > CACHE_LIMIT:
            self._cache.popitem(last=False)
        if generation == self._generation:
            self._missing.update(case_id for case_id in ids if case_id not in arrived)
        positions = [self._row_of[case_id] for case_id in ids if case_id in self._row_of]
        if positions:
            self.dataChanged.emit(
                self.index(min(positions), 0), self.index(max(positions), len(self.COLUMNS) - 1)
            )
        self._flush_timer.start()

    def _labels_changed(self) -> None:
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1))

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        case_id = self._ids[index.row()]
        if role == ID_ROLE:
            return case_id
        row = self._cache.get(case_id)
        if row is None:
            if case_id not in self._missing:
                self._want(index.row())
            return PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole else None
        if role == ROW_ROLE:
            return row
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == "deadline":
            state = badge_state(row.sla, row.next_due_at, self._now())
            colour = {SlaFlag.OVERDUE: "error", SlaFlag.WARNING: "warning"}.get(state)  # with its symbol
            return qcolour(colour) if colour else None
        return None

    def _display(self, row: CaseRow, column: str) -> str:
        if column == "deadline":
            return badge_text(row.sla, row.next_due_at, self._now())
        if column == "number":
            return row.number
        if column == "kind":
            return kind_label(row.kind)
        if column == "status":
            return status_label(row.status)
        if column == "severity":
            return severity_label(row.severity)
        if column == "category":
            return self._reference.category_text(row.category_code) if self._reference else row.category_code
        if column == "customer":
            return row.masked_customer_name or "—"
        if column == "next":
            if row.next_due_at is None:
                return "—"
            return f"{clock_label(row.next_clock)} · {format_due(row.next_due_at)}"
        if column == "owner":
            department = (
                self._reference.department_label(row.department) if self._reference else row.department
            )
            return f"{row.owner} · {department}" if department else row.owner
        return format_due(row.received_at)

    def _tooltip(self, row: CaseRow, column: str) -> str:
        if column == "deadline":
            state = badge_state(row.sla, row.next_due_at, self._now())
            if row.next_due_at is None:
                return sla_flag_label(state)
            due = f"{clock_label(row.next_clock)}: {format_due(row.next_due_at)}"
            return f"{sla_flag_label(state)} — {due}"
        return self._display(row, column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (
            self.tr("Time left"),
            self.tr("Case number"),
            self.tr("Kind"),
            self.tr("Status"),
            self.tr("Severity"),
            self.tr("Category"),
            self.tr("Customer"),
            self.tr("Next deadline"),
            self.tr("Owner"),
            self.tr("Received"),
        )[section]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
