"""Property tests for the calendar arithmetic and the clocks: order, monotonicity, pauses never shorten."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from app.calendar import CHINA_TZ, UTC, WorkCalendar
from app.domain import CaseEventKind, CaseKind, CaseStatus, Channel, Severity
from app.sla import CaseFacts, TimelineFact, clocks_for, planned_clocks
from app.sla_policies import load_policies

CAL = WorkCalendar.load()
POLICIES = load_policies()
PAUSING = dataclasses.replace(POLICIES, pause_while_waiting=True)

# Reaches from well-known years into estimated 2027–2028; several zones, all aware.
moments = st.datetimes(
    min_value=dt.datetime(2024, 1, 1),
    max_value=dt.datetime(2028, 6, 30),
    timezones=st.sampled_from([CHINA_TZ, UTC, ZoneInfo("Europe/Berlin")]),
    allow_imaginary=False,  # a wall time inside a daylight-saving gap never compares equal across zones
)
day_counts = st.integers(min_value=0, max_value=70)
spans = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=20))
kinds, severities, channels = st.sampled_from(CaseKind), st.sampled_from(Severity), st.sampled_from(Channel)


@given(moments, day_counts)
def test_working_day_deadline_is_after_start_and_on_a_working_day(start: dt.datetime, days: int) -> None:
    deadline = CAL.add_working_days(start, days)
    assert deadline.at >= start
    assert deadline.at.tzinfo is UTC
    local_day = deadline.at.astimezone(CHINA_TZ).date()
    assert CAL.is_working_day(local_day)
    if not deadline.estimated:
        assert local_day <= CAL.known_until()


@given(moments, day_counts, day_counts)
def test_more_days_never_give_an_earlier_date(start: dt.datetime, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert CAL.add_working_days(start, low).at <= CAL.add_working_days(start, high).at
    assert CAL.add_calendar_days(start, low).at <= CAL.add_calendar_days(start, high).at


@given(moments, moments, day_counts, spans)
def test_deadlines_are_monotone_in_start_time(
    s1: dt.datetime, s2: dt.datetime, days: int, span: dt.timedelta
) -> None:
    early, late = sorted((s1, s2))
    assert CAL.add_working_days(early, days).at <= CAL.add_working_days(late, days).at
    assert CAL.add_calendar_days(early, days).at <= CAL.add_calendar_days(late, days).at
    assert CAL.add_duration(early, span).at <= CAL.add_duration(late, span).at


@given(moments, day_counts)
def test_calendar_day_deadline_ends_on_a_working_day(start: dt.datetime, days: int) -> None:
    deadline = CAL.add_calendar_days(start, days)
    assert deadline.at >= start
    assert CAL.is_working_day(deadline.at.astimezone(CHINA_TZ).date())


@given(kinds, severities, channels, moments)
def test_a_deadline_is_never_before_receipt(kind: CaseKind, severity: Severity, channel: Channel,
                                            received: dt.datetime) -> None:  # fmt: skip
    # Compared in UTC: a wall time in a daylight-saving fold never compares equal across zones.
    received_utc = received.astimezone(UTC)
    for clock in planned_clocks(kind, severity, channel, received, CAL, POLICIES):
        assert received_utc <= clock.warn_at <= clock.due_at
        assert clock.started_at == received_utc


@st.composite
def pause_events(draw: st.DrawFn, received: dt.datetime) -> tuple[TimelineFact, ...]:
    """A random mix of waiting spells and appraisal pauses after receipt."""
    offsets = sorted(draw(st.lists(st.integers(min_value=0, max_value=40 * 24), max_size=8)))
    facts = []
    for hours in offsets:
        at = received + dt.timedelta(hours=hours)
        choice = draw(st.sampled_from(["waiting", "in_progress", "paused", "resumed"]))
        if choice in ("waiting", "in_progress"):
            facts.append(TimelineFact(CaseEventKind.STATUS, at, status=CaseStatus(choice)))
        else:
            facts.append(TimelineFact(CaseEventKind(choice), at))
    return tuple(facts)


@settings(max_examples=60)
@given(st.data(), kinds, severities, moments, st.integers(min_value=0, max_value=60 * 24))
def test_pausing_never_shortens(data: st.DataObject, kind: CaseKind, severity: Severity,
                                received: dt.datetime, later: int) -> None:  # fmt: skip
    events = data.draw(pause_events(received))
    now = received + dt.timedelta(hours=later)
    with_pauses = CaseFacts(kind, severity, Channel.PHONE, received, events)
    # The same case with no pauses at all: the waiting spells become plain work.
    plain_events = tuple(
        e for e in events if e.kind is CaseEventKind.STATUS and e.status is not CaseStatus.WAITING
    )
    without = CaseFacts(kind, severity, Channel.PHONE, received, plain_events)
    paused = {c.name: c for c in clocks_for(with_pauses, now, CAL, PAUSING)}
    plain = {c.name: c for c in clocks_for(without, now, CAL, PAUSING)}
    assert paused.keys() == plain.keys()
    for name, clock in paused.items():
        assert clock.due_at >= plain[name].due_at
        assert clock.warn_at >= plain[name].warn_at
        assert clock.due_at - clock.paused == plain[name].due_at
        assert clock.paused >= dt.timedelta(0)
