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

FINISHED_VALUES = (CaseStatus.CLOSED.value, CaseStatus.WITHDRAWN.value)
UNFINISHED_VALUES = tuple(status.value for status in CaseStatus if status.value not in FINISHED_VALUES)
HOT_SPOT_LIMIT = 5
TREND_MONTHS = 6
WEEKS_PER_STATEMENT = 53  # a year of weekly counts per SELECT: well within SQLite's column limit
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


def _store_branches() -> Select[Any]:
    """The branches of the store's cases, read as a few seeks of an index leading with branch (a loose
    index scan): with them the snapshot's filters become ranges of ix_cases_open_deadlines, also when
    no branch is asked for."""
    found = select(func.min(cases.c.branch).label("branch")).cte("branches", recursive=True)
    later = select(func.min(cases.c.branch)).where(cases.c.branch > found.c.branch).scalar_subquery()
    found = found.union_all(select(later).where(found.c.branch.is_not(None)))
    return select(found.c.branch)


def snapshot(session: Session, conditions: Sequence[ColumnElement[bool]], now: dt.datetime) -> Snapshot:
    """The queue's own deadline filters (db/repos/cases.py), counted in one pass over the open cases."""
    tomorrow = (now.astimezone(CHINA_TZ) + dt.timedelta(days=1)).date()
    end_of_today = dt.datetime.combine(tomorrow, dt.time(), tzinfo=CHINA_TZ)
    due_today = cases.c.deadline_sort < sort_key(end_of_today)
    # The queue's "next_due_at > now" through deadline_sort, its sortable copy, which the covering
    # index ix_cases_open_deadlines holds (a case without a deadline has no warning time either).
    warning = and_(cases.c.next_warn_at <= now, cases.c.deadline_sort > sort_key(now))
    overdue = cases.c.deadline_sort <= sort_key(now)
    # Branch and the unfinished statuses as equality terms, so SQLite searches the index by (branch,
    # status) instead of testing "not finished" on every entry of it.
    row = session.execute(
        select(func.count(), _count(due_today), _count(warning), _count(overdue)).where(
            *conditions, cases.c.branch.in_(_store_branches()), cases.c.status.in_(UNFINISHED_VALUES)
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


def breakdowns(
    session: Session, conditions: Sequence[ColumnElement[bool]], period: Period
) -> dict[str, tuple[Count, ...]]:
    """The breakdowns in one statement: the period's cases grouped twice, by (category, channel, type,
    owner) and by business category, then summed per key; staff members carry their display name (None
    when the staff table lacks them). A case without a business category counts under "" (not
    classified). Two small groupings, not one by every key: with the business category in the same key
    nearly every case is its own group, and SQLite then spends far longer on the groups than the scan."""
    scope = (*conditions, in_period(period))
    grouped = (
        select(
            cases.c.category_code,
            cases.c.channel,
            func.coalesce(cases.c.internal_type, literal("")).label("complaint_type"),
            cases.c.owner,
            func.count().label("n"),
        )
        .where(*scope)
        .group_by(cases.c.category_code, cases.c.channel, cases.c.internal_type, cases.c.owner)
        .cte("grouped")
        .prefix_with("MATERIALIZED")  # read once by each sum below
    )
    business = (
        select(func.coalesce(cases.c.business_code, literal("")).label("business"), func.count().label("n"))
        .where(*scope)
        .group_by(cases.c.business_code)
        .cte("business")
        .prefix_with("MATERIALIZED")
    )
    no_name = literal(None, String)

    def summed(
        dimension: str, key: ColumnElement[Any], n: ColumnElement[Any], name: ColumnElement[Any] = no_name
    ) -> Select[Any]:
        return select(literal(dimension).label("dimension"), key.label("key"), func.sum(n).label("n"), name)

    # One row per owner before the staff join, so the join runs once per owner.
    owners = (
        select(grouped.c.owner, func.sum(grouped.c.n).label("n")).group_by(grouped.c.owner).subquery("owners")
    )
    by_staff = (
        summed("by_staff", owners.c.owner, owners.c.n, func.max(staff.c.display_name).label("name"))
        .select_from(
            owners.outerjoin(staff, or_(staff.c.id == owners.c.owner, staff.c.username == owners.c.owner))
        )
        .group_by(owners.c.owner)
    )
    category_group = func.substr(grouped.c.category_code, 1, 3)
    business_group = func.substr(business.c.business, 1, 3)
    every = union_all(
        summed("by_category", grouped.c.category_code, grouped.c.n).group_by(grouped.c.category_code),
        summed("by_category_group", category_group, grouped.c.n).group_by(category_group),
        summed("by_channel", grouped.c.channel, grouped.c.n).group_by(grouped.c.channel),
        summed("by_type", grouped.c.complaint_type, grouped.c.n)
        .where(grouped.c.complaint_type != "")  # only complaints have a type
        .group_by(grouped.c.complaint_type),
        summed("by_business", business.c.business, business.c.n).group_by(business.c.business),
        summed("by_business_group", business_group, business.c.n).group_by(business_group),
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
    """Cases per China-time week (Monday to Sunday, keyed by its Monday) of the period, weeks without
    cases left out: one count per week over a range of the received_at index, as trend_monthly does
    (cheaper than computing every case's week in SQL and grouping by it)."""
    weeks: list[tuple[dt.date, Period]] = []
    monday = period.first - dt.timedelta(days=period.first.weekday())
    while monday <= period.last:
        sunday = monday + dt.timedelta(days=6)
        weeks.append((monday, Period(max(monday, period.first), min(sunday, period.last))))
        monday += dt.timedelta(days=7)
    found: list[Count] = []
    for chunk in range(0, len(weeks), WEEKS_PER_STATEMENT):
        spans = weeks[chunk : chunk + WEEKS_PER_STATEMENT]
        counts = [
            select(func.count()).where(*conditions, in_period(span)).scalar_subquery() for _, span in spans
        ]
        row = session.execute(select(*counts)).one()
        found += [Count(first.isoformat(), int(n)) for (first, _), n in zip(spans, row, strict=True) if n]
    return tuple(found)


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
    session: Session,
    conditions: Sequence[ColumnElement[bool]],
    period: Period,
    by_category: Sequence[Count],
) -> tuple[HotSpot, ...]:
    """Categories with more cases than in the previous period, the largest rise first. `by_category` is
    the period's own breakdown (already counted), so only the previous period is read here."""
    before_span = period.previous()
    rows = session.execute(
        select(cases.c.category_code, func.count())
        .where(*conditions, in_period(before_span))
        .group_by(cases.c.category_code)
    ).all()
    before = {code: int(n) for code, n in rows}
    rising = [HotSpot(c.key, c.count, before.get(c.key, 0)) for c in by_category]
    rising = [spot for spot in rising if spot.current > spot.previous]
    # Python orders str by code point, as SQLite's BINARY collation orders UTF-8: the same order.
    rising.sort(key=lambda spot: (spot.previous - spot.current, -spot.current, spot.category_code))
    return tuple(rising[:HOT_SPOT_LIMIT])
