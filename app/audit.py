"""The operation log: one entry per operation with time, staff member, workstation, action, object, result."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from app import audit_chain
from app.context import ServiceContext
from app.sync import outbox
from db.repos import audit as audit_repo

AUDIT_TABLE = "audit_log"


def record(
    session: Session,
    ctx: ServiceContext,
    action: str,
    object_type: str,
    object_id: str,
    *,
    result: str = "ok",
    detail: str = "",
    private_note: str | None = None,
) -> str:
    """Append an entry in the caller's transaction. `detail` must hold no personal value;
    free text that may (a reason typed by staff) goes in `private_note`, encrypted."""
    entry_id = str(uuid.uuid4())
    note_ct = (
        ctx.crypto.encrypt_org_text(AUDIT_TABLE, "detail_ct", entry_id, private_note)
        if private_note
        else None
    )
    entry = {
        "id": entry_id,
        "at": ctx.clock(),
        "staff_id": ctx.actor.staff_id,
        "workstation": ctx.actor.workstation,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "result": result,
        "detail": detail,
        "detail_ct": note_ct,
    }
    audit_repo.append(session, audit_chain.seal(session, ctx.crypto, entry))
    outbox.audit_appended(session, ctx, entry_id)
    return entry_id
