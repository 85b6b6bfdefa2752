"""What the supervision figures need from a case's timeline, kept on the case when it is written.

The figures (app/services/report_queries.py) then aggregate plain columns instead of walking every
timeline of the period again. Kept per case, beside the deadline (app/services/case_records.py):

- cases.first_response_at: the first status change (other than withdrawal), written answer, transfer
  or note recording contact with the customer; cases.first_resolved_at: the first change to resolved;
- cases.called_back: a callback reached the customer; cases.satisfaction: the score of the latest
  reached callback that has one;
- case_clocks: every deadline clock as the deadline engine (app/sla.py) evaluates it over the whole
  timeline, with its outcome: met, late, paused, or open (past due or not is decided at question time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    and_,
    cast,
    delete,
    func,
    or_,
    select,
    update,
)

from app.calendar import WorkCalendar
from app.domain import CaseStatus
from app.sla import CaseFacts, Clock, ClockState, SlaPolicies, clocks_for
from db.local_schema import case_clocks, case_events, cases
from db.types import UtcDateTime

e = case_events

OUTCOME_MET = "met"
OUTCOME_LATE = "late"
OUTCOME_PAUSED = "paused"  # a counted pause is running: the due time moves with it, so never past due
OUTCOME_OPEN = "open"
OUTCOMES = (OUTCOME_MET, OUTCOME_LATE, OUTCOME_OPEN, OUTCOME_PAUSED)
_OUTCOMES = {
    ClockState.MET: OUTCOME_MET,
    ClockState.MET_LATE: OUTCOME_LATE,
    ClockState.PAUSED: OUTCOME_PAUSED,
}


def status_is(status: CaseStatus) -> ColumnElement[bool]:
    return and_(e.c.kind == "status", e.c.status_to == status.value)


def flag_set(flag: str) -> ColumnElement[bool]:
    return func.json_extract(e.c.data, f"$.{flag}") == 1


def is_first_response() -> ColumnElement[bool]:
    return or_(
        and_(e.c.kind == "status", e.c.status_to != CaseStatus.WITHDRAWN.value),
        e.c.kind.in_(("answer", "transferred")),
        and_(e.c.kind == "note", flag_set("customer_contact")),
    )


def is_reached_callback() -> ColumnElement[bool]:
    return and_(e.c.kind == "callback", flag_set("reached"))


def _of_this_case(query: Select[Any]) -> Any:
    return query.where(e.c.case_id == cases.c.id).scalar_subquery()


def refresh_case_columns(connection: Connection, case_ids: Select[Any]) -> None:
    """Recompute the timeline-derived columns of the cases `case_ids` selects, in one statement."""
    score = cast(func.json_extract(e.c.data, "$.satisfaction"), Integer)
    latest_score = (
        select(score)
        .where(is_reached_callback(), score.is_not(None))
        .order_by(e.c.at.desc(), e.c.seq.desc())
        .limit(1)
    )
    connection.execute(
        update(cases)
        .where(cases.c.id.in_(case_ids))
        .values(
            first_response_at=_of_this_case(select(func.min(e.c.at)).where(is_first_response())),
            first_resolved_at=_of_this_case(select(func.min(e.c.at)).where(status_is(CaseStatus.RESOLVED))),
            called_back=_of_this_case(select(func.count() > 0).where(is_reached_callback())),
            satisfaction=_of_this_case(latest_score),
        )
    )


def settled_clocks(
    facts: CaseFacts, now: dt.datetime, clocks_now: list[Clock], calendar: WorkCalendar, policies: SlaPolicies
) -> list[Clock]:
    """The clocks over the whole timeline: as of now, unless the timeline records later facts (a case
    taken in with an earlier clock, or pulled from a PC whose clock runs ahead), which the figures count."""
    latest = max((fact.at for fact in facts.events), default=facts.received_at)
    latest = max(latest, facts.received_at)
    if latest <= now:
        return clocks_now
    return clocks_for(facts, latest, calendar, policies)


# The case_clocks columns in table order: clock_rows() builds its tuples in this order.
_CLOCK_COLUMNS = tuple(column.name for column in case_clocks.c)
assert _CLOCK_COLUMNS == (
    "clock", "outcome", "received_at", "case_id", "position", "branch", "owner", "kind", "started_at",
    "due_at", "finished_at",
), "case_clocks changed: update clock_rows"  # fmt: skip
_STORED = UtcDateTime()
# Straight to the driver: a pulled batch stores thousands of clocks, and a compiled statement's per-row
# parameter handling costs more than SQLite's own work. Times are stored as the column type writes them.
_INSERT_CLOCKS = (
    f"INSERT INTO {case_clocks.name} ({', '.join(_CLOCK_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_CLOCK_COLUMNS))})"
)


def _stored(value: Any) -> Any:
    # The deadline engine's times are in UTC already: written as the column type would write them.
    if value is None or value.tzinfo is not dt.UTC:
        return _STORED.process_bind_param(value, None)
    return value.isoformat(timespec="microseconds")


def clock_rows(case: Any, clocks: Sequence[Clock]) -> list[tuple[Any, ...]]:
    """case_clocks rows of one case, as the driver's parameters in column order; `case` has its id,
    received_at, branch, owner and kind."""
    received_at, branch, owner, kind = _stored(case.received_at), case.branch, case.owner, case.kind
    return [
        (
            clock.name,
            _OUTCOMES.get(clock.state, OUTCOME_OPEN),
            received_at,
            case.id,
            position,
            branch,
            owner,
            kind,
            _stored(clock.started_at),
            _stored(clock.due_at),
            _stored(clock.finished_at),
        )
        for position, clock in enumerate(clocks)
    ]


def store_clocks(connection: Connection, case_ids: Select[Any], rows: Sequence[tuple[Any, ...]]) -> None:
    """Replace the stored clocks of the cases `case_ids` selects by `rows` (from clock_rows)."""
    connection.execute(delete(case_clocks).where(case_clocks.c.case_id.in_(case_ids)))
    if rows:
        connection.exec_driver_sql(_INSERT_CLOCKS, list(rows))
