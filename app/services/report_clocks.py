"""On-time rate per deadline clock, in SQL, over the clock outcomes kept when cases are written.

Each case's clocks are evaluated by the deadline engine (app/sla.py) whenever its timeline changes and
stored in case_clocks (app/services/case_marks.py), so the figures count exactly what the engine says:
restarts, reopenings, extensions, and pauses (one starting after the due time does not count). Only
one thing depends on the moment of the question: whether an open clock is past its due time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from app.report_domain import ClockRate, Period
from app.services.case_marks import OUTCOME_LATE, OUTCOME_MET, OUTCOME_OPEN, OUTCOMES
from app.services.report_queries import in_period
from app.sla_policies import SlaPolicies
from db.local_schema import case_clocks


def clock_rates(
    session: Session,
    conditions: Sequence[ColumnElement[bool]],
    period: Period,
    policies: SlaPolicies,
    now: dt.datetime,
) -> tuple[ClockRate, ...]:
    """Met / late / breached / running counts per clock of the policies in force, in policy order.

    `conditions` are on case_clocks (its copy of the case's scope columns). The clock and outcome lists
    let SQLite read one range of case_clocks' key per clock, outcome and period, already grouped."""
    names = list(dict.fromkeys(policy.name for policy in policies.clocks))
    if not names:
        return ()
    c = case_clocks.c
    rows = session.execute(
        select(
            c.clock, c.outcome, func.count(), func.coalesce(func.sum(case((c.due_at < now, 1), else_=0)), 0)
        )
        .where(
            c.clock.in_(names),
            c.outcome.in_(OUTCOMES),
            in_period(period, case_clocks),
            *conditions,
        )
        .group_by(c.clock, c.outcome)
    ).all()
    found = {name: [0, 0, 0, 0] for name in names}
    for clock, outcome, count, past_due in rows:
        counts = found[clock]
        if outcome == OUTCOME_MET:
            counts[0] += count
        elif outcome == OUTCOME_LATE:
            counts[1] += count
        elif outcome == OUTCOME_OPEN:  # past due or not: the only part that depends on the moment asked
            counts[2] += past_due
            counts[3] += count - past_due
        else:  # paused: the due time moves on with the pause
            counts[3] += count
    return tuple(ClockRate(name, *counts) for name, counts in found.items())
