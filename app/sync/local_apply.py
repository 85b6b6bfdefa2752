"""Applying what was pulled from the central database to the local store, through the local tables.

The central database is the arbiter: its current state replaces ours unless we still have an unsent
change of the same record (then our change is pushed first and the central side decides). Appended
rows (timeline events, change history, operation log) merge by union.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.context import ServiceContext
from app.services.case_records import refresh_deadline
from app.sync import outbox, payloads
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
from db.repos import outbox as outbox_repo


@dataclass(frozen=True, slots=True)
class PulledItem:
    entity: str  # customer, case, case_event, customer_change, audit, conflict
    id: str
    seq: int
    payload: Mapping[str, Any]


def _upsert(session: Session, table: Any, row: Mapping[str, Any], key: str = "id") -> None:
    statement = sqlite_insert(table).values(**row)
    update = {name: statement.excluded[name] for name in row if name != key}
    session.execute(statement.on_conflict_do_update(index_elements=[table.c[key]], set_=update))


def _exists(session: Session, table: Any, row_id: str, key: str = "id") -> bool:
    return session.execute(select(table.c[key]).where(table.c[key] == row_id)).first() is not None


def has_customer(session: Session, customer_id: str) -> bool:
    return _exists(session, customers, customer_id)


def has_case(session: Session, case_id: str) -> bool:
    return _exists(session, cases, case_id)


def apply_customer(session: Session, payload: Mapping[str, Any]) -> bool:
    row = payloads.decode_row(payload["row"])
    if outbox_repo.has_pending(session, outbox.CUSTOMER, row["id"]):
        return False  # ours goes first; the central decision comes back on a later pull
    _upsert(session, customers, row)
    _upsert(session, customer_keys, payloads.decode_row(payload["key"]), key="customer_id")
    session.execute(delete(customer_lookup).where(customer_lookup.c.customer_id == row["id"]))
    entries = [
        {"customer_id": row["id"], "kind": kind, "digest": digest} for kind, digest in payload["lookup"]
    ]
    if entries:
        session.execute(insert(customer_lookup), entries)
    return True


def apply_case(session: Session, ctx: ServiceContext, payload: Mapping[str, Any]) -> bool:
    row = payloads.decode_row(payload["row"])
    if outbox_repo.has_pending(session, outbox.CASE, row["id"]):
        return False
    _upsert(session, cases, row)
    refresh_deadline(session, ctx, row["id"])
    return True


def apply_case_event(session: Session, ctx: ServiceContext, payload: Mapping[str, Any]) -> bool:
    row = payloads.decode_row(payload["row"])
    if _exists(session, case_events, row["id"]):
        return False
    # Positions are local: another workstation's events take the next free ones here.
    next_seq = session.execute(
        select(func.coalesce(func.max(case_events.c.seq), 0) + 1).where(
            case_events.c.case_id == row["case_id"]
        )
    ).scalar_one()
    session.execute(insert(case_events), [{**row, "seq": next_seq}])
    refresh_deadline(session, ctx, row["case_id"])
    return True


def apply_appended(session: Session, entity: str, payload: Mapping[str, Any]) -> bool:
    table = {outbox.CUSTOMER_CHANGE: customer_changes, outbox.AUDIT: audit_log}[entity]
    row = payloads.decode_row(payload["row"])
    if _exists(session, table, row["id"]):
        return False
    session.execute(insert(table), [row])
    return True


def apply_conflict(session: Session, payload: Mapping[str, Any]) -> bool:
    if _exists(session, sync_conflicts, payload["id"]):
        return False
    session.execute(
        insert(sync_conflicts),
        [
            {
                "id": payload["id"],
                "entity": payload["entity"],
                "entity_id": payload["entity_id"],
                "losing_version": payload["losing_version"],
                "losing_workstation": payload["losing_workstation"],
                "losing_payload": payloads.to_bytes(payload["losing_payload"]),
                "detected_at": payloads.decode_value(payload["detected_at"]),
            }
        ],
    )
    return True


def apply_staff(session: Session, payload: Mapping[str, Any]) -> bool:
    """Accounts come from the central side; this PC keeps its own lockout counters."""
    row = payloads.decode_row(payload["row"])
    if outbox_repo.has_pending(session, outbox.STAFF, row["id"]):
        return False
    if _exists(session, staff, row["id"]):
        session.execute(update(staff).where(staff.c.id == row["id"]).values(**row))
    else:
        session.execute(insert(staff), [{**row, "failed_attempts": 0, "locked_until": None}])
    return True


def apply(session: Session, ctx: ServiceContext, item: PulledItem) -> bool:
    """Apply one pulled item; False when it was already here or is held back by a pending change."""
    if item.entity == outbox.CUSTOMER:
        return apply_customer(session, item.payload)
    if item.entity == outbox.CASE:
        return apply_case(session, ctx, item.payload)
    if item.entity == outbox.CASE_EVENT:
        return apply_case_event(session, ctx, item.payload)
    if item.entity == outbox.STAFF:
        return apply_staff(session, item.payload)
    if item.entity == "conflict":
        return apply_conflict(session, item.payload)
    return apply_appended(session, item.entity, item.payload)
