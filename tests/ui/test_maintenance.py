"""The app's schedule: the scheduled backup and the daily retention run on the db lane, triggered by the
ServiceContext clock (moved by the test, never slept on); results and failures reach the status bar."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.backup import backup_dir, list_backups
from app.config import Settings
from app.context import ServiceContext
from app.store import OpenedStore
from tests.support.cases import MovableClock, at_time
from tests.ui.conftest import wait_idle
from ui.events import AppEvents
from ui.maintenance import Maintenance
from ui.ops import OpRunner


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(dt.datetime.now(dt.UTC).replace(microsecond=0))


@pytest.fixture
def scheduled(
    qtbot: QtBot, store: OpenedStore, ctx: ServiceContext, settings: Settings, clock: MovableClock
) -> Iterator[tuple[Maintenance, list[str]]]:
    events = AppEvents()
    said: list[str] = []
    events.status_message.connect(said.append)
    runner = OpRunner(events)
    runner.attach(store, at_time(ctx, clock))
    maintenance = Maintenance(runner, events, settings)
    yield maintenance, said
    maintenance.stop()
    assert runner.shutdown(timeout_ms=10_000)


def _tick(qtbot: QtBot, maintenance: Maintenance) -> None:
    maintenance.tick()
    wait_idle(qtbot, maintenance.runner, timeout=15_000)


def test_backups_and_retention_follow_the_clock(
    qtbot: QtBot,
    scheduled: tuple[Maintenance, list[str]],
    settings: Settings,
    clock: MovableClock,
    known_customer: str,
) -> None:
    maintenance, said = scheduled
    folder = backup_dir(settings)
    _tick(qtbot, maintenance)  # nothing yet: a backup is due at once
    assert len(list_backups(folder)) == 1
    assert any("定时备份已写入" in text for text in said)
    first_retention = maintenance.last_retention
    assert first_retention == clock.now

    clock.advance(hours=1)
    _tick(qtbot, maintenance)  # within the interval and the day: nothing runs
    assert len(list_backups(folder)) == 1 and maintenance.last_retention == first_retention

    clock.advance(hours=settings.backup_interval_hours)
    _tick(qtbot, maintenance)
    assert len(list_backups(folder)) == 2
    assert maintenance.last_retention == clock.now  # a day later: retention again

    clock.advance(days=-3)  # the clock moved back: retention is not postponed by a future "last run"
    _tick(qtbot, maintenance)
    assert maintenance.last_retention == clock.now


def test_a_failed_backup_is_told_in_plain_words(
    qtbot: QtBot, store: OpenedStore, ctx: ServiceContext, settings: Settings, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    broken = dataclasses.replace(settings, values={**settings.values, "backup_dir": str(blocker / "backups")})
    events = AppEvents()
    said: list[str] = []
    events.status_message.connect(said.append)
    runner = OpRunner(events)
    runner.attach(store, ctx)
    maintenance = Maintenance(runner, events, broken)
    try:
        with qtbot.waitSignal(
            maintenance.finished, timeout=15_000, check_params_cb=lambda job, ok: job == "backup"
        ):
            maintenance.tick()
        wait_idle(qtbot, runner)
    finally:
        assert runner.shutdown(timeout_ms=10_000)
    assert any(text.startswith("定时备份失败") for text in said), said
