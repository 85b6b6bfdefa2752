"""Reading cases: the queue (counts, ordered ids, pages of rows) and one case in full."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from app.calendar import CHINA_TZ
from app.case_domain import (
    CaseDetail,
    CaseFilter,
    CaseRow,
    CaseSort,
    ClockView,
    SlaFlag,
    TimelineEntry,
)
from app.context import ServiceContext
from app.domain import (
    CaseEventKind,
    CaseKind,
    CaseStatus,
    Channel,
    CustomerField,
    Severity,
)
from app.lifecycle import FINISHED, allowed_from
from app.permissions import Permission, require
from app.services import case_records as records
from app.services.customers import customer_ids_matching, masked_fields
from app.sla import Clock, binding_clock
from db.repos import cases as repo

CASE_NUMBER = re.compile(r"^[0-9A-Za-z]+-[0-9A-Za-z]+-\d{8}-\d{4,}$")


def _end_of_today(now: dt.datetime) -> dt.datetime:
    local = now.astimezone(CHINA_TZ)
    tomorrow = (local + dt.timedelta(days=1)).date()
    return dt.datetime.combine(tomorrow, dt.time(), tzinfo=CHINA_TZ)


def _query(session: Session, ctx: ServiceContext, flt: CaseFilter) -> repo.CaseQuery:
    now = ctx.clock()
    statuses = {status.value for status in flt.statuses}
    if flt.open_only:
        open_values = {s.value for s in CaseStatus if s not in FINISHED}
        statuses = statuses & open_values if statuses else open_values
    number = None
    customer_ids = None
    term = flt.search.strip()
    if term:
        if CASE_NUMBER.match(term.upper()):
            number = term.upper()
        else:
            customer_ids = customer_ids_matching(session, ctx, term)  # ValidationError if unrecognised
    return repo.CaseQuery(
        statuses=statuses,
        kinds={kind.value for kind in flt.kinds},
        severities={severity.value for severity in flt.severities},
        owner=ctx.actor.staff_id if flt.mine else (flt.owner or None),
        branch=flt.branch or (ctx.actor.branch if flt.branch_only else None),
        due_before=_end_of_today(now) if flt.due_today else None,
        warning_at=now if flt.warning else None,
        overdue_at=now if flt.overdue else None,
        number=number,
        customer_ids=customer_ids,
        received_from=flt.received_from,
        received_before=flt.received_before,
        category_prefix=flt.category_prefix,
        channels={channel.value for channel in flt.channels},
        complaint_types=set(flt.complaint_types),
        business_codes=set(flt.business_codes),
    )


def count_cases(session: Session, ctx: ServiceContext, flt: CaseFilter) -> int:
    require(ctx.actor, Permission.CASE_READ)
    return repo.count(session, _query(session, ctx, flt))


def case_ids(
    session: Session,
    ctx: ServiceContext,
    flt: CaseFilter,
    sort: CaseSort,
    offset: int = 0,
    limit: int | None = None,
) -> list[str]:
    """Matching ids in queue order; with `limit`, one slice of them (the queue fetches more on scroll)."""
    require(ctx.actor, Permission.CASE_READ)
    query = _query(session, ctx, flt)
    return repo.ids(session, query, by_deadline=sort is CaseSort.DEADLINE, offset=offset, limit=limit)


def sla_flag(due: dt.datetime | None, warn: dt.datetime | None, now: dt.datetime) -> SlaFlag:
    if due is None:
        return SlaFlag.NONE
    if now >= due:
        return SlaFlag.OVERDUE
    if warn is not None and now >= warn:
        return SlaFlag.WARNING
    return SlaFlag.ON_TIME


def masked_name(ctx: ServiceContext, row: Row[Any]) -> str:
    if row.customer_id is None or row.wrapped_key is None:
        return ""
    key = ctx.crypto.unwrap_customer_key(row.customer_id, row.wrapped_key)
    name = ctx.crypto.decrypt_text(key, "customers", "name_ct", row.customer_id, row.name_ct)
    return ctx.masking.mask_name(name)


def case_rows(session: Session, ctx: ServiceContext, ids: Sequence[str]) -> list[CaseRow]:
    """Rows for one page of the queue, in the order of `ids`."""
    require(ctx.actor, Permission.CASE_READ)
    now = ctx.clock()
    by_id = {row.id: row for row in repo.rows(session, ids)}
    rows = []
    for case_id in ids:
        row = by_id.get(case_id)
        if row is None:
            continue  # removed since the ids were listed
        rows.append(
            CaseRow(
                id=row.id,
                number=row.number,
                kind=CaseKind(row.kind),
                severity=Severity(row.severity),
                status=CaseStatus(row.status),
                channel=Channel(row.channel),
                category_code=row.category_code,
                received_at=row.received_at,
                owner=row.owner,
                department=row.department,
                masked_customer_name=masked_name(ctx, row),
                next_clock=row.next_clock or "",
                next_due_at=row.next_due_at,
                sla=sla_flag(row.next_due_at, row.next_warn_at, now),
                version=row.version,
            )
        )
    return rows


def _clock_view(clock: Clock) -> ClockView:
    return ClockView(
        name=clock.name,
        due_at=clock.due_at,
        warn_at=clock.warn_at,
        state=clock.state.value,
        estimated=clock.estimated,
        finished_at=clock.finished_at,
    )


def _timeline(
    session: Session, ctx: ServiceContext, row: Row[Any], key: Any, erased: bool = False
) -> tuple[TimelineEntry, ...]:
    entries = []
    for event in repo.events_for(session, row.id):
        text = ""
        if event.text_ct is not None and not erased:
            text = records.open_text(ctx, key, records.EVENTS_TABLE, "text_ct", event.id, event.text_ct)
        entries.append(
            TimelineEntry(
                id=event.id,
                kind=CaseEventKind(event.kind),
                at=event.at,
                actor=event.actor,
                status_to=CaseStatus(event.status_to) if event.status_to else None,
                text=text,
                data=json.loads(event.data),
            )
        )
    return tuple(entries)


def get_case(session: Session, ctx: ServiceContext, case_id: str) -> CaseDetail:
    require(ctx.actor, Permission.CASE_READ)
    row = records.load_case(session, case_id)
    # An erased customer's case keeps its facts; its personal text went with the destroyed key.
    erased = records.key_destroyed(row)
    key = None if erased else records.case_key(ctx, row)
    content: dict[str, Any] = (
        dict.fromkeys(records.CONTENT_FIELDS, "") if erased else records.open_content(ctx, key, row)
    )
    clocks = records.current_clocks(session, ctx, row)
    binding = binding_clock(clocks)
    masked: dict[CustomerField, str] = {}
    if row.customer_id is not None and not erased:
        masked = masked_fields(session, ctx, row.customer_id)
    status = CaseStatus(row.status)
    return CaseDetail(
        id=row.id,
        number=row.number,
        version=row.version,
        kind=CaseKind(row.kind),
        severity=Severity(row.severity),
        status=status,
        channel=Channel(row.channel),
        category_code=row.category_code,
        business_code=row.business_code or "",
        received_at=row.received_at,
        customer_id=row.customer_id,
        masked_customer=masked,
        summary=content["summary"],
        description=content["description"],
        desired_outcome=content["desired_outcome"],
        products=content["products"],
        staff_complained_about=content["staff_complained_about"],
        agent=records.agent_of(content),
        legal_representative=content["legal_representative"],
        owner=row.owner,
        department=row.department,
        first_handler=row.first_handler,
        escalated=row.escalated,
        reopen_count=row.reopen_count,
        decision_days=row.decision_days,
        clocks=tuple(_clock_view(clock) for clock in clocks),
        binding=_clock_view(binding) if binding else None,
        timeline=_timeline(session, ctx, row, key, erased),
        allowed=() if erased else allowed_from(status),  # read-only: nothing can be sealed for it
        customer_erased=erased,
    )
