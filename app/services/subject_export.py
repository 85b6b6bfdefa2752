"""A customer's data export for a subject access request (PIPL Art. 45): everything held here about the
customer, decrypted, as JSON or PDF; approved by a second supervisor and recorded in the operation log
(which and how many, never the values)."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.context import ServiceContext
from app.permissions import Permission, require
from app.services import cases as case_service
from app.services.customers import load_for_edit
from app.services.erasure import Approval
from db.local_schema import cases, customer_changes


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    return value


FORMATS = ("json", "pdf")
# Lays the record out as PDF bytes. Supplied by the caller (ui.privacy.subject_pdf, with Qt), so app/ itself
# runs without PySide6.
PdfRenderer = Callable[[Mapping[str, Any]], bytes]


def subject_record(
    session: Session, ctx: ServiceContext, customer_id: str, approval: Approval, export_format: str = "json"
) -> dict[str, Any]:
    """The customer's fields, change history and cases with their timelines, decrypted."""
    require(ctx.actor, Permission.SUBJECT_EXPORT)
    editable = load_for_edit(session, ctx, customer_id)  # NotFound for an erased customer
    history = session.execute(
        select(customer_changes.c.at, customer_changes.c.action, customer_changes.c.fields).where(
            customer_changes.c.customer_id == customer_id
        )
    ).all()
    case_ids = list(session.execute(select(cases.c.id).where(cases.c.customer_id == customer_id)).scalars())
    record = {
        "customer_id": customer_id,
        "exported_at": ctx.clock().isoformat(),
        "exported_by": ctx.actor.staff_id,
        "approved_by": approval.staff_id,
        "customer": _plain(editable.draft),
        "changes": [
            {"at": at.isoformat(), "action": action, "fields": fields} for at, action, fields in history
        ],
        "cases": [_plain(case_service.get_case(session, ctx, case_id)) for case_id in case_ids],
    }
    audit.record(
        session, ctx, "customer.export", "customer", customer_id,
        detail=f"format={export_format} cases={len(case_ids)} approved_by={approval.staff_id}",
    )  # fmt: skip
    return record


def write_export(
    record: dict[str, Any], target: Path, export_format: str = "json", render_pdf: PdfRenderer | None = None
) -> Path:
    """Write atomically with owner-only permissions (it holds personal data in clear). The content is
    made first, so a failure (no CJK font for a PDF) leaves no file at all."""
    if export_format == "pdf":
        if render_pdf is None:
            raise ValueError("a PDF export needs a renderer")
        content = render_pdf(record)
    else:
        content = json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target
