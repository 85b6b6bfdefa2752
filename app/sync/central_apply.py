"""Applying pushed changes in the central database: idempotent by change id, per-record versions,
deterministic conflict resolution that keeps the losing edit for a supervisor."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from app.domain import CaseStatus
from app.sync import outbox, payloads
from db import central_schema as central

# Later in the lifecycle wins when two workstations moved a case concurrently.
STATUS_RANK = {
    CaseStatus.NEW.value: 0,
    CaseStatus.ACKNOWLEDGED.value: 1,
    CaseStatus.IN_PROGRESS.value: 2,
    CaseStatus.WAITING.value: 2,
    CaseStatus.RESOLVED.value: 3,
    CaseStatus.CALLED_BACK.value: 4,
    CaseStatus.CLOSED.value: 5,
    CaseStatus.WITHDRAWN.value: 5,
}


@dataclass(frozen=True, slots=True)
class OutgoingChange:
    change_id: str
    entity: str
    entity_id: str
    version: int
    payload: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ApplyResult:
    duplicate: bool = False
    conflict: bool = False


def _record_change(connection: Connection, change: OutgoingChange) -> int | None:
    statement = (
        pg_insert(central.changes)
        .values(
            change_id=change.change_id,
            origin_branch=change.payload["origin_branch"],
            origin_workstation=change.payload["origin_workstation"],
            entity=change.entity,
            entity_id=change.entity_id,
            version=change.version,
            payload=dict(change.payload),
        )
        .on_conflict_do_nothing(index_elements=["change_id"])
        .returning(central.changes.c.server_seq)
    )
    return connection.execute(statement).scalar_one_or_none()


def _sort_key(entity: str, version: int, row: Mapping[str, Any], workstation: str) -> tuple[Any, ...]:
    """The deterministic order that picks a winner: status rank (cases), version, time, workstation."""
    rank = STATUS_RANK.get(row.get("status", ""), 0) if entity == outbox.CASE else 0
    updated = row.get("updated_at", {})
    return (rank, version, str(updated), workstation)


@dataclass(frozen=True, slots=True)
class _Side:
    """One of two concurrent versions of a record."""

    payload: Mapping[str, Any]
    version: int
    workstation: str
    change_id: str


def _record_conflict(
    connection: Connection, change: OutgoingChange, branch: str, seq: int, loser: _Side
) -> None:
    connection.execute(
        insert(central.conflicts).values(
            id=str(uuid.uuid4()),
            entity=change.entity,
            entity_id=change.entity_id,
            branch=branch,
            winner_seq=seq,
            losing_change_id=loser.change_id,
            losing_version=loser.version,
            losing_payload=dict(loser.payload),
            losing_workstation=loser.workstation,
        )
    )


def _state_values(change: OutgoingChange, seq: int) -> dict[str, Any]:
    row = change.payload["row"]
    values: dict[str, Any] = {
        "branch": row["branch"],
        "version": change.version,
        "updated_at": _aware(row["updated_at"]),
        "origin_workstation": change.payload["origin_workstation"],
        "last_seq": seq,
        "last_change_id": change.change_id,
        "payload": dict(change.payload),
    }
    if change.entity == outbox.CASE:
        values |= {"customer_id": row.get("customer_id"), "status": row["status"]}
    if change.entity == outbox.STAFF:
        values["username"] = row["username"]
    return values


def _aware(encoded: Any) -> Any:
    return payloads.decode_value(encoded)


def _replace_lookup(connection: Connection, change: OutgoingChange, payload: Mapping[str, Any]) -> None:
    lookup = central.customer_lookup
    connection.execute(delete(lookup).where(lookup.c.customer_id == change.entity_id))
    entries = [{"customer_id": change.entity_id, "kind": k, "digest": d} for k, d in payload["lookup"]]
    if entries:
        connection.execute(insert(central.customer_lookup), entries)


def _with_version(payload: Mapping[str, Any], version: int) -> dict[str, Any]:
    return {**payload, "version": version, "row": {**payload["row"], "version": version}}


def _apply_snapshot(connection: Connection, change: OutgoingChange, seq: int) -> bool:
    """Upsert a customer or case; True when a conflict was recorded."""
    table = {outbox.CUSTOMER: central.customers, outbox.CASE: central.cases, outbox.STAFF: central.staff}[
        change.entity
    ]
    current = (
        connection.execute(select(table).where(table.c.id == change.entity_id).with_for_update())
        .mappings()
        .one_or_none()
    )
    values = _state_values(change, seq)
    if current is None:
        connection.execute(insert(table).values(id=change.entity_id, **values))
    elif change.version > current["version"]:  # based on what the central side has: a plain update
        connection.execute(update(table).where(table.c.id == change.entity_id).values(**values))
    else:
        _resolve(connection, table, change, seq, current)
        return True
    if change.entity == outbox.CUSTOMER:
        _replace_lookup(connection, change, change.payload)
    return False


def _resolve(
    connection: Connection, table: Any, change: OutgoingChange, seq: int, current: Mapping[str, Any]
) -> None:
    """Two workstations edited the same version. A deterministic rule picks the winner; the winner
    becomes a new version (so every workstation, the loser's included, pulls it again) and the loser
    is kept whole in `conflicts` for a supervisor to review and, if right, apply.

    The current row names the change that wrote it (last_change_id): for a shared customer that may be
    another branch's change, which the pushing branch's role may not read from `changes`."""
    existing = _Side(
        current["payload"], current["version"], current["origin_workstation"], current["last_change_id"]
    )
    incoming = _Side(change.payload, change.version, change.payload["origin_workstation"], change.change_id)
    key = {
        side.change_id: _sort_key(change.entity, side.version, side.payload["row"], side.workstation)
        for side in (existing, incoming)
    }
    winner, loser = (
        (incoming, existing) if key[incoming.change_id] > key[existing.change_id] else (existing, incoming)
    )
    version = max(existing.version, incoming.version) + 1
    payload = _with_version(winner.payload, version)
    values = _state_values(
        OutgoingChange(change.change_id, change.entity, change.entity_id, version, payload), seq
    )
    values["origin_workstation"] = winner.workstation
    values["last_change_id"] = winner.change_id  # the next conflict must name the edit that is current
    connection.execute(update(table).where(table.c.id == change.entity_id).values(**values))
    if change.entity == outbox.CUSTOMER:
        _replace_lookup(connection, change, payload)
    _record_conflict(connection, change, current["branch"], seq, loser)


def _apply_appended(connection: Connection, change: OutgoingChange, seq: int) -> None:
    row = change.payload["row"]
    payload = dict(change.payload)
    if change.entity == outbox.CASE_EVENT:
        statement = pg_insert(central.case_events).values(
            id=change.entity_id, case_id=row["case_id"], payload=payload, last_seq=seq
        )
    elif change.entity == outbox.CUSTOMER_CHANGE:
        statement = pg_insert(central.customer_changes).values(
            id=change.entity_id, customer_id=row["customer_id"], payload=payload, last_seq=seq
        )
    else:
        statement = pg_insert(central.audit_log).values(
            id=change.entity_id,
            branch=change.payload["origin_branch"],
            workstation=row["workstation"],
            at=_aware(row["at"]),
            payload=payload,
            last_seq=seq,
        )
    connection.execute(statement.on_conflict_do_nothing(index_elements=["id"]))


def apply_change(connection: Connection, change: OutgoingChange) -> ApplyResult:
    """Inside the push transaction (after central.append_lock)."""
    seq = _record_change(connection, change)
    if seq is None:
        return ApplyResult(duplicate=True)  # pushed before; its effect is already here
    if change.entity in (outbox.CUSTOMER, outbox.CASE, outbox.STAFF):
        return ApplyResult(conflict=_apply_snapshot(connection, change, seq))
    _apply_appended(connection, change, seq)
    return ApplyResult()
