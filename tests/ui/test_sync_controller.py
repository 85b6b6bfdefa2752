"""The sync controller and its status widget: F5 without a central database, debounced writes, backoff after
an honest failure, one round at a time, cancel, and the round never running on the GUI thread."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.changes import Changes
from app.config import Settings
from app.context import ServiceContext
from app.messages import Message
from app.store import OpenedStore
from app.sync.backoff import Backoff
from app.sync.engine import CancelToken, SyncReport
from app.sync.runner import sync_round
from tests.ui.conftest import activate, wait_idle
from ui.events import AppEvents
from ui.i18n import current_language
from ui.main_window import MainWindow
from ui.ops import OpRunner
from ui.sync import connect_status, install_sync, sync_ui_of
from ui.sync.controller import SyncController
from ui.sync.status import SyncState, SyncStatusWidget

UNREACHABLE = "postgresql://nobody@127.0.0.1:9/none"  # nothing listens on port 9: refused at once
HOUR = 3600


@pytest.fixture
def make_controller(
    qtbot: QtBot, runner: OpRunner, events: AppEvents, store: OpenedStore, ctx: ServiceContext
) -> Iterator[Callable[..., tuple[SyncController, SyncStatusWidget]]]:
    """A controller wired to a status widget as install_sync does; shut down before the runner drains."""
    made: list[SyncController] = []

    def make(url: str = "", **options: Any) -> tuple[SyncController, SyncStatusWidget]:
        options.setdefault("backoff", Backoff(rng=random.Random(7)))
        controller = SyncController(runner, events, store, ctx, url, HOUR, **options)
        status = SyncStatusWidget()
        connect_status(controller, status)
        qtbot.addWidget(status)
        made.append(controller)
        return controller, status

    yield make
    for controller in made:
        controller.shutdown()


def _window(qtbot: QtBot, runner: OpRunner, events: AppEvents, settings: Settings) -> MainWindow:
    window = MainWindow(runner, events, settings)
    qtbot.addWidget(window)
    window.store_opened()
    window.show()
    activate(qtbot, window)
    wait_idle(qtbot, runner)
    return window


def test_f5_without_a_central_database_says_not_configured_and_never_blocks(
    qtbot: QtBot,
    runner: OpRunner,
    events: AppEvents,
    store: OpenedStore,
    ctx: ServiceContext,
    settings: Settings,
) -> None:
    window = _window(qtbot, runner, events, settings)
    assert settings.central_url == ""
    with qtbot.waitSignal(events.busy_changed, timeout=5000):  # the first round starts at install
        controller = install_sync(window, runner, events, store, ctx, settings)
    ui = sync_ui_of(window)
    assert ui is not None
    qtbot.waitUntil(lambda: not controller.running)
    assert ui.status.state is SyncState.NOT_CONFIGURED

    started = time.monotonic()
    with qtbot.waitSignal(controller.report_ready, timeout=5000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F5)
        assert controller.running  # handed to the network lane; the key press returned at once
        assert time.monotonic() - started < 0.5
    report: SyncReport = blocker.args[0]
    assert report.error is not None and report.error.code == "central_not_configured"
    status = ui.status
    assert status.state is SyncState.NOT_CONFIGURED
    assert status.state_label.text() == status.state_text(SyncState.NOT_CONFIGURED)
    assert status.icon_label.pixmap() is not None and not status.icon_label.pixmap().isNull()
    assert status.problem == Message("central_not_configured").render(current_language())
    assert not controller.waiting_to_retry  # nothing to retry: there is nowhere to sync to
    assert not controller.interval_timer.isActive()
    controller.shutdown()


def test_the_sync_actions_sit_in_the_file_menu(
    qtbot: QtBot,
    runner: OpRunner,
    events: AppEvents,
    store: OpenedStore,
    ctx: ServiceContext,
    supervisor_ctx: ServiceContext,
    settings: Settings,
) -> None:
    window = _window(qtbot, runner, events, settings)
    controller = install_sync(window, runner, events, store, ctx, settings)
    ui = sync_ui_of(window)
    assert ui is not None
    assert len(window.menuBar().actions()) == 3  # no menu of its own
    file_menu = window.menuBar().actions()[0].menu()
    actions = file_menu.actions()
    assert ui.sync_now_action in actions and ui.conflicts_action in actions
    assert ui.sync_now_action.shortcut().toString() == "F5"
    assert actions[-1].menuRole() == actions[-1].MenuRole.QuitRole  # Exit stays last
    assert ui.status in window.statusBar().findChildren(SyncStatusWidget)
    assert not ui.conflicts_action.isEnabled()  # a teller
    ui.actor_changed(supervisor_ctx.actor)
    assert ui.conflicts_action.isEnabled()
    wait_idle(qtbot, runner)
    controller.shutdown()


def test_several_local_writes_within_the_window_trigger_one_round(
    qtbot: QtBot, events: AppEvents, make_controller: Callable[..., tuple[SyncController, SyncStatusWidget]]
) -> None:
    controller, _status = make_controller(UNREACHABLE, debounce_ms=300)
    for customer_id in ("a", "b", "c"):
        events.changes_applied.emit(Changes.customer(customer_id))
        qtbot.wait(50)
    assert controller.rounds_started == 0 and controller.debounce_timer.isActive()
    with qtbot.waitSignal(controller.report_ready, timeout=10_000):
        pass
    qtbot.wait(600)
    assert controller.rounds_started == 1


def test_a_failed_round_backs_off_and_the_status_says_offline(
    qtbot: QtBot,
    events: AppEvents,
    known_customer: str,
    make_controller: Callable[..., tuple[SyncController, SyncStatusWidget]],
) -> None:
    controller, status = make_controller(UNREACHABLE, debounce_ms=100)
    with qtbot.waitSignal(controller.report_ready, timeout=10_000) as blocker:
        controller.sync_now()
    report: SyncReport = blocker.args[0]
    assert report.error is not None and report.error.code == "central_unreachable"
    assert report.pending == 3  # the registration waits in the outbox

    # The next automatic try waits for the backoff delay, whatever asks for it meanwhile.
    assert controller.waiting_to_retry and controller.backoff.failures == 1
    delay = controller.last_delay_seconds
    assert delay is not None and delay >= controller.backoff.base_seconds / 2
    assert controller.retry_timer.remainingTime() > 1000
    events.changes_applied.emit(Changes.customer(known_customer))
    controller.interval_timer.timeout.emit()
    qtbot.wait(400)
    assert controller.rounds_started == 1

    assert status.state is SyncState.OFFLINE
    assert status.state_label.text() == status.state_text(SyncState.OFFLINE)
    assert status.problem == Message("central_unreachable").render(current_language())
    assert "3" in status.pending_text
    assert status.last_label.isHidden() and status.last_success is None

    # F5 does not wait for the backoff; a second failure waits longer on average.
    with qtbot.waitSignal(controller.report_ready, timeout=10_000):
        controller.sync_now()
    assert controller.rounds_started == 2 and controller.backoff.failures == 2
    assert controller.waiting_to_retry


def test_the_round_runs_on_the_network_lane_never_on_the_gui_thread(
    qtbot: QtBot, make_controller: Callable[..., tuple[SyncController, SyncStatusWidget]]
) -> None:
    seen: dict[str, object] = {}

    def observed(*args: Any) -> SyncReport:
        seen["thread"] = threading.get_ident()
        seen["gui"] = QThread.currentThread() is QApplication.instance().thread()
        return sync_round(*args)  # the real round: "not configured" here

    controller, status = make_controller("", round_fn=observed)
    with qtbot.waitSignal(controller.report_ready, timeout=5000):
        controller.sync_now()
    assert seen["thread"] != threading.get_ident() and seen["gui"] is False
    assert status.state is SyncState.NOT_CONFIGURED


def test_a_trigger_during_a_round_asks_for_exactly_one_more(
    qtbot: QtBot, make_controller: Callable[..., tuple[SyncController, SyncStatusWidget]]
) -> None:
    release = threading.Event()
    calls: list[int] = []

    def slow_round(*_args: Any) -> SyncReport:
        calls.append(1)
        release.wait(10)
        return SyncReport()

    controller, status = make_controller(UNREACHABLE, round_fn=slow_round)
    controller.sync_now()
    qtbot.waitUntil(lambda: calls == [1])
    assert status.state is SyncState.SYNCING  # F5: shown at once
    for _ in range(3):
        controller.sync_now()
    release.set()
    qtbot.waitUntil(lambda: controller.rounds_started == 2 and not controller.running, timeout=5000)
    qtbot.wait(200)
    assert controller.rounds_started == 2 and len(calls) == 2
    assert status.state is SyncState.ONLINE and status.last_success is not None
    assert status.pending_text and not status.last_label.isHidden()


def test_cancel_stops_a_large_pull_and_keeps_what_arrived(
    qtbot: QtBot, make_controller: Callable[..., tuple[SyncController, SyncStatusWidget]]
) -> None:
    def large_pull(_store: object, _ctx: object, _url: str, token: CancelToken, progress: Any) -> SyncReport:
        done = 0
        while not token.cancelled and done < 100_000:
            done += 200
            progress(done, 100_000)
            time.sleep(0.05)
        return SyncReport(pulled=done, cancelled=token.cancelled)

    controller, status = make_controller(UNREACHABLE, round_fn=large_pull)
    status.show()
    controller.sync_now()
    qtbot.waitUntil(lambda: status.progress_shown and status.cancel_button.isVisible())
    assert status.progress_bar.maximum() == 100_000
    with qtbot.waitSignal(controller.report_ready, timeout=5000) as blocker:
        qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
    report: SyncReport = blocker.args[0]
    assert report.cancelled and 0 < report.pulled < 100_000
    assert not status.progress_shown and status.problem  # says it was cancelled
    assert not controller.waiting_to_retry  # a cancel is not a failure


def test_a_small_pull_shows_no_progress_bar() -> None:
    status = SyncStatusWidget(large_pull=500)
    status.show_progress(200, 300)
    assert not status.progress_shown
    status.show_progress(200, 800)
    assert status.progress_shown and status.progress_bar.value() == 200
    status.deleteLater()


def test_a_pull_tells_the_views_what_it_changed_and_is_not_taken_for_a_local_write(
    qtbot: QtBot, events: AppEvents, make_controller: Callable[..., tuple[SyncController, SyncStatusWidget]]
) -> None:
    reports = iter(
        [
            SyncReport(pulled=5, customers=frozenset({"c1"}), cases=frozenset({"k1", "k2"})),
            SyncReport(pulled=2),  # e.g. operation-log entries only: nothing for the views
        ]
    )
    controller, _status = make_controller(UNREACHABLE, round_fn=lambda *_args: next(reports))
    announced: list[Changes] = []
    events.changes_applied.connect(announced.append)
    for _ in range(2):
        with qtbot.waitSignal(controller.report_ready, timeout=5000):
            controller.sync_now()
    assert announced == [Changes(customers=frozenset({"c1"}), cases=frozenset({"k1", "k2"}))]
    assert not controller.debounce_timer.isActive()


def test_shutdown_stops_the_timers_and_cancels_the_running_round(
    qtbot: QtBot, make_controller: Callable[..., tuple[SyncController, SyncStatusWidget]]
) -> None:
    tokens: list[CancelToken] = []

    def waits_for_cancel(_store: object, _ctx: object, _url: str, token: CancelToken, _p: Any) -> SyncReport:
        tokens.append(token)
        deadline = time.monotonic() + 10
        while not token.cancelled and time.monotonic() < deadline:
            time.sleep(0.01)
        return SyncReport(cancelled=token.cancelled)

    controller, _status = make_controller(UNREACHABLE, round_fn=waits_for_cancel)
    controller.start()
    qtbot.waitUntil(lambda: bool(tokens))
    assert controller.interval_timer.isActive()
    controller.shutdown()
    assert tokens[0].cancelled
    assert not any(t.isActive() for t in (controller.interval_timer, controller.debounce_timer))
    qtbot.waitUntil(lambda: not controller.running, timeout=5000)
    controller.sync_now()  # after shutdown: nothing starts
    assert controller.rounds_started == 1
