"""Erasure of a customer's personal data by crypto-shredding, approved by a second supervisor.

The customer's data key is destroyed (its wrapped copy deleted) together with the blind-index digests,
the ciphertext of the personal columns and of change reasons, here, in the outbox and in kept conflicts;
cases stay (complaint files are kept at least 3 years) but their text, sealed under the destroyed key,
can no longer be read. An `erasure` change carries the erasure to the central database. What remains is
the record that an erasure happened: the `erasures` row and the operation-log entry.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from app import audit
from app.auth.passwords import verify_password
from app.changes import Changes
from app.context import ServiceContext
from app.domain import OPEN_STATUSES, Role
from app.errors import BranchDeskError, NotFound, SignInRefused
from app.permissions import Permission, require
from app.sync import outbox, payloads
from db.local_schema import (
    cases,
    customer_changes,
    customer_keys,
    customer_lookup,
    customers,
    erasures,
    legal_holds,
    sync_conflicts,
)
from db.local_schema import outbox as outbox_table
from db.repos import staff as staff_repo

PERSONAL_COLUMNS = ("name_ct", "id_number_ct", "mobile_ct", "address_ct", "accounts_ct")
GROUNDS = ("request", "retention")


class ErasureRefused(BranchDeskError):
    """An erasure the rules do not allow now (legal hold, open cases, no valid approval)."""


@dataclass(frozen=True, slots=True)
class Approval:
    """A supervisor other than the requester, who confirmed with their own password just now."""

    staff_id: str


def approve(session: Session, ctx: ServiceContext, username: str, password: str) -> Approval:
    """Check the approving supervisor's credentials (four eyes: never the requester themself)."""
    row = staff_repo.by_username(session, username.strip().lower())
    valid = row is not None and verify_password(password, row.password_phc)
    if not valid or row is None or not row.active:
        audit.record(session, ctx, "customer.erase_approval", "staff", username[:64], result="failed")
        raise SignInRefused("sign_in_failed")
    if row.role != Role.SUPERVISOR.value or row.id == ctx.actor.staff_id:
        audit.record(session, ctx, "customer.erase_approval", "staff", row.id, result="refused")
        raise ErasureRefused("erasure_approver")
    return Approval(row.id)


def active_hold(session: Session, subject_id: str) -> bool:
    query = select(legal_holds.c.id).where(
        legal_holds.c.subject_id == subject_id, legal_holds.c.released_at.is_(None)
    )
    return session.execute(query.limit(1)).first() is not None


def _open_cases(session: Session, customer_id: str) -> int:
    query = select(func.count()).where(
        cases.c.customer_id == customer_id, cases.c.status.in_([s.value for s in OPEN_STATUSES])
    )
    return session.execute(query).scalar_one()


def erase_customer(
    session: Session, ctx: ServiceContext, customer_id: str, approval: Approval, grounds: str = "request"
) -> Changes:
    """Crypto-shred one customer in the caller's transaction; refused under a legal hold or with open
    cases. After the commit call `store.checkpoint()` so no old page survives in the WAL."""
    require(ctx.actor, Permission.CUSTOMER_ERASE)
    return shred_customer(session, ctx, customer_id, approval.staff_id, grounds)


def shred_customer(
    session: Session, ctx: ServiceContext, customer_id: str, approved_by: str, grounds: str
) -> Changes:
    """The erasure itself, for an approved request or the retention policy (approved_by "policy")."""
    if grounds not in GROUNDS:
        raise ValueError(grounds)
    row = session.execute(select(customers).where(customers.c.id == customer_id)).first()
    if row is None or row.erased_at is not None:
        raise NotFound()
    if active_hold(session, customer_id):
        raise ErasureRefused("legal_hold_active")
    open_count = _open_cases(session, customer_id)
    if open_count:
        raise ErasureRefused("erasure_open_cases", count=open_count)
    now = ctx.clock()
    scrub_customer(session, customer_id, now, ctx.actor.staff_id, row.version + 1)
    erasure = {
        "id": str(uuid.uuid4()), "subject_type": "customer", "subject_id": customer_id, "grounds": grounds,
        "requested_by": ctx.actor.staff_id, "approved_by": approved_by, "at": now,
    }  # fmt: skip
    session.execute(insert(erasures), [erasure])
    outbox.erasure_recorded(session, ctx, erasure)
    audit.record(
        session, ctx, "customer.erase", "customer", customer_id,
        detail=f"grounds={grounds} approved_by={approved_by}",
    )  # fmt: skip
    return Changes.customer(customer_id)


def scrub_customer(
    session: Session, customer_id: str, erased_at: dt.datetime, by: str, version: int | None = None
) -> None:
    """Remove everything personal of one customer from this store (also used when a pulled snapshot
    says the customer was erased at another workstation)."""
    # Freed pages are overwritten with zeros, so deleted keys do not linger in the file.
    session.connection().exec_driver_sql("PRAGMA secure_delete=ON")
    values: dict[str, Any] = dict.fromkeys(PERSONAL_COLUMNS, b"")
    values |= {"erased_at": erased_at, "updated_at": erased_at, "updated_by": by}
    if version is not None:
        values["version"] = version
    session.execute(update(customers).where(customers.c.id == customer_id).values(**values))
    session.execute(delete(customer_keys).where(customer_keys.c.customer_id == customer_id))
    session.execute(delete(customer_lookup).where(customer_lookup.c.customer_id == customer_id))
    session.execute(
        update(customer_changes).where(customer_changes.c.customer_id == customer_id).values(reason_ct=None)
    )
    _scrub_outbox(session, customer_id)
    _scrub_conflicts(session, customer_id)


def scrubbed_snapshot(payload: dict[str, Any]) -> dict[str, Any]:
    """A customer snapshot without key, digests and personal ciphertext (as the central side keeps it)."""
    row = dict(payload.get("row", {})) | {column: payloads.encode_value(b"") for column in PERSONAL_COLUMNS}
    return {**payload, "key": None, "lookup": [], "row": row}


def _scrub_outbox(session: Session, customer_id: str) -> None:
    """Queued snapshots and change reasons of the customer, sent or not."""
    change_ids = select(customer_changes.c.id).where(customer_changes.c.customer_id == customer_id)
    query = select(outbox_table.c.seq, outbox_table.c.entity, outbox_table.c.payload).where(
        ((outbox_table.c.entity == outbox.CUSTOMER) & (outbox_table.c.entity_id == customer_id))
        | ((outbox_table.c.entity == outbox.CUSTOMER_CHANGE) & outbox_table.c.entity_id.in_(change_ids))
    )
    for seq, entity, raw in session.execute(query).all():
        payload = payloads.from_bytes(raw)
        row = payload.get("row", {})
        if entity == outbox.CUSTOMER and payload.get("id") == customer_id:
            payload = scrubbed_snapshot(payload)
        elif entity == outbox.CUSTOMER_CHANGE and row.get("customer_id") == customer_id:
            payload = {**payload, "row": {**row, "reason_ct": None}}
        else:
            continue
        session.execute(
            update(outbox_table).where(outbox_table.c.seq == seq).values(payload=payloads.to_bytes(payload))
        )


def _scrub_conflicts(session: Session, customer_id: str) -> None:
    query = select(sync_conflicts.c.id, sync_conflicts.c.losing_payload).where(
        sync_conflicts.c.entity == outbox.CUSTOMER, sync_conflicts.c.entity_id == customer_id
    )
    for conflict_id, raw in session.execute(query).all():
        scrubbed = payloads.to_bytes(scrubbed_snapshot(payloads.from_bytes(raw)))
        session.execute(
            update(sync_conflicts).where(sync_conflicts.c.id == conflict_id).values(losing_payload=scrubbed)
        )


def flush_wal(engine: Any) -> None:
    """After an erasure commits: move every page into the main file and empty the WAL, so the old
    pages that held the key are gone from the disk too (secure_delete zeroed them in the main file)."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
