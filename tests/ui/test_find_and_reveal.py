"""Finding a customer by number, seeing masked values, revealing one for a logged reason."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.context import ServiceContext
from app.domain import CustomerField, Role
from app.errors import InvalidValue
from app.services.audit_log import recent_entries
from app.store import OpenedStore
from app.validation.search import recognise_search_term
from tests.conftest import make_settings
from tests.support.customers import KNOWN
from tests.support.memory_keyring import MemoryKeyring
from tests.ui.conftest import activate, wait_idle
from ui.customers.panel import CustomerPanel
from ui.errors import field_message
from ui.ops import OpRunner

REVEAL_SECONDS = 1


@pytest.fixture
def settings(tmp_path: Path, memory_keyring: MemoryKeyring) -> Settings:
    """Revealed values re-mask after one second here, so the test can watch it happen."""
    return make_settings(tmp_path, reveal_seconds=str(REVEAL_SECONDS))


def _search(qtbot: QtBot, panel: CustomerPanel, term: str) -> None:
    panel.search_edit.setFocus()
    panel.search_edit.clear()
    qtbot.keyClicks(panel.search_edit, term)
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)


def test_search_by_id_number_shows_the_customer_masked(
    qtbot: QtBot, known_customer: str, panel: CustomerPanel, runner: OpRunner
) -> None:
    panel.table.clearSelection()
    panel.detail_view.clear()
    with qtbot.waitSignal(panel.detail_shown, timeout=5000) as shown:
        _search(qtbot, panel, KNOWN.id_number)
    wait_idle(qtbot, runner)

    assert shown.args == [known_customer]
    assert panel.model.rowCount() == 1
    labels = panel.detail_view.value_labels
    assert labels[CustomerField.NAME].text() == "欧***"
    assert labels[CustomerField.ID_NUMBER].text() == "1****************X"
    assert labels[CustomerField.MOBILE].text() == "139****5678"
    shown_text = "".join(label.text() for label in labels.values())
    for plain in (KNOWN.name, KNOWN.id_number, KNOWN.mobile, KNOWN.address, *KNOWN.accounts):
        assert plain not in shown_text
    assert panel.detail_view.attribute_labels["branch"].text() == "0001"


def test_search_by_mobile_and_by_card_find_the_same_customer(
    qtbot: QtBot, known_customer: str, panel: CustomerPanel, runner: OpRunner
) -> None:
    for term in (KNOWN.mobile, KNOWN.accounts[0]):
        _search(qtbot, panel, term)
        wait_idle(qtbot, runner)
        assert panel.model.rowCount() == 1
        assert panel.detail_view.customer_id == known_customer


def test_a_partial_number_gets_the_message_under_the_search_box(
    qtbot: QtBot, known_customer: str, panel: CustomerPanel, runner: OpRunner
) -> None:
    with pytest.raises(InvalidValue) as expected:
        recognise_search_term("1391234")
    _search(qtbot, panel, "1391234")
    wait_idle(qtbot, runner)
    assert panel.search_error.message == field_message(expected.value.message)
    qtbot.keyClicks(panel.search_edit, "5")
    assert panel.search_error.message == ""  # typing again clears it


def test_reveal_needs_a_reason_is_logged_and_re_masks(
    qtbot: QtBot,
    known_customer: str,
    panel: CustomerPanel,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,
) -> None:
    _search(qtbot, panel, KNOWN.mobile)
    wait_idle(qtbot, runner)
    view = panel.detail_view
    mobile = view.value_labels[CustomerField.MOBILE]
    assert mobile.text() == "139****5678"

    qtbot.mouseClick(view.reveal_buttons[CustomerField.MOBILE], Qt.MouseButton.LeftButton)
    dialog = panel.reveal_dialog
    assert dialog is not None
    activate(qtbot, dialog)
    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)  # no reason given
    wait_idle(qtbot, runner)
    assert dialog.isVisible()
    assert dialog.reason_error.message != ""
    assert mobile.text() == "139****5678"

    qtbot.keyClicks(dialog.reason_edit, "customer asked to confirm the number")
    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: mobile.text() == KNOWN.mobile, timeout=5000)
    assert view.is_revealed(CustomerField.MOBILE)
    assert view.value_labels[CustomerField.NAME].text() == "欧***"  # only the chosen field

    supervisor = dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, role=Role.SUPERVISOR))
    with store.transaction() as session:
        entries = recent_entries(session, supervisor, limit=20)
    reveals = [entry for entry in entries if entry.action == "customer.reveal"]
    assert len(reveals) == 1
    assert reveals[0].object_id == known_customer
    assert reveals[0].staff_id == ctx.actor.staff_id
    assert KNOWN.mobile not in reveals[0].detail

    qtbot.waitUntil(lambda: mobile.text() == "139****5678", timeout=(REVEAL_SECONDS + 3) * 1000)
    assert not view.is_revealed(CustomerField.MOBILE)


def test_hiding_the_panel_re_masks_at_once(
    qtbot: QtBot, known_customer: str, panel: CustomerPanel, runner: OpRunner
) -> None:
    _search(qtbot, panel, KNOWN.mobile)
    wait_idle(qtbot, runner)
    view = panel.detail_view
    view.show_plain(CustomerField.ADDRESS, KNOWN.address)
    assert view.value_labels[CustomerField.ADDRESS].text() == KNOWN.address
    panel.hide()
    assert view.value_labels[CustomerField.ADDRESS].text() != KNOWN.address
