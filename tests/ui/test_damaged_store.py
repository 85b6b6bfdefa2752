"""A store damaged on disk: never written to; the newest verified backup is offered and restored with a
re-sync; declining leaves the app closed to writes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.backup import RESYNC_AFTER_RESTORE, create_backup
from app.config import Settings
from app.services.customers import recent_customers, register_customer
from app.store import build_context, open_store
from tests.support.customers import KNOWN
from ui.bootstrap import StoreOpener
from ui.events import AppEvents
from ui.ops import OpRunner

PAGE = 4096


def _damage(store: Path) -> bytes:
    """Overwrite the middle of the table pages (not the file header): a real on-disk corruption."""
    data = bytearray(store.read_bytes())
    pages = len(data) // PAGE
    assert pages > 3
    for page in range(1, pages):
        start = page * PAGE
        data[start : start + 64] = bytes(b ^ 0xA5 for b in data[start : start + 64])
    store.write_bytes(bytes(data))
    return bytes(data)


@pytest.fixture
def damaged(settings: Settings) -> bytes:
    """A store with one customer, a backup of it, then the store file damaged; its damaged bytes."""
    store = open_store(settings)
    try:
        with store.transaction() as session:
            register_customer(session, build_context(store, settings), KNOWN)
        create_backup(settings, store.crypto)
    finally:
        store.close()
    return _damage(settings.data_paths.store)


@pytest.fixture
def opener(qtbot: QtBot, settings: Settings) -> Iterator[StoreOpener]:
    runner = OpRunner(AppEvents())
    store_opener = StoreOpener(runner, settings)
    yield store_opener
    runner.shutdown()
    store_opener.release()


def _offer(qtbot: QtBot, opener: StoreOpener) -> QMessageBox:
    opener.start()
    qtbot.waitUntil(lambda: opener.recovery.dialog is not None, timeout=15_000)
    box = opener.recovery.dialog
    assert box is not None
    qtbot.waitExposed(box)
    return box


def test_a_damaged_store_is_restored_from_the_newest_verified_backup(
    qtbot: QtBot, settings: Settings, damaged: bytes, opener: StoreOpener
) -> None:
    box = _offer(qtbot, opener)
    assert "数据文件已损坏" in box.text() and "客户 1 位" in box.text()
    assert settings.data_paths.store.read_bytes() == damaged  # nothing written while asking
    opened: list[object] = []
    opener.opened.connect(lambda store, ctx: opened.append(store))
    with qtbot.waitSignal(opener.restored, timeout=15_000):
        assert opener.recovery.restore_button is not None
        opener.recovery.restore_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=15_000)
    store = opened[0]
    try:
        with store.transaction() as session:  # type: ignore[attr-defined]
            assert len(recent_customers(session, build_context(store, settings), 10)) == 1  # type: ignore[arg-type]
    finally:
        store.close()  # type: ignore[attr-defined]
    with closing(sqlite3.connect(settings.data_paths.store)) as connection:
        flag = connection.execute("SELECT value FROM meta WHERE key = ?", (RESYNC_AFTER_RESTORE,)).fetchone()
    assert flag == ("1",)  # the next sync brings back this PC's later work
    kept = list(settings.data_paths.backups.glob("replaced-*/branchdesk.sqlite"))
    assert [path.read_bytes() for path in kept] == [damaged]  # the damaged file is kept as it was


def test_declining_leaves_the_store_untouched_and_closed_to_writes(
    qtbot: QtBot, settings: Settings, damaged: bytes, opener: StoreOpener
) -> None:
    box = _offer(qtbot, opener)
    opened: list[object] = []
    opener.opened.connect(lambda *args: opened.append(args))
    with qtbot.waitSignal(opener.closed_to_writes, timeout=5000):
        decline = next(b for b in box.buttons() if b is not opener.recovery.restore_button)
        decline.click()
    assert opened == []
    assert settings.data_paths.store.read_bytes() == damaged
    assert not list(settings.data_paths.backups.glob("replaced-*"))


def test_without_a_verified_backup_the_user_is_told_so(
    qtbot: QtBot, settings: Settings, damaged: bytes, opener: StoreOpener
) -> None:
    for backup in settings.data_paths.backups.glob("*.bdbk"):
        backup.unlink()
    box = _offer(qtbot, opener)
    assert "不会写入" in box.text() and opener.recovery.restore_button is None
    with qtbot.waitSignal(opener.closed_to_writes, timeout=5000):
        box.buttons()[0].click()
    assert settings.data_paths.store.read_bytes() == damaged
