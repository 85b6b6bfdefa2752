"""Names of the supervision figures, shared by the dashboard, the PDF and the spreadsheet, in any language."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.domain import ComplaintType
from app.taxonomy import Taxonomy
from ui.cases.labels import translate_in
from ui.formatting import format_number, format_percent

CONTEXT = "Report"
TEXTS = {
    "title": QT_TRANSLATE_NOOP("Report", "Service-quality report"),
    "branch": QT_TRANSLATE_NOOP("Report", "Branch"),
    "all_branches": QT_TRANSLATE_NOOP("Report", "All branches"),
    "period": QT_TRANSLATE_NOOP("Report", "Period"),
    "staff": QT_TRANSLATE_NOOP("Report", "Staff member"),
    "everyone": QT_TRANSLATE_NOOP("Report", "Everyone"),
    "unknown_staff": QT_TRANSLATE_NOOP("Report", "Unknown staff member (…%1)"),
    "as_of": QT_TRANSLATE_NOOP("Report", "Figures as of (China time)"),
    "open": QT_TRANSLATE_NOOP("Report", "Open cases"),
    "due_today": QT_TRANSLATE_NOOP("Report", "Due today"),
    "warning": QT_TRANSLATE_NOOP("Report", "In warning"),
    "overdue": QT_TRANSLATE_NOOP("Report", "Overdue"),
    "received": QT_TRANSLATE_NOOP("Report", "Cases received"),
    "resolved": QT_TRANSLATE_NOOP("Report", "Resolved"),
    "reopen_rate": QT_TRANSLATE_NOOP("Report", "Reopen rate"),
    "first_response": QT_TRANSLATE_NOOP("Report", "Median first response"),
    "resolution_time": QT_TRANSLATE_NOOP("Report", "Median resolution time"),
    "callback_rate": QT_TRANSLATE_NOOP("Report", "Callback rate (complaints)"),
    "satisfaction": QT_TRANSLATE_NOOP("Report", "Satisfaction (target 90%)"),
    "nps": QT_TRANSLATE_NOOP("Report", "NPS"),
    "minutes": QT_TRANSLATE_NOOP("Report", "%1 min"),
    "hours": QT_TRANSLATE_NOOP("Report", "%1 h"),
    "none": QT_TRANSLATE_NOOP("Report", "—"),
    "now": QT_TRANSLATE_NOOP("Report", "Right now"),
    "in_period": QT_TRANSLATE_NOOP("Report", "Cases received in the period"),
    "on_time": QT_TRANSLATE_NOOP("Report", "On-time rate per deadline"),
    "clock": QT_TRANSLATE_NOOP("Report", "Deadline"),
    "met": QT_TRANSLATE_NOOP("Report", "Met"),
    "late": QT_TRANSLATE_NOOP("Report", "Met late"),
    "breached": QT_TRANSLATE_NOOP("Report", "Past due"),
    "rate": QT_TRANSLATE_NOOP("Report", "On time"),
    "rates": QT_TRANSLATE_NOOP("Report", "Rates (%) against the 90% target"),
    "target": QT_TRANSLATE_NOOP("Report", "Target 90%"),
    "by_category": QT_TRANSLATE_NOOP("Report", "By category (JR/T 0169 cause)"),
    "by_channel": QT_TRANSLATE_NOOP("Report", "By channel"),
    "by_type": QT_TRANSLATE_NOOP("Report", "By type (service, product, system, policy)"),
    "by_business": QT_TRANSLATE_NOOP("Report", "By product (JR/T 0169 business category)"),
    "not_classified": QT_TRANSLATE_NOOP("Report", "Not classified"),
    "by_staff": QT_TRANSLATE_NOOP("Report", "By staff member"),
    "trend_weekly": QT_TRANSLATE_NOOP("Report", "Cases per week"),
    "trend_monthly": QT_TRANSLATE_NOOP("Report", "Cases per month"),
    "hot_spots": QT_TRANSLATE_NOOP("Report", "Hot spots: categories rising against the previous period"),
    "no_hot_spots": QT_TRANSLATE_NOOP("Report", "No category rose against the previous period."),
    "previous": QT_TRANSLATE_NOOP("Report", "Previous period"),
    "current": QT_TRANSLATE_NOOP("Report", "This period"),
    "change": QT_TRANSLATE_NOOP("Report", "Change"),
    "count": QT_TRANSLATE_NOOP("Report", "Cases"),
    "attention": QT_TRANSLATE_NOOP("Report", "Overdue and reopened cases"),
    "no_attention": QT_TRANSLATE_NOOP("Report", "None."),
    "number": QT_TRANSLATE_NOOP("Report", "Case number"),
    "received_at": QT_TRANSLATE_NOOP("Report", "Received (China time)"),
    "kind": QT_TRANSLATE_NOOP("Report", "Kind"),
    "channel": QT_TRANSLATE_NOOP("Report", "Channel"),
    "category_code": QT_TRANSLATE_NOOP("Report", "Category code"),
    "category": QT_TRANSLATE_NOOP("Report", "Category"),
    "business_code": QT_TRANSLATE_NOOP("Report", "Business code"),
    "business": QT_TRANSLATE_NOOP("Report", "Product / business"),
    "severity": QT_TRANSLATE_NOOP("Report", "Severity"),
    "status": QT_TRANSLATE_NOOP("Report", "Status"),
    "owner": QT_TRANSLATE_NOOP("Report", "Owner"),
    "department": QT_TRANSLATE_NOOP("Report", "Department"),
    "customer": QT_TRANSLATE_NOOP("Report", "Customer (masked)"),
    "next_deadline": QT_TRANSLATE_NOOP("Report", "Next deadline"),
    "due_at": QT_TRANSLATE_NOOP("Report", "Due (China time)"),
    "is_overdue": QT_TRANSLATE_NOOP("Report", "Overdue now"),
    "reopened": QT_TRANSLATE_NOOP("Report", "Times reopened"),
    "escalated": QT_TRANSLATE_NOOP("Report", "Escalated"),
    "response_minutes": QT_TRANSLATE_NOOP("Report", "First response (min)"),
    "resolution_hours": QT_TRANSLATE_NOOP("Report", "Resolution (h)"),
    "score": QT_TRANSLATE_NOOP("Report", "Satisfaction (1-5)"),
    "yes": QT_TRANSLATE_NOOP("Report", "yes"),
    "no": QT_TRANSLATE_NOOP("Report", "no"),
    "cases_sheet": QT_TRANSLATE_NOOP("Report", "Cases"),
    "figures_sheet": QT_TRANSLATE_NOOP("Report", "Figures"),
    "figure": QT_TRANSLATE_NOOP("Report", "Figure"),
    "value": QT_TRANSLATE_NOOP("Report", "Value"),
    "file_prefix": QT_TRANSLATE_NOOP("Report", "service-quality"),
    "masked_note": QT_TRANSLATE_NOOP(
        "Report", "Customer names are masked; the case texts are not part of this report."
    ),
    "definitions": QT_TRANSLATE_NOOP(
        "Report",
        "Period figures cover the cases received in the period. On time: deadlines met by their due "
        "time, out of those met or past due. Satisfaction: latest reached callback per case scoring 4 or "
        "5 of 5; NPS: share scoring 5 minus share scoring 1-3.",
    ),
}
TYPES = {
    ComplaintType.SERVICE: QT_TRANSLATE_NOOP("Report", "Service"),
    ComplaintType.PRODUCT: QT_TRANSLATE_NOOP("Report", "Product"),
    ComplaintType.SYSTEM: QT_TRANSLATE_NOOP("Report", "System"),
    ComplaintType.POLICY: QT_TRANSLATE_NOOP("Report", "Policy"),
}


def text(key: str, language: str | None = None) -> str:
    return translate_in(language, CONTEXT, TEXTS[key])


def type_label(value: str, language: str | None = None) -> str:
    source = TYPES.get(value)  # type: ignore[call-overload]
    return translate_in(language, CONTEXT, source) if source else value


def category_name(taxonomy: Taxonomy | None, code: str, language: str) -> str:
    """'C0101 服务态度' — the code first, as the regulator's statistics list them."""
    if taxonomy is None or code not in taxonomy:
        return code
    return f"{code} {taxonomy.get(code).label(language)}"


def business_name(taxonomy: Taxonomy | None, code: str, language: str) -> str:
    """'B03 银行卡' as category_name does; a case taken without a business category is "not classified"."""
    return category_name(taxonomy, code, language) if code else text("not_classified", language)


_BARE_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


def staff_name(staff_id: str, display_name: str, language: str | None = None) -> str:
    """A staff member as colleagues know them: the display name. An account this store does not know
    shows its username, or for a bare id a placeholder with its last characters to tell them apart."""
    if display_name:
        return display_name
    if staff_id and not _BARE_ID.match(staff_id):
        return staff_id
    return text("unknown_staff", language).replace("%1", staff_id[-4:])


def percent(value: float | None, language: str | None = None) -> str:
    return text("none", language) if value is None else format_percent(value, 1, language)


def minutes_text(value: float | None, language: str | None = None) -> str:
    if value is None:
        return text("none", language)
    if value >= 120:
        return text("hours", language).replace("%1", format_number(value / 60, 1, language))
    return text("minutes", language).replace("%1", format_number(value, 0, language))


def hours_text(value: float | None, language: str | None = None) -> str:
    if value is None:
        return text("none", language)
    return text("hours", language).replace("%1", format_number(value, 1, language))
