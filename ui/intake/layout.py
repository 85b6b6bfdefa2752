"""Lays out the intake form: the main path (classification, facts, request) left, details right."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ui.intake.form import IntakeForm


def _caption(form: IntakeForm, key: str, text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("caption", text)
    form.captions[key] = label
    return label


def _row(form: IntakeForm, layout: QFormLayout, key: str, text: str, widget: QWidget) -> None:
    layout.addRow(_caption(form, key, text), widget)
    if key in form.errors:
        layout.addRow("", form.errors[key])
    form.form_layouts[key] = layout


def build_layout(form: IntakeForm) -> None:
    """Captions carry their plain text in a property; the form adds " *" where the kind requires it."""
    main = QFormLayout()
    main.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    _row(form, main, "kind", QCoreApplication.translate("IntakeForm", "Kind"), form.kind_combo)
    _row(form, main, "channel", QCoreApplication.translate("IntakeForm", "Channel"), form.channel_combo)
    _row(
        form,
        main,
        "category_code",
        QCoreApplication.translate("IntakeForm", "Category"),
        form.category_picker,
    )
    _row(
        form,
        main,
        "business_code",
        QCoreApplication.translate("IntakeForm", "Product / business"),
        form.business_picker,
    )
    _row(form, main, "severity", QCoreApplication.translate("IntakeForm", "Severity"), form.severity_combo)
    _row(form, main, "summary", QCoreApplication.translate("IntakeForm", "Summary"), form.summary_edit)
    _row(
        form,
        main,
        "description",
        QCoreApplication.translate("IntakeForm", "Facts and grounds"),
        form.description_edit,
    )
    _row(
        form,
        main,
        "desired_outcome",
        QCoreApplication.translate("IntakeForm", "Customer's request"),
        form.outcome_edit,
    )
    main_box = QGroupBox(QCoreApplication.translate("IntakeForm", "The case"))
    main_box.setLayout(main)

    details = QFormLayout()
    details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    _row(
        form,
        details,
        "products",
        QCoreApplication.translate("IntakeForm", "Products / accounts"),
        form.products_edit,
    )
    _row(
        form,
        details,
        "staff_complained_about",
        QCoreApplication.translate("IntakeForm", "Staff complained about"),
        form.staff_edit,
    )
    _row(
        form,
        details,
        "legal_representative",
        QCoreApplication.translate("IntakeForm", "Legal representative"),
        form.legal_edit,
    )
    details.addRow(form.received_check, form.received_edit)
    details.addRow("", form.errors["received_at"])
    agent_form = QFormLayout(form.agent_box)
    agent_form.addRow(QCoreApplication.translate("IntakeForm", "Name"), form.agent_name_edit)
    agent_form.addRow(QCoreApplication.translate("IntakeForm", "ID number"), form.agent_id_edit)
    agent_form.addRow(QCoreApplication.translate("IntakeForm", "Contact"), form.agent_contact_edit)
    agent_form.addRow(QCoreApplication.translate("IntakeForm", "Power of attorney"), form.agent_poa_edit)
    agent_form.addRow("", form.errors["agent"])
    details.addRow(form.agent_check)
    details.addRow(form.agent_box)
    details.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding))
    details_box = QGroupBox(QCoreApplication.translate("IntakeForm", "Details"))
    details_box.setLayout(details)

    customer_row = QHBoxLayout()
    customer_row.addWidget(
        _caption(form, "customer_id", QCoreApplication.translate("IntakeForm", "Customer"))
    )
    customer_row.addWidget(form.customer_box, 1)
    columns = QHBoxLayout()
    columns.addWidget(main_box, 3)
    columns.addWidget(details_box, 2)
    buttons = QHBoxLayout()
    buttons.addWidget(form.hint_label, 1)
    buttons.addWidget(form.discard_button)
    buttons.addWidget(form.save_button)

    layout = QVBoxLayout(form)
    layout.addLayout(customer_row)
    layout.addWidget(form.errors["customer_id"])
    layout.addLayout(columns, 1)
    layout.addWidget(form.general_error)
    layout.addLayout(buttons)

    order: list[QWidget] = [
        form.customer_box.find_button,
        form.customer_box.register_button,
        form.customer_box.clear_button,
        form.kind_combo,
        form.channel_combo,
        form.category_picker,
        form.business_picker,
        form.severity_combo,
        form.summary_edit,
        form.description_edit,
        form.outcome_edit,
        form.products_edit,
        form.staff_edit,
        form.legal_edit,
        form.received_check,
        form.received_edit,
        form.agent_check,
        form.agent_name_edit,
        form.agent_id_edit,
        form.agent_contact_edit,
        form.agent_poa_edit,
        form.save_button,
        form.discard_button,
    ]
    for first, second in itertools.pairwise(order):
        QWidget.setTabOrder(first, second)
