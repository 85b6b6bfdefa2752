"""Reading the operation log (supervisors and auditors)."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app import audit
from app.context import ServiceContext
from app.permissions import Permission, require
from db.repos import audit as audit_repo


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: str
    at: dt.datetime
    staff_id: str
    workstation: str
    action: str
    object_type: str
    object_id: str
    result: str
    detail: str


def recent_entries(session: Session, ctx: ServiceContext, limit: int = 100) -> list[AuditEntry]:
    require(ctx.actor, Permission.AUDIT_READ)
    return [_entry(row) for row in audit_repo.recent(session, limit)]


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=row.at,
        staff_id=row.staff_id,
        workstation=row.workstation,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        result=row.result,
        detail=row.detail,
    )


@dataclass(frozen=True, slots=True)
class AuditFilter:
    staff_id: str = ""
    action: str = ""  # exact, or a prefix ending in "." (e.g. "customer.")
    object_id: str = ""
    since: dt.datetime | None = None
    until: dt.datetime | None = None


def search_entries(
    session: Session, ctx: ServiceContext, flt: AuditFilter, limit: int = 500, offset: int = 0
) -> list[AuditEntry]:
    """The audit viewer's query, newest first (supervisors and auditors)."""
    require(ctx.actor, Permission.AUDIT_READ)
    rows = audit_repo.search(
        session, flt.staff_id, flt.action, flt.object_id, flt.since, flt.until, limit=limit, offset=offset
    )
    return [_entry(row) for row in rows]


def count_entries(session: Session, ctx: ServiceContext, flt: AuditFilter) -> int:
    require(ctx.actor, Permission.AUDIT_READ)
    return audit_repo.count(session, flt.staff_id, flt.action, flt.object_id, flt.since, flt.until)


CSV_COLUMNS = ("at", "staff_id", "workstation", "action", "object_type", "object_id", "result", "detail")


def export_entries_csv(session: Session, ctx: ServiceContext, flt: AuditFilter, path: Path) -> int:
    """Every matching entry to a CSV file (UTF-8 with BOM so spreadsheet programs read Chinese);
    the export itself is logged. Entries never hold personal values, so neither does the file."""
    require(ctx.actor, Permission.AUDIT_READ)
    rows = audit_repo.search(session, flt.staff_id, flt.action, flt.object_id, flt.since, flt.until)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            entry = _entry(row)
            writer.writerow([entry.at.isoformat(), *(getattr(entry, name) for name in CSV_COLUMNS[1:])])
    partial.replace(path)
    audit.record(session, ctx, "audit.export", "audit_log", "-", detail=f"rows={len(rows)}")
    return len(rows)
