"""Tests for app.sla, app.sla_policies and app.sla_explain on real 2026 dates (National Day, 调休)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.calendar import CHINA_TZ, UTC, WorkCalendar
from app.domain import CaseEventKind as K
from app.domain import CaseKind, CaseStatus, Channel, Severity
from app.errors import InvalidValue
from app.messages import TEXTS
from app.sla import CaseFacts, Clock, ClockState, TimelineFact, binding_clock, clocks_for, planned_clocks
from app.sla import validate_extension as validate
from app.sla_explain import explain
from app.sla_policies import POLICIES_FILE, SlaPolicies, load_policies

RECEIVED = dt.datetime(2026, 9, 30, 15, 0, tzinfo=CHINA_TZ)  # the afternoon before National Day
PROPOSED_TEXTS = {
    "extension_limit": (
        "处理期限只能从当前的 {current} 日延长,且最长不超过 {max} 日(申请:{to} 日)。",
        "The period can only be extended beyond its current {current} days, to at most {max} days "
        "(requested: {to} days).",
    ),
    "extension_needs_approval": (
        "延长至 {limit} 日以上须经上级机构或总行高级管理人员批准,并已告知投诉人。",
        "Extending beyond {limit} days needs a senior manager's approval and a recorded notice to the "
        "complainant.",
    ),
}


@pytest.fixture(autouse=True)
def _proposed_texts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for code, texts in PROPOSED_TEXTS.items():
        if code not in TEXTS:
            monkeypatch.setitem(TEXTS, code, texts)
    yield


CAL = WorkCalendar.load()
POL = load_policies()


def china(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CHINA_TZ)  # type: ignore[misc]


def end_of(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 23, 59, 59, 999999, tzinfo=CHINA_TZ)


def status(at: dt.datetime, to: CaseStatus) -> TimelineFact:
    return TimelineFact(K.STATUS, at, status=to)


def case(*events: TimelineFact, kind: str = "complaint", severity: str = "general", channel: str = "counter",
         received: dt.datetime = RECEIVED) -> CaseFacts:  # fmt: skip
    return CaseFacts(CaseKind(kind), Severity(severity), Channel(channel), received, tuple(events))


def by_name(clocks: list[Clock]) -> dict[str, Clock]:
    return {clock.name: clock for clock in clocks}


def clocks_at(facts: CaseFacts, now: dt.datetime, policies: SlaPolicies = POL) -> dict[str, Clock]:
    return by_name(clocks_for(facts, now, CAL, policies))


# --- what intake promises ---------------------------------------------------------------------


def test_general_complaint_before_national_day() -> None:
    planned = by_name(
        planned_clocks(CaseKind.COMPLAINT, Severity.GENERAL, Channel.COUNTER, RECEIVED, CAL, POL)
    )
    assert list(planned) == [
        "counter_response", "initial_investigation", "progress_feedback", "resolution", "regulatory_decision"
    ]  # fmt: skip
    assert planned["counter_response"].due_at == china(2026, 9, 30, 15, 5)
    assert planned["initial_investigation"].due_at == china(2026, 10, 2, 15, 0)  # elapsed, a holiday
    # 7 working days: Oct 8, 9, 10 (make-up Saturday), 12, 13, 14, 15.
    assert planned["resolution"].due_at == end_of(2026, 10, 15)
    assert planned["regulatory_decision"].due_at == end_of(2026, 10, 15)  # 15 calendar days
    assert all(c.state is ClockState.RUNNING and not c.estimated for c in planned.values())
    assert all(c.due_at.tzinfo is UTC and c.started_at == RECEIVED for c in planned.values())


@pytest.mark.parametrize(
    ("severity", "due"),
    [
        ("urgent", china(2026, 10, 1, 15, 0)),  # 24 hours, plain elapsed time
        ("general", end_of(2026, 10, 15)),
        ("major", end_of(2026, 10, 27)),  # 15 working days
    ],
)
def test_resolution_by_severity(severity: str, due: dt.datetime) -> None:
    assert clocks_at(case(severity=severity), RECEIVED)["resolution"].due_at == due


def test_which_kinds_and_channels_get_which_clocks() -> None:
    assert list(clocks_at(case(kind="inquiry", channel="phone"), RECEIVED)) == ["resolution"]
    assert list(clocks_at(case(kind="appointment"), RECEIVED)) == ["counter_response"]
    assert list(clocks_at(case(kind="service_request", channel="app"), RECEIVED)) == ["resolution"]


def test_regulatory_period_ending_on_a_holiday_rolls() -> None:
    facts = case(received=china(2026, 9, 16, 10, 0))  # + 15 days = Oct 1
    assert clocks_at(facts, china(2026, 9, 16, 10))["regulatory_decision"].due_at == end_of(2026, 10, 8)


def test_deadlines_in_2027_are_estimated() -> None:
    received = china(2026, 12, 18, 10)
    clocks = clocks_at(case(received=received), received)
    assert clocks["resolution"].due_at == end_of(2026, 12, 29) and not clocks["resolution"].estimated
    # Dec 18 + 15 = Saturday Jan 2, 2027: by the weekend rule, Monday Jan 4 — estimated.
    assert clocks["regulatory_decision"].due_at == end_of(2027, 1, 4)
    assert clocks["regulatory_decision"].estimated


# --- states ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "now", "state"),
    [
        ((), china(2026, 10, 1, 10), ClockState.RUNNING),
        ((), china(2026, 10, 2, 4), ClockState.WARNING),  # warn at 75% of 48 h = Oct 2 03:00
        ((), china(2026, 10, 2, 16), ClockState.BREACHED),
        ((status(china(2026, 10, 2, 14), CaseStatus.IN_PROGRESS),), china(2026, 10, 3), ClockState.MET),
        ((status(china(2026, 10, 2, 16), CaseStatus.IN_PROGRESS),), china(2026, 10, 3), ClockState.MET_LATE),
    ],
)
def test_clock_states(events: tuple[TimelineFact, ...],
                      now: dt.datetime, state: ClockState) -> None:  # fmt: skip
    clock = clocks_at(case(*events), now)["initial_investigation"]
    assert clock.warn_at == china(2026, 10, 2, 3)
    assert clock.state is state
    assert (clock.finished_at is None) == (state not in (ClockState.MET, ClockState.MET_LATE))


def test_counter_response_met_by_acknowledging() -> None:
    facts = case(status(china(2026, 9, 30, 15, 3), CaseStatus.ACKNOWLEDGED))
    clock = clocks_at(facts, china(2026, 9, 30, 16))["counter_response"]
    assert clock.state is ClockState.MET and clock.finished_at == china(2026, 9, 30, 15, 3)


def test_facts_after_now_are_not_seen() -> None:
    facts = case(status(china(2026, 10, 2, 14), CaseStatus.IN_PROGRESS))
    assert clocks_at(facts, china(2026, 10, 2, 4))["initial_investigation"].state is ClockState.WARNING
    assert clocks_for(facts, china(2026, 9, 30, 14), CAL, POL) == []  # before receipt


def test_withdrawal_stops_every_clock() -> None:
    clocks = clocks_for(
        case(status(china(2026, 9, 30, 15, 2), CaseStatus.WITHDRAWN)), china(2026, 12, 1), CAL, POL
    )
    assert {c.state for c in clocks} == {ClockState.MET}
    assert binding_clock(clocks) is None


def test_binding_clock_is_the_first_due_unfinished_one() -> None:
    now = china(2026, 9, 30, 15, 10)
    clocks = clocks_for(case(), now, CAL, POL)
    binding = binding_clock(clocks)
    assert binding is not None and binding.name == "counter_response" and binding.state is ClockState.BREACHED
    answered = case(status(china(2026, 9, 30, 15, 4), CaseStatus.ACKNOWLEDGED))
    assert binding_clock(clocks_for(answered, now, CAL, POL)).name == "initial_investigation"  # type: ignore[union-attr]


# --- start points and restarts --------------------------------------------------------------------


def test_transfer_clocks_start_at_the_latest_transfer() -> None:
    first, latest = china(2026, 10, 8, 9), china(2026, 10, 9, 9)
    reply = TimelineFact(K.NOTE, china(2026, 10, 9, 20), data={"department_reply": True})
    facts = case(TimelineFact(K.TRANSFERRED, first), TimelineFact(K.TRANSFERRED, latest), reply)
    clocks = clocks_at(facts, china(2026, 10, 10, 22))
    assert clocks["department_contact"].started_at == latest
    assert clocks["department_contact"].due_at == china(2026, 10, 10, 9)
    assert clocks["department_contact"].state is ClockState.MET
    assert clocks["department_result"].due_at == china(2026, 10, 11, 9)
    assert clocks["department_result"].state is ClockState.WARNING
    assert "department_contact" not in clocks_at(case(), china(2026, 10, 10))


def test_a_note_without_the_flag_does_not_stop() -> None:
    note = TimelineFact(K.NOTE, china(2026, 10, 1, 9), data={"customer_contact": False})
    assert clocks_at(case(note), china(2026, 10, 1, 10))["progress_feedback"].finished_at is None
    contact = TimelineFact(K.NOTE, china(2026, 10, 1, 9), data={"customer_contact": True})
    assert clocks_at(case(contact), china(2026, 10, 1, 10))["progress_feedback"].state is ClockState.MET


def test_customer_feedback_starts_at_the_latest_resolution() -> None:
    resolved = status(china(2026, 10, 8, 10), CaseStatus.RESOLVED)
    clocks = clocks_at(case(resolved), china(2026, 10, 9))
    assert clocks["customer_feedback"].due_at == end_of(2026, 10, 12)  # Oct 9, 10 (调休), 12
    assert clocks["resolution"].state is ClockState.MET
    missed = TimelineFact(K.CALLBACK, china(2026, 10, 9), data={"reached": False})
    reached = TimelineFact(K.CALLBACK, china(2026, 10, 10), data={"reached": True})
    clocks = clocks_at(case(resolved, missed, reached), china(2026, 10, 11))
    assert clocks["customer_feedback"].finished_at == china(2026, 10, 10)


def test_new_facts_restart_every_clock() -> None:
    received = china(2026, 9, 1, 10)
    facts = case(
        status(china(2026, 9, 2, 10), CaseStatus.IN_PROGRESS),
        TimelineFact(K.NEW_FACTS, china(2026, 9, 10, 10)),
        received=received,
    )
    clocks = clocks_at(facts, china(2026, 9, 10, 12))
    assert all(c.started_at == china(2026, 9, 10, 10) for c in clocks.values())
    assert clocks["initial_investigation"].finished_at is None  # the earlier in_progress no longer counts
    # Sep 10 + 15 = Sep 25, the Mid-Autumn holiday (Sep 25–27): the period ends on Monday Sep 28.
    assert clocks["regulatory_decision"].due_at == end_of(2026, 9, 28)


# --- pauses ----------------------------------------------------------------------------------------


def _waiting_case() -> CaseFacts:
    return case(
        status(china(2026, 10, 8, 9), CaseStatus.IN_PROGRESS),
        status(china(2026, 10, 9, 9), CaseStatus.WAITING),
        status(china(2026, 10, 12, 9), CaseStatus.IN_PROGRESS),
    )


def test_waiting_does_not_pause_by_default() -> None:
    clock = clocks_at(_waiting_case(), china(2026, 10, 13))["resolution"]
    assert clock.paused == dt.timedelta(0) and clock.due_at == end_of(2026, 10, 15)


def test_waiting_pauses_when_enabled() -> None:
    enabled = dataclasses.replace(POL, pause_while_waiting=True)
    clocks = clocks_at(_waiting_case(), china(2026, 10, 13), enabled)
    assert clocks["resolution"].paused == dt.timedelta(days=3)
    assert clocks["resolution"].due_at == end_of(2026, 10, 18)
    assert (
        clocks["resolution"].warn_at > clocks_at(_waiting_case(), china(2026, 10, 13))["resolution"].warn_at
    )
    assert clocks["regulatory_decision"].paused == dt.timedelta(0)  # its policy never pauses for waiting
    still_waiting = clocks_at(_waiting_case(), china(2026, 10, 10, 9), enabled)["resolution"]
    assert still_waiting.state is ClockState.PAUSED and still_waiting.paused == dt.timedelta(days=1)


def test_appraisal_time_is_excluded_from_the_regulatory_period() -> None:
    pause, resume = (
        TimelineFact(K.PAUSED, china(2026, 10, 9, 9)),
        TimelineFact(K.RESUMED, china(2026, 10, 14, 9)),
    )
    clocks = clocks_at(case(pause, resume), china(2026, 10, 18))
    assert clocks["regulatory_decision"].paused == dt.timedelta(days=5)
    assert clocks["regulatory_decision"].due_at == end_of(2026, 10, 20)
    assert clocks["regulatory_decision"].state is ClockState.WARNING
    assert clocks["resolution"].paused == dt.timedelta(0)
    during = clocks_at(case(pause), china(2026, 10, 20))["regulatory_decision"]
    assert during.state is ClockState.PAUSED


def test_a_pause_after_the_due_time_does_not_undo_a_breach() -> None:
    late_pause = TimelineFact(K.PAUSED, china(2026, 10, 20, 9))
    clock = clocks_at(case(late_pause), china(2026, 10, 21))["regulatory_decision"]
    assert clock.state is ClockState.BREACHED and clock.paused == dt.timedelta(0)


# --- extensions -----------------------------------------------------------------------------------


def test_extension_rules() -> None:
    validate(15, 30, "", False, POL)
    validate(15, 30, "李主管", True, POL)
    validate(30, 60, "王行长", True, POL)
    for args, code in [
        ((15, 60, "", True), "extension_needs_approval"),
        ((15, 60, "王行长", False), "extension_needs_approval"),
        ((30, 60, "  ", True), "extension_needs_approval"),
        ((30, 30, "王行长", True), "extension_limit"),
        ((60, 30, "王行长", True), "extension_limit"),
        ((30, 90, "王行长", True), "extension_limit"),
    ]:
        with pytest.raises(InvalidValue) as caught:
            validate(*args, policies=POL)
        assert caught.value.message.code == code


def _extended(
    to_days: int, approved_by: str = "", notice: bool = False, at: dt.datetime | None = None
) -> TimelineFact:
    data = {"to_days": to_days, "approved_by": approved_by, "notice_recorded": notice}
    return TimelineFact(K.EXTENDED, at or china(2026, 10, 10, 9), data=data)


def test_extensions_lengthen_the_regulatory_clock() -> None:
    now = china(2026, 10, 20)
    due = clocks_at(case(_extended(30)), now)["regulatory_decision"].due_at
    assert due == end_of(2026, 10, 30)
    both = case(_extended(30), _extended(60, "王行长", True, china(2026, 10, 20)))
    assert clocks_at(both, now)["regulatory_decision"].due_at == end_of(2026, 11, 30)  # Nov 29 is a Sunday
    unapproved = case(_extended(30), _extended(60, "", True, china(2026, 10, 20)))
    assert clocks_at(unapproved, now)["regulatory_decision"].due_at == end_of(2026, 10, 30)
    too_late = case(_extended(30, at=china(2026, 10, 16, 9)))
    assert clocks_at(too_late, now)["regulatory_decision"].state is ClockState.BREACHED
    assert POL.regulatory_base_days == 15


# --- the policy file ------------------------------------------------------------------------------


def _defaults() -> dict[str, Any]:
    from importlib import resources

    return json.loads(resources.files("resources.sla").joinpath(POLICIES_FILE).read_text(encoding="utf-8"))


def test_default_policies() -> None:
    assert POL.warning_ratio == 0.75 and not POL.pause_while_waiting
    assert (POL.complex_limit_days, POL.max_extension_days) == (30, 60)
    assert {p.name for p in POL.clocks} == {
        "counter_response", "department_contact", "department_result", "initial_investigation",
        "progress_feedback", "resolution", "customer_feedback", "regulatory_decision",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d.update(warning_ratio=1.5), "warning_ratio"),
        (lambda d: d.update(colour="red"), "colour"),
        (lambda d: d["clocks"][0].update(stop=["status:done"]), "counter_response.*status:done"),
        (lambda d: d["clocks"][0].update(stop=["event:note.Bad"]), "event:note.Bad"),
        (lambda d: d["clocks"][0].update(stop=["when:now"]), "when:now"),
        (lambda d: d["clocks"][0].update(stop=[]), "counter_response.*stop"),
        (lambda d: d["clocks"][0]["duration"].update(unit="weeks"), "duration.unit"),
        (lambda d: d["clocks"][0]["duration"].update(amount=0), "duration.amount"),
        (lambda d: d["clocks"][0].update(start="opened"), "start"),
        (lambda d: d["clocks"][0].update(kinds=["complaint", "praise"]), "kinds"),
        (lambda d: d["clocks"][0].update(extendable=True), "extendable"),
        (lambda d: d["clocks"][0].update(pause_while_waiting="yes"), "pause_while_waiting"),
        (lambda d: d["clocks"][5].update(severities=["urgent", "general"]), "two 'resolution' policies"),
        (lambda d: d["extension"].update(max_days=20), "extension.max_days"),
    ],
)
def test_bad_policy_files_name_the_bad_key(tmp_path: Path, change: Any, named: str) -> None:
    data = _defaults()
    change(data)
    path = tmp_path / "policies.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=named):
        load_policies(path)


def test_a_site_policy_file_is_used(tmp_path: Path) -> None:
    data = _defaults()
    data["clocks"][6]["duration"]["amount"] = 5
    path = tmp_path / "site.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    clock = clocks_at(case(), RECEIVED, load_policies(path))["resolution"]
    assert clock.due_at == end_of(2026, 10, 13)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        case(received=dt.datetime(2026, 9, 30, 15))
    with pytest.raises(ValueError):
        clocks_for(case(), dt.datetime(2026, 10, 1), CAL, POL)
    with pytest.raises(ValueError):
        TimelineFact(K.NOTE, dt.datetime(2026, 10, 1))


# --- explain ---------------------------------------------------------------------------------------


def test_explain_in_both_languages() -> None:
    args = (CaseKind.COMPLAINT, Severity.GENERAL, Channel.COUNTER, china(2026, 12, 20, 15), CAL, POL)
    english = explain(*args, language="en")
    assert english[0] == "Counter response: 2026-12-20 15:05 — 5 minutes"
    assert "Resolution: 2026-12-29 23:59 — 7 working days" in english
    assert english[-1].startswith(
        "Regulatory decision deadline: 2027-01-04 23:59 (estimated) — 15 calendar days"
    )
    chinese = explain(*args, language="zh_CN")
    assert "办结:2026-12-29 23:59 — 7 个工作日" in chinese
    assert chinese[-1].startswith("监管处理时限:2027-01-04 23:59(预估) — 15 日")
    assert len(chinese) == len(english) == 5
