"""Registering and editing a customer through the form, as counter staff do it."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.context import ServiceContext
from app.domain import CustomerField, Role
from app.messages import Message
from app.services.audit_log import recent_entries
from app.services.customers import get_customer, recent_customers
from app.store import OpenedStore
from tests.support.customers import KNOWN
from tests.ui.conftest import activate, type_chinese, wait_idle
from ui.customers.editor_dialog import CustomerEditorDialog
from ui.customers.panel import CustomerPanel
from ui.i18n import current_language
from ui.ops import OpRunner

WRONG_CHECK_DIGIT = "110105194912310021"  # KNOWN's number with a wrong last character


def _stored_count(store: OpenedStore, ctx: ServiceContext) -> int:
    with store.transaction() as session:
        return len(recent_customers(session, ctx))


def _leave(qtbot: QtBot, widget: object) -> None:
    """Finish editing a field the way staff do: press Tab to move on."""
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def _open_register_form(qtbot: QtBot, panel: CustomerPanel) -> CustomerEditorDialog:
    qtbot.mouseClick(panel.register_button, Qt.MouseButton.LeftButton)
    dialog = panel.editor
    assert dialog is not None
    activate(qtbot, dialog)
    return dialog


def test_wrong_check_digit_is_named_under_the_field_and_nothing_is_saved_until_fixed(
    qtbot: QtBot,
    panel: CustomerPanel,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,
) -> None:
    dialog = _open_register_form(qtbot, panel)
    type_chinese(dialog.name_edit, "张三丰")
    assert dialog.name_edit.text() == "张三丰"
    dialog.id_number_edit.setFocus()
    qtbot.keyClicks(dialog.id_number_edit, WRONG_CHECK_DIGIT)
    _leave(qtbot, dialog.id_number_edit)

    expected = Message("rid_checksum").render(current_language())
    assert dialog.field_error("id_number") == expected
    assert dialog.field_error("name") == ""  # untouched fields stay quiet

    qtbot.keyClicks(dialog.mobile_edit, "13912345678")
    qtbot.keyClicks(dialog.address_edit, "Room 1201, 88 Jianguo Road")
    qtbot.mouseClick(dialog.consent_check, Qt.MouseButton.LeftButton)
    assert dialog.consent_check.isChecked()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runner)
    assert dialog.isVisible()  # not saved: the form stays open with the message
    assert dialog.field_error("id_number") == expected
    assert _stored_count(store, ctx) == 0

    dialog.id_number_edit.clear()
    qtbot.keyClicks(dialog.id_number_edit, KNOWN.id_number)
    assert dialog.field_error("id_number") == ""  # retyping clears the old message
    with qtbot.waitSignal(panel.detail_shown, timeout=5000) as shown:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runner)

    assert _stored_count(store, ctx) == 1
    assert panel.model.rowCount() == 1
    summary = panel.model.summary(0)
    assert summary is not None and shown.args == [summary.id]
    assert summary.masked_name.startswith("张") and "三丰" not in summary.masked_name
    assert panel.table.currentIndex().row() == 0  # the new customer is selected
    assert panel.detail_view.value_labels[CustomerField.NAME].text() == summary.masked_name


def test_missing_consent_and_bad_mobile_get_their_own_messages(
    qtbot: QtBot, panel: CustomerPanel, runner: OpRunner, store: OpenedStore, ctx: ServiceContext
) -> None:
    dialog = _open_register_form(qtbot, panel)
    type_chinese(dialog.name_edit, "李四")
    qtbot.keyClicks(dialog.id_number_edit, KNOWN.id_number)
    qtbot.keyClicks(dialog.mobile_edit, "23912345678")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    language = current_language()
    assert dialog.field_error("consent") == Message("consent_required").render(language)
    assert dialog.field_error("mobile") != ""
    assert dialog.field_error("id_number") == ""
    assert runner.pending == 0 and _stored_count(store, ctx) == 0


def test_duplicate_id_number_from_the_service_is_shown_under_the_field(
    qtbot: QtBot, known_customer: str, panel: CustomerPanel, runner: OpRunner
) -> None:
    dialog = _open_register_form(qtbot, panel)
    type_chinese(dialog.name_edit, "王五")
    qtbot.keyClicks(dialog.id_number_edit, KNOWN.id_number)
    qtbot.keyClicks(dialog.mobile_edit, "13812345678")
    dialog.consent_check.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runner)

    assert dialog.isVisible()
    assert dialog.field_error("id_number") == Message("duplicate_id").render(current_language())


def test_edit_requires_a_reason_and_records_it_in_the_history(
    qtbot: QtBot,
    known_customer: str,
    panel: CustomerPanel,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,
) -> None:
    panel.table.selectRow(panel.model.row_of(known_customer))
    wait_idle(qtbot, runner)
    assert panel.edit_button.isEnabled()
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.editor is not None)
    wait_idle(qtbot, runner)
    dialog = panel.editor
    assert dialog is not None
    activate(qtbot, dialog)
    assert dialog.id_number_edit.text() == KNOWN.id_number  # loaded through load_for_edit

    dialog.mobile_edit.clear()
    qtbot.keyClicks(dialog.mobile_edit, "13800138000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runner)
    assert dialog.isVisible()
    assert dialog.field_error("reason") != ""

    qtbot.keyClicks(dialog.reason_edit, "customer changed phone")
    with qtbot.waitSignal(panel.detail_shown, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runner)

    with store.transaction() as session:
        detail = get_customer(session, ctx, known_customer)
    assert detail.masked[CustomerField.MOBILE] == "138****8000"
    assert panel.detail_view.value_labels[CustomerField.MOBILE].text() == "138****8000"
    history = panel.detail_view.history_table
    reasons = [history.item(row, 4).text() for row in range(history.rowCount())]
    assert "customer changed phone" in reasons


def test_an_edit_in_search_mode_updates_the_row_without_searching_again(
    qtbot: QtBot,
    known_customer: str,
    panel: CustomerPanel,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,
) -> None:
    panel.search_edit.setText(KNOWN.id_number)
    panel.search()
    wait_idle(qtbot, runner)
    assert panel.detail_view.customer_id == known_customer
    panel.edit_current()
    qtbot.waitUntil(lambda: panel.editor is not None)
    dialog = panel.editor
    assert dialog is not None
    dialog.mobile_edit.setText("13800138000")
    dialog.reason_edit.setText("customer changed phone")
    dialog.save()
    qtbot.waitUntil(lambda: panel.model.summary(0).masked_mobile == "138****8000", timeout=5000)
    wait_idle(qtbot, runner)

    supervisor = dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, role=Role.SUPERVISOR))
    with store.transaction() as session:
        actions = [entry.action for entry in recent_entries(session, supervisor, limit=50)]
    assert actions.count("customer.search") == 1
    assert actions.count("customer.update") == 1
