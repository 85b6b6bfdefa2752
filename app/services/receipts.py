"""The acceptance receipt (受理回执): what was received, when, and the deadlines promised."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app import audit
from app.case_domain import PromisedDeadline, Receipt
from app.context import ServiceContext
from app.domain import CaseKind, Channel, CustomerField
from app.permissions import Permission, require
from app.services import case_records as records
from app.services.customers import masked_fields
from app.sla import planned_clocks

# What a receipt shows of the customer: enough to recognise it, nothing more.
RECEIPT_FIELDS = (CustomerField.NAME, CustomerField.ID_NUMBER, CustomerField.MOBILE)


def receipt_for(session: Session, ctx: ServiceContext, case_id: str) -> Receipt:
    require(ctx.actor, Permission.CASE_READ)
    row = records.load_case(session, case_id)
    content = records.open_content(ctx, records.case_key(ctx, row), row)
    reference = ctx.reference
    facts = records.facts_of(session, row)
    clocks = planned_clocks(
        facts.kind, facts.severity, facts.channel, facts.received_at, reference.calendar, reference.policies
    )
    promised = tuple(PromisedDeadline(clock.name, clock.due_at, clock.estimated) for clock in clocks)
    masked = {}
    if row.customer_id is not None:
        every = masked_fields(session, ctx, row.customer_id)
        masked = {field: every[field] for field in RECEIPT_FIELDS}
    audit.record(session, ctx, "case.receipt", "case", case_id)
    return Receipt(
        case_number=row.number,
        received_at=row.received_at,
        kind=CaseKind(row.kind),
        channel=Channel(row.channel),
        category_code=row.category_code,
        summary=content["summary"],
        promised=promised,
        branch_name=reference.branch_name,
        branch_phone=reference.branch_phone,
        hotline=reference.hotline,
        masked_customer=masked,
        staff_id=ctx.actor.staff_id,
        business_code=row.business_code or "",
    )
