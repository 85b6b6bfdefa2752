"""UI fixtures: the op runner on the real store, the customer panel, typing helpers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.context import ServiceContext
from app.store import OpenedStore
from ui.customers.panel import CustomerPanel
from ui.events import AppEvents
from ui.i18n import CHINESE, install_translators
from ui.ops import OpRunner


@pytest.fixture(autouse=True)
def chinese_interface(qapp: QApplication) -> None:
    """UI tests run in the primary language, with the real translation catalogue."""
    install_translators(qapp, CHINESE)


@pytest.fixture
def events() -> AppEvents:
    return AppEvents()


@pytest.fixture
def runner(events: AppEvents, store: OpenedStore, ctx: ServiceContext) -> Iterator[OpRunner]:
    """The op runner attached to the real store; drained before the store closes."""
    op_runner = OpRunner(events)
    op_runner.attach(store, ctx)
    yield op_runner
    assert op_runner.shutdown(timeout_ms=10_000)


def wait_idle(qtbot: QtBot, runner: OpRunner, timeout: int = 5000) -> None:
    """Background work (and the coalesced refreshes it triggers) has landed."""
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=timeout)


@pytest.fixture
def panel(qtbot: QtBot, runner: OpRunner, events: AppEvents, settings: Settings) -> CustomerPanel:
    view = CustomerPanel(runner, events, int(settings.reveal_seconds))
    view.activate()  # the runner is attached to an open store already
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    wait_idle(qtbot, runner)
    return view


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Offscreen there is no window manager to activate a new dialog; without it, no focus."""
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def type_chinese(widget: QWidget, text: str) -> None:
    """keyClicks takes ASCII only; Chinese arrives the way an input method commits it."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
