"""Reading the operation log (supervisors and auditors)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

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
    return [
        AuditEntry(
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
        for row in audit_repo.recent(session, limit)
    ]
