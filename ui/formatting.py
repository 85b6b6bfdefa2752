"""Dates, times and numbers as the interface language writes them; times always in the branch's zone.

Chinese keeps the numeric year-month-day order counter staff and the regulator's forms use, with a
fixed width so table columns line up; English spells the month (5 Mar 2024), which no English reader
can misread as month/day. Month names and digit grouping come from QLocale, so a language switch
changes every text composed through here the next time a view draws it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone

from ui.i18n import CHINESE, ENGLISH, current_language

if TYPE_CHECKING:
    from app.report_domain import Period

# China has one zone and no daylight saving: stored UTC times are shown in Beijing time.
BRANCH_ZONE = dt.timezone(dt.timedelta(hours=8), "CST")
NONE = "—"

_PATTERNS: dict[str, dict[str, str]] = {
    CHINESE: {
        "datetime": "yyyy-MM-dd HH:mm",
        "seconds": "yyyy-MM-dd HH:mm:ss",
        "date": "yyyy-MM-dd",
        "day_month": "M月d日",
        "month": "yyyy年M月",
        "short": "MM-dd HH:mm",
    },
    ENGLISH: {
        "datetime": "d MMM yyyy, HH:mm",
        "seconds": "d MMM yyyy, HH:mm:ss",
        "date": "d MMM yyyy",
        "day_month": "d MMM",
        "month": "MMMM yyyy",
        "short": "d MMM, HH:mm",
    },
}
LEGAL_PATTERN = "yyyy-MM-dd HH:mm"  # receipts: the same numeric form whatever the language


def language_of(language: str | None) -> str:
    chosen = language or current_language()
    return chosen if chosen in _PATTERNS else CHINESE


def locale(language: str | None = None) -> QLocale:
    if language_of(language) == ENGLISH:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def branch_time(value: dt.datetime) -> dt.datetime:
    """``value`` in the branch's zone; stored times are UTC, and naive ones are taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(BRANCH_ZONE)


def _qt(value: dt.datetime) -> QDateTime:
    local = branch_time(value)
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second),
        QTimeZone(8 * 3600),
    )


def _pattern(kind: str, language: str | None) -> str:
    return _PATTERNS[language_of(language)][kind]


def format_datetime(value: dt.datetime | None, language: str | None = None, seconds: bool = False) -> str:
    if value is None:
        return NONE
    return locale(language).toString(_qt(value), _pattern("seconds" if seconds else "datetime", language))


def format_legal(value: dt.datetime | None) -> str:
    """The receipt's date and time: numeric, so it reads the same in either language and on file."""
    if value is None:
        return NONE
    return _qt(value).toString(LEGAL_PATTERN)


def format_date(value: dt.date | None, language: str | None = None, kind: str = "date") -> str:
    """A calendar day; ``kind`` "day_month" leaves out the year, "month" shows only the month."""
    if value is None:
        return NONE
    return locale(language).toString(QDate(value.year, value.month, value.day), _pattern(kind, language))


def format_recent(value: dt.datetime, now: dt.datetime | None = None, language: str | None = None) -> str:
    """The time alone when it was today (branch time), else the day too: an old time is not mistaken."""
    local = branch_time(value)
    today = branch_time(now or dt.datetime.now(dt.UTC)).date()
    if local.date() == today:
        return local.strftime("%H:%M")  # 24-hour digits are the same in both languages
    return locale(language).toString(_qt(value), _pattern("short", language))


def format_number(value: float | None, decimals: int = 0, language: str | None = None) -> str:
    """Digits grouped as the language groups them (12,345); None is the dash."""
    if value is None:
        return NONE
    if decimals == 0:
        return locale(language).toString(round(value))
    return locale(language).toString(float(value), "f", decimals)


def format_percent(fraction: float | None, decimals: int = 1, language: str | None = None) -> str:
    """0.935 -> 93.5%."""
    if fraction is None:
        return NONE
    return format_number(100 * fraction, decimals, language) + "%"


def format_signed(value: float | None, language: str | None = None) -> str:
    """A score that can fall below zero, with its sign always shown (NPS: +12, −5)."""
    if value is None:
        return NONE
    number = format_number(abs(value), 0, language)
    return ("+" if round(value) >= 0 else "-") + number


def period_label(period: Period, language: str | None = None) -> str:
    """A report period: "2024年3月" / "March 2024", or its first and last day."""
    if period.is_calendar_month:
        return format_date(period.first, language, "month")
    return f"{format_date(period.first, language)} – {format_date(period.last, language)}"
