"""Deadline policies: the clock rules as data (resources/sla/default_policies.json), validated on load."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from app.domain import CaseEventKind, CaseKind, CaseStatus, Channel, Severity

POLICIES_FILE = "default_policies.json"
_TOP_KEYS = {"comment", "warning_ratio", "pause_while_waiting", "extension", "stop_all", "clocks"}
_CLOCK_KEYS = {
    "name",
    "comment",
    "kinds",
    "severities",
    "channels",
    "start",
    "stop",
    "duration",
    "pause_while_waiting",
    "excludes_appraisal",
    "extendable",
}
_FLAG = re.compile(r"^[a-z][a-z0-9_]*$")
E = TypeVar("E", bound=StrEnum)
# The regulator's decision period when a policy file has no extendable clock (CBIRC 2020 Order No. 3).
REGULATORY_BASE_DAYS = 15


class DurationUnit(StrEnum):
    MINUTES = "minutes"
    HOURS = "hours"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"


class StartPoint(StrEnum):
    """When a clock starts: receipt, the latest transfer, or the latest change to resolved.

    A NEW_FACTS fact restarts every started clock from its time.
    """

    RECEIVED = "received"
    TRANSFERRED = "transferred"
    RESOLVED = "resolved"


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: DurationUnit

    @property
    def is_days(self) -> bool:
        return self.unit in (DurationUnit.WORKING_DAYS, DurationUnit.CALENDAR_DAYS)

    def timedelta(self) -> dt.timedelta:
        """Elapsed-time units only; day units go through the calendar."""
        if self.unit is DurationUnit.MINUTES:
            return dt.timedelta(minutes=self.amount)
        if self.unit is DurationUnit.HOURS:
            return dt.timedelta(hours=self.amount)
        raise ValueError(f"{self.unit} is counted on the calendar, not as elapsed time")


@dataclass(frozen=True)
class Trigger:
    """One parsed stop trigger (a clock's "stop" list and the global "stop_all" list).

    - ``status:<status>``      a STATUS fact whose new status is <status> (any CaseStatus value),
                               e.g. ``status:in_progress``, ``status:resolved``, ``status:withdrawn``
    - ``event:<kind>``         any timeline fact of that CaseEventKind, e.g. ``event:answer``,
                               ``event:transferred``, ``event:callback`` (any attempt)
    - ``event:<kind>.<flag>``  a fact of that kind whose data has <flag> set to true, e.g.
                               ``event:note.customer_contact`` (a note recording contact with the customer),
                               ``event:note.department_reply`` (the handling department replied),
                               ``event:callback.reached`` (a callback that reached the customer)
    """

    status: CaseStatus | None = None
    event: CaseEventKind | None = None
    flag: str | None = None

    @classmethod
    def parse(cls, text: str, where: str) -> Trigger:
        prefix, _, rest = text.partition(":")
        if prefix == "status":
            try:
                return cls(status=CaseStatus(rest))
            except ValueError:
                raise ValueError(f"{where}: {text!r} names no case status") from None
        if prefix == "event":
            kind, _, flag = rest.partition(".")
            try:
                event = CaseEventKind(kind)
            except ValueError:
                raise ValueError(f"{where}: {text!r} names no timeline event kind") from None
            if flag and not _FLAG.match(flag):
                raise ValueError(f"{where}: {text!r} has a bad data flag")
            return cls(event=event, flag=flag or None)
        raise ValueError(f"{where}: {text!r} must start with 'status:' or 'event:'")

    def __str__(self) -> str:
        if self.status is not None:
            return f"status:{self.status}"
        return f"event:{self.event}" + (f".{self.flag}" if self.flag else "")


@dataclass(frozen=True)
class ClockPolicy:
    name: str
    kinds: frozenset[CaseKind]
    severities: frozenset[Severity] | None  # None: every severity
    channels: frozenset[Channel] | None  # None: every channel
    start: StartPoint
    stop: tuple[Trigger, ...]
    duration: Duration
    pause_while_waiting: bool = False
    excludes_appraisal: bool = False
    extendable: bool = False  # EXTENDED facts (regulatory 30/60 days) lengthen this clock

    def applies_to(self, kind: CaseKind, severity: Severity, channel: Channel) -> bool:
        return (
            kind in self.kinds
            and (self.severities is None or severity in self.severities)
            and (self.channels is None or channel in self.channels)
        )


@dataclass(frozen=True)
class SlaPolicies:
    clocks: tuple[ClockPolicy, ...]
    warning_ratio: float = 0.75
    pause_while_waiting: bool = False  # global switch; a clock pauses only if its own flag is set too
    complex_limit_days: int = 30  # extension up to this needs no senior approval
    max_extension_days: int = 60
    stop_all: tuple[Trigger, ...] = ()  # triggers that end every running clock (withdrawn, closed)

    @property
    def regulatory_base_days(self) -> int:
        """The decision period before any extension: the extendable clock's length."""
        extendable = [policy for policy in self.clocks if policy.extendable]
        return extendable[0].duration.amount if extendable else REGULATORY_BASE_DAYS

    def matching(self, kind: CaseKind, severity: Severity, channel: Channel) -> list[ClockPolicy]:
        return [policy for policy in self.clocks if policy.applies_to(kind, severity, channel)]


def load_policies(path: Path | None = None) -> SlaPolicies:
    """The bundled defaults, or a site's own file in the same format; ValueError names the bad key."""
    if path is None:
        source = POLICIES_FILE
        text = resources.files("resources.sla").joinpath(POLICIES_FILE).read_text(encoding="utf-8")
    else:
        source, text = str(path), Path(path).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source}: not valid JSON ({exc})") from exc
    return parse_policies(data, source)


def parse_policies(data: Any, source: str = "policies") -> SlaPolicies:
    if not isinstance(data, dict):
        raise ValueError(f"{source}: the top level must be an object")
    _no_unknown(data, _TOP_KEYS, source)
    ratio = data.get("warning_ratio", 0.75)
    if isinstance(ratio, bool) or not isinstance(ratio, int | float) or not 0 < ratio <= 1:
        raise ValueError(f"{source}: warning_ratio: a number above 0 and at most 1")
    extension = data.get("extension", {})
    if not isinstance(extension, dict):
        raise ValueError(f"{source}: extension: must be an object")
    _no_unknown(extension, {"complex_limit_days", "max_days"}, f"{source}: extension")
    complex_limit = _positive_int(
        extension.get("complex_limit_days", 30), f"{source}: extension.complex_limit_days"
    )
    max_days = _positive_int(extension.get("max_days", 60), f"{source}: extension.max_days")
    if max_days < complex_limit:
        raise ValueError(f"{source}: extension.max_days: below complex_limit_days")
    clocks_data = data.get("clocks")
    if not isinstance(clocks_data, list) or not clocks_data:
        raise ValueError(f"{source}: clocks: required, a non-empty list")
    clocks = tuple(_parse_clock(item, f"{source}: clocks[{i}]") for i, item in enumerate(clocks_data))
    _check_overlaps(clocks, source)
    return SlaPolicies(
        clocks=clocks,
        warning_ratio=float(ratio),
        pause_while_waiting=_bool(data, "pause_while_waiting", source),
        complex_limit_days=complex_limit,
        max_extension_days=max_days,
        stop_all=_triggers(data.get("stop_all", []), f"{source}: stop_all", allow_empty=True),
    )


def _parse_clock(item: Any, where: str) -> ClockPolicy:
    if not isinstance(item, dict):
        raise ValueError(f"{where}: must be an object")
    _no_unknown(item, _CLOCK_KEYS, where)
    name = item.get("name")
    if not isinstance(name, str) or not _FLAG.match(name):
        raise ValueError(f"{where}.name: required, lower_case_words")
    where = f"{where} ({name})"
    try:
        start = StartPoint(item.get("start"))
    except ValueError:
        raise ValueError(f"{where}.start: one of {[p.value for p in StartPoint]}") from None
    duration = _duration(item.get("duration"), f"{where}.duration")
    extendable = _bool(item, "extendable", where)
    if extendable and not duration.is_days:
        raise ValueError(f"{where}.extendable: only a clock counted in days can be extended")
    kinds = _enum_set(item.get("kinds"), CaseKind, f"{where}.kinds")
    if kinds is None:
        raise ValueError(f"{where}.kinds: required, a non-empty list")
    return ClockPolicy(
        name=name,
        kinds=kinds,
        severities=_enum_set(item.get("severities"), Severity, f"{where}.severities"),
        channels=_enum_set(item.get("channels"), Channel, f"{where}.channels"),
        start=start,
        stop=_triggers(item.get("stop"), f"{where}.stop", allow_empty=False),
        duration=duration,
        pause_while_waiting=_bool(item, "pause_while_waiting", where),
        excludes_appraisal=_bool(item, "excludes_appraisal", where),
        extendable=extendable,
    )


def _duration(value: Any, where: str) -> Duration:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: required, {{'amount': n, 'unit': ...}}")
    _no_unknown(value, {"amount", "unit"}, where)
    amount = _positive_int(value.get("amount"), f"{where}.amount")
    try:
        unit = DurationUnit(value.get("unit"))
    except ValueError:
        raise ValueError(f"{where}.unit: one of {[u.value for u in DurationUnit]}") from None
    return Duration(amount, unit)


def _triggers(value: Any, where: str, allow_empty: bool) -> tuple[Trigger, ...]:
    if (
        not isinstance(value, list)
        or not (value or allow_empty)
        or not all(isinstance(v, str) for v in value)
    ):
        raise ValueError(f"{where}: required, a {'' if allow_empty else 'non-empty '}list of triggers")
    return tuple(Trigger.parse(text, where) for text in value)


def _enum_set(value: Any, enum: type[E], where: str) -> frozenset[E] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        raise ValueError(f"{where}: a non-empty list (leave the key out for 'all')")
    try:
        return frozenset(enum(v) for v in value)
    except ValueError:
        raise ValueError(f"{where}: values must be among {[e.value for e in enum]}") from None


def _bool(data: dict[str, Any], key: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"{where}.{key}: true or false")
    return value


def _positive_int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{where}: a whole number above 0")
    return value


def _no_unknown(data: dict[str, Any], allowed: Iterable[str], where: str) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValueError(f"{where}: unknown key {unknown[0]!r}")


def _check_overlaps(clocks: tuple[ClockPolicy, ...], source: str) -> None:
    """Policies sharing a name (resolution by severity) must never both apply to one case."""
    for i, first in enumerate(clocks):
        for second in clocks[i + 1 :]:
            if first.name == second.name and _overlap(first, second):
                raise ValueError(f"{source}: clocks: two '{first.name}' policies apply to the same cases")


def _overlap(a: ClockPolicy, b: ClockPolicy) -> bool:
    def meets(x: frozenset[Any] | None, y: frozenset[Any] | None) -> bool:
        return x is None or y is None or bool(x & y)

    return bool(a.kinds & b.kinds) and meets(a.severities, b.severities) and meets(a.channels, b.channels)
