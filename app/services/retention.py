"""Retention: legal holds, and the scheduled purge of closed cases and customers past their period.

Closed cases older than retention_case_years (counted from closing) are removed from this PC with their
timelines; customers with no case left here and no activity for retention_customer_years are erased
(crypto-shredded, app.services.erasure, also centrally through sync). A legal hold on a case or on a
customer stops both. Every purge is recorded in the operation log, by count and id, never by content.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, exists, insert, select, update
from sqlalchemy.orm import Session

from app import audit
from app.context import ServiceContext
from app.domain import CaseStatus
from app.errors import NotFound, ValidationError
from app.messages import Message
from app.permissions import Permission, require
from app.services.erasure import active_hold, shred_customer
from db.local_schema import case_clocks, case_events, cases, customers, legal_holds

SUBJECT_TYPES = ("customer", "case")
HOLDS_TABLE = "legal_holds"
# A case is closed for retention once nothing more will happen to it.
FINISHED = (CaseStatus.CLOSED.value, CaseStatus.WITHDRAWN.value)
POLICY = "retention-policy"


@dataclass(frozen=True, slots=True)
class RetentionReport:
    cases_purged: int
    customers_erased: tuple[str, ...]
    held_back: int  # past their period but under a legal hold


def place_hold(session: Session, ctx: ServiceContext, subject_type: str, subject_id: str, reason: str) -> str:
    """A legal hold (e.g. litigation preservation); the reason is kept encrypted. Returns its id."""
    require(ctx.actor, Permission.LEGAL_HOLD)
    if subject_type not in SUBJECT_TYPES:
        raise ValueError(subject_type)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": Message("legal_hold_reason")})
    table = customers if subject_type == "customer" else cases
    if session.execute(select(table.c.id).where(table.c.id == subject_id)).first() is None:
        raise NotFound()
    hold_id = str(uuid.uuid4())
    reason_ct = ctx.crypto.encrypt_org_text(HOLDS_TABLE, "reason_ct", hold_id, reason)
    session.execute(
        insert(legal_holds),
        [{"id": hold_id, "subject_type": subject_type, "subject_id": subject_id, "reason_ct": reason_ct,
          "placed_by": ctx.actor.staff_id, "placed_at": ctx.clock()}],
    )  # fmt: skip
    audit.record(session, ctx, "legal_hold.place", subject_type, subject_id, detail=f"hold={hold_id}")
    return hold_id


def release_hold(session: Session, ctx: ServiceContext, hold_id: str) -> None:
    require(ctx.actor, Permission.LEGAL_HOLD)
    row = session.execute(select(legal_holds).where(legal_holds.c.id == hold_id)).first()
    if row is None or row.released_at is not None:
        raise NotFound()
    session.execute(
        update(legal_holds)
        .where(legal_holds.c.id == hold_id)
        .values(released_by=ctx.actor.staff_id, released_at=ctx.clock())
    )
    audit.record(
        session, ctx, "legal_hold.release", row.subject_type, row.subject_id, detail=f"hold={hold_id}"
    )


def _years_before(now: dt.datetime, years: int) -> dt.datetime:
    return now - dt.timedelta(days=365 * years + years // 4)  # leap days included


def _held(subject_column: object) -> object:
    return exists().where(legal_holds.c.subject_id == subject_column, legal_holds.c.released_at.is_(None))


def purge_expired(
    session: Session, ctx: ServiceContext, case_years: int, customer_years: int
) -> RetentionReport:
    """The scheduled job (the app runs it daily; `branchdesk-admin retention run` on demand)."""
    now = ctx.clock()
    case_cutoff = _years_before(now, case_years)
    expired = select(cases.c.id).where(
        cases.c.status.in_(FINISHED), cases.c.closed_at.is_not(None), cases.c.closed_at < case_cutoff
    )
    holdable = expired.where(~_held(cases.c.id), ~_held(cases.c.customer_id))
    purge_ids = list(session.execute(holdable).scalars())
    held_back = len(list(session.execute(expired).scalars())) - len(purge_ids)
    if purge_ids:
        session.connection().exec_driver_sql("PRAGMA secure_delete=ON")
        session.execute(delete(case_events).where(case_events.c.case_id.in_(purge_ids)))
        session.execute(delete(case_clocks).where(case_clocks.c.case_id.in_(purge_ids)))
        session.execute(delete(cases).where(cases.c.id.in_(purge_ids)))
        audit.record(session, ctx, "retention.purge_cases", "case", "-", detail=f"count={len(purge_ids)}")
    customer_cutoff = _years_before(now, customer_years)
    idle = select(customers.c.id).where(
        customers.c.erased_at.is_(None),
        customers.c.updated_at < customer_cutoff,
        ~exists().where(cases.c.customer_id == customers.c.id),
    )
    erased = []
    for customer_id in session.execute(idle).scalars().all():
        if active_hold(session, customer_id):
            held_back += 1
            continue
        shred_customer(session, ctx, customer_id, POLICY, "retention")
        erased.append(customer_id)
    # One entry per run, also when nothing was due: auditors see that retention ran and what it removed.
    audit.record(
        session, ctx, "retention.run", "store", "-",
        detail=f"cases={len(purge_ids)} customers={len(erased)} held_back={held_back}",
    )  # fmt: skip
    return RetentionReport(len(purge_ids), tuple(erased), held_back)
