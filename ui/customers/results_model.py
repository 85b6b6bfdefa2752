"""The customer result list as a Qt table model of masked CustomerSummary rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.domain import CustomerDetail, CustomerField, CustomerSummary
from ui.customers.labels import id_type_label

AnyIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def summary_of(detail: CustomerDetail) -> CustomerSummary:
    """The list row for a freshly loaded detail (both carry the same masked values)."""
    return CustomerSummary(
        id=detail.id,
        id_type=detail.id_type,
        masked_name=detail.masked.get(CustomerField.NAME, ""),
        masked_id_number=detail.masked.get(CustomerField.ID_NUMBER, ""),
        masked_mobile=detail.masked.get(CustomerField.MOBILE, ""),
    )


class CustomerResultsModel(QAbstractTableModel):
    """Holds the rows of one search or the recent list; every value is already masked."""

    COLUMNS = ("name", "id_type", "id_number", "mobile")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CustomerSummary] = []

    def set_rows(self, rows: Sequence[CustomerSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def update_row(self, summary: CustomerSummary) -> None:
        """Replace the row of the same customer, if it is listed."""
        row = self.row_of(summary.id)
        if row < 0 or self._rows[row] == summary:
            return
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def summary(self, row: int) -> CustomerSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, customer_id: str) -> int:
        for row, summary in enumerate(self._rows):
            if summary.id == customer_id:
                return row
        return -1

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        summary = self._rows[index.row()]
        if role == ID_ROLE:
            return summary.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = self.COLUMNS[index.column()]
            if column == "name":
                return summary.masked_name
            if column == "id_type":
                return id_type_label(summary.id_type)
            if column == "id_number":
                return summary.masked_id_number
            return summary.masked_mobile
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
            self.tr("Name"),
            self.tr("ID type"),
            self.tr("ID number"),
            self.tr("Mobile"),
        )[section]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
