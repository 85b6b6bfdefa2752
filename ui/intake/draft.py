"""The intake form's values as a CaseDraft, and emptying the form for the next case."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from app.case_domain import AgentDetails, CaseDraft, DuplicateDecision
from app.domain import CaseKind, Channel, Severity

if TYPE_CHECKING:
    from ui.intake.form import IntakeForm


def draft_from(
    form: IntakeForm, decision: DuplicateDecision | None = None, duplicate_of: str | None = None
) -> CaseDraft:
    agent = None
    if form.agent_check.isChecked():
        agent = AgentDetails(
            name=form.agent_name_edit.text().strip(),
            id_number=form.agent_id_edit.text().strip(),
            contact=form.agent_contact_edit.text().strip(),
            power_of_attorney=form.agent_poa_edit.text().strip(),
        )
    received: dt.datetime | None = None
    if form.received_check.isChecked():
        received = dt.datetime.fromtimestamp(form.received_edit.dateTime().toSecsSinceEpoch(), dt.UTC)
    return CaseDraft(
        customer_id=form.customer_box.customer_id,
        channel=Channel(form.channel_combo.currentData()),
        kind=CaseKind(form.kind_combo.currentData()),
        category_code=form.category_picker.code(),
        # text that names no business category goes as typed, so the check calls it unknown, not missing
        business_code=form.business_picker.code() or form.business_picker.currentText().strip(),
        severity=Severity(form.severity_combo.currentData()),
        summary=form.summary_edit.text(),
        description=form.description_edit.toPlainText(),
        desired_outcome=form.outcome_edit.toPlainText(),
        products=form.products_edit.text(),
        staff_complained_about=form.staff_edit.text(),
        agent=agent,
        legal_representative=form.legal_edit.text() if form.customer_box.is_organisation else "",
        received_at=received,
        duplicate_decision=decision,
        duplicate_of=duplicate_of,
    )


def form_is_empty(form: IntakeForm) -> bool:
    texts = (
        form.summary_edit.text(),
        form.description_edit.toPlainText(),
        form.outcome_edit.toPlainText(),
        form.products_edit.text(),
        form.staff_edit.text(),
        form.legal_edit.text(),
        form.agent_name_edit.text(),
        form.agent_id_edit.text(),
        form.agent_contact_edit.text(),
        form.agent_poa_edit.text(),
        form.category_picker.currentText(),
        form.business_picker.currentText(),
    )
    return not any(text.strip() for text in texts)


def clear_form(form: IntakeForm) -> None:
    """Empty the case fields, but not the customer."""
    for edit in (
        form.summary_edit,
        form.products_edit,
        form.staff_edit,
        form.legal_edit,
        form.agent_name_edit,
        form.agent_id_edit,
        form.agent_contact_edit,
        form.agent_poa_edit,
    ):
        edit.clear()
    form.description_edit.clear()
    form.outcome_edit.clear()
    form.category_picker.clear_choice()
    form.business_picker.clear_choice()
    form.agent_check.setChecked(False)
    form.received_check.setChecked(False)
    form.severity_combo.setCurrentIndex(0)
