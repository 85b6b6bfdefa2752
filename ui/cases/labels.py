"""Translated names of the case enums and clocks, deadline badges, and text in a chosen language."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTranslator

from app.case_domain import SlaFlag
from app.domain import (
    CaseEventKind,
    CaseKind,
    CaseStatus,
    Channel,
    CustomerOption,
    RemedyKind,
    Severity,
)
from ui.customers.labels import format_time
from ui.i18n import CATALOGUE, ENGLISH, TRANSLATIONS_DIR, current_language

CONTEXT = "CaseLabels"

CHANNELS = {
    Channel.COUNTER: QT_TRANSLATE_NOOP("CaseLabels", "Counter"),
    Channel.PHONE: QT_TRANSLATE_NOOP("CaseLabels", "Phone hotline"),
    Channel.WEBSITE: QT_TRANSLATE_NOOP("CaseLabels", "Website"),
    Channel.APP: QT_TRANSLATE_NOOP("CaseLabels", "Mobile app"),
    Channel.WECHAT: QT_TRANSLATE_NOOP("CaseLabels", "WeChat / social media"),
    Channel.LETTER: QT_TRANSLATE_NOOP("CaseLabels", "Letter"),
}
KINDS = {
    CaseKind.COMPLAINT: QT_TRANSLATE_NOOP("CaseLabels", "Complaint"),
    CaseKind.INQUIRY: QT_TRANSLATE_NOOP("CaseLabels", "Inquiry"),
    CaseKind.SERVICE_REQUEST: QT_TRANSLATE_NOOP("CaseLabels", "Service request"),
    CaseKind.APPOINTMENT: QT_TRANSLATE_NOOP("CaseLabels", "Appointment"),
}
SEVERITIES = {
    Severity.GENERAL: QT_TRANSLATE_NOOP("CaseLabels", "General"),
    Severity.MAJOR: QT_TRANSLATE_NOOP("CaseLabels", "Major"),
    Severity.URGENT: QT_TRANSLATE_NOOP("CaseLabels", "Urgent"),
}
STATUSES = {
    CaseStatus.NEW: QT_TRANSLATE_NOOP("CaseLabels", "New"),
    CaseStatus.ACKNOWLEDGED: QT_TRANSLATE_NOOP("CaseLabels", "Acknowledged"),
    CaseStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("CaseLabels", "In progress"),
    CaseStatus.WAITING: QT_TRANSLATE_NOOP("CaseLabels", "Waiting"),
    CaseStatus.RESOLVED: QT_TRANSLATE_NOOP("CaseLabels", "Resolved"),
    CaseStatus.CALLED_BACK: QT_TRANSLATE_NOOP("CaseLabels", "Called back"),
    CaseStatus.CLOSED: QT_TRANSLATE_NOOP("CaseLabels", "Closed"),
    CaseStatus.WITHDRAWN: QT_TRANSLATE_NOOP("CaseLabels", "Withdrawn"),
}
EVENTS = {
    CaseEventKind.RECEIVED: QT_TRANSLATE_NOOP("CaseLabels", "Received"),
    CaseEventKind.STATUS: QT_TRANSLATE_NOOP("CaseLabels", "Status changed"),
    CaseEventKind.NOTE: QT_TRANSLATE_NOOP("CaseLabels", "Note"),
    CaseEventKind.ASSIGNED: QT_TRANSLATE_NOOP("CaseLabels", "Assigned"),
    CaseEventKind.TRANSFERRED: QT_TRANSLATE_NOOP("CaseLabels", "Transferred"),
    CaseEventKind.ESCALATED: QT_TRANSLATE_NOOP("CaseLabels", "Escalated"),
    CaseEventKind.EXTENDED: QT_TRANSLATE_NOOP("CaseLabels", "Decision period extended"),
    CaseEventKind.PAUSED: QT_TRANSLATE_NOOP("CaseLabels", "Paused for appraisal"),
    CaseEventKind.RESUMED: QT_TRANSLATE_NOOP("CaseLabels", "Resumed after appraisal"),
    CaseEventKind.REMEDY: QT_TRANSLATE_NOOP("CaseLabels", "Remedy"),
    CaseEventKind.ANSWER: QT_TRANSLATE_NOOP("CaseLabels", "Written answer"),
    CaseEventKind.CALLBACK: QT_TRANSLATE_NOOP("CaseLabels", "Callback"),
    CaseEventKind.CLOSE_OVERRIDE: QT_TRANSLATE_NOOP("CaseLabels", "Closed without callback"),
    CaseEventKind.REOPENED: QT_TRANSLATE_NOOP("CaseLabels", "Reopened"),
    CaseEventKind.MERGED: QT_TRANSLATE_NOOP("CaseLabels", "Repeat complaint merged"),
    CaseEventKind.NEW_FACTS: QT_TRANSLATE_NOOP("CaseLabels", "New facts (clocks restarted)"),
}
REMEDIES = {
    RemedyKind.COMPENSATION: QT_TRANSLATE_NOOP("CaseLabels", "Compensation"),
    RemedyKind.FEE_WAIVER: QT_TRANSLATE_NOOP("CaseLabels", "Fee waiver"),
    RemedyKind.APOLOGY: QT_TRANSLATE_NOOP("CaseLabels", "Apology"),
    RemedyKind.EXPLANATION: QT_TRANSLATE_NOOP("CaseLabels", "Explanation"),
}
OPTIONS = {
    CustomerOption.REVIEW: QT_TRANSLATE_NOOP("CaseLabels", "Review by the upper-level institution (30 days)"),
    CustomerOption.MEDIATION: QT_TRANSLATE_NOOP("CaseLabels", "Mediation"),
    CustomerOption.ARBITRATION: QT_TRANSLATE_NOOP("CaseLabels", "Arbitration"),
    CustomerOption.LITIGATION: QT_TRANSLATE_NOOP("CaseLabels", "Litigation"),
}
CLOCKS = {
    "counter_response": QT_TRANSLATE_NOOP("CaseLabels", "Counter response"),
    "department_contact": QT_TRANSLATE_NOOP("CaseLabels", "Handling department contacted"),
    "department_result": QT_TRANSLATE_NOOP("CaseLabels", "Handling department result"),
    "initial_investigation": QT_TRANSLATE_NOOP("CaseLabels", "Initial investigation"),
    "progress_feedback": QT_TRANSLATE_NOOP("CaseLabels", "Progress feedback"),
    "resolution": QT_TRANSLATE_NOOP("CaseLabels", "Resolution"),
    "customer_feedback": QT_TRANSLATE_NOOP("CaseLabels", "Result fed back to the customer"),
    "regulatory_decision": QT_TRANSLATE_NOOP("CaseLabels", "Decision and notice (regulatory)"),
}
CLOCK_STATES = {  # app.sla.ClockState values
    "running": QT_TRANSLATE_NOOP("CaseLabels", "Running"),
    "warning": QT_TRANSLATE_NOOP("CaseLabels", "Due soon"),
    "breached": QT_TRANSLATE_NOOP("CaseLabels", "Overdue"),
    "met": QT_TRANSLATE_NOOP("CaseLabels", "Met"),
    "met_late": QT_TRANSLATE_NOOP("CaseLabels", "Met late"),
    "paused": QT_TRANSLATE_NOOP("CaseLabels", "Paused"),
}

# --- text in a given language ---------------------------------------------------------------

_translators: dict[str, QTranslator | None] = {}


def translate_in(language: str | None, context: str, source: str) -> str:
    """``source`` in ``language`` (None: the interface language) — receipts may use another one."""
    if language is None or language == current_language():
        return QCoreApplication.translate(context, source)
    if language == ENGLISH:
        return source
    if language not in _translators:
        translator = QTranslator()
        _translators[language] = (
            translator if translator.load(f"{CATALOGUE}_{language}", str(TRANSLATIONS_DIR)) else None
        )
    translator = _translators[language]
    text = translator.translate(context, source) if translator is not None else ""
    return text or source


def _label(table: dict, value: StrEnum | str, language: str | None) -> str:
    source = table.get(value)
    return translate_in(language, CONTEXT, source) if source else str(value)


def channel_label(value: Channel, language: str | None = None) -> str:
    return _label(CHANNELS, value, language)


def kind_label(value: CaseKind, language: str | None = None) -> str:
    return _label(KINDS, value, language)


def severity_label(value: Severity, language: str | None = None) -> str:
    return _label(SEVERITIES, value, language)


def status_label(value: CaseStatus, language: str | None = None) -> str:
    return _label(STATUSES, value, language)


def event_label(value: CaseEventKind, language: str | None = None) -> str:
    return _label(EVENTS, value, language)


def remedy_label(value: RemedyKind, language: str | None = None) -> str:
    return _label(REMEDIES, value, language)


def option_label(value: CustomerOption, language: str | None = None) -> str:
    return _label(OPTIONS, value, language)


def clock_label(name: str, language: str | None = None) -> str:
    return _label(CLOCKS, name, language)


def clock_state_label(state: str, language: str | None = None) -> str:
    return _label(CLOCK_STATES, state, language)


def format_due(value: dt.datetime | None) -> str:
    """China time in the interface language (deadlines are computed in China time)."""
    return format_time(value)


# --- deadline badges: a symbol AND words, never colour alone ----------------------------------

ON_TIME_MARK = "◷"
WARNING_MARK = "⚠"
OVERDUE_MARK = "✖"  # ⛔ is missing from common Linux fonts (DejaVu, WenQuanYi)
DONE_MARK = "✓"


def span_text(delta: dt.timedelta) -> str:
    """A coarse, rounded-down duration: minutes under an hour, hours under a day, then days."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return QCoreApplication.translate("CaseLabels", "%1 min").replace("%1", str(minutes))
    if minutes < 24 * 60:
        return QCoreApplication.translate("CaseLabels", "%1 h").replace("%1", str(minutes // 60))
    return QCoreApplication.translate("CaseLabels", "%1 d").replace("%1", str(minutes // (24 * 60)))


def badge_state(flag: SlaFlag, due_at: dt.datetime | None, now: dt.datetime) -> SlaFlag:
    """The flag as loaded, except that a deadline passed since then counts as overdue now."""
    if flag is SlaFlag.NONE or due_at is None:
        return SlaFlag.NONE if due_at is None else flag
    if due_at <= now:
        return SlaFlag.OVERDUE
    return flag


def badge_text(flag: SlaFlag, due_at: dt.datetime | None, now: dt.datetime) -> str:
    """ "⚠ 2 h left", "✖ overdue 1 d", "✓" (nothing pending)."""
    state = badge_state(flag, due_at, now)
    if state is SlaFlag.NONE or due_at is None:
        return DONE_MARK
    if state is SlaFlag.OVERDUE:
        late = max(dt.timedelta(0), now - due_at)
        text = QCoreApplication.translate("CaseLabels", "overdue %1").replace("%1", span_text(late))
        return f"{OVERDUE_MARK} {text}"
    left = QCoreApplication.translate("CaseLabels", "%1 left").replace("%1", span_text(due_at - now))
    return f"{WARNING_MARK if state is SlaFlag.WARNING else ON_TIME_MARK} {left}"


def sla_flag_label(flag: SlaFlag) -> str:
    return {
        SlaFlag.ON_TIME: QCoreApplication.translate("CaseLabels", "On time"),
        SlaFlag.WARNING: QCoreApplication.translate("CaseLabels", "Due soon"),
        SlaFlag.OVERDUE: QCoreApplication.translate("CaseLabels", "Overdue"),
        SlaFlag.NONE: QCoreApplication.translate("CaseLabels", "Nothing pending"),
    }.get(flag, str(flag))
