"""Readable text for timeline entries: the event's free text and its recorded facts."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.case_domain import TimelineEntry
from app.domain import CaseEventKind, CaseStatus, CustomerOption, RemedyKind
from ui.cases.labels import option_label, remedy_label, status_label


def _structured(text: str) -> dict[str, Any]:
    """Some events keep several texts as a JSON object (remedy, answer, appraisal pause)."""
    if not text.startswith("{"):
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _yes_no(value: object) -> str:
    return (
        QCoreApplication.translate("Timeline", "yes")
        if value
        else QCoreApplication.translate("Timeline", "no")
    )


def entry_text(entry: TimelineEntry, department_label: Callable[[str], str]) -> str:
    """One line (or a few) that says what happened; unknown facts are shown as recorded."""
    data = dict(entry.data)
    text = entry.text
    parts: list[str] = []
    kind = entry.kind
    if entry.status_to is not None and kind in (CaseEventKind.STATUS, CaseEventKind.REOPENED):
        parts.append(
            QCoreApplication.translate("Timeline", "→ %1").replace(
                "%1", status_label(CaseStatus(entry.status_to))
            )
        )
    if kind is CaseEventKind.NOTE:
        if data.get("customer_contact"):
            parts.append(QCoreApplication.translate("Timeline", "[customer contacted]"))
        if data.get("department_reply"):
            parts.append(QCoreApplication.translate("Timeline", "[department reply]"))
    elif kind is CaseEventKind.TRANSFERRED:
        parts.append(
            QCoreApplication.translate("Timeline", "to %1, owner %2")
            .replace("%1", department_label(str(data.get("department", ""))))
            .replace("%2", str(data.get("owner", "")))
        )
    elif kind is CaseEventKind.EXTENDED:
        parts.append(
            QCoreApplication.translate("Timeline", "decision period %1 days, approved by %2")
            .replace("%1", str(data.get("to_days", "")))
            .replace("%2", str(data.get("approved_by", "")) or "—")
        )
    elif kind is CaseEventKind.CALLBACK:
        if data.get("reached"):
            parts.append(
                QCoreApplication.translate("Timeline", "reached; accepts the result: %1; satisfaction %2/5")
                .replace("%1", _yes_no(data.get("accepts_result")))
                .replace("%2", str(data.get("satisfaction", "")))
            )
        else:
            parts.append(QCoreApplication.translate("Timeline", "not reached"))
    elif kind is CaseEventKind.REMEDY:
        remedy = data.get("remedy")
        if remedy in {r.value for r in RemedyKind}:
            parts.append(remedy_label(RemedyKind(remedy)))
        facts = _structured(text)
        if facts:
            text = str(facts.get("details", ""))
            if facts.get("amount"):
                parts.append(
                    QCoreApplication.translate("Timeline", "amount %1").replace("%1", str(facts["amount"]))
                )
    elif kind is CaseEventKind.ANSWER:
        facts = _structured(text)
        if facts:
            text = "\n".join(
                line
                for line in (
                    QCoreApplication.translate("Timeline", "Verification result: %1").replace(
                        "%1", str(facts.get("verification_result", ""))
                    ),
                    QCoreApplication.translate("Timeline", "Basis and reasons: %1").replace(
                        "%1", str(facts.get("basis_and_reasons", ""))
                    ),
                    QCoreApplication.translate("Timeline", "Remedies: %1").replace(
                        "%1", str(facts.get("remedies", ""))
                    )
                    if facts.get("remedies")
                    else "",
                )
                if line
            )
        options = [o for o in data.get("options", []) if o in {c.value for c in CustomerOption}]
        if options:
            labels = QCoreApplication.translate("Timeline", ", ").join(
                option_label(CustomerOption(o)) for o in options
            )
            parts.append(QCoreApplication.translate("Timeline", "options: %1").replace("%1", labels))
    elif kind is CaseEventKind.PAUSED:
        facts = _structured(text)
        if facts:
            text = (
                QCoreApplication.translate("Timeline", "Reason: %1").replace(
                    "%1", str(facts.get("reason", ""))
                )
                + "\n"
                + QCoreApplication.translate("Timeline", "Notice to the customer: %1").replace(
                    "%1", str(facts.get("notice", ""))
                )
            )
    head = " ".join(parts)
    if head and text:
        return f"{head}: {text}" if "\n" not in text else f"{head}\n{text}"
    return head or text
