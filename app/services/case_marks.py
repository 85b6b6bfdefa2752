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

from sqlalchemy import Connection, Select, delete

from app.calendar import WorkCalendar
from app.domain import CaseEventKind, CaseStatus
from app.sla import CaseFacts, Clock, ClockState, SlaPolicies, clocks_for
from db.local_schema import case_clocks
from db.types import UtcDateTime

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
_RESPONSES = (CaseEventKind.ANSWER, CaseEventKind.TRANSFERRED)


def case_columns(facts: CaseFacts) -> tuple[dt.datetime | None, dt.datetime | None, bool, int | None]:
    """first_response_at, first_resolved_at, called_back and satisfaction of the timeline (as the module
    says), its facts in timeline order (by time, then position): the latest score is the last one."""
    first_response: dt.datetime | None = None
    first_resolved: dt.datetime | None = None
    called_back = False
    satisfaction: int | None = None
    for fact in facts.events:
        kind, data = fact.kind, fact.data
        if kind is CaseEventKind.STATUS:
            responded = fact.status is not None and fact.status is not CaseStatus.WITHDRAWN
            if fact.status is CaseStatus.RESOLVED and (first_resolved is None or fact.at < first_resolved):
                first_resolved = fact.at
        elif kind is CaseEventKind.NOTE:
            responded = data.get("customer_contact") == 1  # JSON true, as the flag is written
        elif kind is CaseEventKind.CALLBACK:
            responded = False
            if data.get("reached") == 1:
                called_back = True
                score = data.get("satisfaction")
                if isinstance(score, int) and not isinstance(score, bool):
                    satisfaction = score
        else:
            responded = kind in _RESPONSES
        if responded and (first_response is None or fact.at < first_response):
            first_response = fact.at
    return first_response, first_resolved, called_back, satisfaction


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


def as_stored(value: dt.datetime | None) -> str | None:
    """A time as the store's UtcDateTime columns write it (the deadline engine's are in UTC already)."""
    if value is None or value.tzinfo is not dt.UTC:
        return _STORED.process_bind_param(value, None)
    return value.isoformat(timespec="microseconds")


def clock_rows(case: Any, clocks: Sequence[Clock]) -> list[tuple[Any, ...]]:
    """case_clocks rows of one case, as the driver's parameters in column order; `case` has its id,
    received_at, branch, owner and kind."""
    received, branch, owner, kind = case.received_at, case.branch, case.owner, case.kind
    received_at = as_stored(received)
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
            received_at if clock.started_at == received else as_stored(clock.started_at),  # most start then
            as_stored(clock.due_at),
            as_stored(clock.finished_at),
        )
        for position, clock in enumerate(clocks)
    ]


def store_clocks(connection: Connection, case_ids: Select[Any], rows: Sequence[tuple[Any, ...]]) -> None:
    """Replace the stored clocks of the cases `case_ids` selects by `rows` (from clock_rows)."""
    connection.execute(delete(case_clocks).where(case_clocks.c.case_id.in_(case_ids)))
    if rows:
        connection.exec_driver_sql(_INSERT_CLOCKS, list(rows))
