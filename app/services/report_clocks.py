"""On-time rate per deadline clock, in SQL, over the clock outcomes kept when cases are written.

Each case's clocks are evaluated by the deadline engine (app/sla.py) whenever its timeline changes and
stored in case_clocks (app/services/case_marks.py), so the figures count exactly what the engine says:
restarts, reopenings, extensions, and pauses (one starting after the due time does not count). Only
one thing depends on the moment of the question: whether an open clock is past its due time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.report_domain import ClockRate, Period
from app.services.case_marks import OUTCOME_LATE, OUTCOME_MET, OUTCOME_OPEN, OUTCOME_PAUSED
from app.services.report_queries import in_period
from app.sla_policies import SlaPolicies
from db.local_schema import case_clocks, cases


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def clock_rates(
    session: Session,
    conditions: Sequence[ColumnElement[bool]],
    period: Period,
    policies: SlaPolicies,
    now: dt.datetime,
) -> tuple[ClockRate, ...]:
    """Met / late / breached / running counts per clock name of the period's cases, in policy order
    (clocks no longer in the policies follow, so nothing recorded goes missing)."""
    outcome, due_at = case_clocks.c.outcome, case_clocks.c.due_at
    is_open = outcome == OUTCOME_OPEN
    rows = session.execute(
        select(
            case_clocks.c.clock,
            _count(outcome == OUTCOME_MET),
            _count(outcome == OUTCOME_LATE),
            _count(and_(is_open, due_at < now)),
            _count(or_(outcome == OUTCOME_PAUSED, and_(is_open, due_at >= now))),
        )
        .select_from(cases.join(case_clocks, case_clocks.c.case_id == cases.c.id))
        .where(*conditions, in_period(period))
        .group_by(case_clocks.c.clock)
    ).all()
    found = {row[0]: tuple(int(value) for value in row[1:]) for row in rows}
    names = list(dict.fromkeys(policy.name for policy in policies.clocks))
    names += sorted(name for name in found if name not in names)
    return tuple(ClockRate(name, *found.get(name, (0, 0, 0, 0))) for name in names)
