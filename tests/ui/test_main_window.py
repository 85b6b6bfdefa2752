"""The main window: menus and shortcuts reach the panel; the status bar tells what matters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.config import Settings
from tests.ui.conftest import activate, wait_idle
from ui.events import AppEvents
from ui.main_window import MainWindow
from ui.ops import OpRunner
from ui.sync.status import ICON_SIZE, SyncStatusWidget
from ui.theme import apply_theme

WARNING = "Warning: keyring backend keyrings.alt.file.PlaintextKeyring keeps the data key unencrypted"


def _window(
    qtbot: QtBot, runner: OpRunner, events: AppEvents, settings: Settings, keyring_warning: str | None = None
) -> MainWindow:
    window = MainWindow(runner, events, settings)
    qtbot.addWidget(window)
    window.store_opened(keyring_warning)
    window.show()
    activate(qtbot, window)
    wait_idle(qtbot, runner)
    return window


def test_status_bar_shows_keyring_warning_and_store_path(
    qtbot: QtBot, runner: OpRunner, events: AppEvents, settings: Settings
) -> None:
    window = _window(qtbot, runner, events, settings, keyring_warning=WARNING)
    # a compact mark with the symbol; the whole warning in the tooltip and for screen readers
    assert window.keyring_label.isVisible() and window.keyring_label.text().startswith("⚠")
    assert window.keyring_label.toolTip() == window.keyring_label.accessibleDescription() == WARNING
    assert str(settings.data_paths.store) in window.store_label.text()
    events.status_message.emit("hello")
    assert window.statusBar().currentMessage() == "hello"


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_status_bar_fits_narrow_screens(
    qtbot: QtBot, qapp: QApplication, runner: OpRunner, events: AppEvents, settings: Settings, width: int
) -> None:
    apply_theme(qapp, "light")  # its padding of status bar labels once cropped the sync icon
    window = _window(qtbot, runner, events, settings, keyring_warning=WARNING)
    status = SyncStatusWidget()
    window.statusBar().addPermanentWidget(status)
    status.show_failure("The central database refused the connection: " + "certificate problem " * 8)
    status._show_pending(12345)
    window.store_label.setText("Store: " + "/very/long/folder/name" * 8 + "/branchdesk.sqlite")
    window.resize(width, 768)
    qtbot.waitUntil(lambda: window.statusBar().width() <= width)
    qtbot.wait(50)
    bar = window.statusBar()
    shown = [w for w in bar.findChildren(QWidget) if w.isVisible() and w.parent() in (bar, status)]
    for widget in shown:
        right = widget.mapTo(bar, widget.rect().topRight()).x()
        assert right <= bar.width(), type(widget).__name__
    assert status.icon_label.contentsRect().width() == status.icon_label.height() == ICON_SIZE
    assert window.keyring_label.isVisible() and window.keyring_label.width() >= (
        window.keyring_label.sizeHint().width()
    )
    assert window.store_label.elided and "/branchdesk.sqlite" in window.store_label.text()
    assert status.problem_label.elided and status.problem_label.toolTip() == status.problem


def test_no_keyring_warning_when_the_keyring_is_secure(
    qtbot: QtBot, runner: OpRunner, events: AppEvents, settings: Settings
) -> None:
    window = _window(qtbot, runner, events, settings)
    assert not window.keyring_label.isVisible()


def test_shortcuts_focus_search_and_open_the_register_form(
    qtbot: QtBot, runner: OpRunner, events: AppEvents, settings: Settings
) -> None:
    window = _window(qtbot, runner, events, settings)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.customers.search_edit
    assert not window.edit_action.isEnabled()  # nothing selected yet

    qtbot.keyClick(
        window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.customers.editor is not None
    window.customers.editor.reject()


def test_edit_action_follows_the_shown_customer(
    qtbot: QtBot, known_customer: str, runner: OpRunner, events: AppEvents, settings: Settings
) -> None:
    window = _window(qtbot, runner, events, settings)
    window.customers.table.selectRow(0)
    wait_idle(qtbot, runner)
    assert window.edit_action.isEnabled()
    window.edit_action.trigger()
    qtbot.waitUntil(lambda: window.customers.editor is not None)
    window.customers.editor.reject()


def test_until_the_store_is_open_the_customer_actions_wait(
    qtbot: QtBot, runner: OpRunner, events: AppEvents, settings: Settings
) -> None:
    window = MainWindow(runner, events, settings)
    qtbot.addWidget(window)
    window.show()
    assert not window.customers.isEnabled()
    assert not window.find_action.isEnabled() and not window.register_action.isEnabled()
    assert not window.new_case_action.isEnabled() and not window.intake.isEnabled()
    assert window.opening_label.isVisible()
    window.store_opened(None)
    wait_idle(qtbot, runner)
    assert window.customers.isEnabled() and window.register_action.isEnabled()
    assert not window.opening_label.isVisible()


def test_tabs_and_menus_show_the_case_shortcuts(
    qtbot: QtBot, runner: OpRunner, events: AppEvents, settings: Settings
) -> None:
    window = _window(qtbot, runner, events, settings)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["客户", "新建案件", "案件队列"]
    shortcuts = {
        action.text(): action.shortcut().toString()
        for action in window.menuBar().actions()[0].menu().actions()
        if not action.isSeparator()
    }
    assert window.new_case_action.shortcut().toString() == "Ctrl+N"
    assert window.queue_action.shortcut().toString() == "Ctrl+Shift+Q"
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    assert {"Ctrl+N", "Ctrl+Shift+Q", "Ctrl+P"} <= set(shortcuts.values())

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.intake
    assert QApplication.focusWidget() is window.intake.kind_combo
    qtbot.keyClick(
        window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.tabs.currentWidget() is window.queue
    assert QApplication.focusWidget() is window.queue.table
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.customers


def test_print_without_a_case_says_what_to_do(
    qtbot: QtBot, runner: OpRunner, events: AppEvents, settings: Settings
) -> None:
    window = _window(qtbot, runner, events, settings)
    window.show_queue()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() != ""
    assert window.receipts.dialog is None


def test_the_intake_form_takes_the_customer_shown_in_the_customer_panel(
    qtbot: QtBot, known_customer: str, runner: OpRunner, events: AppEvents, settings: Settings
) -> None:
    window = _window(qtbot, runner, events, settings)
    window.customers.table.selectRow(0)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: window.intake.customer_box.customer_id == known_customer)
    text = window.intake.customer_box.value_label.text()
    assert text.startswith("欧") and "明轩" not in text and "13912345678" not in text
