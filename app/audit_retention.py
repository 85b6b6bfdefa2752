"""Retention of the operation log: entries are kept at least three years (PBOC 2020 Order No. 5);
only older ones are ever removed, and the chain stays verifiable across the removal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app import audit
from app.audit_chain import ANCHOR_PREFIX
from app.context import ServiceContext
from app.permissions import Permission, require
from db.local_schema import audit_log
from db.repos import meta as meta_repo

MINIMUM_YEARS = 3


@dataclass(frozen=True, slots=True)
class PurgeReport:
    removed: int
    cutoff: dt.datetime


def cutoff_for(now: dt.datetime, years: int) -> dt.datetime:
    if years < MINIMUM_YEARS:
        raise ValueError(f"operation logs are kept at least {MINIMUM_YEARS} years")
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def purge_expired(session: Session, ctx: ServiceContext, years: int) -> PurgeReport:
    """Remove entries older than `years` (never fewer than three); each workstation's chain is
    anchored at the last removed entry so `audit verify` still checks everything that remains."""
    require(ctx.actor, Permission.SETTINGS_MANAGE)
    cutoff = cutoff_for(ctx.clock(), years)
    expired = session.execute(
        select(audit_log.c.seq, audit_log.c.workstation, audit_log.c.mac)
        .where(audit_log.c.at < cutoff)
        .order_by(audit_log.c.seq)
    ).all()
    last_mac: dict[str, bytes] = {}
    for row in expired:
        last_mac[row.workstation] = row.mac
    for workstation, mac in last_mac.items():
        meta_repo.put(session, ANCHOR_PREFIX + workstation, mac.hex())
    if expired:
        session.execute(delete(audit_log).where(audit_log.c.seq.in_([row.seq for row in expired])))
    audit.record(
        session, ctx, "audit.purge", "audit_log", "-", detail=f"removed={len(expired)} years={years}"
    )
    return PurgeReport(len(expired), cutoff)
