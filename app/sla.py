"""Deadline clocks of a case: pure functions of (facts, now, calendar, policies); nothing reads the clock."""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.calendar import UTC, Deadline, WorkCalendar, require_aware
from app.domain import CaseEventKind, CaseKind, CaseStatus, Channel, Severity
from app.errors import InvalidValue
from app.sla_policies import (
    ClockPolicy,
    Duration,
    DurationUnit,
    SlaPolicies,
    StartPoint,
    Trigger,
    load_policies,
)

__all__ = [
    "CaseFacts",
    "Clock",
    "ClockState",
    "SlaPolicies",
    "TimelineFact",
    "binding_clock",
    "clocks_for",
    "load_policies",
    "planned_clocks",
    "validate_extension",
]

Interval = tuple[dt.datetime, dt.datetime]
_AT = operator.attrgetter("at")


@dataclass(frozen=True)
class TimelineFact:
    """One timeline entry as the clocks see it.

    STATUS facts carry the new status; EXTENDED facts carry {"to_days": 30|60, "approved_by": str,
    "notice_recorded": bool}; PAUSED/RESUMED bound appraisal time; NEW_FACTS restarts the clocks.
    """

    kind: CaseEventKind
    at: dt.datetime
    status: CaseStatus | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.at.tzinfo is not UTC:  # read from the store: UTC already (a pull builds tens of thousands)
            require_aware(self.at, "TimelineFact.at")


@dataclass(frozen=True)
class CaseFacts:
    kind: CaseKind
    severity: Severity
    channel: Channel
    received_at: dt.datetime
    events: tuple[TimelineFact, ...] = ()

    def __post_init__(self) -> None:
        require_aware(self.received_at, "CaseFacts.received_at")


class ClockState(StrEnum):
    RUNNING = "running"
    WARNING = "warning"
    BREACHED = "breached"
    MET = "met"
    MET_LATE = "met_late"
    PAUSED = "paused"


@dataclass(frozen=True)
class Clock:
    name: str
    started_at: dt.datetime
    due_at: dt.datetime
    warn_at: dt.datetime
    state: ClockState
    finished_at: dt.datetime | None
    estimated: bool
    paused: dt.timedelta


def clocks_for(
    facts: CaseFacts, now: dt.datetime, calendar: WorkCalendar, policies: SlaPolicies
) -> list[Clock]:
    """Every started clock of the case as of `now`, in policy order.

    Rules, in the order they are applied to each clock that a policy gives the case:

    - Start: receipt, the latest transfer or the latest change to resolved (the policy's "start"); a clock
      whose start never happened is not listed. A NEW_FACTS fact restarts every started clock from its
      time (CBIRC Order No. 3: a repeat complaint with new facts restarts the processing period).
    - Stop: the first fact at or after the start that matches one of the policy's stop triggers or the
      global stop_all triggers (withdrawn, closed). Stopped by the due time: MET; after it: MET_LATE.
    - Facts later than `now` are ignored, so a case can be evaluated as it stood at any moment.
    - Pauses: waiting-status time (when both the policy and the global switch allow it) and appraisal
      time PAUSED..RESUMED (for clocks that exclude it) move the due and warning times later by the
      paused duration. A pause that begins after the (already moved) due time does not count: a breach
      cannot be undone by pausing. Simplification: day-counted clocks move by the elapsed paused time,
      not by whole working days, so a moved due time can fall inside a day rather than at its end.
    - Extensions: EXTENDED facts lengthen "extendable" clocks to data["to_days"] days, in order, when
      the extension passes validate_extension and is recorded before the then-current due time;
      anything else is ignored rather than trusted.
    - Warning: at warning_ratio of the unpaused span from start to due, moved by the same pauses.
    """
    # Everything in UTC: arithmetic on datetimes sharing a zone is wall-clock time, not elapsed time.
    now = require_aware(now, "now").astimezone(UTC)
    received = facts.received_at.astimezone(UTC)
    if received > now:
        return []
    # A stable sort keeps the recorded order of facts that share a timestamp. Facts read from the store
    # are in UTC already: only others are copied.
    in_utc = (
        e if e.at.tzinfo is UTC else dataclasses.replace(e, at=e.at.astimezone(UTC)) for e in facts.events
    )
    events = sorted((e for e in in_utc if e.at <= now), key=_AT)
    restarts = [e.at for e in events if e.kind is CaseEventKind.NEW_FACTS]
    restart = restarts[-1] if restarts else None
    clocks = []
    for policy in policies.matching(facts.kind, facts.severity, facts.channel):
        clock = _evaluate(policy, received, events, restart, now, calendar, policies)
        if clock is not None:
            clocks.append(clock)
    return clocks


def planned_clocks(
    kind: CaseKind,
    severity: Severity,
    channel: Channel,
    received_at: dt.datetime,
    calendar: WorkCalendar,
    policies: SlaPolicies,
) -> list[Clock]:
    """The clocks that start at receipt, as intake and the acceptance receipt promise them."""
    facts = CaseFacts(kind, severity, channel, received_at)
    return clocks_for(facts, received_at, calendar, policies)


def binding_clock(clocks: Iterable[Clock]) -> Clock | None:
    """The unfinished clock (breached ones included) that is due first."""
    open_clocks = [clock for clock in clocks if clock.finished_at is None]
    return min(open_clocks, key=lambda clock: clock.due_at, default=None)


def validate_extension(
    current_days: int, to_days: int, approved_by: str, notice_recorded: bool, policies: SlaPolicies
) -> None:
    """A regulatory extension: longer than now and at most the maximum; beyond the complex-case limit
    only with a named senior approver and a recorded notice to the complainant."""
    problem = _extension_problem(current_days, to_days, approved_by, notice_recorded, policies)
    if problem == "extension_limit":
        raise InvalidValue(problem, current=current_days, to=to_days, max=policies.max_extension_days)
    if problem == "extension_needs_approval":
        raise InvalidValue(problem, limit=policies.complex_limit_days)


def _extension_problem(
    current_days: int, to_days: int, approved_by: str, notice_recorded: bool, policies: SlaPolicies
) -> str | None:
    if to_days <= current_days or to_days > policies.max_extension_days:
        return "extension_limit"
    if to_days > policies.complex_limit_days and (not approved_by.strip() or not notice_recorded):
        return "extension_needs_approval"
    return None


# --- one clock --------------------------------------------------------------------------------


def _evaluate(
    policy: ClockPolicy,
    received: dt.datetime,
    events: Sequence[TimelineFact],
    restart: dt.datetime | None,
    now: dt.datetime,
    calendar: WorkCalendar,
    policies: SlaPolicies,
) -> Clock | None:
    start = _start_time(policy.start, received, events)
    if start is None:
        return None
    if restart is not None and restart > start:
        start = restart
    stops = policy.stop + policies.stop_all
    stopper = _first_stop(stops, events, start)
    finished = stopper.at if stopper is not None else None
    reopened = _reopened_after(policy, events, stopper)
    if reopened is not None:  # a reopened case must be resolved again, on a fresh clock
        start = reopened
        again = _first_stop(stops, events, start)
        finished = again.at if again is not None else None
    end = finished if finished is not None else now
    pauses, running_pause = _pauses(policy, events, start, end, policies)
    duration = policy.duration
    if policy.extendable:
        duration = _extended(duration, events, start, end, pauses, calendar, policies)
    base, due, counted = _due(calendar, start, duration, pauses)
    paused = sum((b - a for a, b in counted), dt.timedelta(0))
    warn = start + (base.at - start) * policies.warning_ratio + paused
    if finished is not None:
        state = ClockState.MET if finished <= due else ClockState.MET_LATE
    elif now > due:
        state = ClockState.BREACHED
    elif running_pause and counted and counted[-1][1] == end:
        state = ClockState.PAUSED
    elif now >= warn:
        state = ClockState.WARNING
    else:
        state = ClockState.RUNNING
    return Clock(
        name=policy.name,
        started_at=start,
        due_at=due,
        warn_at=warn,
        state=state,
        finished_at=finished,
        estimated=base.estimated,
        paused=paused,
    )


def _reopened_after(
    policy: ClockPolicy, events: Sequence[TimelineFact], stopper: TimelineFact | None
) -> dt.datetime | None:
    """The last reopening after this clock was met by the case's resolution (not the regulatory
    period, which the extension rules govern): the case must be resolved again, on a fresh clock."""
    resolved = (
        stopper is not None and stopper.kind is CaseEventKind.STATUS and stopper.status is CaseStatus.RESOLVED
    )
    if not resolved or policy.extendable:
        return None
    assert stopper is not None
    reopens = [e.at for e in events if e.kind is CaseEventKind.REOPENED and e.at >= stopper.at]
    return reopens[-1] if reopens else None


def _start_time(
    start: StartPoint, received: dt.datetime, events: Sequence[TimelineFact]
) -> dt.datetime | None:
    if start is StartPoint.RECEIVED:
        return received
    if start is StartPoint.TRANSFERRED:
        times = [e.at for e in events if e.kind is CaseEventKind.TRANSFERRED]
    else:
        times = [e.at for e in events if e.kind is CaseEventKind.STATUS and e.status is CaseStatus.RESOLVED]
    return times[-1] if times else None


def _first_stop(
    stops: Sequence[Trigger], events: Sequence[TimelineFact], start: dt.datetime
) -> TimelineFact | None:
    """The first fact at or after `start` that one of the triggers fires on: a status trigger on a
    STATUS fact with that status, an event trigger on a fact of its kind (with its flag set to true, if
    it names one). Plain loops, the trigger test inline: this runs for every clock of every case a pull
    brings."""
    status_kind = CaseEventKind.STATUS
    for e in events:
        if e.at < start:
            continue
        kind = e.kind
        for trigger in stops:
            if trigger.status is not None:
                if kind is status_kind and e.status is trigger.status:
                    return e
            elif kind is trigger.event and (trigger.flag is None or e.data.get(trigger.flag) is True):
                return e
    return None


def _pauses(
    policy: ClockPolicy,
    events: Sequence[TimelineFact],
    start: dt.datetime,
    end: dt.datetime,
    policies: SlaPolicies,
) -> tuple[list[Interval], bool]:
    """Merged pause intervals clipped to [start, end], and whether a pause is still running at `end`."""
    raw: list[Interval] = []
    running = False
    if policy.pause_while_waiting and policies.pause_while_waiting:
        opened: dt.datetime | None = None
        for e in events:
            if e.kind is not CaseEventKind.STATUS or e.status is None:
                continue
            if e.status is CaseStatus.WAITING and opened is None:
                opened = e.at
            elif e.status is not CaseStatus.WAITING and opened is not None:
                raw.append((opened, e.at))
                opened = None
        if opened is not None:
            raw.append((opened, end))
            running = running or opened < end
    if policy.excludes_appraisal:
        opened = None
        for e in events:
            if e.kind is CaseEventKind.PAUSED and opened is None:
                opened = e.at
            elif e.kind is CaseEventKind.RESUMED and opened is not None:
                raw.append((opened, e.at))
                opened = None
        if opened is not None:
            raw.append((opened, end))
            running = running or opened < end
    if not raw:
        return [], running
    clipped = sorted((max(a, start), min(b, end)) for a, b in raw if min(b, end) > max(a, start))
    merged: list[Interval] = []
    for a, b in clipped:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged, running


def _base_deadline(calendar: WorkCalendar, start: dt.datetime, duration: Duration) -> Deadline:
    if duration.unit is DurationUnit.WORKING_DAYS:
        return calendar.add_working_days(start, duration.amount)
    if duration.unit is DurationUnit.CALENDAR_DAYS:
        return calendar.add_calendar_days(start, duration.amount)
    return calendar.add_duration(start, duration.timedelta())


def _due(
    calendar: WorkCalendar, start: dt.datetime, duration: Duration, pauses: Sequence[Interval]
) -> tuple[Deadline, dt.datetime, list[Interval]]:
    """The unpaused deadline, the due time moved by the pauses that count, and those pauses."""
    base = _base_deadline(calendar, start, duration)
    due = base.at
    counted: list[Interval] = []
    for a, b in pauses:
        if a > due:
            break
        due += b - a
        counted.append((a, b))
    return base, due, counted


def _extended(
    duration: Duration,
    events: Sequence[TimelineFact],
    start: dt.datetime,
    end: dt.datetime,
    pauses: Sequence[Interval],
    calendar: WorkCalendar,
    policies: SlaPolicies,
) -> Duration:
    for e in events:
        if e.kind is not CaseEventKind.EXTENDED or not start <= e.at <= end:
            continue
        to_days = e.data.get("to_days")
        approved_by = e.data.get("approved_by", "")
        notice = e.data.get("notice_recorded") is True
        if isinstance(to_days, bool) or not isinstance(to_days, int) or not isinstance(approved_by, str):
            continue
        if _extension_problem(duration.amount, to_days, approved_by, notice, policies) is not None:
            continue
        if e.at <= _due(calendar, start, duration, pauses)[1]:
            duration = Duration(to_days, duration.unit)
    return duration
