"""Tests for app.calendar on real dates: 2026 holidays and 调休, Civil Code counting, 2027, data files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest

from app.calendar import CHINA_TZ, UTC, Deadline, WorkCalendar

D = dt.date


def china(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CHINA_TZ)  # type: ignore[misc]


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59, 999999), tzinfo=CHINA_TZ)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar.load()


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "extra.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# --- the official data ----------------------------------------------------------------------


def test_bundled_2026_agrees_with_chinesecalendar_every_day(cal: WorkCalendar) -> None:
    day = D(2026, 1, 1)
    while day.year == 2026:
        assert cal.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)


def test_national_day_2026_and_its_make_up_saturday(cal: WorkCalendar) -> None:
    assert not any(cal.is_working_day(D(2026, 10, d)) for d in range(1, 8))
    assert cal.is_working_day(D(2026, 10, 10))  # Saturday, 调休 working day
    assert cal.is_working_day(D(2026, 9, 20))  # Sunday, 调休 working day
    assert not cal.is_working_day(D(2026, 10, 11))  # an ordinary Sunday
    assert not cal.is_estimated(D(2026, 10, 10))


def test_older_years_come_from_chinesecalendar(cal: WorkCalendar) -> None:
    assert not cal.is_working_day(D(2025, 10, 8))  # 2025: National Day and Mid-Autumn, Oct 1–8
    assert cal.is_working_day(D(2025, 10, 11))  # Saturday make-up day
    assert not cal.is_estimated(D(2004, 6, 1))


def test_2027_is_estimated_with_the_weekend_rule(cal: WorkCalendar) -> None:
    assert cal.known_until() == D(2026, 12, 31)
    assert cal.is_estimated(D(2027, 1, 4))
    assert cal.is_working_day(D(2027, 1, 4))  # Monday
    assert not cal.is_working_day(D(2027, 1, 2))  # Saturday
    assert cal.is_estimated(D(2003, 5, 1))


def test_next_working_day_is_strictly_after(cal: WorkCalendar) -> None:
    assert cal.next_working_day(D(2026, 9, 30)) == D(2026, 10, 8)
    assert cal.next_working_day(D(2026, 10, 8)) == D(2026, 10, 9)
    assert cal.next_working_day(D(2026, 10, 9)) == D(2026, 10, 10)


# --- working days ---------------------------------------------------------------------------


def test_seven_working_days_across_national_day_count_the_make_up_saturday(cal: WorkCalendar) -> None:
    # Oct 8, 9, 10 (调休 Saturday), 12, 13, 14, 15
    deadline = cal.add_working_days(china(2026, 9, 30, 15, 0), 7)
    assert deadline == Deadline(end_of(D(2026, 10, 15)).astimezone(UTC), False)
    assert deadline.at.tzinfo is UTC


def test_the_start_day_is_not_counted(cal: WorkCalendar) -> None:
    monday = china(2026, 11, 2, 9, 0)
    assert cal.add_working_days(monday, 1).at == end_of(D(2026, 11, 3))
    saturday = china(2026, 11, 7, 9, 0)
    assert cal.add_working_days(saturday, 1).at == end_of(D(2026, 11, 9))


def test_start_is_taken_in_china_time(cal: WorkCalendar) -> None:
    # 2026-11-02 17:00 UTC is already Tuesday 01:00 in China.
    start = dt.datetime(2026, 11, 2, 17, 0, tzinfo=UTC)
    assert cal.add_working_days(start, 1).at == end_of(D(2026, 11, 4))


def test_zero_working_days_ends_the_same_working_day(cal: WorkCalendar) -> None:
    assert cal.add_working_days(china(2026, 11, 2, 9), 0).at == end_of(D(2026, 11, 2))
    assert cal.add_working_days(china(2026, 10, 3, 9), 0).at == end_of(D(2026, 10, 8))


def test_working_days_into_2027_are_estimated(cal: WorkCalendar) -> None:
    inside = cal.add_working_days(china(2026, 12, 24, 10), 3)
    assert inside == Deadline(end_of(D(2026, 12, 29)).astimezone(UTC), False)
    beyond = cal.add_working_days(china(2026, 12, 28, 10), 7)
    assert beyond.estimated
    # Dec 29, 30, 31, then by the weekend rule Jan 1 (Fri), 4, 5, 6.
    assert beyond.at == end_of(D(2027, 1, 6))


# --- calendar days and elapsed time -----------------------------------------------------------


def test_calendar_period_ending_on_a_holiday_moves_to_the_next_working_day(cal: WorkCalendar) -> None:
    # Sep 16 + 15 days = Oct 1 (National Day): Civil Code Art. 203 moves the end to Oct 8.
    assert cal.add_calendar_days(china(2026, 9, 16, 10), 15).at == end_of(D(2026, 10, 8))
    # Ending on an ordinary Sunday moves to Monday.
    assert cal.add_calendar_days(china(2026, 11, 1, 10), 14).at == end_of(D(2026, 11, 16))
    # Ending on a working day stays.
    assert cal.add_calendar_days(china(2026, 11, 2, 10), 15).at == end_of(D(2026, 11, 17))


def test_calendar_period_ending_in_2027_is_estimated(cal: WorkCalendar) -> None:
    deadline = cal.add_calendar_days(china(2026, 12, 20, 10), 15)
    assert deadline.estimated and deadline.at == end_of(D(2027, 1, 4))


def test_minutes_and_hours_are_plain_elapsed_time(cal: WorkCalendar) -> None:
    late = china(2026, 9, 30, 23, 58)
    assert cal.add_duration(late, dt.timedelta(minutes=5)).at == china(2026, 10, 1, 0, 3)
    day = cal.add_duration(china(2026, 9, 30, 15), dt.timedelta(hours=24))
    assert day == Deadline(china(2026, 10, 1, 15).astimezone(UTC), False)  # a holiday, not rolled
    assert not cal.add_duration(china(2027, 3, 1, 9), dt.timedelta(hours=1)).estimated


def test_naive_datetimes_and_negative_amounts_are_refused(cal: WorkCalendar) -> None:
    naive = dt.datetime(2026, 9, 30, 15)
    for call in (
        lambda: cal.add_working_days(naive, 1),
        lambda: cal.add_calendar_days(naive, 1),
        lambda: cal.add_duration(naive, dt.timedelta(minutes=5)),
        lambda: cal.add_working_days(china(2026, 9, 30), -1),
    ):
        with pytest.raises(ValueError):
            call()


# --- IT's data file ------------------------------------------------------------------------------

# Fictitious schedule for tests only: it is NOT the official 2027 arrangement.
TEST_2027 = {
    "verified": True,
    "source": "test data",
    "holidays": [{"name": "元旦", "first": "2027-01-01", "last": "2027-01-03"}],
    "workdays": [{"name": "元旦", "date": "2027-01-09"}],
}


def test_extra_file_adds_a_year(tmp_path: Path) -> None:
    cal = WorkCalendar.load(write(tmp_path, {"years": {"2027": TEST_2027}}))
    assert cal.known_until() == D(2027, 12, 31)
    assert not cal.is_estimated(D(2027, 1, 1))
    assert not cal.is_working_day(D(2027, 1, 1))
    assert cal.is_working_day(D(2027, 1, 9))  # a Saturday made a working day
    deadline = cal.add_working_days(china(2026, 12, 30, 10), 2)
    assert deadline == Deadline(end_of(D(2027, 1, 4)).astimezone(UTC), False)


def test_extra_file_replaces_a_whole_year(tmp_path: Path) -> None:
    entry = {"verified": True, "holidays": [{"name": "test", "first": "2026-10-15"}]}
    cal = WorkCalendar.load(write(tmp_path, {"years": {"2026": entry}}))
    assert not cal.is_working_day(D(2026, 10, 15))
    assert cal.is_working_day(D(2026, 10, 1))  # the year was replaced, so Oct 1 (Thursday) works
    assert not cal.is_working_day(D(2026, 10, 10))


def test_unverified_year_is_used_but_estimated(tmp_path: Path) -> None:
    cal = WorkCalendar.load(write(tmp_path, {"years": {"2027": {**TEST_2027, "verified": False}}}))
    assert not cal.is_working_day(D(2027, 1, 1))
    assert cal.is_estimated(D(2027, 1, 1))
    assert cal.known_until() == D(2026, 12, 31)


def test_make_up_day_in_the_previous_december_is_allowed(tmp_path: Path) -> None:
    entry = {"verified": True, "workdays": [{"name": "元旦", "date": "2026-12-27"}]}
    cal = WorkCalendar.load(write(tmp_path, {"years": {"2027": entry}}))
    assert cal.is_working_day(D(2026, 12, 27))  # a Sunday


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"years": {"2027": {**TEST_2027, "extra": 1}}}, "years.2027.extra"),
        ({"years": {"2027": {"holidays": []}}}, "years.2027.verified"),
        ({"years": {"27": TEST_2027}}, "years.27"),
        (
            {"years": {"2027": {"verified": True, "holidays": [{"name": "x", "first": "2027-13-01"}]}}},
            "first",
        ),
        (
            {"years": {"2027": {"verified": True, "holidays": [{"name": "x", "first": "2028-01-01"}]}}},
            "holidays[0]",
        ),
        (
            {
                "years": {
                    "2027": {
                        "verified": True,
                        "holidays": [{"name": "x", "first": "2027-01-02", "last": "2027-01-01"}],
                    }
                }
            },
            "holidays[0].last",
        ),
        (
            {
                "years": {
                    "2027": {
                        "verified": True,
                        "holidays": [{"name": "x", "first": "2027-01-01"}],
                        "workdays": [{"name": "x", "date": "2027-01-01"}],
                    }
                }
            },
            "workdays[0].date",
        ),
        ({"yeers": {}}, "yeers"),
        ({"years": {"2027": {"verified": True, "workdays": [{"date": "2027-01-09"}]}}}, "workdays[0].name"),
    ],
)
def test_bad_data_files_name_the_bad_key(tmp_path: Path, data: dict[str, Any], named: str) -> None:
    with pytest.raises(ValueError, match=named.replace("[", r"\[").replace("]", r"\]")):
        WorkCalendar.load(write(tmp_path, data))


def test_bad_json_is_reported_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json"):
        WorkCalendar.load(path)


def test_elapsed_time_is_real_time_across_daylight_saving(cal: WorkCalendar) -> None:
    berlin = dt.datetime(2026, 3, 28, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    zoned = berlin.astimezone(ZoneInfo("Europe/Berlin"))  # the clocks change that night
    assert cal.add_duration(zoned, dt.timedelta(hours=24)).at == berlin.astimezone(UTC) + dt.timedelta(
        hours=24
    )
