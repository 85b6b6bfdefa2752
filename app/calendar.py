"""Official Chinese working days (holidays and make-up days 调休) and Civil Code deadline arithmetic."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from chinese_calendar import constants as cc_data

CHINA_TZ = ZoneInfo("Asia/Shanghai")
UTC = dt.UTC

# Civil Code Art. 203: a period's last day ends at 24:00. We end it at the last microsecond of the day
# in China time rather than at counter closing time: hotline, app and letter channels have no closing
# time, and the regulator counts calendar days, so 24:00 is the rule that holds for every channel.
END_OF_DAY = dt.time(23, 59, 59, 999999)
# A calendar with no working day for this long is broken data, not a holiday: stop instead of looping.
_MAX_REST_RUN = 366

HOLIDAYS_FILE = "holidays.json"
_YEAR_KEYS = {"verified", "source", "comment", "holidays", "workdays"}


@dataclass(frozen=True)
class Deadline:
    """A computed due time (aware, UTC); estimated when any day looked at is beyond verified data."""

    at: dt.datetime
    estimated: bool


def require_aware(value: dt.datetime, what: str = "datetime") -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, got naive {value.isoformat()}")
    return value


def china_date(value: dt.datetime) -> dt.date:
    return require_aware(value).astimezone(CHINA_TZ).date()


def end_of_day(day: dt.date) -> dt.datetime:
    """The last instant of `day` in China time, as UTC."""
    return dt.datetime.combine(day, END_OF_DAY, tzinfo=CHINA_TZ).astimezone(UTC)


class WorkCalendar:
    """Working days from chinesecalendar, overridden per year by the bundled and IT-supplied data files.

    A year given in a data file replaces that year's chinesecalendar data entirely (later files win),
    so a corrected notice never mixes with stale entries. A year's data is "verified" when it comes
    from chinesecalendar or from a file entry with "verified": true; every other day is estimated
    with the plain weekend rule (Saturday and Sunday rest, weekdays work).
    """

    def __init__(self, days: dict[dt.date, bool], years: dict[int, bool]) -> None:
        self._days = dict(days)  # explicit classification: True = working day, False = rest day
        self._years = dict(years)  # year -> verified
        # (start day, days, working?) -> deadline: a pull evaluates thousands of cases received on the
        # same few hundred days, and the calendar never changes once loaded.
        self._deadlines: dict[tuple[dt.date, int, bool], Deadline] = {}

    # --- loading ----------------------------------------------------------------------------

    @classmethod
    def load(cls, extra_file: Path | None = None) -> WorkCalendar:
        layers: dict[int, dict[dt.date, bool]] = {}
        years: dict[int, bool] = {}
        for day in cc_data.holidays:
            layers.setdefault(day.year, {})[day] = False
        for day in cc_data.workdays:
            layers.setdefault(day.year, {})[day] = True
        for year in range(min(layers), max(layers) + 1):
            layers.setdefault(year, {})
            years[year] = True
        bundled = resources.files("resources.calendar").joinpath(HOLIDAYS_FILE)
        sources = [(HOLIDAYS_FILE, bundled.read_text(encoding="utf-8"))]
        if extra_file is not None:
            sources.append((str(extra_file), Path(extra_file).read_text(encoding="utf-8")))
        for name, text in sources:
            for year, (verified, days) in parse_holiday_file(text, name).items():
                layers[year] = days
                years[year] = verified
        merged: dict[dt.date, bool] = {}
        # Ascending, so a notice's late-December make-up days override the previous year's layer.
        for year in sorted(layers):
            merged.update(layers[year])
        return cls(merged, years)

    # --- queries ----------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        known = self._days.get(day)
        if known is not None:
            return known
        return day.weekday() < 5

    def is_estimated(self, day: dt.date) -> bool:
        return not self._years.get(day.year, False)

    def known_until(self) -> dt.date:
        """The last day of the unbroken run of verified years starting at the earliest one."""
        verified = sorted(year for year, ok in self._years.items() if ok)
        if not verified:
            return dt.date.min
        year = verified[0]
        while self._years.get(year + 1, False):
            year += 1
        return dt.date(year, 12, 31)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        return self._next_working(day)[0]

    def _next_working(self, day: dt.date) -> tuple[dt.date, bool]:
        estimated = False
        for _ in range(_MAX_REST_RUN):
            day += dt.timedelta(days=1)
            estimated = estimated or self.is_estimated(day)
            if self.is_working_day(day):
                return day, estimated
        raise ValueError(f"no working day within {_MAX_REST_RUN} days after {day}: check the holiday data")

    # --- deadlines --------------------------------------------------------------------------

    def add_working_days(self, start: dt.datetime, days: int) -> Deadline:
        """Civil Code Art. 201: the start day is not counted; due at the end of the `days`-th working day.

        `days == 0` means the end of the start day itself, or of the next working day if it is a rest day.
        """
        if days < 0:
            raise ValueError(f"days must not be negative, got {days}")
        return self._remembered(china_date(start), days, working=True)

    def _remembered(self, day: dt.date, days: int, working: bool) -> Deadline:
        """The deadline `days` (working or calendar) days after `day`, computed once per calendar."""
        key = (day, days, working)
        known = self._deadlines.get(key)
        if known is None:
            after = self._working_days_after if working else self._calendar_days_after
            known = self._deadlines[key] = after(day, days)
        return known

    def _working_days_after(self, day: dt.date, days: int) -> Deadline:
        estimated = False
        if days == 0:
            if self.is_working_day(day):
                return Deadline(end_of_day(day), self.is_estimated(day))
            day, estimated = self._next_working(day)
            return Deadline(end_of_day(day), estimated)
        for _ in range(days):
            day, looked_beyond = self._next_working(day)
            estimated = estimated or looked_beyond
        return Deadline(end_of_day(day), estimated)

    def add_calendar_days(self, start: dt.datetime, days: int) -> Deadline:
        """Civil Code Art. 201/203: start day not counted; a last day that is a rest day moves to the
        next working day; due at the end of that day in China time."""
        if days < 0:
            raise ValueError(f"days must not be negative, got {days}")
        return self._remembered(china_date(start), days, working=False)

    def _calendar_days_after(self, start_day: dt.date, days: int) -> Deadline:
        day = start_day + dt.timedelta(days=days)
        estimated = self.is_estimated(day)
        if not self.is_working_day(day):
            day, looked_beyond = self._next_working(day)
            estimated = estimated or looked_beyond
        return Deadline(end_of_day(day), estimated)

    def add_duration(self, start: dt.datetime, delta: dt.timedelta) -> Deadline:
        """Plain elapsed time (minute and hour clocks): never rolled to a working day, never estimated."""
        require_aware(start)
        if delta < dt.timedelta(0):
            raise ValueError(f"delta must not be negative, got {delta}")
        # In UTC: adding to a datetime in a zone with daylight saving would add wall-clock time.
        return Deadline(start.astimezone(UTC) + delta, False)


# --- the data file ------------------------------------------------------------------------------


def parse_holiday_file(text: str, source: str) -> dict[int, tuple[bool, dict[dt.date, bool]]]:
    """Validate one holiday data file; returns year -> (verified, {day: is_working_day})."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{source}: the top level must be an object")
    unknown = set(data) - {"comment", "years"}
    if unknown:
        raise ValueError(f"{source}: unknown key {sorted(unknown)[0]!r}")
    years = data.get("years")
    if not isinstance(years, dict):
        raise ValueError(f"{source}: 'years' must be an object keyed by year")
    return {_year_key(key, source): _parse_year(key, value, source) for key, value in years.items()}


def _year_key(key: str, source: str) -> int:
    if not (len(key) == 4 and key.isdigit()):
        raise ValueError(f"{source}: years.{key}: a year must be four digits")
    return int(key)


def _parse_year(key: str, entry: Any, source: str) -> tuple[bool, dict[dt.date, bool]]:
    where = f"{source}: years.{key}"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: must be an object")
    unknown = set(entry) - _YEAR_KEYS
    if unknown:
        raise ValueError(f"{where}.{sorted(unknown)[0]}: unknown key")
    verified = entry.get("verified")
    if not isinstance(verified, bool):
        raise ValueError(f"{where}.verified: required, true or false")
    year = int(key)
    # A notice for year Y may touch late December of Y-1 (e.g. 元旦 2023 began on 2022-12-31).
    first_allowed, last_allowed = dt.date(year - 1, 12, 1), dt.date(year, 12, 31)
    days: dict[dt.date, bool] = {}
    for index, item in enumerate(_list(entry, "holidays", where)):
        item_where = f"{where}.holidays[{index}]"
        _check_item(item, {"name", "first", "last"}, item_where)
        first = _date(item.get("first"), f"{item_where}.first")
        last = _date(item.get("last", item.get("first")), f"{item_where}.last")
        if last < first:
            raise ValueError(f"{item_where}.last: before 'first'")
        day = first
        while day <= last:
            days[_in_range(day, first_allowed, last_allowed, item_where)] = False
            day += dt.timedelta(days=1)
    for index, item in enumerate(_list(entry, "workdays", where)):
        item_where = f"{where}.workdays[{index}]"
        _check_item(item, {"name", "date"}, item_where)
        day = _in_range(
            _date(item.get("date"), f"{item_where}.date"), first_allowed, last_allowed, item_where
        )
        if days.get(day) is False:
            raise ValueError(f"{item_where}.date: {day} is also listed as a holiday")
        days[day] = True
    return verified, days


def _list(entry: dict[str, Any], key: str, where: str) -> list[Any]:
    value = entry.get(key, [])
    if not isinstance(value, list):
        raise ValueError(f"{where}.{key}: must be a list")
    return value


def _check_item(item: Any, allowed: set[str], where: str) -> None:
    if not isinstance(item, dict):
        raise ValueError(f"{where}: must be an object")
    unknown = set(item) - allowed
    if unknown:
        raise ValueError(f"{where}.{sorted(unknown)[0]}: unknown key")
    if not isinstance(item.get("name"), str) or not item["name"].strip():
        raise ValueError(f"{where}.name: required text")


def _date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(f"{where}: required, a date as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{where}: {value!r} is not a date as YYYY-MM-DD") from exc


def _in_range(day: dt.date, first: dt.date, last: dt.date, where: str) -> dt.date:
    if not first <= day <= last:
        raise ValueError(f"{where}: {day} is outside {first}..{last}")
    return day
