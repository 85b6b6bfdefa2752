"""Reading from the central database what a workstation may see: its branch's cases, their events, the
customers they refer to, its branch's operation log and conflicts; ordered by the server's sequence."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from sqlalchemy import Column, Connection, TextClause, text
from sqlalchemy.dialects.postgresql import insert

from app.sync.pulled_rows import (
    BYTES,
    FLAG,
    NUMBER,
    STORED_LENGTH,
    TABLES,
    TEXT,
    TIME,
    PulledItem,
    StoredRow,
    kind_of,
    read_columns,
    stored_time,
)
from db import central_schema as central

# For a branch's own role, row-level security (central migrations 0003, 0007) enforces the same scope;
# the explicit filters keep the query right on the DBA's connection, which RLS does not bind.
# A branch sees its own customers and their history, and those of other branches that its cases refer
# to: each kind in a part of its own, so that every part is a range scan of one index (central migration
# 0007) whatever the number of branches, the second found through the branch's cases.
_REFERRED = "IN (SELECT customer_id FROM cases WHERE branch = :branch AND customer_id IS NOT NULL)"
# Appended rows this very workstation wrote are already here.
_NOT_MINE = "NOT (x.payload->>'origin_branch' = :branch AND x.payload->>'origin_workstation' = :workstation)"


@dataclass(frozen=True, slots=True)
class _Part:
    """One kind of row the pull reads: its table (with the scope's filters) and its sequence column."""

    entity: str
    alias: str  # of the table whose rows these are
    tables: str  # FROM this
    where: str  # with :cursor, :branch and :workstation
    seq_column: str = "last_seq"
    payload_sql: str | None = None  # when not the table's payload column
    id_sql: str | None = None  # when not the table's id column

    @property
    def seq(self) -> str:
        return f"{self.alias}.{self.seq_column}"

    @property
    def payload(self) -> str:
        return self.payload_sql or f"{self.alias}.payload"

    @property
    def id(self) -> str:
        return self.id_sql or f"{self.alias}.id"


_PARTS = (
    _Part("customer", "cu", "customers cu", "cu.branch = :branch AND cu.last_seq > :cursor"),
    _Part("customer", "cu", "customers cu",
          f"cu.branch <> :branch AND cu.last_seq > :cursor AND cu.id {_REFERRED}"),
    _Part("case", "c", "cases c", "c.last_seq > :cursor AND c.branch = :branch"),
    _Part("case_event", "x", "case_events x", f"x.branch = :branch AND x.last_seq > :cursor AND {_NOT_MINE}"),
    _Part("customer_change", "x", "customer_changes x",
          f"x.branch = :branch AND x.last_seq > :cursor AND {_NOT_MINE}"),
    _Part("customer_change", "x", "customer_changes x",
          f"x.branch <> :branch AND x.last_seq > :cursor AND x.customer_id {_REFERRED} AND {_NOT_MINE}"),
    _Part("audit", "x", "audit_log x", f"x.last_seq > :cursor AND x.branch = :branch AND {_NOT_MINE}"),
    _Part("staff", "s", "staff s", "s.last_seq > :cursor AND s.branch = :branch"),
    _Part("conflict", "f", "conflicts f", "f.winner_seq > :cursor AND f.branch = :branch", "winner_seq",
          payload_sql="""
           jsonb_build_object('id', CAST(f.id AS VARCHAR), 'entity', f.entity, 'entity_id', f.entity_id,
                              'losing_version', f.losing_version, 'losing_workstation', f.losing_workstation,
                              'losing_payload', f.losing_payload,
                              'detected_at', jsonb_build_object(
                                  '$ts', to_char(f.detected_at AT TIME ZONE 'UTC',
                                                 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')))""",
          id_sql="CAST(f.id AS VARCHAR)"),
)  # fmt: skip

# The columns of the rows read column by column (app/sync/pulled_rows.py) travel in typed slots that
# every part of the union shares: text (and times), bytes, numbers, flags, each part's columns first.
_SQL_TYPES = {TEXT: "text", TIME: "text", BYTES: "bytea", NUMBER: "bigint", FLAG: "boolean"}
_SLOT_TYPES = ("text", "bytea", "bigint", "boolean")
_LEADING = ("entity", "id", "seq", "present", "extra")
_NOTHING: Mapping[str, Any] = MappingProxyType({})
# A customer's payload also carries its key and blind indexes, which the local apply needs.
_WITH_REST = {"customer"}


def _by_slot_type(entity: str) -> dict[str, list[Column[Any]]]:
    typed: dict[str, list[Column[Any]]] = {sql_type: [] for sql_type in _SLOT_TYPES}
    for column in read_columns(entity):
        typed[_SQL_TYPES[kind_of(column)]].append(column)
    return typed


_SLOTS = {
    sql_type: max(len(_by_slot_type(entity)[sql_type]) for entity in TABLES) for sql_type in _SLOT_TYPES
}


def _value(row: str, column: Column[Any]) -> str:
    """The SQL that reads one column out of a payload's row (JSON as app/sync/payloads.py writes it)."""
    field = f"{row}->'{column.name}'"
    return {
        TEXT: f"{row}->>'{column.name}'",
        TIME: f"{field}->>'$ts'",
        BYTES: f"decode({field}->>'$b64', 'base64')",
        NUMBER: f"CAST({row}->>'{column.name}' AS bigint)",
        FLAG: f"CAST({row}->>'{column.name}' AS boolean)",
    }[kind_of(column)]


def _times(entity: str) -> list[str]:
    """The SQL that reads each time column's text out of a payload's row."""
    return [_value("p.r", column) for column in read_columns(entity) if kind_of(column) == TIME]


def _in_store_form(time: str) -> str:
    """SQL: the time text is absent or as the store writes it (pulled_rows.is_stored_time)."""
    return f"({time} IS NULL OR (length({time}) = {STORED_LENGTH} AND {time} LIKE '__________T%+00:00'))"


def _columns(part: _Part) -> str:
    """The select list of a part: entity, id, seq, then for a row read column by column the keys its
    payload's row has when some are missing (an older client's), the rest of the payload that the local
    apply needs, and the column slots; for any other item its payload."""
    head = f"'{part.entity}' AS entity, {part.id} AS id, {part.seq} AS seq"
    if part.entity not in TABLES:
        nulls = (f"CAST(NULL AS {sql_type})" for sql_type in _SLOT_TYPES for _ in range(_SLOTS[sql_type]))
        return f"{head}, CAST(NULL AS text[]) AS present, {part.payload} AS extra, {', '.join(nulls)}"
    row = "p.r"
    names = ", ".join(f"'{column.name}'" for column in read_columns(part.entity))
    usual = " AND ".join([f"{row} ?& ARRAY[{names}]", *map(_in_store_form, _times(part.entity))])
    present = f"CASE WHEN {usual} THEN NULL ELSE ARRAY(SELECT jsonb_object_keys({row})) END"
    rest = f"{part.payload} - 'row'" if part.entity in _WITH_REST else "CAST(NULL AS jsonb)"
    slots = []
    for sql_type, columns in _by_slot_type(part.entity).items():
        slots += [_value(row, column) for column in columns]
        slots += [f"CAST(NULL AS {sql_type})"] * (_SLOTS[sql_type] - len(columns))
    return f"{head}, {present} AS present, {rest} AS extra, {', '.join(slots)}"


def _source(part: _Part, where: str) -> str:
    """FROM and WHERE of a part; a row read column by column is taken out of its payload once (p.r):
    a large payload is kept compressed or apart (TOAST), and every reference would unpack it again."""
    if part.entity not in TABLES:
        return f"{part.tables} WHERE {where}"
    row = f"CROSS JOIN LATERAL (SELECT {part.payload}->'row' AS r OFFSET 0) AS p"
    return f"{part.tables} {row} WHERE {where}"


# One SELECT per kind of row, each ordered by its own sequence column. The batch query limits each of
# them before the union: with the (branch, last_seq) / last_seq indexes of central migration 0004 every
# part is an index range scan that stops after :limit rows, so a batch costs the same at any cursor
# instead of scanning and sorting all of the branch's rows.
_FIRST_OF_EACH = "\n    UNION ALL ".join(
    f"(SELECT {_columns(part)}\n      FROM {_source(part, part.where)}\n ORDER BY {part.seq} LIMIT :limit)"
    for part in _PARTS
)
_BATCH = text(f"SELECT * FROM ({_FIRST_OF_EACH}) AS visible ORDER BY seq, entity LIMIT :limit")
_REMAINING = text(
    "SELECT count(*) FROM ("
    + "\n    UNION ALL ".join(f"SELECT {part.seq} FROM {part.tables} WHERE {part.where}" for part in _PARTS)
    + ") AS visible"
)


@dataclass(frozen=True, slots=True)
class _Reader:
    """Turns a result row of one kind into a PulledItem: its row from the slots, in store form."""

    names: tuple[str, ...]
    values: Callable[[Sequence[Any]], tuple[Any, ...]]
    times: tuple[int, ...]  # positions in names
    index: Mapping[str, int]  # name -> position in names

    def item(self, values: Sequence[Any]) -> PulledItem:
        entity, item_id, seq, present, rest = values[:5]
        cells = self.values(values)
        if present is None:
            # The usual row (the server checked): every column, times as the store writes them; its
            # values as they come.
            row: Mapping[str, Any] = StoredRow(self.names, cells, self.index)
            return PulledItem(entity, item_id, seq, rest or _NOTHING, row)
        # Times written otherwise are parsed and written anew (a naive one is refused); an older
        # client's row has only the columns it had (the rest keep their defaults).
        row = dict(zip(self.names, cells, strict=True))
        for at in self.times:
            row[self.names[at]] = stored_time(cells[at])
        return PulledItem(
            entity, item_id, seq, rest or _NOTHING, {n: v for n, v in row.items() if n in present}
        )


def _reader(entity: str) -> _Reader:
    positions: list[int] = []
    names: list[str] = []
    start = len(_LEADING)
    for sql_type, columns in _by_slot_type(entity).items():
        positions += range(start, start + len(columns))
        names += [column.name for column in columns]
        start += _SLOTS[sql_type]
    index = {name: at for at, name in enumerate(names)}
    times = tuple(index[column.name] for column in read_columns(entity) if kind_of(column) == TIME)
    return _Reader(tuple(names), itemgetter(*positions), times, index)


_READERS = {entity: _reader(entity) for entity in TABLES}


def _items(rows: Iterable[Sequence[Any]]) -> list[PulledItem]:
    items = []
    for values in rows:
        reader = _READERS.get(values[0])
        items.append(
            reader.item(values) if reader else PulledItem(values[0], values[1], values[2], values[4])
        )
    return items


def pull_batch(
    connection: Connection, branch: str, workstation: str, cursor: int, limit: int
) -> list[PulledItem]:
    result = connection.execute(
        _BATCH, {"branch": branch, "workstation": workstation, "cursor": cursor, "limit": limit}
    )
    return _items(result)


def remaining(connection: Connection, branch: str, workstation: str, cursor: int) -> int:
    """How many items a pull from `cursor` will bring (for the progress of a large first pull)."""
    return connection.execute(
        _REMAINING, {"branch": branch, "workstation": workstation, "cursor": cursor}
    ).scalar_one()


def _current(entity: str, table: str) -> TextClause:
    part = dataclasses.replace(next(part for part in _PARTS if part.entity == entity), tables=table)
    return text(
        f"SELECT {_columns(part)} FROM {_source(part, f'{part.alias}.id = ANY(CAST(:ids AS VARCHAR[]))')}"
    )


_CURRENT_CUSTOMERS = _current("customer", "customers cu")
_CURRENT_CASES = _current("case", "cases c")


def current_customers(connection: Connection, customer_ids: Collection[str]) -> list[PulledItem]:
    """The current rows of these customers (parents a batch refers to), in one round trip."""
    return _items(connection.execute(_CURRENT_CUSTOMERS, {"ids": list(customer_ids)}))


def current_cases(connection: Connection, case_ids: Collection[str]) -> list[PulledItem]:
    """The current rows of these cases (parents a batch's events refer to), in one round trip."""
    return _items(connection.execute(_CURRENT_CASES, {"ids": list(case_ids)}))


def customer_candidates(connection: Connection, kind: str, digest: int) -> list[PulledItem]:
    """Every branch's customers whose blind index matches (the caller compares decrypted values).

    Through a SECURITY DEFINER function: a branch role cannot read other branches' customers directly,
    and the function records the access centrally (access_log)."""
    rows = connection.execute(
        text("SELECT id, seq, payload FROM branchdesk_customer_candidates(:kind, :digest)"),
        {"kind": kind, "digest": digest},
    ).all()
    return [PulledItem("customer", row.id, row.seq, row.payload) for row in rows]


def customer_history(
    connection: Connection, kind: str, digest: int, customer_ids: Sequence[str]
) -> list[PulledItem]:
    """The customers among `customer_ids` that the blind index really points to, their cases (all
    branches) and the cases' timelines: customers first, each case before its events. Logged centrally."""
    rows = connection.execute(
        text(
            "SELECT entity, id, seq, payload FROM branchdesk_customer_history(:kind, :digest, "
            "CAST(:ids AS VARCHAR[]))"
        ),
        {"kind": kind, "digest": digest, "ids": list(customer_ids)},
    ).all()
    return [PulledItem(row.entity, row.id, row.seq, row.payload) for row in rows]


def touch_client(connection: Connection, branch: str, workstation: str, **values: Any) -> None:
    statement = insert(central.sync_clients).values(branch=branch, workstation=workstation, **values)
    connection.execute(statement.on_conflict_do_update(index_elements=["branch", "workstation"], set_=values))
