"""Applying a pushed batch in the central database, set by set: idempotent by change id, per-record
versions merged by app.sync.conflict_rule, losing edits kept for a supervisor.

A batch costs a fixed handful of statements, whatever its size: the receipts of current rows, one read
and one upsert per current-state table, one statement for the appended rows with their receipts, each
carrying all of the batch's rows as one JSON parameter (jsonb_to_recordset). Statements per change would
make the workstation's CPU and the round trips the limit, and the append lock is held for all of them."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, text

from app.sync import outbox, payloads
from app.sync.conflict_rule import LostEdit, OutgoingChange, RecordState, merge
from db import central_schema as central

__all__ = ["BatchResult", "OutgoingChange", "PreparedBatch", "apply_batch", "prepare_batch"]

SNAPSHOT_TABLES = {
    outbox.CUSTOMER: central.customers,
    outbox.CASE: central.cases,
    outbox.STAFF: central.staff,
}


@dataclass(frozen=True, slots=True)
class BatchResult:
    duplicates: int = 0  # pushed before; their effect is already here
    conflicts: int = 0


def _insert_json(
    connection: Connection, table: Table, names: Sequence[str], records: str, on_conflict: str
) -> None:
    """INSERT the rows of `records` (a JSON array of objects keyed by column name) in one statement."""
    columns = ", ".join(f'"{name}"' for name in names)
    record = ", ".join(f'"{name}" {table.c[name].type.compile(dialect=connection.dialect)}' for name in names)
    connection.execute(
        text(
            f"INSERT INTO {table.name} ({columns}) SELECT {columns} "
            f"FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r({record}) {on_conflict}"
        ),
        {"rows": records},
    )


def _insert_rows(
    connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]], on_conflict: str
) -> None:
    """INSERT all `rows` (column name -> JSON-ready value) in one statement."""
    if rows:
        records = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        _insert_json(connection, table, list(rows[0]), records, on_conflict)


# Sequence numbers are taken in the batch's order (n) under central.append_lock, held by the caller, so
# commit order is seq order. A change pushed before conflicts on change_id and returns nothing. The log
# keeps receipts: a payload only for an erasure (central migration 0006).
_RECORD_CHANGES = """
    INSERT INTO changes (server_seq, change_id, origin_branch, origin_workstation, entity, entity_id, version,
                         payload)
    SELECT nextval((SELECT pg_get_serial_sequence('changes', 'server_seq'))), r.change_id, r.origin_branch,
           r.origin_workstation, r.entity, r.entity_id, r.version, r.payload
      FROM (SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb))
                AS x(n integer, change_id uuid, origin_branch varchar, origin_workstation varchar,
                     entity varchar, entity_id varchar, version integer, payload jsonb)
             ORDER BY n) AS r
    ON CONFLICT (change_id) DO NOTHING
    RETURNING CAST(change_id AS VARCHAR), server_seq
"""


def _receipt(position: int, change: OutgoingChange) -> str:
    origin = change.payload
    kept = change.raw.decode("utf-8") if change.entity == outbox.ERASURE else "null"
    return (
        f'{{"n":{position},"change_id":"{change.change_id}","entity":"{change.entity}",'
        f'"entity_id":{json.dumps(change.entity_id)},"version":{change.version},'
        f'"origin_branch":{json.dumps(origin["origin_branch"])},'
        f'"origin_workstation":{json.dumps(origin["origin_workstation"])},"payload":{kept}}}'
    )


def _record_changes(
    connection: Connection, changes: Sequence[OutgoingChange], receipts: str
) -> list[tuple[int, OutgoingChange]]:
    """The change log; the new changes with their sequence numbers, in order."""
    numbers = dict(connection.execute(text(_RECORD_CHANGES), {"rows": receipts}).all())
    return sorted((numbers[change.change_id], change) for change in changes if change.change_id in numbers)


def _locked_states(connection: Connection, table: Table, ids: Iterable[str]) -> dict[str, RecordState]:
    """The current rows of the batch's records, locked until the push commits."""
    rows = connection.execute(
        text(
            f"SELECT id, branch, version, origin_workstation, CAST(last_change_id AS VARCHAR) AS change_id, "
            f"last_seq, payload FROM {table.name} WHERE id = ANY(:ids) ORDER BY id FOR UPDATE"
        ),
        {"ids": sorted(set(ids))},
    ).all()
    return {
        row.id: RecordState(row.branch, row.version, row.origin_workstation, row.change_id, row.last_seq,
                            row.payload)
        for row in rows
    }  # fmt: skip


def _state_row(entity: str, entity_id: str, state: RecordState) -> dict[str, Any]:
    """The current-state row's columns besides its payload."""
    row = state.payload["row"]
    values: dict[str, Any] = {
        "id": entity_id,
        "branch": state.branch,
        "version": state.version,
        "updated_at": payloads.decode_value(row["updated_at"]).isoformat(),
        "origin_workstation": state.workstation,
        "last_seq": state.seq,
        "last_change_id": state.change_id,
    }
    if entity == outbox.CASE:
        values |= {"customer_id": row.get("customer_id"), "status": row["status"]}
    if entity == outbox.STAFF:
        values["username"] = row["username"]
    return values


def _state_record(entity: str, entity_id: str, state: RecordState) -> str:
    """One row as a JSON object; a payload that is a pushed change's own goes as pushed, not re-encoded."""
    columns = json.dumps(_state_row(entity, entity_id, state), ensure_ascii=False, separators=(",", ":"))
    raw = state.raw or json.dumps(state.payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return f'{columns[:-1]},"payload":{raw.decode("utf-8")}}}'


def _write_states(
    connection: Connection, entity: str, states: Mapping[str, RecordState], existing: Collection[str]
) -> None:
    if not states:
        return
    table = SNAPSHOT_TABLES[entity]
    names = [*_state_row(entity, *next(iter(states.items()))), "payload"]
    records = ",".join(_state_record(entity, entity_id, state) for entity_id, state in states.items())
    updates = ", ".join(f'"{name}" = EXCLUDED."{name}"' for name in names if name != "id")
    _insert_json(connection, table, names, f"[{records}]", f"ON CONFLICT (id) DO UPDATE SET {updates}")
    if entity == outbox.CUSTOMER:
        _replace_lookup(connection, states, existing)


def _replace_lookup(
    connection: Connection, states: Mapping[str, RecordState], existing: Collection[str]
) -> None:
    """Blind-index digests follow the customer's current version (a new customer has none to drop)."""
    if replaced := sorted(set(states) & set(existing)):
        connection.execute(
            text("DELETE FROM customer_lookup WHERE customer_id = ANY(:ids)"), {"ids": replaced}
        )
    entries = [
        {"customer_id": customer_id, "kind": kind, "digest": digest}
        for customer_id, state in states.items()
        for kind, digest in state.payload["lookup"]
    ]
    _insert_rows(connection, central.customer_lookup, entries, "ON CONFLICT DO NOTHING")


def _merge_snapshots(
    connection: Connection, numbered: Sequence[tuple[int, OutgoingChange]]
) -> list[LostEdit]:
    """Walk the batch's versions in order over the locked current rows; write each record's last state."""
    lost: list[LostEdit] = []
    for entity, table in SNAPSHOT_TABLES.items():
        mine = [(seq, change) for seq, change in numbered if change.entity == entity]
        if not mine:
            continue
        states = _locked_states(connection, table, (change.entity_id for _, change in mine))
        existing = set(states)
        written: dict[str, RecordState] = {}
        for seq, change in mine:
            state, loser = merge(states.get(change.entity_id), change, seq)
            states[change.entity_id] = written[change.entity_id] = state
            if loser is not None:
                lost.append(loser)
        _write_states(connection, entity, written, existing)
    return lost


# Appended rows (timeline events, change history, operation log) merge by union. Their receipts and rows
# go in one statement, after the current rows (row-level security checks appended rows against the cases
# and customers): the payloads cross the network and are parsed once, by the server, and each is stored
# once. Timestamps are payloads.encode_value's {"$ts": ISO 8601}.
APPENDED = (outbox.CASE_EVENT, outbox.CUSTOMER_CHANGE, outbox.AUDIT)
_APPEND = """
    WITH r AS (
        SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb))
            AS x(n integer, change_id uuid, entity varchar, entity_id varchar, version integer, payload jsonb)
    ), received AS (
        INSERT INTO changes (server_seq, change_id, origin_branch, origin_workstation, entity, entity_id,
                             version)
        SELECT nextval((SELECT pg_get_serial_sequence('changes', 'server_seq'))), r.change_id,
               r.payload->>'origin_branch', r.payload->>'origin_workstation', r.entity, r.entity_id, r.version
          FROM (SELECT * FROM r ORDER BY n) AS r
        ON CONFLICT (change_id) DO NOTHING
        RETURNING change_id, server_seq
    ), new AS (
        SELECT r.*, received.server_seq AS seq FROM r JOIN received USING (change_id)
    ), events AS (
        INSERT INTO case_events (id, case_id, payload, last_seq)
        SELECT entity_id, payload->'row'->>'case_id', payload, seq FROM new WHERE entity = 'case_event'
        ON CONFLICT (id) DO NOTHING
    ), history AS (
        INSERT INTO customer_changes (id, customer_id, payload, last_seq)
        SELECT entity_id, payload->'row'->>'customer_id', payload, seq
          FROM new WHERE entity = 'customer_change'
        ON CONFLICT (id) DO NOTHING
        RETURNING customer_id
    ), audit AS (
        INSERT INTO audit_log (id, branch, workstation, at, payload, last_seq)
        SELECT entity_id, payload->>'origin_branch', payload->'row'->>'workstation',
               CAST(payload->'row'->'at'->>'$ts' AS timestamptz), payload, seq
          FROM new WHERE entity = 'audit'
        ON CONFLICT (id) DO NOTHING
    )
    SELECT (SELECT count(*) FROM received), ARRAY(SELECT DISTINCT customer_id FROM history)
"""


def _appended_record(position: int, change: OutgoingChange) -> str:
    return (
        f'{{"n":{position},"change_id":"{change.change_id}","entity":"{change.entity}",'
        f'"entity_id":{json.dumps(change.entity_id)},"version":{change.version},'
        f'"payload":{change.raw.decode("utf-8")}}}'
    )


def _append_rows(connection: Connection, records: str) -> tuple[int, list[str]]:
    """How many of the appended changes are new; the customers whose change history grew."""
    new, customers = connection.execute(text(_APPEND), {"rows": records}).one()
    return new, list(customers)


def _record_lost_edits(connection: Connection, lost: Sequence[LostEdit]) -> None:
    rows = [
        {
            "id": str(uuid.uuid4()),
            "entity": edit.entity,
            "entity_id": edit.entity_id,
            "branch": edit.branch,
            "winner_seq": edit.winner_seq,
            "losing_change_id": edit.change_id,
            "losing_version": edit.version,
            "losing_payload": edit.payload,
            "losing_workstation": edit.workstation,
        }
        for edit in lost
    ]
    _insert_rows(connection, central.conflicts, rows, "")


def _apply_erasures(
    connection: Connection, numbered: Sequence[tuple[int, OutgoingChange]], history_of: Sequence[str]
) -> None:
    """After everything else in the batch (a customer's last snapshot may precede its erasure): the
    central function removes the key, digests and personal ciphertext wherever they are kept; a late
    change of an erased customer is scrubbed as it arrives."""
    for seq, change in numbered:
        if change.entity == outbox.ERASURE:
            connection.execute(
                text("SELECT branchdesk_erase_customer(:id, :seq, CAST(:change_id AS uuid))"),
                {"id": change.entity_id, "seq": seq, "change_id": change.change_id},
            )
    customer_ids = {change.entity_id for _, change in numbered if change.entity == outbox.CUSTOMER}
    customer_ids.update(history_of)
    if customer_ids:
        connection.execute(text("SELECT branchdesk_scrub_erased(:ids)"), {"ids": sorted(customer_ids)})


@dataclass(frozen=True, slots=True)
class PreparedBatch:
    """A batch with the parameters that need no answer from the central database already built (JSON
    arrays, payloads spliced in as the outbox holds them): the push builds them for the next batch
    while the current one is applied."""

    size: int
    others: Sequence[OutgoingChange]  # current rows and erasures, in the batch's order
    receipts: str
    appended: str | None  # timeline events, change history, operation-log entries


def prepare_batch(changes: Sequence[OutgoingChange]) -> PreparedBatch:
    appended = [change for change in changes if change.entity in APPENDED]
    others = [change for change in changes if change.entity not in APPENDED]
    receipts = ",".join(_receipt(position, change) for position, change in enumerate(others))
    records = ",".join(_appended_record(position, change) for position, change in enumerate(appended))
    return PreparedBatch(len(changes), others, f"[{receipts}]", f"[{records}]" if appended else None)


def apply_batch(
    connection: Connection, batch: PreparedBatch, meanwhile: Callable[[], None] | None = None
) -> BatchResult:
    """Inside the push transaction, after central.append_lock: the batch's new changes get sequence
    numbers (current rows and erasures in the batch's order, then appended rows in theirs), current-state
    rows their last version, appended rows their union. `meanwhile` is called as the server starts on
    the appended rows, the batch's longest statement, which needs nothing of this process."""
    numbered = _record_changes(connection, batch.others, batch.receipts) if batch.others else []
    # Current rows first: row-level security checks appended rows against the cases and customers.
    lost = _merge_snapshots(connection, [(s, c) for s, c in numbered if c.entity in SNAPSHOT_TABLES])
    if meanwhile is not None:
        meanwhile()
    new_appended, history_of = _append_rows(connection, batch.appended) if batch.appended else (0, [])
    _record_lost_edits(connection, lost)
    _apply_erasures(connection, numbered, history_of)
    return BatchResult(duplicates=batch.size - len(numbered) - new_appended, conflicts=len(lost))
