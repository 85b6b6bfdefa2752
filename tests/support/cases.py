"""Case drafts for tests, and a context whose clock the test moves."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.case_domain import CaseDraft
from app.context import ServiceContext
from app.domain import CaseKind, Channel, Severity


def complaint_for(customer_id: str | None, category_code: str, **changes: object) -> CaseDraft:
    draft = CaseDraft(
        customer_id=customer_id,
        channel=Channel.COUNTER,
        kind=CaseKind.COMPLAINT,
        category_code=category_code,
        severity=Severity.GENERAL,
        summary="Card fee charged twice",
        description="The annual fee was deducted twice in October.",
        desired_outcome="Refund the second fee",
        products="Debit card",
    )
    return dataclasses.replace(draft, **changes)  # type: ignore[arg-type]


class MovableClock:
    """A clock the test sets; services read time only through ctx.clock."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def at_time(ctx: ServiceContext, clock: MovableClock) -> ServiceContext:
    return dataclasses.replace(ctx, clock=clock)
