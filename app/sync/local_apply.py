"""Applying what was pulled from the central database to the local store, through the local tables.

The central database is the arbiter: its current state replaces ours unless we still have an unsent
change of the same record (then our change is pushed first and the central side decides). Appended
rows (timeline events, change history, operation log) merge by union.

A pull applies a whole batch at once: one query per current-state table for the versions already here,
one for what is held back by pending changes, each kind of row written with one statement for all its
rows (appended rows inserted unless their id is here, SQLite checking), and the deadline clocks of the
touched cases recomputed once at the end.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.context import ServiceContext
from app.services.case_records import refresh_deadlines
from app.services.erasure import scrub_customer
from app.sync import outbox, payloads
from app.sync.pulled_rows import PulledItem, names_and_values, row_of, store_row
from db.local_schema import (
    audit_log,
    case_events,
    cases,
    customer_changes,
    customer_keys,
    customer_lookup,
    customers,
    staff,
    sync_conflicts,
)
from db.local_schema import outbox as outbox_table

CONFLICT = "conflict"
# Snapshots replace the local row; a pending local change of the same record holds them back.
SNAPSHOTS = (outbox.CUSTOMER, outbox.CASE, outbox.STAFF)
_APPENDED_TABLES = {outbox.CUSTOMER_CHANGE: customer_changes, outbox.AUDIT: audit_log}


@dataclass(slots=True)
class Applied:
    """What applying a batch changed here, so the views redraw exactly that."""

    customers: set[str] = field(default_factory=set)
    cases: set[str] = field(default_factory=set)
    rows: int = 0

    def __bool__(self) -> bool:
        return self.rows > 0


def one_of(column: Any, values: Iterable[Any]) -> Any:
    """`column IN (values)` with the values as one JSON parameter: the same statement whatever their
    number, compiled and prepared once instead of once per list length."""
    return column.in_(select(func.json_each(json.dumps(list(values))).table_valued("value").c.value))


def existing_ids(session: Session, table: Table, ids: Iterable[str], key: str = "id") -> set[str]:
    wanted = set(ids)
    if not wanted:
        return set()
    column = table.c[key]
    return set(session.connection().execute(select(column).where(one_of(column, wanted))).scalars())


def _held_back(session: Session, items: Sequence[PulledItem]) -> set[tuple[str, str]]:
    """(entity, id) of the pulled snapshots that have an unsent local change: ours goes first."""
    ids = {item.id for item in items if item.entity in SNAPSHOTS}
    if not ids:
        return set()
    query = select(outbox_table.c.entity, outbox_table.c.entity_id).where(
        outbox_table.c.sent_at.is_(None),
        outbox_table.c.entity.in_(SNAPSHOTS),
        one_of(outbox_table.c.entity_id, ids),
    )
    return {(row.entity, row.entity_id) for row in session.connection().execute(query)}


def _local_versions(session: Session, table: Table, ids: Collection[str]) -> dict[str, int]:
    if not ids:
        return {}
    query = select(table.c.id, table.c.version).where(one_of(table.c.id, ids))
    return {row.id: row.version for row in session.connection().execute(query)}


def _same_columns_runs(
    rows: Iterable[Mapping[str, Any]],
) -> Iterator[tuple[tuple[str, ...], list[tuple[Any, ...]]]]:
    """Consecutive rows with the same columns, in order, as their column names and value tuples: one
    executemany per run (rows written by one version of the client all have the same columns, so a
    batch is usually a single run)."""
    names: tuple[str, ...] | None = None
    run: list[tuple[Any, ...]] = []
    for row in rows:
        row_names, values = names_and_values(row)
        if row_names is not names and row_names != names:
            if run:
                yield names, run  # type: ignore[misc]
                run = []
            names = row_names
        run.append(values)
    if run:
        yield names, run  # type: ignore[misc]


@dataclass(frozen=True, slots=True)
class _Statement:
    """INSERT (or upsert) SQL for rows of given columns, and which of their values it takes."""

    sql: str
    pick: Any  # value tuple -> the parameters' tuple; None when it takes them all, in order

    def run(self, connection: Connection, rows: list[tuple[Any, ...]]) -> int:
        """How many rows were written (inserted or updated; one kept as it was is not counted)."""
        # Straight to the driver's executemany: the per-row parameter handling of a compiled statement
        # cost more than SQLite's own work here. Rows are in store form (pulled_rows): no converters.
        parameters = rows if self.pick is None else list(map(self.pick, rows))
        return int(connection.exec_driver_sql(self.sql, parameters).rowcount)


# Columns numbered here as rows arrive (a timeline's positions are local): each new row takes the next
# free position among the rows with its value of the group column, in the order the rows come.
_NUMBERED: dict[str, tuple[str, str]] = {case_events.name: ("seq", "case_id")}


@functools.lru_cache(maxsize=256)  # a few statements per table
def _statement(
    table: Table, names: tuple[str, ...], conflict_key: str | None, keep_existing: bool = False
) -> _Statement:
    """INSERT of the rows' columns, or with conflict_key INSERT ... ON CONFLICT DO UPDATE of them (DO
    NOTHING with keep_existing). Columns this version does not have (a newer client's, during a rollout)
    are left out, not refused."""
    numbered = _NUMBERED.get(table.name)
    kept = [
        at for at, name in enumerate(names) if name in table.c and (numbered is None or name != numbered[0])
    ]
    columns = [names[at] for at in kept]
    placeholders = [f"?{number}" for number in range(1, len(kept) + 1)]
    if numbered is not None:
        position, group = numbered
        placeholders.append(
            f'(SELECT coalesce(max("{position}"), 0) + 1 FROM "{table.name}" '
            f'WHERE "{group}" = ?{columns.index(group) + 1})'
        )
        columns.append(position)
    quoted = [f'"{column}"' for column in columns]
    sql = f'INSERT INTO "{table.name}" ({", ".join(quoted)}) VALUES ({", ".join(placeholders)})'
    if conflict_key is not None:
        changed = [f"{column} = excluded.{column}" for column in quoted if column != f'"{conflict_key}"']
        action = f"UPDATE SET {', '.join(changed)}" if changed and not keep_existing else "NOTHING"
        sql += f' ON CONFLICT ("{conflict_key}") DO {action}'
    if len(kept) == len(names):
        return _Statement(sql, None)
    return _Statement(sql, lambda values: tuple(values[at] for at in kept))


def _upsert(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]], key: str = "id") -> None:
    """Rows in store form (pulled_rows); each run of rows with the same columns in one statement."""
    for names, run in _same_columns_runs(rows):
        _statement(table, names, key).run(connection, run)


def _insert(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    for names, run in _same_columns_runs(rows):
        _statement(table, names, None).run(connection, run)


def _insert_new(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert the rows whose id is not here yet (union merge): how many were."""
    return sum(
        _statement(table, names, "id", keep_existing=True).run(connection, run)
        for names, run in _same_columns_runs(rows)
    )


def _newest_snapshots(items: Iterable[PulledItem]) -> list[PulledItem]:
    """One item per record, the newest (a parent fetched for the batch may also be in it), in order."""
    newest: dict[str, PulledItem] = {}
    for item in items:
        if item.id not in newest or item.seq > newest[item.id].seq:
            newest[item.id] = item
    return sorted(newest.values(), key=lambda item: item.seq)


def _changed_rows(session: Session, table: Table, items: Sequence[PulledItem]) -> list[Mapping[str, Any]]:
    """The rows (store form) that differ from ours: a row whose version we already hold (our own change
    coming back, or a parent fetched earlier) is not written again."""
    rows = [row_of(item) for item in items]
    versions = _local_versions(session, table, [row["id"] for row in rows])
    return [row for row in rows if versions.get(row["id"]) != row["version"]]


def _apply_customers(session: Session, items: Sequence[PulledItem], applied: Applied) -> None:
    by_id = {item.id: item for item in items}
    rows = _changed_rows(session, customers, items)
    if not rows:
        return
    connection = session.connection()
    ids = [row["id"] for row in rows]
    _upsert(connection, customers, rows)
    # An erased customer's snapshot has no key: the erasure is repeated here (crypto-shredding).
    keys = [store_row(customer_keys, by_id[i].payload["key"]) for i in ids if by_id[i].payload.get("key")]
    if keys:
        _upsert(connection, customer_keys, keys, key="customer_id")
    for row in rows:
        if by_id[row["id"]].payload.get("erased"):
            erased_at = row["erased_at"] and dt.datetime.fromisoformat(row["erased_at"])  # store form: text
            scrub_customer(session, row["id"], erased_at, row["updated_by"])
    connection.execute(delete(customer_lookup).where(one_of(customer_lookup.c.customer_id, ids)))
    entries = [
        {"customer_id": customer_id, "kind": kind, "digest": digest}
        for customer_id in ids
        for kind, digest in by_id[customer_id].payload["lookup"]
    ]
    if entries:
        _insert(connection, customer_lookup, entries)
    applied.customers.update(ids)
    applied.rows += len(rows)


def _apply_cases(session: Session, items: Sequence[PulledItem], applied: Applied) -> None:
    rows = _changed_rows(session, cases, items)
    if rows:
        _upsert(session.connection(), cases, rows)
        applied.cases.update(row["id"] for row in rows)
        applied.rows += len(rows)


def _apply_case_events(session: Session, items: Sequence[PulledItem], applied: Applied) -> None:
    # An event already here is left as it is (union merge); a new one takes the next free position of its
    # case here, in pulled order: positions are local (_NUMBERED).
    new = _insert_new(session.connection(), case_events, [row_of(item) for item in items])
    if new:
        applied.cases.update(item.field("case_id") for item in items)
        applied.rows += new


def _apply_appended(session: Session, entity: str, items: Sequence[PulledItem], applied: Applied) -> None:
    # No lookup of what is here first: the rows are inserted unless their id is (a hundred thousand
    # lookups cost a first pull more than SQLite's own check).
    new = _insert_new(session.connection(), _APPENDED_TABLES[entity], [row_of(item) for item in items])
    if new:
        if entity == outbox.CUSTOMER_CHANGE:
            applied.customers.update(item.field("customer_id") for item in items)
        applied.rows += new


def _apply_conflicts(session: Session, items: Sequence[PulledItem], applied: Applied) -> None:
    here = existing_ids(session, sync_conflicts, [item.id for item in items])
    rows = []
    for item in items:
        if item.id in here:
            continue
        here.add(item.id)
        payload = item.payload
        rows.append(
            {
                "id": payload["id"],
                "entity": payload["entity"],
                "entity_id": payload["entity_id"],
                "losing_version": payload["losing_version"],
                "losing_workstation": payload["losing_workstation"],
                "losing_payload": payloads.to_bytes(payload["losing_payload"]),
                "detected_at": payloads.decode_value(payload["detected_at"]),
            }
        )
    if rows:
        session.connection().execute(insert(sync_conflicts), rows)
        applied.rows += len(rows)


# SET takes the columns of the parameters (all but the key); the key travels under another name.
_STAFF_UPDATE = update(staff).where(staff.c.id == bindparam("staff_id"))


def _apply_staff(session: Session, items: Sequence[PulledItem], applied: Applied) -> None:
    """Accounts come from the central side; this PC keeps its own lockout counters."""
    rows = [payloads.decode_row(item.payload["row"]) for item in items]
    here = existing_ids(session, staff, [row["id"] for row in rows])
    connection = session.connection()
    changed = [
        {
            "staff_id": row["id"],
            **{name: value for name, value in row.items() if name != "id" and name in staff.c},
        }
        for row in rows
        if row["id"] in here
    ]
    for row in changed:  # a handful of accounts, each as its payload has it
        connection.execute(_STAFF_UPDATE, row)
    new = [
        {**store_row(staff, item.payload["row"]), "failed_attempts": 0, "locked_until": None}
        for item in items
        if item.id not in here
    ]
    _insert(connection, staff, new)
    applied.rows += len(rows)


def apply_batch(session: Session, ctx: ServiceContext, items: Sequence[PulledItem]) -> Applied:
    """Apply pulled items in the caller's transaction: parents before children (customers, cases, then
    the rows that refer to them), appended rows in pulled order; what changed here."""
    held = _held_back(session, items)
    by_entity: defaultdict[str, list[PulledItem]] = defaultdict(list)
    for item in [item for item in items if (item.entity, item.id) not in held] if held else items:
        by_entity[item.entity].append(item)
    applied = Applied()
    _apply_customers(session, _newest_snapshots(by_entity.get(outbox.CUSTOMER, ())), applied)
    _apply_cases(session, _newest_snapshots(by_entity.get(outbox.CASE, ())), applied)
    _apply_case_events(session, by_entity.get(outbox.CASE_EVENT, []), applied)
    for entity in _APPENDED_TABLES:
        _apply_appended(session, entity, by_entity.get(entity, []), applied)
    _apply_staff(session, _newest_snapshots(by_entity.get(outbox.STAFF, ())), applied)
    _apply_conflicts(session, by_entity.get(CONFLICT, []), applied)
    # Once per touched case per batch, not once per pulled row: the clocks depend on the whole timeline.
    refresh_deadlines(session, ctx, applied.cases)
    return applied


def apply(session: Session, ctx: ServiceContext, item: PulledItem) -> bool:
    """Apply one pulled item; False when it was already here or is held back by a pending change."""
    return bool(apply_batch(session, ctx, [item]))
