"""What a pull brings: items, and their rows in the form the local store keeps (times as UTC text).

The central database keeps each row as the pushing workstation encoded it (app/sync/payloads.py: bytes
as base64, times as ISO text). The pull reads the columns of the bulk rows (customers, cases, timeline,
change history, operation log) out of the payloads on the server (app/sync/central_pull.py), so the
workstation parses no JSON for them; other items (staff, conflicts, a customer's history fetched on
demand) carry their payload, and store_row turns its row into the same form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from sqlalchemy import Boolean, Column, Integer, LargeBinary, String, Table

from app.sync import outbox, payloads
from db.local_schema import audit_log, case_events, cases, customer_changes, customers
from db.types import UtcDateTime


class StoredRow(Mapping[str, Any]):
    """A row in store form as the pull reads it: its column names (shared by every row of one kind)
    and its values (cells) in that order. The local apply hands the cells to the driver as they are;
    reading one column by name is for the few it needs (id, version, parents)."""

    __slots__ = ("_index", "cells", "names")

    def __init__(self, names: tuple[str, ...], cells: tuple[Any, ...], index: Mapping[str, int]) -> None:
        self.names, self.cells, self._index = names, cells, index  # index: name -> position

    def __getitem__(self, name: str) -> Any:
        return self.cells[self._index[name]]

    def get(self, name: str, default: Any = None) -> Any:  # direct: a pull reads ids and parents of each row
        at = self._index.get(name)
        return default if at is None else self.cells[at]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __repr__(self) -> str:
        return f"StoredRow({dict(self)!r})"


def names_and_values(row: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """A row's column names and values, in the same order."""
    if type(row) is StoredRow:
        return row.names, row.cells
    return tuple(row), tuple(row.values())


class PulledItem(NamedTuple):  # a first pull makes a hundred thousand: a tuple is the cheapest to build
    entity: str  # customer, case, case_event, customer_change, audit, staff, conflict
    id: str
    seq: int
    # As the central database keeps it; for an item read with its row (below), the rest of it.
    payload: Mapping[str, Any]
    # The row in store form, when the pull read it so (a StoredRow, or a dict of only the columns its
    # payload had when an older client sent it).
    row: Mapping[str, Any] | None = None

    def field(self, name: str) -> Any:
        """A text or number column of the row (an id, a version): they read the same in either form."""
        return (self.row if self.row is not None else self.payload["row"]).get(name)


# The local table of each kind of row that the pull reads column by column.
TABLES: dict[str, Table] = {
    outbox.CUSTOMER: customers,
    outbox.CASE: cases,
    outbox.CASE_EVENT: case_events,
    outbox.CUSTOMER_CHANGE: customer_changes,
    outbox.AUDIT: audit_log,
}
# Columns no workstation sends (app/sync/outbox.py): derived or numbered here.
_NOT_SENT: dict[str, tuple[str, ...]] = {outbox.CASE: outbox.CASE_LOCAL_COLUMNS, outbox.AUDIT: ("seq",)}

TEXT, TIME, BYTES, NUMBER, FLAG = "text", "time", "bytes", "number", "flag"
_KINDS = ((UtcDateTime, TIME), (LargeBinary, BYTES), (Boolean, FLAG), (Integer, NUMBER), (String, TEXT))


def kind_of(column: Column[Any]) -> str:
    """How a column's value travels: one of TEXT, TIME, BYTES, NUMBER, FLAG."""
    for type_, kind in _KINDS:
        if isinstance(column.type, type_):
            return kind
    raise TypeError(f"{column.table}.{column.name}: no pulled form for {column.type!r}")  # a new column type


def sent_columns(entity: str) -> tuple[Column[Any], ...]:
    """The columns of the entity's local table that a workstation of this version sends, in order."""
    return tuple(column for column in TABLES[entity].c if column.name not in _NOT_SENT.get(entity, ()))


# Sent, but numbered again here (local_apply numbers a timeline's events as they arrive): not read.
NUMBERED_HERE: dict[str, str] = {outbox.CASE_EVENT: "seq"}


def read_columns(entity: str) -> tuple[Column[Any], ...]:
    """The sent columns the pull reads column by column, in order."""
    return tuple(column for column in sent_columns(entity) if column.name != NUMBERED_HERE.get(entity))


_STORED = UtcDateTime()
STORED_LENGTH = len("2026-01-01T00:00:00.000000+00:00")


def is_stored_time(value: str | None) -> bool:
    """Whether a payload's time ($ts text) is already as the store writes it (or absent)."""
    return value is None or (len(value) == STORED_LENGTH and value[10] == "T" and value.endswith("+00:00"))


def stored_time(value: str | None) -> str | None:
    """A payload's time ($ts text) as the store keeps it. Workstations encode times exactly as the store
    does (UTC, microseconds), so the text is kept as it is; anything else is parsed and written anew."""
    if is_stored_time(value):
        return value
    return _STORED.process_bind_param(dt.datetime.fromisoformat(value), None)  # type: ignore[arg-type]


def store_row(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    """A payload's row in store form: the columns this version has (a newer client's others are left
    out rather than refused), bytes decoded, times as the store's UTC text."""
    stored: dict[str, Any] = {}
    for name, value in row.items():
        column = table.c.get(name)
        if column is None:
            continue
        value = payloads.decode_value(value)
        if value is not None and isinstance(column.type, UtcDateTime):
            value = column.type.process_bind_param(value, None)  # type: ignore[arg-type]
        stored[name] = value
    return stored


def row_of(item: PulledItem) -> dict[str, Any] | Mapping[str, Any]:
    """The item's row in store form."""
    if item.row is not None:
        return item.row
    return store_row(TABLES[item.entity], item.payload["row"])
