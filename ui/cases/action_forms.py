"""The case action dialogs: which inputs each action takes and which service call it makes."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from app.case_domain import CaseDetail, RemedyDraft
from app.domain import CaseStatus, RemedyKind
from ui.cases.action_dialog import ActionDialog, LocalProblem, line_edit, ref_of, text_edit
from ui.cases.labels import remedy_label, status_label
from ui.cases.reference import CaseReference
from ui.i18n import current_language
from ui.ops import OpRunner
from ui.services import case_actions as actions

EXTENSION_DAYS = (30, 60)
# Statuses with an action of their own: closing (callback rules) and the callback itself.
OWN_ACTION_STATUSES = frozenset({CaseStatus.CLOSED, CaseStatus.CALLED_BACK})


def note_dialog(runner: OpRunner, detail: CaseDetail, parent: QWidget) -> ActionDialog:
    dialog = ActionDialog(
        runner,
        ref_of(detail),
        QCoreApplication.translate("CaseActions", "Add note"),
        ok_text=QCoreApplication.translate("CaseActions", "Add note"),
        parent=parent,
    )
    dialog.add_row("text", QCoreApplication.translate("CaseActions", "Note"), text_edit(4), required=True)
    dialog.add_row(
        "customer_contact",
        "",
        QCheckBox(QCoreApplication.translate("CaseActions", "The customer was contacted")),
    )
    dialog.add_row(
        "department_reply",
        "",
        QCheckBox(QCoreApplication.translate("CaseActions", "The handling department replied")),
    )
    return dialog.run(
        actions.add_note,
        lambda: (dialog.value("text"), dialog.value("customer_contact"), dialog.value("department_reply")),
    )


def status_choices(detail: CaseDetail) -> list[CaseStatus]:
    return [status for status in detail.allowed if status not in OWN_ACTION_STATUSES]


def status_dialog(runner: OpRunner, detail: CaseDetail, parent: QWidget) -> ActionDialog:
    dialog = ActionDialog(
        runner,
        ref_of(detail),
        QCoreApplication.translate("CaseActions", "Change status"),
        ok_text=QCoreApplication.translate("CaseActions", "Change status"),
        parent=parent,
    )
    combo = QComboBox()
    for status in status_choices(detail):
        combo.addItem(status_label(status), status)
    dialog.add_row("to", QCoreApplication.translate("CaseActions", "New status"), combo, required=True)
    dialog.add_row("note", QCoreApplication.translate("CaseActions", "Note"), text_edit(3))
    return dialog.run(actions.change_status, lambda: (CaseStatus(dialog.value("to")), dialog.value("note")))


def transfer_dialog(
    runner: OpRunner, detail: CaseDetail, reference: CaseReference, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(
        runner,
        ref_of(detail),
        QCoreApplication.translate("CaseActions", "Transfer case"),
        QCoreApplication.translate(
            "CaseActions", "The first handler stays accountable; the transfer is kept in the timeline."
        ),
        QCoreApplication.translate("CaseActions", "Transfer"),
        parent,
    )
    combo = QComboBox()
    language = current_language()
    for department in reference.departments():
        combo.addItem(f"{department.label(language)} ({department.code})", department.code)
    current = combo.findData(detail.department)
    if current >= 0 and combo.count() > 1:
        combo.setCurrentIndex(current + 1 if current + 1 < combo.count() else 0)
    dialog.add_row(
        "department", QCoreApplication.translate("CaseActions", "Department"), combo, required=True
    )
    dialog.add_row(
        "owner",
        QCoreApplication.translate("CaseActions", "Owner (staff ID)"),
        line_edit(QCoreApplication.translate("CaseActions", "The named person who handles it"), 64),
        True,
    )
    dialog.add_row("reason", QCoreApplication.translate("CaseActions", "Reason"), line_edit(), required=True)
    return dialog.run(
        actions.transfer_case,
        lambda: (dialog.value("department") or "", dialog.value("owner"), dialog.value("reason")),
    )


def escalate_dialog(runner: OpRunner, detail: CaseDetail, parent: QWidget) -> ActionDialog:
    dialog = ActionDialog(
        runner,
        ref_of(detail),
        QCoreApplication.translate("CaseActions", "Escalate case"),
        ok_text=QCoreApplication.translate("CaseActions", "Escalate"),
        parent=parent,
    )
    dialog.add_row("reason", QCoreApplication.translate("CaseActions", "Reason"), line_edit(), required=True)
    return dialog.run(actions.escalate_case, lambda: (dialog.value("reason"),))


def extend_dialog(runner: OpRunner, detail: CaseDetail, parent: QWidget) -> ActionDialog:
    dialog = ActionDialog(
        runner,
        ref_of(detail),
        QCoreApplication.translate("CaseActions", "Extend the decision period"),
        QCoreApplication.translate(
            "CaseActions",
            "Complex complaints: 30 days. Up to 60 days only with a senior manager's approval "
            "and a notice to the complainant. Now: %1 days.",
        ).replace("%1", str(detail.decision_days)),
        QCoreApplication.translate("CaseActions", "Extend"),
        parent,
    )
    combo = QComboBox()
    for days in EXTENSION_DAYS:
        if days > detail.decision_days:
            combo.addItem(QCoreApplication.translate("CaseActions", "%1 days").replace("%1", str(days)), days)
    dialog.add_row("to_days", QCoreApplication.translate("CaseActions", "Extend to"), combo, required=True)
    dialog.add_row(
        "approved_by",
        QCoreApplication.translate("CaseActions", "Approved by (staff ID)"),
        line_edit(max_length=64),
    )
    dialog.add_row(
        "notice", QCoreApplication.translate("CaseActions", "Notice to the complainant"), text_edit(3)
    )
    return dialog.run(
        actions.extend_decision_period,
        lambda: (int(dialog.value("to_days") or 0), dialog.value("approved_by"), dialog.value("notice")),
    )


def pause_dialog(runner: OpRunner, detail: CaseDetail, parent: QWidget) -> ActionDialog:
    dialog = ActionDialog(
        runner,
        ref_of(detail),
        QCoreApplication.translate("CaseActions", "Pause for external appraisal"),
        QCoreApplication.translate(
            "CaseActions",
            "Appraisal, testing or valuation time is not counted; the complainant must be told.",
        ),
        QCoreApplication.translate("CaseActions", "Pause"),
        parent,
    )
    dialog.add_row("reason", QCoreApplication.translate("CaseActions", "Reason"), line_edit(), required=True)
    dialog.add_row(
        "notice",
        QCoreApplication.translate("CaseActions", "Notice to the complainant"),
        text_edit(3),
        required=True,
    )
    return dialog.run(actions.pause_for_appraisal, lambda: (dialog.value("reason"), dialog.value("notice")))


def resume_dialog(runner: OpRunner, detail: CaseDetail, parent: QWidget) -> ActionDialog:
    dialog = ActionDialog(
        runner,
        ref_of(detail),
        QCoreApplication.translate("CaseActions", "Resume after appraisal"),
        ok_text=QCoreApplication.translate("CaseActions", "Resume"),
        parent=parent,
    )
    dialog.add_row("note", QCoreApplication.translate("CaseActions", "Note"), text_edit(3))
    return dialog.run(actions.resume_after_appraisal, lambda: (dialog.value("note"),))


def parse_amount(text: str) -> Decimal | None:
    text = text.strip().replace(",", "").replace("，", "").removeprefix("¥").removeprefix("￥")
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise LocalProblem(
            "amount", QCoreApplication.translate("CaseActions", "Enter an amount in yuan, e.g. 50 or 50.00.")
        ) from None
    if not amount.is_finite():
        raise LocalProblem(
            "amount", QCoreApplication.translate("CaseActions", "Enter an amount in yuan, e.g. 50 or 50.00.")
        )
    return amount


def remedy_dialog(runner: OpRunner, detail: CaseDetail, parent: QWidget) -> ActionDialog:
    dialog = ActionDialog(
        runner,
        ref_of(detail),
        QCoreApplication.translate("CaseActions", "Record remedy"),
        ok_text=QCoreApplication.translate("CaseActions", "Record"),
        parent=parent,
    )
    combo = QComboBox()
    for kind in RemedyKind:
        combo.addItem(remedy_label(kind), kind)
    dialog.add_row("kind", QCoreApplication.translate("CaseActions", "Remedy"), combo, required=True)
    dialog.add_row(
        "amount",
        QCoreApplication.translate("CaseActions", "Amount (yuan)"),
        line_edit(QCoreApplication.translate("CaseActions", "Compensation or waived fee, if any"), 20),
    )
    dialog.add_row(
        "details", QCoreApplication.translate("CaseActions", "Details"), text_edit(3), required=True
    )
    return dialog.run(
        actions.record_remedy,
        lambda: (
            RemedyDraft(
                kind=RemedyKind(dialog.value("kind")),
                amount=parse_amount(dialog.value("amount")),
                details=dialog.value("details"),
            ),
        ),
    )
