"""The supervision figures as SQL aggregates over the cases table (SQLite).

Every figure group is one GROUP BY or windowed SELECT over the period's cases; Python only shapes the
handful of rows that come back. What the figures need from a case's timeline is kept on the case when
it is written (app/services/case_marks.py), so no figure reads the timelines. Definitions (also in
docs/REPORTS.md):

- The period's cases: received on a China-time day of the period, in the branch (and of the staff
  member and kinds) asked for.
- First response: the first status change (other than withdrawal), written answer, transfer or note
  recording contact with the customer. Resolution: the first change to resolved.
- Callback rate: complaints resolved at least once that a callback reached.
- Satisfaction: the latest reached callback of each case with a score; 4 or 5 is satisfied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Table,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from app.calendar import CHINA_TZ
from app.domain import CaseKind, CaseStatus
from app.report_domain import Count, HotSpot, Period, Satisfaction, Snapshot
from db.local_schema import cases, staff
from db.repos.cases import sort_key

CHINA_OFFSET = "+8 hours"  # China has kept UTC+8 all year since 1991: a fixed shift in SQL is exact
FINISHED_VALUES = (CaseStatus.CLOSED.value, CaseStatus.WITHDRAWN.value)
HOT_SPOT_LIMIT = 5
TREND_MONTHS = 6
BREAKDOWNS = (
    "by_category",
    "by_category_group",
    "by_channel",
    "by_type",
    "by_business",
    "by_business_group",
    "by_staff",
)


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def scope_conditions(
    branch: str | None, owner: str | None, kinds: frozenset[CaseKind], table: Table = cases
) -> list[ColumnElement[bool]]:
    """The filter's conditions on `table`: cases, or case_clocks, which carries the same scope columns."""
    conditions: list[ColumnElement[bool]] = []
    if branch is not None:
        conditions.append(table.c.branch == branch)
    if owner:
        conditions.append(table.c.owner == owner)
    if kinds:
        conditions.append(table.c.kind.in_(sorted(kind.value for kind in kinds)))
    return conditions


def in_period(period: Period, table: Table = cases) -> ColumnElement[bool]:
    return and_(table.c.received_at >= period.start, table.c.received_at < period.end)


def snapshot(session: Session, conditions: Sequence[ColumnElement[bool]], now: dt.datetime) -> Snapshot:
    """The queue's own deadline filters (db/repos/cases.py), counted in one pass over the open cases."""
    tomorrow = (now.astimezone(CHINA_TZ) + dt.timedelta(days=1)).date()
    end_of_today = dt.datetime.combine(tomorrow, dt.time(), tzinfo=CHINA_TZ)
    due_today = cases.c.deadline_sort < sort_key(end_of_today)
    # The queue's "next_due_at > now" through deadline_sort, its sortable copy, which the covering
    # index ix_cases_open_deadlines holds (a case without a deadline has no warning time either).
    warning = and_(cases.c.next_warn_at <= now, cases.c.deadline_sort > sort_key(now))
    overdue = cases.c.deadline_sort <= sort_key(now)
    row = session.execute(
        select(func.count(), _count(due_today), _count(warning), _count(overdue)).where(
            *conditions, cases.c.status.not_in(FINISHED_VALUES)
        )
    ).one()
    return Snapshot(open=row[0], due_today=row[1], warning=row[2], overdue=row[3])


def totals(
    session: Session, conditions: Sequence[ColumnElement[bool]], period: Period
) -> tuple[dict[str, int], Satisfaction]:
    """Received, resolved, reopened and called-back counts and the satisfaction scores, in one pass."""
    complaint = cases.c.kind == CaseKind.COMPLAINT.value
    resolved = cases.c.first_resolved_at.is_not(None)
    score = cases.c.satisfaction
    row = session.execute(
        select(
            func.count(),
            _count(resolved),
            _count(and_(resolved, cases.c.reopen_count > 0)),
            _count(and_(resolved, complaint)),
            _count(and_(resolved, complaint, cases.c.called_back)),
            _count(score.is_not(None)),
            _count(score >= 4),
            _count(score == 5),
            _count(score <= 3),
        ).where(*conditions, in_period(period))
    ).one()
    names = ("received", "resolved", "reopened", "complaints_resolved", "complaints_called_back")
    counts = {name: int(value) for name, value in zip(names, row[:5], strict=True)}
    scored, satisfied, promoters, detractors = (int(value) for value in row[5:])
    return counts, Satisfaction(scored, satisfied, promoters, detractors)


def median(session: Session, values: Select[Any]) -> float | None:
    """The median of a one-column SELECT: the middle one or two values in order (SQLite has no median
    aggregate; a bounded ORDER BY ... LIMIT sorts less than numbering every row)."""
    v = values.cte("v").prefix_with("MATERIALIZED")
    x = v.c[0]
    n = select(func.count()).select_from(v).scalar_subquery()
    middle = select(x).order_by(x).limit(2 - n % 2).offset((n - 1) // 2).subquery("middle")
    return session.execute(select(func.avg(middle.c[0]))).scalar_one()


def elapsed(later: ColumnElement[Any], earlier: ColumnElement[Any], per_day: float) -> ColumnElement[float]:
    return (func.julianday(later) - func.julianday(earlier)) * per_day


def medians(
    session: Session, conditions: Sequence[ColumnElement[bool]], period: Period
) -> tuple[float | None, float | None]:
    """Median first response (minutes) and resolution time (hours) of the period's cases that had one."""
    response = elapsed(cases.c.first_response_at, cases.c.received_at, 1440.0)
    resolution = elapsed(cases.c.first_resolved_at, cases.c.received_at, 24.0)
    scope = (*conditions, in_period(period))
    return (
        median(session, select(response).where(*scope, cases.c.first_response_at.is_not(None))),
        median(session, select(resolution).where(*scope, cases.c.first_resolved_at.is_not(None))),
    )


def counts_by(
    session: Session, key: ColumnElement[Any], conditions: Sequence[ColumnElement[bool]], period: Period
) -> tuple[Count, ...]:
    """Cases of the period per value of `key`, most first (ties by key, so the order is stable)."""
    label = key.label("key")
    rows = session.execute(
        select(label, func.count().label("n"))
        .where(*conditions, in_period(period))
        .group_by(label)
        .order_by(func.count().desc(), label)
    ).all()
    return tuple(Count(str(row.key) if row.key is not None else "", row.n) for row in rows)


def local_day(column: ColumnElement[Any]) -> ColumnElement[str]:
    return func.date(column, CHINA_OFFSET)


def breakdowns(
    session: Session, conditions: Sequence[ColumnElement[bool]], period: Period
) -> dict[str, tuple[Count, ...]]:
    """The breakdowns in one statement: the period's cases grouped once by all their keys, then summed
    per key; staff members carry their display name (None when the staff table lacks them). A case
    without a business category counts under "" (not classified)."""
    grouped = (
        select(
            cases.c.category_code,
            cases.c.channel,
            func.coalesce(cases.c.internal_type, literal("")).label("complaint_type"),
            func.coalesce(cases.c.business_code, literal("")).label("business"),
            cases.c.owner,
            func.count().label("n"),
        )
        .where(*conditions, in_period(period))
        .group_by(
            cases.c.category_code,
            cases.c.channel,
            cases.c.internal_type,
            cases.c.business_code,
            cases.c.owner,
        )
        .cte("grouped")
        .prefix_with("MATERIALIZED")  # read once by the sums below
    )
    no_name = literal(None, String)

    def summed(dimension: str, key: ColumnElement[Any], name: ColumnElement[Any] = no_name) -> Select[Any]:
        total = func.sum(grouped.c.n)
        return select(literal(dimension).label("dimension"), key.label("key"), total.label("n"), name)

    known = staff.c.display_name
    by_staff = (
        summed("by_staff", grouped.c.owner, func.max(known).label("name"))
        .select_from(
            grouped.outerjoin(staff, or_(staff.c.id == grouped.c.owner, staff.c.username == grouped.c.owner))
        )
        .group_by(grouped.c.owner)
    )
    every = union_all(
        summed("by_category", grouped.c.category_code).group_by(grouped.c.category_code),
        summed("by_category_group", func.substr(grouped.c.category_code, 1, 3)).group_by(
            func.substr(grouped.c.category_code, 1, 3)
        ),
        summed("by_channel", grouped.c.channel).group_by(grouped.c.channel),
        summed("by_type", grouped.c.complaint_type)
        .where(grouped.c.complaint_type != "")  # only complaints have a type
        .group_by(grouped.c.complaint_type),
        summed("by_business", grouped.c.business).group_by(grouped.c.business),
        summed("by_business_group", func.substr(grouped.c.business, 1, 3)).group_by(
            func.substr(grouped.c.business, 1, 3)
        ),
        by_staff,
    ).subquery("every")
    rows = session.execute(select(every).order_by(every.c.dimension, every.c.n.desc(), every.c.key)).all()
    found: dict[str, list[Count]] = {name: [] for name in BREAKDOWNS}
    for row in rows:
        found[row.dimension].append(Count(str(row.key or ""), int(row.n), row[3] or ""))
    return {name: tuple(counts) for name, counts in found.items()}


def trend_weekly(
    session: Session, conditions: Sequence[ColumnElement[bool]], period: Period
) -> tuple[Count, ...]:
    # 'weekday 0' moves to the coming Sunday (or stays on one); six days back is that week's Monday.
    monday = func.date(cases.c.received_at, CHINA_OFFSET, "weekday 0", "-6 days")
    rows = counts_by(session, monday, conditions, period)
    return tuple(sorted(rows, key=lambda count: count.key))


def trend_monthly(
    session: Session, conditions: Sequence[ColumnElement[bool]], period: Period
) -> tuple[Count, ...]:
    """Cases per month for the TREND_MONTHS months up to the period's last day, empty months included:
    one count per month over a range of the received_at index, in one statement."""
    months = [Period.month_of(period.last)]
    while len(months) < TREND_MONTHS:
        months.insert(0, months[0].previous())
    spans = [*months[:-1], Period(months[-1].first, period.last)]  # up to the period's last day
    counts = [select(func.count()).where(*conditions, in_period(span)).scalar_subquery() for span in spans]
    row = session.execute(select(*counts)).one()
    return tuple(Count(month.label(), int(n)) for month, n in zip(months, row, strict=True))


def hot_spots(
    session: Session, conditions: Sequence[ColumnElement[bool]], period: Period
) -> tuple[HotSpot, ...]:
    """Categories with more cases than in the previous period, the largest rise first."""

    def per_category(span: Period, name: str) -> Any:
        return (
            select(cases.c.category_code.label("code"), func.count().label("n"))
            .where(*conditions, in_period(span))
            .group_by(cases.c.category_code)
            .cte(name)
        )

    current, before = per_category(period, "current"), per_category(period.previous(), "before")
    before_n = func.coalesce(before.c.n, 0)
    rows = session.execute(
        select(current.c.code, current.c.n, before_n)
        .select_from(current.outerjoin(before, before.c.code == current.c.code))
        .where(current.c.n > before_n)
        .order_by((current.c.n - before_n).desc(), current.c.n.desc(), current.c.code)
        .limit(HOT_SPOT_LIMIT)
    ).all()
    return tuple(HotSpot(code, now_n, before_count) for code, now_n, before_count in rows)
