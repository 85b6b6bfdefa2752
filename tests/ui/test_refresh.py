"""Coalesced refreshes: one redraw per burst of changes, none while the view is hidden."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.changes import Changes
from ui.refresh import CoalescedRefresh


def test_a_burst_becomes_one_refresh_with_all_changes(qtbot: QtBot) -> None:
    view = QWidget()
    qtbot.addWidget(view)
    view.show()
    seen: list[Changes] = []
    refresh = CoalescedRefresh(view, seen.append, delay_ms=20)
    for customer in ("a", "b", "c"):
        refresh.add(Changes.customer(customer))
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.wait(60)
    assert seen == [Changes(customers=frozenset({"a", "b", "c"}), audit=True)]


def test_a_hidden_view_refreshes_when_shown_again(qtbot: QtBot) -> None:
    view = QWidget()
    qtbot.addWidget(view)
    seen: list[Changes] = []
    refresh = CoalescedRefresh(view, seen.append, delay_ms=10)
    refresh.add(Changes.customer("a"))
    qtbot.wait(50)
    assert seen == [] and refresh.waiting
    view.show()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [Changes.customer("a")] and not refresh.waiting
