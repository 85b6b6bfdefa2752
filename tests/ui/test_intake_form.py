"""The intake form: required complaint fields, inline messages, duplicates, discarding a draft."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.case_domain import CaseFilter
from app.context import ServiceContext
from app.domain import CaseEventKind, CaseKind
from app.messages import Message
from app.services.cases import count_cases, get_case
from app.store import OpenedStore
from tests.ui.conftest import activate, type_chinese, wait_idle
from tests.ui.test_case_support import (
    CATEGORY,
    complaint,
    ctx,  # noqa: F401 - the fixed-clock context fixture
    make_case,
)
from ui.cases.reference import CaseReference
from ui.events import AppEvents
from ui.i18n import current_language
from ui.intake.form import IntakeForm
from ui.ops import OpRunner
from ui.receipt.dialog import ReceiptPresenter

ALL_CASES = CaseFilter(branch_only=False)
BUSINESS = "B030102"  # debit card fees and loss reporting


@pytest.fixture
def form(qtbot: QtBot, runner: OpRunner, events: AppEvents) -> Iterator[IntakeForm]:
    reference = CaseReference(runner)
    view = IntakeForm(runner, events, reference)
    presenter = ReceiptPresenter(runner, reference, view)
    view.receipt_wanted.connect(presenter.show_for)
    view.presenter = presenter  # type: ignore[attr-defined]
    qtbot.addWidget(view)
    view.activate()
    view.resize(1200, 760)
    view.show()
    activate(qtbot, view)
    wait_idle(qtbot, runner)
    yield view
    if presenter.dialog is not None:
        presenter.dialog.close()


def _count(store: OpenedStore, ctx: ServiceContext) -> int:  # noqa: F811
    with store.transaction() as session:
        return count_cases(session, ctx, ALL_CASES)


def _required() -> str:
    return Message("required").render(current_language())


def test_required_complaint_fields_get_inline_messages_and_nothing_is_saved(
    qtbot: QtBot,
    form: IntakeForm,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,  # noqa: F811
) -> None:
    assert form.kind_combo.currentData() == CaseKind.COMPLAINT
    assert form.captions["description"].text().endswith("*")  # marked as required for complaints

    # leaving a required field empty names the problem under it at once
    form.summary_edit.setFocus()
    qtbot.keyClick(form.summary_edit, Qt.Key.Key_Tab)
    assert form.field_error("summary") == _required()
    assert form.field_error("description") == ""  # untouched fields stay quiet

    qtbot.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, runner)
    assert form.field_error("customer_id") == Message("case_needs_customer").render(current_language())
    assert form.field_error("category_code") == Message("unknown_category").render(current_language())
    assert form.captions["business_code"].text().endswith("*")  # the product, asked of complaints
    for key in ("summary", "description", "desired_outcome", "business_code"):
        assert form.field_error(key) == _required(), key
    assert runner.pending == 0 and _count(store, ctx) == 0

    # typing clears a field's message; an inquiry needs neither facts nor request
    qtbot.keyClicks(form.summary_edit, "Question about card fees")
    assert form.field_error("summary") == ""
    form.kind_combo.setCurrentIndex(form.kind_combo.findData(CaseKind.INQUIRY))
    assert not form.captions["description"].text().endswith("*")
    assert not form.captions["business_code"].text().endswith("*")
    form.category_picker.setFocus()
    qtbot.keyClicks(form.category_picker.lineEdit(), "C0701")
    form.save()
    wait_idle(qtbot, runner)
    assert _count(store, ctx) == 1
    assert form.is_empty()


def test_an_unknown_category_and_an_incomplete_agent_are_named(
    qtbot: QtBot, form: IntakeForm, known_customer: str, runner: OpRunner
) -> None:
    form.set_customer(known_customer)
    wait_idle(qtbot, runner)
    qtbot.keyClicks(form.category_picker.lineEdit(), "ZZ99")
    type_chinese(form.summary_edit, "柜员态度恶劣")
    form.description_edit.setPlainText("Facts")
    form.outcome_edit.setPlainText("Apology")
    form.agent_check.setChecked(True)
    qtbot.keyClicks(form.agent_name_edit, "Li Si")
    form.save()
    wait_idle(qtbot, runner)
    language = current_language()
    assert form.field_error("category_code") == Message("unknown_category").render(language)
    assert form.field_error("agent") == Message("agent_incomplete").render(language)
    assert form.field_error("summary") == ""


def test_a_complaint_names_its_product_by_code_or_words_and_the_case_keeps_it(
    qtbot: QtBot,
    form: IntakeForm,
    known_customer: str,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,  # noqa: F811
) -> None:
    form.set_customer(known_customer)
    wait_idle(qtbot, runner)
    qtbot.keyClicks(form.category_picker.lineEdit(), CATEGORY)
    qtbot.keyClicks(form.business_picker.lineEdit(), "ZZ99")
    qtbot.keyClicks(form.summary_edit, "Card fee charged twice")
    form.description_edit.setPlainText("The annual fee was deducted twice.")
    form.outcome_edit.setPlainText("Refund the second fee.")
    form.save()
    wait_idle(qtbot, runner)
    assert form.field_error("business_code") == Message("unknown_business").render(current_language())
    assert _count(store, ctx) == 0
    form.business_picker.clear_choice()
    words = form.business_picker.itemText(form.business_picker.findData(BUSINESS)).split(" / ")[-1]
    type_chinese(form.business_picker.lineEdit(), words)  # words of the label find the one match
    assert form.field_error("business_code") == ""
    assert form.business_picker.code() == BUSINESS
    with qtbot.waitSignal(form.case_submitted, timeout=5000) as submitted:
        form.save()
    wait_idle(qtbot, runner)
    with store.transaction() as session:
        assert get_case(session, ctx, submitted.args[0].id).business_code == BUSINESS
    assert form.is_empty() and form.business_picker.code() == ""


def test_the_duplicate_dialog_merges_a_repeat_complaint_into_the_open_case(
    qtbot: QtBot,
    form: IntakeForm,
    known_customer: str,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,  # noqa: F811
) -> None:
    first = make_case(store, ctx, complaint(known_customer))
    form.set_customer(known_customer)
    wait_idle(qtbot, runner)
    qtbot.keyClicks(form.category_picker.lineEdit(), CATEGORY)
    qtbot.keyClicks(form.business_picker.lineEdit(), BUSINESS)
    qtbot.keyClicks(form.summary_edit, "Rude again at window 3")
    form.description_edit.setPlainText("Same teller, same fee, no explanation.")
    form.outcome_edit.setPlainText("An apology.")
    form.save()
    qtbot.waitUntil(lambda: form.duplicate_dialog is not None and form.duplicate_dialog.isVisible())
    dialog = form.duplicate_dialog
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == first.number
    assert dialog.merge_radio.isChecked()  # the default: same complaint, no new facts
    with qtbot.waitSignal(form.case_submitted, timeout=5000) as submitted:
        dialog.ok_button.click()
    wait_idle(qtbot, runner)

    assert submitted.args[0].id == first.id  # recorded on the open case
    assert _count(store, ctx) == 1
    with store.transaction() as session:
        detail = get_case(session, ctx, first.id)
    merged = [entry for entry in detail.timeline if entry.kind is CaseEventKind.MERGED]
    assert len(merged) == 1 and "Rude again at window 3" in merged[0].text
    presenter = form.presenter  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: presenter.dialog is not None)
    assert presenter.dialog.receipt.case_number == first.number


def test_a_separate_decision_makes_a_second_case(
    qtbot: QtBot,
    form: IntakeForm,
    known_customer: str,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,  # noqa: F811
) -> None:
    make_case(store, ctx, complaint(known_customer))
    form.set_customer(known_customer)
    wait_idle(qtbot, runner)
    qtbot.keyClicks(form.category_picker.lineEdit(), CATEGORY)
    qtbot.keyClicks(form.business_picker.lineEdit(), BUSINESS)
    qtbot.keyClicks(form.summary_edit, "A different matter")
    form.description_edit.setPlainText("Another teller, another day.")
    form.outcome_edit.setPlainText("An apology.")
    form.save()
    qtbot.waitUntil(lambda: form.duplicate_dialog is not None)
    form.duplicate_dialog.separate_radio.setChecked(True)
    assert form.duplicate_dialog.target_id is None
    with qtbot.waitSignal(form.case_submitted, timeout=5000):
        form.duplicate_dialog.ok_button.click()
    wait_idle(qtbot, runner)
    assert _count(store, ctx) == 2


def test_esc_asks_before_discarding_a_draft(
    qtbot: QtBot, form: IntakeForm, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(choice: QMessageBox.StandardButton) -> object:
        def question(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
            asked.append(str(args[2]))
            return choice

        return question

    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert asked == []  # an empty form has nothing to lose

    form.summary_edit.setFocus()
    qtbot.keyClicks(form.summary_edit, "Lost card")
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(form.summary_edit, Qt.Key.Key_Escape)
    assert len(asked) == 1 and form.summary_edit.text() == "Lost card"

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    qtbot.keyClick(form.summary_edit, Qt.Key.Key_Escape)
    assert len(asked) == 2 and form.is_empty()
