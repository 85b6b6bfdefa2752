"""Shared pieces of the case UI tests: a fixed clock, drafts, direct case creation, keyboard helpers."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.case_domain import CaseDraft, CaseRef
from app.config import Settings
from app.context import ServiceContext
from app.domain import CaseKind, Channel, Severity
from app.services.intake import submit_case
from app.store import OpenedStore, build_context
from tests.ui.conftest import activate, wait_idle
from ui.events import AppEvents
from ui.main_window import MainWindow
from ui.ops import OpRunner

# A Tuesday, 10:00 in Beijing: an ordinary working day, far from holidays.
NOW = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC)
CATEGORY = "C0101"  # staff attitude (service)
OTHER_CATEGORY = "C0701"  # fee items and levels (product)


def fixed_now() -> dt.datetime:
    return NOW


@pytest.fixture
def ctx(store: OpenedStore, settings: Settings) -> ServiceContext:
    """The real context with the clock stopped at NOW, so deadlines and badges are exact."""
    return dataclasses.replace(build_context(store, settings), clock=fixed_now)


def complaint(customer_id: str | None, **values: object) -> CaseDraft:
    fields: dict[str, object] = {
        "customer_id": customer_id,
        "channel": Channel.COUNTER,
        "kind": CaseKind.COMPLAINT,
        "category_code": CATEGORY,
        "severity": Severity.GENERAL,
        "summary": "Teller was rude at window 3",
        "description": "The teller refused to explain the fee and raised her voice.",
        "desired_outcome": "An apology and an explanation of the fee.",
    }
    fields.update(values)
    return CaseDraft(**fields)  # type: ignore[arg-type]


def make_case(store: OpenedStore, ctx: ServiceContext, draft: CaseDraft) -> CaseRef:
    with store.transaction() as session:
        ref, _changes = submit_case(session, ctx, draft)
    return ref


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard focus is, as a real keyboard delivers it."""
    qtbot.keyClick(focused(), key, modifiers)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def open_window(qtbot: QtBot, runner: OpRunner, events: AppEvents, settings: Settings) -> MainWindow:
    window = MainWindow(runner, events, settings)
    window.queue.model.set_clock(fixed_now)  # the badges count from the services' clock
    qtbot.addWidget(window)
    window.store_opened(None)
    window.show()
    activate(qtbot, window)
    wait_idle(qtbot, runner)
    return window


def find_and_start_intake(
    qtbot: QtBot, window: MainWindow, runner: OpRunner, mobile: str, customer_id: str
) -> None:
    """Ctrl+F, the customer's full mobile number, Enter; then Ctrl+N: the intake form opens on its first
    field (the kind, complaint first) with that customer chosen."""
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is window.customers.search_edit
    type_text(qtbot, mobile)
    press(qtbot, Qt.Key.Key_Return)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: window.intake.customer_box.customer_id == customer_id)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.intake
    assert window.tabs.currentWidget() is form and focused() is form.kind_combo
    assert form.kind_combo.currentData() == CaseKind.COMPLAINT
