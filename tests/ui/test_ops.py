"""The op runner: lanes, results on the GUI thread, changes after commit, failures, shutdown."""

from __future__ import annotations

import sys
import threading
from types import TracebackType
from typing import Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.changes import Changes
from app.context import ServiceContext
from app.errors import NotFound, ValidationError
from app.messages import Message
from app.store import OpenedStore
from tests.ui.conftest import wait_idle
from ui.events import AppEvents
from ui.ops import Lane, OpRunner, RunnerClosed, changes_in


def _gui_thread() -> QThread:
    app = QApplication.instance()
    assert app is not None
    return app.thread()


def test_run_db_gives_fn_a_session_and_ctx_off_the_gui_thread(
    qtbot: QtBot, runner: OpRunner, ctx: ServiceContext
) -> None:
    seen: dict[str, Any] = {}

    def work(session: Session, given_ctx: ServiceContext, number: int) -> int:
        seen["thread"] = threading.current_thread()
        seen["ctx"] = given_ctx
        return session.execute(text("SELECT :n + 1"), {"n": number}).scalar_one()

    results: list[tuple[int, QThread]] = []
    runner.run_db(work, 41, on_success=lambda value: results.append((value, QThread.currentThread())))
    wait_idle(qtbot, runner)
    assert results == [(42, _gui_thread())]
    assert seen["thread"] is not threading.main_thread()
    assert seen["ctx"] is ctx


def test_changes_are_announced_after_commit_and_before_on_success(
    qtbot: QtBot, runner: OpRunner, events: AppEvents, store: OpenedStore
) -> None:
    order: list[str] = []

    def write(session: Session, _ctx: ServiceContext) -> tuple[str, Changes]:
        session.execute(text("CREATE TABLE IF NOT EXISTS probe (x INTEGER)"))
        session.execute(text("INSERT INTO probe VALUES (1)"))
        return "done", Changes(customers=frozenset({"c1"}))

    def on_changes(changes: Changes) -> None:
        with store.transaction() as session:  # committed: another connection sees it
            order.append(f"changes {sorted(changes.customers)} rows={_probe_rows(session)}")

    events.changes_applied.connect(on_changes)
    runner.run_db(write, on_success=lambda result: order.append(f"success {result[0]}"))
    wait_idle(qtbot, runner)
    assert order == ["changes ['c1'] rows=1", "success done"]


def _probe_rows(session: Session) -> int:
    return session.execute(text("SELECT count(*) FROM probe")).scalar_one()


def test_a_failing_op_rolls_back_and_reaches_on_failure(
    qtbot: QtBot, runner: OpRunner, events: AppEvents, store: OpenedStore
) -> None:
    def write_then_refuse(session: Session, _ctx: ServiceContext) -> Changes:
        session.execute(text("CREATE TABLE IF NOT EXISTS probe (x INTEGER)"))
        session.execute(text("INSERT INTO probe VALUES (1)"))
        raise ValidationError({"name": Message("required")})

    with store.transaction() as session:
        session.execute(text("CREATE TABLE probe (x INTEGER)"))
    announced: list[Changes] = []
    events.changes_applied.connect(announced.append)
    failures: list[BaseException] = []
    runner.run_db(write_then_refuse, on_failure=failures.append)
    wait_idle(qtbot, runner)
    assert [type(exc) for exc in failures] == [ValidationError]
    assert announced == []
    with store.transaction() as session:
        assert _probe_rows(session) == 0


def test_without_on_failure_the_user_is_told(
    qtbot: QtBot, runner: OpRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, message, *a: shown.append(message))

    def missing(_session: Session, _ctx: ServiceContext) -> None:
        raise NotFound()

    runner.run_db(missing)
    wait_idle(qtbot, runner)
    assert shown == [NotFound().render("zh_CN")]


def test_unexpected_exceptions_go_to_the_excepthook(
    qtbot: QtBot, runner: OpRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooked: list[type[BaseException]] = []

    def hook(kind: type[BaseException], _exc: BaseException, _tb: TracebackType | None) -> None:
        hooked.append(kind)

    monkeypatch.setattr(sys, "excepthook", hook)
    failures: list[BaseException] = []

    def broken(_session: Session, _ctx: ServiceContext) -> None:
        raise ZeroDivisionError

    runner.run_db(broken, on_failure=failures.append)
    wait_idle(qtbot, runner)
    assert hooked == [ZeroDivisionError]
    assert failures == []  # on_failure is for expected, typed errors only


def test_busy_signal_and_pending_count(qtbot: QtBot, runner: OpRunner) -> None:
    release = threading.Event()
    states: list[bool] = []
    runner.busy_changed.connect(states.append)
    runner.run_task(release.wait, 5)
    runner.run_task(lambda: None, lane=Lane.NETWORK)
    assert runner.pending == 2 and runner.is_busy
    release.set()
    wait_idle(qtbot, runner)
    assert states == [True, False]


def test_db_lane_runs_one_op_at_a_time_in_order(qtbot: QtBot, runner: OpRunner) -> None:
    active: list[int] = []
    overlap: list[bool] = []
    finished: list[int] = []

    def step(number: int) -> int:
        active.append(number)
        overlap.append(len(active) > 1)
        threading.Event().wait(0.01)
        active.remove(number)
        return number

    for number in range(5):
        runner.run_task(step, number, on_success=finished.append)
    wait_idle(qtbot, runner)
    assert finished == [0, 1, 2, 3, 4]
    assert not any(overlap)


def test_shutdown_waits_for_running_work_and_refuses_new(qtbot: QtBot, events: AppEvents) -> None:
    runner = OpRunner(events)
    done = threading.Event()
    runner.run_task(lambda: (threading.Event().wait(0.2), done.set()), lane=Lane.NETWORK)
    assert runner.shutdown(timeout_ms=5000)
    assert done.is_set()
    with pytest.raises(RunnerClosed):
        runner.run_task(lambda: None)


def test_changes_in_result_shapes() -> None:
    changes = Changes(audit=True)
    assert changes_in(changes) is changes
    assert changes_in(("ref", changes)) is changes
    assert changes_in(("ref", "other")) is None
    assert changes_in([changes]) is None
    assert changes_in(None) is None
