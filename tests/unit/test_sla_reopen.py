"""Reopening a resolved case: the clocks the resolution met start again; the others stand."""

from __future__ import annotations

import datetime as dt


def test_a_reopened_case_gets_a_fresh_resolution_clock() -> None:
    from app.calendar import WorkCalendar
    from app.domain import CaseEventKind, CaseKind, CaseStatus, Channel, Severity
    from app.sla import CaseFacts, ClockState, TimelineFact, clocks_for, load_policies

    received = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)
    resolved = received + dt.timedelta(days=2)
    reopened = received + dt.timedelta(days=20)
    facts = CaseFacts(
        CaseKind.COMPLAINT, Severity.GENERAL, Channel.PHONE, received,
        (
            TimelineFact(CaseEventKind.STATUS, resolved, CaseStatus.RESOLVED),
            TimelineFact(CaseEventKind.REOPENED, reopened, CaseStatus.IN_PROGRESS),
        ),
    )  # fmt: skip
    now = reopened + dt.timedelta(hours=1)
    clocks = {clock.name: clock for clock in clocks_for(facts, now, WorkCalendar.load(), load_policies())}
    resolution = clocks["resolution"]
    assert resolution.started_at == reopened and resolution.state is ClockState.RUNNING
    assert resolution.due_at > reopened + dt.timedelta(days=7)
    assert clocks["regulatory_decision"].state is ClockState.MET  # the decision stands


def test_reopening_does_not_restart_clocks_met_before_the_resolution() -> None:
    from app.calendar import WorkCalendar
    from app.domain import CaseEventKind, CaseKind, CaseStatus, Channel, Severity
    from app.sla import CaseFacts, ClockState, TimelineFact, clocks_for, load_policies

    received = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)
    facts = CaseFacts(
        CaseKind.COMPLAINT, Severity.GENERAL, Channel.COUNTER, received,
        (
            TimelineFact(CaseEventKind.STATUS, received + dt.timedelta(minutes=2), CaseStatus.IN_PROGRESS),
            TimelineFact(CaseEventKind.STATUS, received + dt.timedelta(days=2), CaseStatus.RESOLVED),
            TimelineFact(CaseEventKind.REOPENED, received + dt.timedelta(days=9), CaseStatus.IN_PROGRESS),
        ),
    )  # fmt: skip
    now = received + dt.timedelta(days=15)
    clocks = {clock.name: clock for clock in clocks_for(facts, now, WorkCalendar.load(), load_policies())}
    assert clocks["initial_investigation"].state is ClockState.MET
    assert clocks["counter_response"].state is ClockState.MET
