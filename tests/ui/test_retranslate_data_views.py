"""Texts composed from data (names, counts, messages from app/) are composed again after a language
switch, not only the fixed texts the catalogue walk can find."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.domain import Actor, Role
from app.messages import Message
from app.sync.engine import SyncReport
from tests.ui.test_case_support import open_window
from ui.auth.lock_screen import LockScreen
from ui.events import AppEvents
from ui.i18n import CHINESE, ENGLISH, switch_language
from ui.ops import OpRunner
from ui.sync.status import SyncStatusWidget

ACTOR = Actor("zhang.wei", "张伟", Role.SUPERVISOR, "0001", "WS01")


@pytest.fixture
def chinese_after(qapp: QApplication) -> Iterator[None]:
    switch_language(qapp, CHINESE)
    yield
    switch_language(qapp, CHINESE)


def test_sync_status_lock_screen_and_keyring_mark_follow_the_language(
    qtbot: QtBot,
    qapp: QApplication,
    runner: OpRunner,
    events: AppEvents,
    settings: Settings,
    chinese_after: None,
) -> None:
    window = open_window(qtbot, runner, events, settings)
    window.store_opened(Message("keyring_insecure", {"backend": "PlaintextKeyring"}))
    status = SyncStatusWidget()
    window.statusBar().addPermanentWidget(status)
    unreachable = Message("central_unreachable", {"detail": "timeout"})
    status.show_report(SyncReport(pending=3, error=unreachable))
    lock = LockScreen()
    qtbot.addWidget(lock)
    lock.show_locked(ACTOR)
    lock.password_edit.setText("half typed")
    assert status.problem == unreachable.render(CHINESE)
    chinese_pending = status.pending_text
    chinese_who = lock.who.text()

    switch_language(qapp, ENGLISH)

    assert status.problem == unreachable.render(ENGLISH)
    assert status.pending_text != chinese_pending and "3" in status.pending_text
    assert status.state_label.text() == "Offline"
    assert lock.who.text() != chinese_who and lock.who.text().startswith("Signed in: 张伟")
    assert lock.password_edit.text() == "half typed"  # a switch takes nothing the user typed
    assert window.keyring_label.toolTip().startswith("Warning: keyring backend PlaintextKeyring")
    assert window.keyring_label.text().endswith("Keyring not secure")
