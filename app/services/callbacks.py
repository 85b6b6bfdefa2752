"""Callbacks (回访): every attempt is logged; a reached customer's verdict moves a resolved case on."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app import audit
from app.case_domain import CallbackDraft, CaseRef
from app.changes import Changes
from app.context import ServiceContext
from app.domain import CaseEventKind, CaseStatus
from app.errors import CaseRuleViolation, ValidationError
from app.messages import Message
from app.permissions import Permission, require
from app.services import case_records as records
from app.validation.text import has_control_chars

CALLBACK_STATUSES = frozenset({CaseStatus.RESOLVED, CaseStatus.CALLED_BACK})
COMMENT_LIMIT = 1000


def _checked(callback: CallbackDraft) -> str:
    comment = callback.comment.strip()
    if len(comment) > COMMENT_LIMIT:
        raise ValidationError({"comment": Message("too_long", {"max": COMMENT_LIMIT})})
    if has_control_chars(comment.replace("\n", " ")):
        raise ValidationError({"comment": Message("control_chars")})
    if callback.reached:
        if callback.accepts_result is None or callback.satisfaction is None:
            raise ValidationError({"callback": Message("callback_incomplete")})
        if not 1 <= callback.satisfaction <= 5:
            raise ValidationError({"satisfaction": Message("satisfaction_range")})
    return comment


def record_callback(
    session: Session, ctx: ServiceContext, ref: CaseRef, callback: CallbackDraft
) -> tuple[CaseRef, Changes]:
    require(ctx.actor, Permission.CASE_WRITE)
    comment = _checked(callback)
    row = records.load_for_update(session, ref, ctx)
    status = CaseStatus(row.status)
    if status not in CALLBACK_STATUSES:
        raise CaseRuleViolation("callback_not_due")
    data: dict[str, object] = {"reached": callback.reached}
    if callback.reached:
        data |= {"accepts_result": callback.accepts_result, "satisfaction": callback.satisfaction}
    key = records.case_key(ctx, row)
    values: dict[str, object] = {}
    if callback.reached and status is CaseStatus.RESOLVED:
        records.append_event(
            session,
            ctx,
            row,
            CaseEventKind.CALLBACK,
            text=comment,
            data=data,
            key=key,
            status_to=CaseStatus.CALLED_BACK,
        )
        values["status"] = CaseStatus.CALLED_BACK.value
    else:
        records.append_event(session, ctx, row, CaseEventKind.CALLBACK, text=comment, data=data, key=key)
    ref = records.bump(session, ctx, row, **values)
    records.refresh_deadline(session, ctx, row.id)
    detail = f"reached={callback.reached}"
    if callback.reached:
        detail += f" accepts={callback.accepts_result} satisfaction={callback.satisfaction}"
    audit.record(session, ctx, "case.callback", "case", row.id, detail=detail)
    return ref, Changes(cases=frozenset({row.id}), audit=True)
