"""On-time rate per deadline clock, in SQL: the rules of app/sla.py written as aggregates over the timeline.

For every clock policy the query finds, per case, the start (receipt, latest transfer or latest
resolution; a NEW_FACTS fact restarts it), the first stop trigger at or after it (a clock met by the
resolution and reopened afterwards runs again from the reopening, as in app/sla.py), and the due time:
elapsed-time clocks by arithmetic on Julian days, day-counted clocks through a small calendar table the
query carries (the official working-day calendar, computed in Python once per start day and rule). The
regulatory clock uses the decision period in force (cases.decision_days). Appraisal time (and waiting
time, where the policies pause for it) moves the due time by the paused time, without app/sla.py's
finer rule that a pause starting after the due time does not count.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Float, Subquery, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from app.calendar import CHINA_TZ, WorkCalendar
from app.domain import CaseStatus
from app.report_domain import ClockRate
from app.services.report_queries import CHINA_OFFSET, e, flag_set, julian, status_is
from app.sla_policies import ClockPolicy, DurationUnit, SlaPolicies, StartPoint, Trigger

PER_UNIT_DAYS = {DurationUnit.MINUTES: 1 / 1440, DurationUnit.HOURS: 1 / 24}


def _fires(trigger: Trigger) -> ColumnElement[bool]:
    if trigger.status is not None:
        return status_is(trigger.status)
    assert trigger.event is not None
    if trigger.flag is None:
        return e.c.kind == trigger.event.value
    return and_(e.c.kind == trigger.event.value, flag_set(trigger.flag))


def _stops(policy: ClockPolicy, policies: SlaPolicies) -> ColumnElement[bool]:
    return or_(*(_fires(trigger) for trigger in policy.stop + policies.stop_all))


def _may_reopen(policy: ClockPolicy) -> bool:
    """app/sla.py gives a fresh clock after a reopening only to clocks the resolution stopped."""
    return not policy.extendable and any(t.status is CaseStatus.RESOLVED for t in policy.stop)


def _applies(policy: ClockPolicy, marks: Subquery) -> ColumnElement[bool]:
    conditions = [marks.c.kind.in_(sorted(kind.value for kind in policy.kinds))]
    if policy.severities is not None:
        conditions.append(marks.c.severity.in_(sorted(s.value for s in policy.severities)))
    if policy.channels is not None:
        conditions.append(marks.c.channel.in_(sorted(c.value for c in policy.channels)))
    return and_(*conditions)


def _start(policy: ClockPolicy, marks: Subquery) -> ColumnElement[Any]:
    base = {
        StartPoint.RECEIVED: marks.c.received_at,
        StartPoint.TRANSFERRED: marks.c.transferred_at,
        StartPoint.RESOLVED: marks.c.resolved_at,
    }[policy.start]
    return case((marks.c.restart_at > base, marks.c.restart_at), else_=base)


def _paused_days(
    policy: ClockPolicy, policies: SlaPolicies, start: ColumnElement[Any]
) -> list[tuple[str, ColumnElement[Any]]]:
    """Sums of pause starts and ends (Julian days) and how many are still open, after the start."""
    pairs: list[tuple[ColumnElement[bool], ColumnElement[bool]]] = []
    if policy.excludes_appraisal:
        pairs.append((e.c.kind == "paused", e.c.kind == "resumed"))
    if policy.pause_while_waiting and policies.pause_while_waiting:
        pairs.append((status_is(CaseStatus.WAITING), e.c.status_from == CaseStatus.WAITING.value))
    opened = or_(*(pair[0] for pair in pairs)) if pairs else literal(False)
    closed = or_(*(pair[1] for pair in pairs)) if pairs else literal(False)
    after = e.c.at >= start
    jd = func.julianday(e.c.at)
    return [
        ("pause_from", func.sum(case((and_(after, opened), jd), else_=0.0))),
        ("pause_to", func.sum(case((and_(after, closed), jd), else_=0.0))),
        ("pause_open", func.sum(case((and_(after, opened), 1), (and_(after, closed), -1), else_=0))),
    ]


def _per_case(marks: Subquery, policies: SlaPolicies) -> Subquery:
    """Pass over the timeline once more: each policy's start, first stop and paused time per case."""
    columns: list[ColumnElement[Any]] = [marks.c.id]
    for i, policy in enumerate(policies.clocks):
        start = _start(policy, marks)
        stops = _stops(policy, policies)
        columns.append(start.label(f"start_{i}"))
        columns.append(func.min(case((and_(e.c.at >= start, stops), e.c.at))).label(f"stop_{i}"))
        if _may_reopen(policy):
            resolved = status_is(CaseStatus.RESOLVED)
            columns.append(func.min(case((and_(e.c.at >= start, resolved), e.c.at))).label(f"resolved_{i}"))
            restop = case((and_(e.c.at >= marks.c.reopened_at, stops), e.c.at))
            columns.append(func.min(restop).label(f"restop_{i}"))
        columns.extend(expr.label(f"{name}_{i}") for name, expr in _paused_days(policy, policies, start))
    return (
        select(*columns)
        .select_from(marks.outerjoin(e, e.c.case_id == marks.c.id))
        .group_by(marks.c.id)
        .subquery("per_case")
    )


@lru_cache(maxsize=65536)
def _day_due(calendar: WorkCalendar, day: dt.date, unit: DurationUnit, amount: int) -> float:
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=CHINA_TZ)  # only the start's day matters
    if unit is DurationUnit.WORKING_DAYS:
        return julian(calendar.add_working_days(noon, amount).at)
    return julian(calendar.add_calendar_days(noon, amount).at)


def _calendar_json(
    calendar: WorkCalendar, first: dt.date, last: dt.date, rules: Sequence[tuple[DurationUnit, int]]
) -> str:
    """{"working_days:7|2026-10-08": julian due, ...} for every day a clock may start on."""
    table: dict[str, float] = {}
    day = first
    while day <= last:
        for unit, amount in rules:
            table[f"{unit.value}:{amount}|{day.isoformat()}"] = _day_due(calendar, day, unit, amount)
        day += dt.timedelta(days=1)
    return json.dumps(table)


def clock_rates(
    session: Session,
    marks: Subquery,
    policies: SlaPolicies,
    calendar: WorkCalendar,
    first_day: dt.date,
    now: dt.datetime,
) -> tuple[ClockRate, ...]:
    """Met / late / breached / running counts per clock name, in policy order."""
    if not policies.clocks:
        return ()
    today = now.astimezone(CHINA_TZ).date()
    decision_days = [
        int(days) for days in session.execute(select(marks.c.decision_days).distinct()).scalars()
    ]
    rules: set[tuple[DurationUnit, int]] = set()
    for policy in policies.clocks:
        if policy.duration.is_days:
            rules.add((policy.duration.unit, policy.duration.amount))
            if policy.extendable:
                rules.update((policy.duration.unit, days) for days in decision_days)
    calendar_json = _calendar_json(calendar, first_day - dt.timedelta(days=1), today, sorted(rules))
    each = func.json_each(literal(calendar_json)).table_valued("key", "value")
    # A CTE read by several joins is materialised once; SQLite indexes it on the join key by itself.
    cal_table = select(each.c.key, each.c.value).cte("cal")
    per_case = _per_case(marks, policies)
    joined: Any = per_case.join(marks, marks.c.id == per_case.c.id)
    now_jd = julian(now)
    sums: list[ColumnElement[Any]] = []
    for i, policy in enumerate(policies.clocks):
        start = per_case.c[f"start_{i}"]
        stop = per_case.c[f"stop_{i}"]
        if _may_reopen(policy):
            reopened = and_(
                stop.is_not(None), stop == per_case.c[f"resolved_{i}"], marks.c.reopened_at >= stop
            )
            start = case((reopened, marks.c.reopened_at), else_=start)
            stop = case((reopened, per_case.c[f"restop_{i}"]), else_=stop)
        end_jd = func.coalesce(func.julianday(stop), now_jd)
        paused = (
            per_case.c[f"pause_to_{i}"]
            - per_case.c[f"pause_from_{i}"]
            + case((per_case.c[f"pause_open_{i}"] > 0, end_jd), else_=0.0)
        )
        if policy.duration.is_days:
            unit = policy.duration.unit.value
            amount = marks.c.decision_days if policy.extendable else literal(policy.duration.amount)
            key = literal(f"{unit}:").concat(amount).concat("|").concat(func.date(start, CHINA_OFFSET))
            cal = cal_table.alias(f"cal_{i}")
            joined = joined.outerjoin(cal, cal.c.key == key)
            base_due = cal.c.value
        else:
            span = policy.duration.amount * PER_UNIT_DAYS[policy.duration.unit]
            base_due = func.julianday(start) + literal(span, Float)
        due = base_due + paused
        applies = and_(_applies(policy, marks), start.is_not(None))
        finished = stop.is_not(None)
        stop_jd = func.julianday(stop)
        outcomes = (
            and_(finished, stop_jd <= due),
            and_(finished, stop_jd > due),
            and_(~finished, literal(now_jd, Float) > due),
            and_(~finished, literal(now_jd, Float) <= due),
        )
        sums.extend(func.coalesce(func.sum(case((and_(applies, o), 1), else_=0)), 0) for o in outcomes)
    row = session.execute(select(*sums).select_from(joined)).one()
    by_name: dict[str, list[int]] = {}
    for i, policy in enumerate(policies.clocks):
        counts = by_name.setdefault(policy.name, [0, 0, 0, 0])
        for j in range(4):
            counts[j] += int(row[4 * i + j])
    return tuple(ClockRate(name, *counts) for name, counts in by_name.items())
