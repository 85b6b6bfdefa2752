"""Explains in words which deadlines a new case gets and why (branchdesk-admin sla explain)."""

from __future__ import annotations

import datetime as dt

from app.calendar import CHINA_TZ, WorkCalendar
from app.domain import CaseKind, Channel, Severity
from app.sla import Clock, planned_clocks
from app.sla_policies import ClockPolicy, Duration, DurationUnit, SlaPolicies, StartPoint

# clock name -> (Simplified Chinese, English)
CLOCK_LABELS: dict[str, tuple[str, str]] = {
    "counter_response": ("柜面首次响应", "Counter response"),
    "department_contact": ("联系承办部门", "Contact with the handling department"),
    "department_result": ("承办部门处理结果", "Handling department's result"),
    "initial_investigation": ("投诉初步调查", "Initial investigation"),
    "progress_feedback": ("进展反馈", "Progress feedback"),
    "resolution": ("办结", "Resolution"),
    "customer_feedback": ("结果反馈客户", "Result fed back to the customer"),
    "regulatory_decision": ("监管处理时限", "Regulatory decision deadline"),
}

# unit -> (zh template, en singular, en plural)
_UNITS: dict[DurationUnit, tuple[str, str, str]] = {
    DurationUnit.MINUTES: ("{n} 分钟", "{n} minute", "{n} minutes"),
    DurationUnit.HOURS: ("{n} 小时", "{n} hour", "{n} hours"),
    DurationUnit.WORKING_DAYS: ("{n} 个工作日", "{n} working day", "{n} working days"),
    DurationUnit.CALENDAR_DAYS: (
        "{n} 日(末日为休息日的顺延至下一工作日)",
        "{n} calendar day (ending on a working day)",
        "{n} calendar days (ending on a working day)",
    ),
}


def _english(language: str) -> bool:
    return language.startswith("en")


def clock_label(name: str, language: str) -> str:
    zh, en = CLOCK_LABELS.get(name, (name, name))
    return en if _english(language) else zh


def describe_duration(duration: Duration, language: str) -> str:
    zh, en_one, en_many = _UNITS[duration.unit]
    if not _english(language):
        return zh.format(n=duration.amount)
    return (en_one if duration.amount == 1 else en_many).format(n=duration.amount)


def describe_rule(policy: ClockPolicy, language: str) -> str:
    text = describe_duration(policy.duration, language)
    if policy.excludes_appraisal:
        text += ", appraisal time excluded" if _english(language) else ",外部鉴定评估期间不计入"
    return text


def format_due(clock: Clock, language: str) -> str:
    text = clock.due_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
    if clock.estimated:
        text += " (estimated)" if _english(language) else "(预估)"
    return text


def explain(
    kind: CaseKind,
    severity: Severity,
    channel: Channel,
    received_at: dt.datetime,
    calendar: WorkCalendar,
    policies: SlaPolicies,
    language: str,
) -> list[str]:
    """One line per clock that starts at receipt: label, due time in China time, and the rule."""
    rules = [p for p in policies.matching(kind, severity, channel) if p.start is StartPoint.RECEIVED]
    clocks = planned_clocks(kind, severity, channel, received_at, calendar, policies)
    separator = ": " if _english(language) else ":"
    return [
        f"{clock_label(clock.name, language)}{separator}{format_due(clock, language)} — "
        f"{describe_rule(rule, language)}"
        for rule, clock in zip(rules, clocks, strict=True)
    ]
