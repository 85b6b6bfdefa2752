"""Handling a case: status changes, notes, transfers, escalation, extension, appraisal pauses, remedies,
the written answer. Each action appends to the timeline, updates the deadline and the operation log."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from app import audit
from app.case_domain import AnswerDraft, CaseRef, RemedyDraft
from app.changes import Changes
from app.context import ServiceContext
from app.domain import CaseEventKind, CaseKind, CaseStatus
from app.errors import CaseRuleViolation, InvalidValue, ValidationError
from app.lifecycle import FINISHED, REOPENABLE, check_transition
from app.messages import Message
from app.permissions import Permission, has_permission, require
from app.services import case_records as records
from app.sla import validate_extension
from app.validation.text import has_control_chars, validate_reason

NOTE_LIMIT = 4000


def _text(field: str, value: str, required: bool = True, limit: int = NOTE_LIMIT) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError({field: Message("required")})
    if len(value) > limit:
        raise ValidationError({field: Message("too_long", {"max": limit})})
    if has_control_chars(value.replace("\n", " ").replace("\t", " ")):
        raise ValidationError({field: Message("control_chars")})
    return value


def _reason(value: str, field: str = "reason") -> str:
    try:
        return validate_reason(value)
    except InvalidValue as exc:
        raise ValidationError({field: exc.message}) from None


def _open_row(session: Session, ref: CaseRef, ctx: ServiceContext) -> Row[Any]:
    row = records.load_for_update(session, ref, ctx)
    if CaseStatus(row.status) in FINISHED:
        raise CaseRuleViolation("not_open")
    return row


def _done(
    session: Session, ctx: ServiceContext, row: Row[Any], action: str, detail: str = "", **values: Any
) -> tuple[CaseRef, Changes]:
    ref = records.bump(session, ctx, row, **values)
    records.refresh_deadline(session, ctx, row.id)
    audit.record(session, ctx, f"case.{action}", "case", row.id, detail=detail)
    return ref, Changes(cases=frozenset({row.id}), audit=True)


def _move(
    session: Session, ctx: ServiceContext, row: Row[Any], target: CaseStatus, text: str = ""
) -> dict[str, Any]:
    """Record a lifecycle transition; returns the row values it changes."""
    check_transition(CaseStatus(row.status), target)
    key = records.case_key(ctx, row)
    records.append_event(session, ctx, row, CaseEventKind.STATUS, text=text, status_to=target, key=key)
    values: dict[str, Any] = {"status": target.value}
    if target in FINISHED:
        values["closed_at"] = ctx.clock()
    return values


def change_status(
    session: Session, ctx: ServiceContext, ref: CaseRef, to: CaseStatus, note: str = ""
) -> tuple[CaseRef, Changes]:
    require(ctx.actor, Permission.CASE_WRITE)
    if to is CaseStatus.CLOSED:
        return close_case(session, ctx, ref)
    if to is CaseStatus.CALLED_BACK:
        raise CaseRuleViolation("callback_incomplete")  # only a reached callback moves there
    row = records.load_for_update(session, ref, ctx)
    values = _move(session, ctx, row, to, _text("note", note, required=False))
    return _done(session, ctx, row, "status", f"to={to.value}", **values)


def add_note(
    session: Session,
    ctx: ServiceContext,
    ref: CaseRef,
    text: str,
    customer_contact: bool = False,
    department_reply: bool = False,
) -> tuple[CaseRef, Changes]:
    require(ctx.actor, Permission.CASE_WRITE)
    row = records.load_for_update(session, ref, ctx)
    data = {"customer_contact": customer_contact, "department_reply": department_reply}
    key = records.case_key(ctx, row)
    records.append_event(session, ctx, row, CaseEventKind.NOTE, text=_text("text", text), data=data, key=key)
    return _done(session, ctx, row, "note")


def transfer_case(
    session: Session, ctx: ServiceContext, ref: CaseRef, department: str, owner: str, reason: str
) -> tuple[CaseRef, Changes]:
    """Hand the case to a department and a named owner; the first handler stays accountable."""
    require(ctx.actor, Permission.CASE_WRITE)
    if ctx.reference.department(department) is None:
        raise ValidationError({"department": Message("department_unknown")})
    owner = owner.strip()
    if not owner or len(owner) > 64 or has_control_chars(owner):
        raise ValidationError({"owner": Message("owner_required")})
    reason = _reason(reason)
    row = _open_row(session, ref, ctx)
    data = {
        "department": department,
        "owner": owner,
        "from_department": row.department,
        "from_owner": row.owner,
    }
    key = records.case_key(ctx, row)
    records.append_event(session, ctx, row, CaseEventKind.TRANSFERRED, text=reason, data=data, key=key)
    return _done(
        session, ctx, row, "transfer", f"department={department}", department=department, owner=owner
    )


def escalate_case(
    session: Session, ctx: ServiceContext, ref: CaseRef, reason: str
) -> tuple[CaseRef, Changes]:
    require(ctx.actor, Permission.CASE_WRITE)
    reason = _reason(reason)
    row = _open_row(session, ref, ctx)
    key = records.case_key(ctx, row)
    records.append_event(session, ctx, row, CaseEventKind.ESCALATED, text=reason, key=key)
    return _done(session, ctx, row, "escalate", escalated=True)


def extend_decision_period(
    session: Session, ctx: ServiceContext, ref: CaseRef, to_days: int, approved_by: str, notice: str
) -> tuple[CaseRef, Changes]:
    """Complex complaints: 30 days; up to 60 only with a senior manager's approval and a notice."""
    require(ctx.actor, Permission.CASE_WRITE)
    row = _open_row(session, ref, ctx)
    if row.kind != CaseKind.COMPLAINT.value:
        raise CaseRuleViolation("extension_complaints_only")
    notice = _text("notice", notice, required=False)
    approved_by = approved_by.strip()
    try:
        validate_extension(row.decision_days, to_days, approved_by, bool(notice), ctx.reference.policies)
    except InvalidValue as exc:
        raise ValidationError({"to_days": exc.message}) from None
    data = {"to_days": to_days, "approved_by": approved_by, "notice_recorded": bool(notice)}
    key = records.case_key(ctx, row)
    records.append_event(session, ctx, row, CaseEventKind.EXTENDED, text=notice, data=data, key=key)
    return _done(session, ctx, row, "extend", f"to_days={to_days}", decision_days=to_days)


def _paused(session: Session, row: Row[Any]) -> bool:
    facts = records.facts_of(session, row)
    pauses = [
        fact.kind for fact in facts.events if fact.kind in (CaseEventKind.PAUSED, CaseEventKind.RESUMED)
    ]
    return bool(pauses) and pauses[-1] is CaseEventKind.PAUSED


def pause_for_appraisal(
    session: Session, ctx: ServiceContext, ref: CaseRef, reason: str, notice: str
) -> tuple[CaseRef, Changes]:
    """External appraisal, testing or valuation time is not counted; the customer is told."""
    require(ctx.actor, Permission.CASE_WRITE)
    reason = _reason(reason)
    notice = _text("notice", notice)
    row = _open_row(session, ref, ctx)
    if _paused(session, row):
        raise CaseRuleViolation("not_open")
    text = json.dumps({"reason": reason, "notice": notice}, ensure_ascii=False)
    key = records.case_key(ctx, row)
    records.append_event(session, ctx, row, CaseEventKind.PAUSED, text=text, data={"notice": True}, key=key)
    return _done(session, ctx, row, "pause")


def resume_after_appraisal(
    session: Session, ctx: ServiceContext, ref: CaseRef, note: str
) -> tuple[CaseRef, Changes]:
    require(ctx.actor, Permission.CASE_WRITE)
    row = _open_row(session, ref, ctx)
    if not _paused(session, row):
        raise CaseRuleViolation("not_open")
    key = records.case_key(ctx, row)
    records.append_event(
        session, ctx, row, CaseEventKind.RESUMED, text=_text("note", note, required=False), key=key
    )
    return _done(session, ctx, row, "resume")


def _amount(value: Decimal | None) -> str | None:
    if value is None:
        return None
    try:
        quantized = value.quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValidationError({"amount": Message("amount_invalid")}) from None
    if value <= 0 or quantized != value:
        raise ValidationError({"amount": Message("amount_invalid")})
    return str(quantized)


def record_remedy(
    session: Session, ctx: ServiceContext, ref: CaseRef, remedy: RemedyDraft
) -> tuple[CaseRef, Changes]:
    """Compensation, fee waiver, apology or explanation; amounts are kept encrypted with the details."""
    require(ctx.actor, Permission.CASE_WRITE)
    text = json.dumps(
        {"details": _text("details", remedy.details), "amount": _amount(remedy.amount)}, ensure_ascii=False
    )
    row = records.load_for_update(session, ref, ctx)
    key = records.case_key(ctx, row)
    data = {"remedy": remedy.kind.value}
    records.append_event(session, ctx, row, CaseEventKind.REMEDY, text=text, data=data, key=key)
    return _done(session, ctx, row, "remedy", f"kind={remedy.kind.value}")


def record_answer(
    session: Session, ctx: ServiceContext, ref: CaseRef, answer: AnswerDraft
) -> tuple[CaseRef, Changes]:
    """The written answer: verification result, basis and reasons, remedies, the customer's options."""
    require(ctx.actor, Permission.CASE_WRITE)
    try:
        result = _text("verification_result", answer.verification_result)
        basis = _text("basis_and_reasons", answer.basis_and_reasons)
        remedies = _text("remedies", answer.remedies, required=False)
    except ValidationError:
        raise ValidationError({"answer": Message("answer_incomplete")}) from None
    if not answer.options:
        raise ValidationError({"answer": Message("answer_incomplete")})
    row = records.load_for_update(session, ref, ctx)
    text = json.dumps(
        {"verification_result": result, "basis_and_reasons": basis, "remedies": remedies}, ensure_ascii=False
    )
    data = {"options": sorted(option.value for option in answer.options)}
    key = records.case_key(ctx, row)
    records.append_event(session, ctx, row, CaseEventKind.ANSWER, text=text, data=data, key=key)
    return _done(session, ctx, row, "answer")


def close_case(
    session: Session, ctx: ServiceContext, ref: CaseRef, override_reason: str = ""
) -> tuple[CaseRef, Changes]:
    """Complaints close after a callback; otherwise only a supervisor may, with a recorded reason."""
    require(ctx.actor, Permission.CASE_WRITE)
    row = records.load_for_update(session, ref, ctx)
    status = CaseStatus(row.status)
    if row.kind == CaseKind.COMPLAINT.value and status is not CaseStatus.CALLED_BACK:
        check_transition(status, CaseStatus.CLOSED)
        if not override_reason.strip():
            raise CaseRuleViolation("close_needs_callback")
        if not has_permission(ctx.actor, Permission.CASE_OVERRIDE):
            raise CaseRuleViolation("override_needs_supervisor")
        key = records.case_key(ctx, row)
        records.append_event(
            session,
            ctx,
            row,
            CaseEventKind.CLOSE_OVERRIDE,
            text=_reason(override_reason, "override"),
            key=key,
        )
    values = _move(session, ctx, row, CaseStatus.CLOSED)
    return _done(session, ctx, row, "close", **values)


def reopen_case(session: Session, ctx: ServiceContext, ref: CaseRef, reason: str) -> tuple[CaseRef, Changes]:
    require(ctx.actor, Permission.CASE_WRITE)
    reason = _reason(reason)
    row = records.load_for_update(session, ref, ctx)
    if CaseStatus(row.status) not in REOPENABLE:
        raise CaseRuleViolation("reopen_not_possible")
    key = records.case_key(ctx, row)
    records.append_event(
        session, ctx, row, CaseEventKind.REOPENED, text=reason, status_to=CaseStatus.IN_PROGRESS, key=key
    )
    return _done(
        session,
        ctx,
        row,
        "reopen",
        status=CaseStatus.IN_PROGRESS.value,
        closed_at=None,
        reopen_count=row.reopen_count + 1,
    )


def withdraw_case(
    session: Session, ctx: ServiceContext, ref: CaseRef, reason: str
) -> tuple[CaseRef, Changes]:
    require(ctx.actor, Permission.CASE_WRITE)
    reason = _reason(reason)
    row = records.load_for_update(session, ref, ctx)
    values = _move(session, ctx, row, CaseStatus.WITHDRAWN, reason)
    return _done(session, ctx, row, "withdraw", **values)
