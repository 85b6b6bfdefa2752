"""Case intake: validate, number, encrypt, route, start the deadline clocks, record — in one transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from app import audit
from app.calendar import CHINA_TZ
from app.case_domain import CaseDraft, CaseRef, DuplicateCandidate, DuplicateDecision
from app.changes import Changes
from app.context import ServiceContext
from app.domain import OPEN_STATUSES, CaseEventKind, CaseKind, CaseStatus, IdType
from app.errors import CaseRuleViolation, NotFound, ValidationError
from app.messages import Message
from app.permissions import Permission, require
from app.reference import BRANCH_COUNTER, ReferenceData
from app.services import case_records as records
from app.sync import outbox
from app.validation.text import has_control_chars
from db.repos import cases as repo
from db.repos import customers as customers_repo

TEXT_LIMITS = {
    "summary": 200,
    "description": 4000,
    "desired_outcome": 1000,
    "products": 500,
    "staff_complained_about": 100,
    "legal_representative": 50,
}
# Fields the banking complaint rules require (CBIRC 2020 Order No. 3, Art. 13–14): the request,
# the main facts and grounds; identity and contact come from the registered customer.
COMPLAINT_REQUIRED = ("summary", "description", "desired_outcome")
DUPLICATE_WINDOW = dt.timedelta(days=60)  # the longest regulatory processing period


def _check_text(errors: dict[str, Message], name: str, value: str, required: bool) -> None:
    limit = TEXT_LIMITS[name]
    if required and not value.strip():
        errors[name] = Message("required")
    elif len(value) > limit:
        errors[name] = Message("too_long", {"max": limit})
    elif has_control_chars(value.replace("\n", " ").replace("\t", " ")):
        errors[name] = Message("control_chars")


def check_case_draft(
    draft: CaseDraft, reference: ReferenceData | None = None, business_required: bool = False
) -> dict[str, Message]:
    """Every field's message at once; pure, so the form can call it as fields lose focus. The form asks
    for the business category of a complaint; the service takes a case without one (older callers)."""
    errors: dict[str, Message] = {}
    complaint = draft.kind is CaseKind.COMPLAINT
    for name in TEXT_LIMITS:
        value = getattr(draft, name)
        _check_text(errors, name, value, required=complaint and name in COMPLAINT_REQUIRED)
    if not complaint and not draft.summary.strip():
        errors.setdefault("summary", Message("required"))
    if complaint and not draft.customer_id:
        errors["customer_id"] = Message("case_needs_customer")
    if reference is not None and draft.category_code not in reference.cause_codes:
        errors["category_code"] = Message("unknown_category")
    if draft.business_code:
        if reference is not None and draft.business_code not in reference.business_codes:
            errors["business_code"] = Message("unknown_business")
    elif business_required and complaint:
        errors["business_code"] = Message("required")
    agent = draft.agent
    if agent is not None:
        parts = (agent.name, agent.id_number, agent.contact, agent.power_of_attorney)
        if not all(part.strip() for part in parts) or any(has_control_chars(part) for part in parts):
            errors["agent"] = Message("agent_incomplete")
    return errors


def _validated(ctx: ServiceContext, draft: CaseDraft) -> dt.datetime:
    errors = check_case_draft(draft, ctx.reference)
    now = ctx.clock()
    received = draft.received_at or now
    if received.tzinfo is None or received > now + dt.timedelta(minutes=1):
        errors["received_at"] = Message("received_in_future")
    if errors:
        raise ValidationError(errors)
    return received


def _customer(session: Session, draft: CaseDraft) -> Row[Any] | None:
    if not draft.customer_id:
        return None
    customer = customers_repo.get_customer(session, draft.customer_id)
    if customer is None:
        raise NotFound()
    if (
        draft.kind is CaseKind.COMPLAINT
        and customer.id_type == IdType.USCC.value
        and not draft.legal_representative.strip()
    ):
        # Organisations complain through their legal representative (Art. 13).
        raise ValidationError({"legal_representative": Message("required")})
    return customer


def find_duplicates(
    session: Session, ctx: ServiceContext, customer_id: str, category_code: str
) -> list[DuplicateCandidate]:
    """Open cases of the same customer and category within the processing period."""
    require(ctx.actor, Permission.CASE_READ)
    since = ctx.clock() - DUPLICATE_WINDOW
    statuses = [status.value for status in OPEN_STATUSES]
    found = []
    for row in repo.open_cases_of(session, customer_id, category_code, statuses, since):
        content = records.open_content(ctx, records.case_key(ctx, row), row)
        found.append(
            DuplicateCandidate(
                id=row.id,
                number=row.number,
                received_at=row.received_at,
                status=CaseStatus(row.status),
                category_code=row.category_code,
                summary=content["summary"],
            )
        )
    return found


def _content(draft: CaseDraft) -> dict[str, Any]:
    content: dict[str, Any] = {name: getattr(draft, name).strip() for name in records.CONTENT_FIELDS}
    content["agent"] = dataclasses.asdict(draft.agent) if draft.agent else None
    return content


def _record_on_existing(
    session: Session, ctx: ServiceContext, draft: CaseDraft, candidates: list[DuplicateCandidate]
) -> tuple[CaseRef, Changes]:
    if draft.duplicate_of not in {candidate.id for candidate in candidates}:
        raise CaseRuleViolation("duplicate_target_invalid")
    row = records.load_case(session, draft.duplicate_of)
    key = records.case_key(ctx, row)
    merge = draft.duplicate_decision is DuplicateDecision.MERGE
    kind = CaseEventKind.MERGED if merge else CaseEventKind.NEW_FACTS
    text = "\n".join(filter(None, (draft.summary, draft.description, draft.desired_outcome)))
    records.append_event(session, ctx, row, kind, text=text, data={"channel": draft.channel.value}, key=key)
    ref = records.bump(session, ctx, row)
    records.refresh_deadline(session, ctx, row.id)
    audit.record(session, ctx, f"case.{kind.value}", "case", row.id)
    return ref, Changes(cases=frozenset({row.id}), audit=True)


def _case_number(session: Session, ctx: ServiceContext, received: dt.datetime) -> str:
    day = received.astimezone(CHINA_TZ).strftime("%Y%m%d")
    sequence = repo.next_number(session, day)
    return f"{ctx.actor.branch}-{ctx.actor.workstation}-{day}-{sequence:04d}"


def submit_case(session: Session, ctx: ServiceContext, draft: CaseDraft) -> tuple[CaseRef, Changes]:
    require(ctx.actor, Permission.CASE_WRITE)
    received = _validated(ctx, draft)
    customer = _customer(session, draft)
    if draft.kind is CaseKind.COMPLAINT and customer is not None:
        candidates = find_duplicates(session, ctx, customer.id, draft.category_code)
        if candidates and draft.duplicate_decision is None:
            raise CaseRuleViolation("duplicate_decision_needed")
        if candidates and draft.duplicate_decision is not DuplicateDecision.SEPARATE:
            return _record_on_existing(session, ctx, draft, candidates)

    case_id = str(uuid.uuid4())
    key = None
    if customer is not None:
        key = ctx.crypto.unwrap_customer_key(customer.id, customer.wrapped_key)
    category = ctx.reference.taxonomy.get(draft.category_code)
    internal_type = category.internal_type
    department = BRANCH_COUNTER
    if draft.kind is CaseKind.COMPLAINT and internal_type is not None:
        department = ctx.reference.routing.get(internal_type, BRANCH_COUNTER)
    now = ctx.clock()
    repo.insert_case(
        session,
        {
            "id": case_id,
            "number": _case_number(session, ctx, received),
            "branch": ctx.actor.branch,
            "workstation": ctx.actor.workstation,
            "customer_id": customer.id if customer is not None else None,
            "key_scope": records.CUSTOMER_SCOPE if key is not None else records.ORG_SCOPE,
            "kind": draft.kind.value,
            "channel": draft.channel.value,
            "category_code": draft.category_code,
            "internal_type": internal_type.value if internal_type else None,
            "business_code": draft.business_code or None,
            "severity": draft.severity.value,
            "status": CaseStatus.NEW.value,
            "content_ct": records.seal_content(ctx, key, case_id, _content(draft)),
            "received_at": received,
            "created_by": ctx.actor.staff_id,
            "owner": ctx.actor.staff_id,  # 首问负责: the first staff member asked owns the case
            "department": department.code,
            "first_handler": ctx.actor.staff_id,
            "escalated": False,
            "reopen_count": 0,
            "decision_days": ctx.reference.policies.regulatory_base_days,
            "updated_at": now,
            "version": 1,
        },
    )
    outbox.case_written(session, ctx, case_id)
    row = records.load_case(session, case_id)
    records.append_event(
        session, ctx, row, CaseEventKind.RECEIVED, data={"channel": draft.channel.value}, at=received
    )
    records.refresh_deadline(session, ctx, case_id)
    audit.record(session, ctx, "case.intake", "case", case_id, detail=f"kind={draft.kind.value}")
    return CaseRef(case_id, row.number, 1), Changes(cases=frozenset({case_id}), audit=True)
