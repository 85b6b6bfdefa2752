"""Plain values of the supervision figures: the period and filters asked for, and what comes back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from app.calendar import CHINA_TZ
from app.domain import CaseKind, CaseStatus, Channel, Severity

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class Period:
    """China-time calendar days [first, last]; cases count by the day they were received."""

    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"period ends ({self.last}) before it starts ({self.first})")

    @classmethod
    def month(cls, text: str) -> Period:
        """'2026-10' → the whole of October 2026."""
        match = MONTH.match(text.strip())
        if match is None or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"not a month (YYYY-MM): {text!r}")
        first = dt.date(int(match.group(1)), int(match.group(2)), 1)
        return cls(first, _next_month(first) - dt.timedelta(days=1))

    @classmethod
    def month_of(cls, day: dt.date) -> Period:
        return cls.month(f"{day.year:04d}-{day.month:02d}")

    @property
    def start(self) -> dt.datetime:
        """The first instant of the period (aware, China time)."""
        return dt.datetime.combine(self.first, dt.time(), tzinfo=CHINA_TZ)

    @property
    def end(self) -> dt.datetime:
        """The first instant after the period."""
        return dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time(), tzinfo=CHINA_TZ)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def is_calendar_month(self) -> bool:
        return self.first.day == 1 and self.last + dt.timedelta(days=1) == _next_month(self.first)

    def previous(self) -> Period:
        """The period just before, for month-on-month comparison: the previous calendar month when this
        is one, otherwise the same number of days right before."""
        if self.is_calendar_month:
            return Period.month_of(self.first - dt.timedelta(days=1))
        last = self.first - dt.timedelta(days=1)
        return Period(last - dt.timedelta(days=self.days - 1), last)

    def label(self) -> str:
        if self.is_calendar_month:
            return f"{self.first.year:04d}-{self.first.month:02d}"
        return f"{self.first.isoformat()} – {self.last.isoformat()}"


def _next_month(first: dt.date) -> dt.date:
    return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class ReportFilter:
    """Which cases the figures are about. branch None: every branch held in this store."""

    period: Period
    branch: str | None = ""  # "": the acting staff member's branch
    owner: str | None = None  # one staff member's cases (the owner, i.e. the handler in charge)
    kinds: frozenset[CaseKind] = frozenset()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The cases open right now, as the queue's deadline filters count them."""

    open: int
    due_today: int  # next deadline before the end of today (overdue ones included, as in the queue)
    warning: int
    overdue: int


@dataclass(frozen=True, slots=True)
class ClockRate:
    """One deadline clock over the period's cases: met in time, met late, still running past due."""

    clock: str
    met: int
    late: int
    breached: int
    running: int

    @property
    def decided(self) -> int:
        return self.met + self.late + self.breached

    @property
    def rate(self) -> float | None:
        return self.met / self.decided if self.decided else None


@dataclass(frozen=True, slots=True)
class Count:
    """One bar of a breakdown: a category code, channel, complaint type, staff id or bucket."""

    key: str
    count: int
    # What to show for the key where it is not meant to be read (a staff member's display name); not
    # part of the value's identity, so counts compare by key and number.
    name: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class HotSpot:
    """A category that rose against the previous period."""

    category_code: str
    current: int
    previous: int

    @property
    def change(self) -> int:
        return self.current - self.previous


@dataclass(frozen=True, slots=True)
class Satisfaction:
    """Reached callbacks with a score (1..5), the latest per case. NPS on the 5-point scale:
    5 promotes, 4 is passive, 1..3 detract."""

    scored: int
    satisfied: int  # 4 or 5
    promoters: int
    detractors: int

    @property
    def rate(self) -> float | None:
        return self.satisfied / self.scored if self.scored else None

    @property
    def nps(self) -> float | None:
        return 100.0 * (self.promoters - self.detractors) / self.scored if self.scored else None


@dataclass(frozen=True, slots=True)
class Figures:
    """Everything the dashboard and the monthly report show for one filter."""

    filter: ReportFilter
    as_of: dt.datetime
    snapshot: Snapshot
    received: int
    resolved: int  # of the period's cases, those resolved at least once
    reopened: int  # of those, reopened at least once
    complaints_resolved: int
    complaints_called_back: int  # reached by a callback
    satisfaction: Satisfaction
    median_first_response_minutes: float | None
    median_resolution_hours: float | None
    clocks: tuple[ClockRate, ...]
    by_category: tuple[Count, ...]  # full cause codes, most first
    by_category_group: tuple[Count, ...]  # top-level cause (C01 …), most first
    by_channel: tuple[Count, ...]
    by_type: tuple[Count, ...]  # complaint type: service / product / system / policy
    by_business: tuple[Count, ...]  # JR/T 0169 business codes (the product), "" for none given
    by_business_group: tuple[Count, ...]  # top-level business category (B03 bank cards …), "" as above
    by_staff: tuple[Count, ...]
    trend_weekly: tuple[Count, ...]  # key: the Monday of the week (YYYY-MM-DD)
    trend_monthly: tuple[Count, ...]  # key: YYYY-MM, the six months up to the period's end
    hot_spots: tuple[HotSpot, ...]

    @property
    def callback_rate(self) -> float | None:
        return self.complaints_called_back / self.complaints_resolved if self.complaints_resolved else None

    @property
    def reopen_rate(self) -> float | None:
        return self.reopened / self.resolved if self.resolved else None


@dataclass(frozen=True, slots=True)
class CaseLine:
    """One case in an export: no free text, the customer's name masked."""

    number: str
    received_at: dt.datetime
    kind: CaseKind
    channel: Channel
    category_code: str
    business_code: str  # "" when not given
    severity: Severity
    status: CaseStatus
    owner: str
    department: str
    masked_customer_name: str
    next_clock: str
    next_due_at: dt.datetime | None
    overdue: bool
    reopen_count: int
    escalated: bool
    first_response_minutes: float | None
    resolution_hours: float | None
    satisfaction: int | None


@dataclass(frozen=True, slots=True)
class DrillDown:
    """What a clicked bar stands for, as the queue's extra filter."""

    received_from: dt.datetime | None = None
    received_before: dt.datetime | None = None
    category_prefix: str = ""
    channel: Channel | None = None
    complaint_type: str = ""
    business_codes: frozenset[str] = field(default_factory=frozenset)
    owner: str = ""
    branch: str | None = ""
    kinds: frozenset[CaseKind] = field(default_factory=frozenset)
