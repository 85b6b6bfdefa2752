"""The operation log as a table model: counted once per filter, rows fetched in pages as the view scrolls."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from app.errors import BranchDeskError
from ui.formatting import format_datetime
from ui.ops import OpRunner
from ui.services import _lazy

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.context import ServiceContext
    from app.services.audit_log import AuditEntry, AuditFilter

audit_service = _lazy("app.services.audit_log")

AnyIndex = QModelIndex | QPersistentModelIndex
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 200


def _count_as_of_now(session: Session, ctx: ServiceContext, flt: AuditFilter) -> tuple[AuditFilter, int]:
    """Pins the filter's end to "now", so entries written while the user pages (their own export,
    a colleague's sign-in) do not shift the pages under the offsets; Refresh takes a new snapshot."""
    now = ctx.clock() + dt.timedelta(microseconds=1)  # `until` is exclusive
    pinned = dataclasses.replace(flt, until=now if flt.until is None else min(flt.until, now))
    return pinned, audit_service.count_entries(session, ctx, pinned)


def format_at(value: dt.datetime) -> str:
    return format_datetime(value, seconds=True)  # the log is read to the second


class AuditLogModel(QAbstractTableModel):
    """Newest first. ``set_filter`` counts; the first page follows at once, the rest on ``fetchMore``."""

    COLUMNS = ("at", "staff_id", "workstation", "action", "object_type", "object_id", "result", "detail")

    counted = Signal(int)  # entries matching the filter (as of the snapshot)
    page_loaded = Signal()
    failed = Signal(object)  # BranchDeskError

    def __init__(self, runner: OpRunner, page_size: int = PAGE_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.page_size = page_size
        self._rows: list[AuditEntry] = []
        self._ids: set[str] = set()
        self._total = 0
        self._filter: AuditFilter | None = None  # pinned by the count; None until it lands
        self._loading = False
        self._generation = 0

    # --- loading --------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def shown_filter(self) -> AuditFilter | None:
        """The filter the rows were read with, its end pinned to the snapshot (export uses it)."""
        return self._filter

    @property
    def is_loading(self) -> bool:
        return self._loading or (self._filter is None and self._generation > 0)

    def set_filter(self, flt: AuditFilter) -> None:
        self._generation += 1
        generation = self._generation
        self.beginResetModel()
        self._rows = []
        self._ids = set()
        self._total = 0
        self._filter = None
        self._loading = False
        self.endResetModel()
        self.runner.run_db(
            _count_as_of_now,
            flt,
            on_success=lambda result: self._counted(generation, result),
            on_failure=lambda exc: self._failed(generation, exc),
        )

    def _counted(self, generation: int, result: tuple[AuditFilter, int]) -> None:
        if generation != self._generation:
            return
        self._filter, self._total = result
        self.counted.emit(self._total)
        self.fetchMore(QModelIndex())  # the view asks for more only when it scrolls or grows

    def _landed(self, generation: int, offset: int, entries: list[AuditEntry]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if offset != len(self._rows):
            return
        fresh = [entry for entry in entries if entry.id not in self._ids]
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)  # last row inclusive
            self._rows.extend(fresh)
            self._ids.update(entry.id for entry in fresh)
            self.endInsertRows()
        if len(entries) < self.page_size:
            self._total = len(self._rows)  # fewer than counted (the log changed): nothing more to ask
        self.page_loaded.emit()

    def _failed(self, generation: int, exc: BranchDeskError) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._total = len(self._rows)  # stop asking; Refresh tries again
        self.failed.emit(exc)

    def entry(self, row: int) -> AuditEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --- QAbstractTableModel ----------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and self._filter is not None
            and not self._loading
            and len(self._rows) < self._total
        )

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._filter is not None
        self._loading = True
        generation, offset = self._generation, len(self._rows)
        self.runner.run_db(
            audit_service.search_entries,
            self._filter,
            self.page_size,
            offset,
            on_success=lambda entries: self._landed(generation, offset, entries),
            on_failure=lambda exc: self._failed(generation, exc),
        )

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == ENTRY_ROLE:
            return entry
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = self.COLUMNS[index.column()]
            return format_at(entry.at) if column == "at" else str(getattr(entry, column))
        return None

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
            self.tr("Time"),
            self.tr("Staff"),
            self.tr("Workstation"),
            self.tr("Action"),
            self.tr("Object type"),
            self.tr("Object"),
            self.tr("Result"),
            self.tr("Detail"),
        )[section]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
