"""Failure drills as the user meets them: each ends in a clear message, never a crash dialog or a raw
backend error (the setups of tests/unit/test_failure_drills.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from app.config import Settings
from app.context import ServiceContext
from app.errors import BranchDeskError
from app.instance_lock import InstanceLock
from app.messages import Message
from app.store import OpenedStore, open_store
from app.store_guard import DiskFull
from tests.ui.conftest import wait_idle
from tests.unit.test_failure_drills import LockedKeyring
from ui.bootstrap import EXIT_STORE_FAILED, StoreOpener
from ui.events import AppEvents
from ui.i18n import current_language
from ui.ops import OpRunner
from ui.store_watch import StoreWatch


class CapturedBoxes:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def critical(self, _parent: QWidget | None, _title: str, text: str, *_args: object) -> int:
        self.texts.append(text)
        return int(QMessageBox.StandardButton.Ok.value)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> CapturedBoxes:
    captured = CapturedBoxes()
    monkeypatch.setattr(QMessageBox, "critical", captured.critical)
    return captured


def _watch(qtbot: QtBot, runner: OpRunner) -> Iterator[StoreWatch]:
    watch = StoreWatch(runner, runner.events)
    yield watch
    watch.stop()
    if watch.box is not None:
        watch.box.close()


def test_the_store_file_deleted_while_running_is_written_back_and_the_user_told(
    qtbot: QtBot, runner: OpRunner, settings: Settings, known_customer: str
) -> None:
    for watch in _watch(qtbot, runner):
        settings.data_paths.store.unlink()
        with qtbot.waitSignal(watch.warned, timeout=10_000) as told:
            watch.check()
        assert "没有丢失数据" in told.args[0]
        assert settings.data_paths.store.exists()
        wait_idle(qtbot, runner)


def test_the_clock_moved_back_a_day_shows_a_warning(
    qtbot: QtBot, store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    yesterday = ctx.clock() - dt.timedelta(days=1)
    runner = OpRunner(AppEvents())
    runner.attach(store, dataclasses.replace(ctx, clock=lambda: yesterday))
    try:
        for watch in _watch(qtbot, runner):
            with qtbot.waitSignal(watch.warned, timeout=10_000) as told:
                watch.check()
            assert told.args[0] == Message("clock_moved_back", {"hours": 24}).render(current_language())
            assert watch.box is not None and watch.box.isVisible()
    finally:
        assert runner.shutdown(timeout_ms=10_000)


def _full_disk_save(_session: object, _ctx: object) -> None:
    # What SQLAlchemy raises when SQLite cannot extend the file (tests/unit: a real full tmpfs).
    raise OperationalError("INSERT INTO cases ...", {}, sqlite3.OperationalError("database or disk is full"))


def test_disk_full_during_a_save_says_nothing_was_lost_and_what_to_do(qtbot: QtBot, runner: OpRunner) -> None:
    refused: list[BranchDeskError] = []
    runner.run_db(_full_disk_save, on_failure=refused.append)
    wait_idle(qtbot, runner)
    assert len(refused) == 1 and isinstance(refused[0], DiskFull)
    text = refused[0].render(current_language())
    assert "之前的数据完好无损" in text and "释放磁盘空间" in text


def _start(qtbot: QtBot, settings: Settings) -> list[object]:
    runner = OpRunner(AppEvents())
    opener = StoreOpener(runner, settings)
    try:
        with qtbot.waitSignal(opener.failed, timeout=10_000) as failed:
            opener.start()
    finally:
        runner.shutdown()
        opener.release()
    return failed.args


def test_a_locked_keyring_shows_what_to_do_not_the_backends_error(
    qtbot: QtBot, settings: Settings, boxes: CapturedBoxes
) -> None:
    open_store(settings).close()
    locked = dataclasses.replace(
        settings, values={**settings.values, "keyring_backend": f"{LockedKeyring.__module__}.LockedKeyring"}
    )
    assert _start(qtbot, locked) == [EXIT_STORE_FAILED]
    expected = Message("keyring_locked", {"detail": "KeyringLocked"}).render(current_language())
    assert boxes.texts == [expected]
    assert "reading the key failed" not in boxes.texts[0]


def test_a_second_instance_is_told_and_exits(qtbot: QtBot, settings: Settings, boxes: CapturedBoxes) -> None:
    with InstanceLock(settings.data_paths.root):  # the first BranchDesk on this data folder
        assert _start(qtbot, settings) == [EXIT_STORE_FAILED]
    assert len(boxes.texts) == 1 and str(settings.data_paths.root) in boxes.texts[0]
    assert boxes.texts[0] == Message("store_in_use", {"path": str(settings.data_paths.root)}).render(
        current_language()
    )
