"""Every input and button on the main screens and their dialogs has an accessible name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.context import ServiceContext
from app.domain import CustomerField
from tests.ui.conftest import activate, wait_idle
from tests.ui.test_case_support import (
    complaint,
    ctx,  # noqa: F401 - the fixed-clock context fixture
    make_case,
    open_window,
)
from ui.accessibility import AccessibleNamer, install_accessible_names, is_interactive, plain
from ui.auth.lock_screen import LockScreen
from ui.auth.sign_in import SignInDialog
from ui.events import AppEvents
from ui.main_window import MainWindow
from ui.ops import OpRunner


@pytest.fixture
def namer(qapp: QApplication) -> Iterator[AccessibleNamer]:
    """As bootstrap installs it for the whole application."""
    installed = install_accessible_names(qapp)
    yield installed
    qapp.focusChanged.disconnect(installed.focus_changed)


def unnamed(root: QWidget) -> list[str]:
    """Interactive widgets a user can reach (shown, or in a page of a shown stack) without a name."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not is_interactive(widget) or not widget.isVisibleTo(root):
            continue
        if not widget.accessibleName().strip():
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}"
            )
    return missing


def test_the_main_screens_name_every_control(
    qtbot: QtBot,
    namer: AccessibleNamer,
    known_customer: str,
    runner: OpRunner,
    events: AppEvents,
    settings: Settings,
    store: object,
    ctx: ServiceContext,  # noqa: F811
) -> None:
    ref = make_case(store, ctx, complaint(known_customer))  # type: ignore[arg-type]
    window = open_window(qtbot, runner, events, settings)
    window.customers.load_detail(known_customer)
    wait_idle(qtbot, runner)
    for page in (window.customers, window.intake, window.queue):
        window.tabs.setCurrentWidget(page)
        page.setFocus()
        page.focusNextChild()  # the focus enters the page, as Ctrl+F, Ctrl+N and Ctrl+Shift+Q do
        assert unnamed(window) == [], type(page).__name__
    window.queue.open_case(ref.id)
    qtbot.waitUntil(lambda: window.queue.detail.detail is not None)
    wait_idle(qtbot, runner)
    window.queue.detail.setFocus()
    window.queue.detail.focusNextChild()
    assert unnamed(window) == []
    # a name says what the control is for, in the words on screen
    assert window.intake.summary_edit.accessibleName() == plain(window.intake.captions["summary"].text())
    assert window.customers.search_edit.accessibleName()
    assert window.intake.save_button.accessibleDescription()  # its tooltip: the shortcut


def _shown(qtbot: QtBot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _focused(qtbot: QtBot, window: QWidget) -> None:
    """As staff reach a window: it is activated and the focus enters it."""
    activate(qtbot, window)
    target = window.focusWidget() or window.nextInFocusChain()
    target.setFocus()
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is window
    )


def test_dialogs_name_every_control(
    qtbot: QtBot,
    namer: AccessibleNamer,
    known_customer: str,
    runner: OpRunner,
    events: AppEvents,
    settings: Settings,
    store: object,
    ctx: ServiceContext,  # noqa: F811
) -> None:
    ref = make_case(store, ctx, complaint(known_customer))  # type: ignore[arg-type]
    window: MainWindow = open_window(qtbot, runner, events, settings)
    dialogs: list[QWidget] = []

    window.customers.register_customer()
    qtbot.waitUntil(lambda: window.customers.editor is not None and window.customers.editor.isVisible())
    dialogs.append(window.customers.editor)
    window.customers.load_detail(known_customer)
    wait_idle(qtbot, runner)
    window.customers.ask_reveal(CustomerField.MOBILE)
    qtbot.waitUntil(lambda: window.customers.reveal_dialog is not None)
    dialogs.append(window.customers.reveal_dialog)
    window.receipts.show_for(ref.id)
    qtbot.waitUntil(lambda: window.receipts.dialog is not None and window.receipts.dialog.isVisible())
    dialogs.append(window.receipts.dialog)
    window.queue.open_case(ref.id)
    qtbot.waitUntil(lambda: window.queue.detail.detail is not None)
    dialogs.append(window.queue.detail.actions.trigger("transfer"))
    dialogs.append(window.help.show_settings())
    dialogs.append(window.help.show_about())
    dialogs.append(window.help.show_cheat_sheet())
    dialogs.append(window.help.show_guide())
    dialogs.append(window.help.show_welcome())
    dialogs.append(_shown(qtbot, SignInDialog(runner, ctx)))
    dialogs.append(_shown(qtbot, LockScreen()))
    for dialog in dialogs:
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        _focused(qtbot, dialog)
        assert unnamed(dialog) == [], type(dialog).__name__
    wait_idle(qtbot, runner)
