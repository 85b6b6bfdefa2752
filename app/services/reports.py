"""Supervision figures for the dashboard, the monthly report and `branchdesk-admin report`: one code path.

The figures are SQL aggregates (report_queries, report_clocks); this module checks the permission,
resolves the filter and shapes the result. Exports read the period's cases in pages, with the customer's
name masked and no free text at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, func, or_, select
from sqlalchemy.orm import Session

from app.case_domain import SlaFlag
from app.context import ServiceContext
from app.domain import CaseKind, CaseStatus, Channel, Severity
from app.permissions import Permission, require
from app.report_domain import CaseLine, Figures, ReportFilter
from app.services import case_records as records
from app.services import report_queries as q
from app.services.cases import masked_name, sla_flag
from app.services.report_clocks import clock_rates
from db.local_schema import case_clocks, cases, customer_keys, customers, staff
from db.repos.cases import sort_key

EXPORT_PAGE = 500
ATTENTION_LIMIT = 200  # rows of the report's "overdue and reopened" table


def _branch(ctx: ServiceContext, flt: ReportFilter) -> str | None:
    return ctx.actor.branch if flt.branch == "" else flt.branch


def _conditions(ctx: ServiceContext, flt: ReportFilter) -> list[ColumnElement[bool]]:
    return q.scope_conditions(_branch(ctx, flt), flt.owner, flt.kinds)


def figures(session: Session, ctx: ServiceContext, flt: ReportFilter) -> Figures:
    """Every KPI of the dashboard and the report for the filter, as of ctx.clock()."""
    require(ctx.actor, Permission.DASHBOARD)
    now = ctx.clock()
    conditions = _conditions(ctx, flt)
    period = flt.period
    reference = ctx.reference
    records.backfill_if_pending(session, ctx)
    totals, satisfaction = q.totals(session, conditions, period)
    response, resolution = q.medians(session, conditions, period)
    clock_conditions = q.scope_conditions(_branch(ctx, flt), flt.owner, flt.kinds, table=case_clocks)
    clocks = clock_rates(session, clock_conditions, period, reference.policies, now)
    breakdowns = q.breakdowns(session, conditions, period)
    return Figures(
        filter=flt,
        as_of=now,
        snapshot=q.snapshot(session, conditions, now),
        received=totals["received"],
        resolved=totals["resolved"],
        reopened=totals["reopened"],
        complaints_resolved=totals["complaints_resolved"],
        complaints_called_back=totals["complaints_called_back"],
        satisfaction=satisfaction,
        median_first_response_minutes=response,
        median_resolution_hours=resolution,
        clocks=clocks,
        **breakdowns,
        trend_weekly=q.trend_weekly(session, conditions, period),
        trend_monthly=q.trend_monthly(session, conditions, period),
        hot_spots=q.hot_spots(session, conditions, period, breakdowns["by_category"]),
    )


def staff_in_scope(session: Session, ctx: ServiceContext, branch: str | None = "") -> list[tuple[str, str]]:
    """(staff id, display name) of the staff who own cases of the branch, for the dashboard's staff
    filter; the name is "" for an owner the staff table does not know."""
    require(ctx.actor, Permission.DASHBOARD)
    conditions = q.scope_conditions(ctx.actor.branch if branch == "" else branch, None, frozenset())
    owners = select(cases.c.owner).where(*conditions).distinct().subquery("owners")
    is_owner = or_(staff.c.id == owners.c.owner, staff.c.username == owners.c.owner)
    query = (
        select(owners.c.owner, func.coalesce(func.max(staff.c.display_name), ""))
        .select_from(owners.outerjoin(staff, is_owner))
        .group_by(owners.c.owner)
        .order_by(owners.c.owner)
    )
    return [(row[0], row[1]) for row in session.execute(query)]


def branches_in_store(session: Session, ctx: ServiceContext) -> list[str]:
    """Branches this store holds cases of (its own, and others' fetched for customers' histories)."""
    require(ctx.actor, Permission.DASHBOARD)
    query = select(cases.c.branch).distinct().order_by(cases.c.branch)
    return [row[0] for row in session.execute(query)]


# --- the period's cases, for exports ------------------------------------------------------------


def _line_query(ctx: ServiceContext, flt: ReportFilter) -> Any:
    """Cases of the period with their first response, first resolution and latest score."""
    return (
        select(
            cases,
            customers.c.name_ct,
            customer_keys.c.wrapped_key,
            q.elapsed(cases.c.first_response_at, cases.c.received_at, 1440.0).label("first_response_minutes"),
            q.elapsed(cases.c.first_resolved_at, cases.c.received_at, 24.0).label("resolution_hours"),
        )
        .select_from(
            cases.outerjoin(customers, customers.c.id == cases.c.customer_id).outerjoin(
                customer_keys, customer_keys.c.customer_id == cases.c.customer_id
            )
        )
        .where(*_conditions(ctx, flt), q.in_period(flt.period))
    )


def _line(ctx: ServiceContext, row: Row[Any], now: dt.datetime) -> CaseLine:
    return CaseLine(
        number=row.number,
        received_at=row.received_at,
        kind=CaseKind(row.kind),
        channel=Channel(row.channel),
        category_code=row.category_code,
        business_code=row.business_code or "",
        severity=Severity(row.severity),
        status=CaseStatus(row.status),
        owner=row.owner,
        department=row.department,
        masked_customer_name=masked_name(ctx, row),
        next_clock=row.next_clock or "",
        next_due_at=row.next_due_at,
        overdue=sla_flag(row.next_due_at, row.next_warn_at, now) is SlaFlag.OVERDUE,
        reopen_count=row.reopen_count,
        escalated=bool(row.escalated),
        first_response_minutes=row.first_response_minutes,
        resolution_hours=row.resolution_hours,
        satisfaction=row.satisfaction,
    )


def count_case_lines(session: Session, ctx: ServiceContext, flt: ReportFilter) -> int:
    require(ctx.actor, Permission.DASHBOARD)
    query = select(func.count()).where(*_conditions(ctx, flt), q.in_period(flt.period))
    return session.execute(query).scalar_one()


def case_lines(session: Session, ctx: ServiceContext, flt: ReportFilter) -> Iterator[list[CaseLine]]:
    """The period's cases oldest first, in pages of EXPORT_PAGE (so an export can report progress)."""
    require(ctx.actor, Permission.DASHBOARD)
    now = ctx.clock()
    base = _line_query(ctx, flt).order_by(cases.c.received_at, cases.c.id)
    offset = 0
    while True:
        rows = session.execute(base.offset(offset).limit(EXPORT_PAGE)).all()
        if not rows:
            return
        yield [_line(ctx, row, now) for row in rows]
        offset += len(rows)


def attention_lines(session: Session, ctx: ServiceContext, flt: ReportFilter) -> list[CaseLine]:
    """The report's table: the period's cases that are overdue now or were reopened, oldest first."""
    require(ctx.actor, Permission.DASHBOARD)
    now = ctx.clock()
    open_overdue = and_(cases.c.status.not_in(q.FINISHED_VALUES), cases.c.deadline_sort <= sort_key(now))
    query = (
        _line_query(ctx, flt)
        .where(or_(open_overdue, cases.c.reopen_count > 0))
        .order_by(cases.c.received_at, cases.c.id)
        .limit(ATTENTION_LIMIT)
    )
    return [_line(ctx, row, now) for row in session.execute(query).all()]
