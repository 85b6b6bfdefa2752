"""Enqueue every local write in the same transaction: snapshots of customers and cases, appended rows."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import ServiceContext
from app.sync import payloads
from db.local_schema import (
    audit_log,
    case_events,
    cases,
    customer_changes,
    customer_keys,
    customer_lookup,
    customers,
    staff,
)
from db.repos import outbox as outbox_repo

CUSTOMER = "customer"
CUSTOMER_CHANGE = "customer_change"
CASE = "case"
CASE_EVENT = "case_event"
AUDIT = "audit"
STAFF = "staff"
ERASURE = "erasure"  # a customer's personal data was erased here; the central side erases it too
# This PC's own lockout state; never synced.
STAFF_LOCAL_COLUMNS = ("failed_attempts", "locked_until")
# Derived locally from the timeline; every workstation recomputes them, so they are not synced.
CASE_LOCAL_COLUMNS = ("next_clock", "next_due_at", "next_warn_at")


def _enqueue(
    session: Session, ctx: ServiceContext, entity: str, entity_id: str, version: int, body: Any
) -> None:
    payload = {
        "entity": entity,
        "id": entity_id,
        "version": version,
        "origin_branch": ctx.actor.branch,
        "origin_workstation": ctx.actor.workstation,
        **body,
    }
    outbox_repo.append(
        session,
        {
            "change_id": str(uuid.uuid4()),
            "entity": entity,
            "entity_id": entity_id,
            "version": version,
            "payload": payloads.to_bytes(payload),
            "created_at": ctx.clock(),
        },
    )


def customer_snapshot(session: Session, customer_id: str) -> dict[str, Any]:
    row = session.execute(select(customers).where(customers.c.id == customer_id)).mappings().one()
    key = (
        session.execute(select(customer_keys).where(customer_keys.c.customer_id == customer_id))
        .mappings()
        .one()
    )
    lookup = session.execute(
        select(customer_lookup.c.kind, customer_lookup.c.digest).where(
            customer_lookup.c.customer_id == customer_id
        )
    ).all()
    return {
        "row": payloads.encode_row(row),
        "key": payloads.encode_row(key),
        "lookup": sorted([kind, digest] for kind, digest in lookup),
    }


def customer_written(session: Session, ctx: ServiceContext, customer_id: str) -> None:
    body = customer_snapshot(session, customer_id)
    _enqueue(session, ctx, CUSTOMER, customer_id, body["row"]["version"], body)


def case_snapshot(session: Session, case_id: str) -> dict[str, Any]:
    row = dict(session.execute(select(cases).where(cases.c.id == case_id)).mappings().one())
    for column in CASE_LOCAL_COLUMNS:
        row.pop(column)
    return {"row": payloads.encode_row(row)}


def case_written(session: Session, ctx: ServiceContext, case_id: str) -> None:
    body = case_snapshot(session, case_id)
    _enqueue(session, ctx, CASE, case_id, body["row"]["version"], body)


def _appended(
    session: Session, ctx: ServiceContext, entity: str, table: Any, key_column: Any, row_id: str
) -> None:
    row = session.execute(select(table).where(key_column == row_id)).mappings().one()
    _enqueue(session, ctx, entity, row_id, 0, {"row": payloads.encode_row(row)})


def customer_change_appended(session: Session, ctx: ServiceContext, change_id: str) -> None:
    _appended(session, ctx, CUSTOMER_CHANGE, customer_changes, customer_changes.c.id, change_id)


def case_event_appended(session: Session, ctx: ServiceContext, event_id: str) -> None:
    _appended(session, ctx, CASE_EVENT, case_events, case_events.c.id, event_id)


def audit_appended(session: Session, ctx: ServiceContext, entry_id: str) -> None:
    row = dict(session.execute(select(audit_log).where(audit_log.c.id == entry_id)).mappings().one())
    row.pop("seq")  # local ordering only
    _enqueue(session, ctx, AUDIT, entry_id, 0, {"row": payloads.encode_row(row)})


def staff_written(session: Session, ctx: ServiceContext, staff_id: str) -> None:
    row = dict(session.execute(select(staff).where(staff.c.id == staff_id)).mappings().one())
    for column in STAFF_LOCAL_COLUMNS:
        row.pop(column)
    _enqueue(session, ctx, STAFF, staff_id, row["version"], {"row": payloads.encode_row(row)})


def erasure_recorded(session: Session, ctx: ServiceContext, erasure: dict[str, Any]) -> None:
    """That customer `erasure["subject_id"]` was erased: ids, grounds and time only, nothing personal."""
    body = {"erased_at": payloads.encode_value(erasure["at"]), "grounds": erasure["grounds"],
            "erasure_id": erasure["id"], "requested_by": erasure["requested_by"],
            "approved_by": erasure["approved_by"]}  # fmt: skip
    _enqueue(session, ctx, ERASURE, erasure["subject_id"], 0, body)
