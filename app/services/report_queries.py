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

from sqlalchemy import ColumnElement, Integer, Select, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session

from app.calendar import CHINA_TZ
from app.domain import CaseKind, CaseStatus
from app.report_domain import Count, HotSpot, Period, Satisfaction, Snapshot
from db.local_schema import cases
from db.repos.cases import sort_key

CHINA_OFFSET = "+8 hours"  # China has kept UTC+8 all year since 1991: a fixed shift in SQL is exact
FINISHED_VALUES = (CaseStatus.CLOSED.value, CaseStatus.WITHDRAWN.value)
HOT_SPOT_LIMIT = 5
TREND_MONTHS = 6


def scope_conditions(
    branch: str | None, owner: str | None, kinds: frozenset[CaseKind]
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if branch is not None:
        conditions.append(cases.c.branch == branch)
    if owner:
        conditions.append(cases.c.owner == owner)
    if kinds:
        conditions.append(cases.c.kind.in_(sorted(kind.value for kind in kinds)))
    return conditions


def in_period(period: Period) -> ColumnElement[bool]:
    return and_(cases.c.received_at >= period.start, cases.c.received_at < period.end)


def snapshot(session: Session, conditions: Sequence[ColumnElement[bool]], now: dt.datetime) -> Snapshot:
    """The queue's own deadline filters (db/repos/cases.py), counted in one pass over the open cases."""
    tomorrow = (now.astimezone(CHINA_TZ) + dt.timedelta(days=1)).date()
    end_of_today = dt.datetime.combine(tomorrow, dt.time(), tzinfo=CHINA_TZ)
    due_today = cases.c.deadline_sort < sort_key(end_of_today)
    warning = and_(cases.c.next_warn_at <= now, cases.c.next_due_at > now)
    overdue = cases.c.deadline_sort <= sort_key(now)
    row = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((due_today, 1), else_=0)), 0),
            func.coalesce(func.sum(case((warning, 1), else_=0)), 0),
            func.coalesce(func.sum(case((overdue, 1), else_=0)), 0),
        ).where(*conditions, cases.c.status.not_in(FINISHED_VALUES))
    ).one()
    return Snapshot(open=row[0], due_today=row[1], warning=row[2], overdue=row[3])


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


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
    """The median of a one-column SELECT, by row numbers (SQLite has no median aggregate)."""
    inner = values.subquery("v")
    x = inner.c[0]
    ranked = select(
        x.label("x"),
        func.row_number().over(order_by=x).label("rn"),
        func.count().over().label("n"),
    ).subquery("ranked")
    middle = or_(
        ranked.c.rn == cast((ranked.c.n + 1) / 2, Integer), ranked.c.rn == cast((ranked.c.n + 2) / 2, Integer)
    )
    return session.execute(select(func.avg(ranked.c.x)).where(middle)).scalar_one()


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


def category_group() -> ColumnElement[str]:
    """The top level of a cause code: C0101 → C01 (JR/T 0169 uses two digits per level)."""
    return func.substr(cases.c.category_code, 1, 3)


def breakdowns(
    session: Session, conditions: Sequence[ColumnElement[bool]], period: Period
) -> dict[str, tuple[Count, ...]]:
    complaint_type = func.coalesce(cases.c.internal_type, literal(""))
    return {
        "by_category": counts_by(session, cases.c.category_code, conditions, period),
        "by_category_group": counts_by(session, category_group(), conditions, period),
        "by_channel": counts_by(session, cases.c.channel, conditions, period),
        "by_type": tuple(
            c for c in counts_by(session, complaint_type, conditions, period) if c.key
        ),  # only complaints have a type
        "by_staff": counts_by(session, cases.c.owner, conditions, period),
    }


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
    """Cases per month for the TREND_MONTHS months up to the period's last day, empty months included."""
    months = [Period.month_of(period.last)]
    while len(months) < TREND_MONTHS:
        months.insert(0, months[0].previous())
    span = Period(months[0].first, period.last)
    month = func.strftime("%Y-%m", cases.c.received_at, CHINA_OFFSET)
    found = {count.key: count.count for count in counts_by(session, month, conditions, span)}
    return tuple(Count(m.label(), found.get(m.label(), 0)) for m in months)


def hot_spots(
    session: Session, conditions: Sequence[ColumnElement[bool]], period: Period
) -> tuple[HotSpot, ...]:
    """Categories with more cases than in the previous period, the largest rise first."""
    before = period.previous()
    current = case((cases.c.received_at >= period.start, 1), else_=0)
    previous = case((cases.c.received_at < before.end, 1), else_=0)
    now_n, before_n = func.sum(current), func.sum(previous)
    rows = session.execute(
        select(cases.c.category_code, now_n.label("now_n"), before_n.label("before_n"))
        .where(*conditions, cases.c.received_at >= before.start, cases.c.received_at < period.end)
        .group_by(cases.c.category_code)
        .having(now_n > before_n)
        .order_by((now_n - before_n).desc(), now_n.desc(), cases.c.category_code)
        .limit(HOT_SPOT_LIMIT)
    ).all()
    return tuple(HotSpot(row.category_code, row.now_n, row.before_n) for row in rows)
