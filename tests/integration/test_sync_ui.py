"""The sync UI against a real PostgreSQL central database: F5 sends what was written here and the status
bar says so; a supervisor resolves a real conflict between two workstations in the conflicts dialog."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from app.config import Settings
from app.context import ServiceContext
from app.domain import CustomerField, CustomerRef, Role
from app.services import customers
from app.store import OpenedStore, build_context, open_store
from app.sync.engine import SyncReport, sync_once
from app.sync.runner import central_engine_for
from db import central_schema as central
from tests.conftest import make_settings
from tests.support.customers import KNOWN, with_role
from tests.ui.conftest import activate, wait_idle
from ui.customers.labels import field_label
from ui.events import AppEvents
from ui.i18n import CHINESE, install_translators
from ui.main_window import MainWindow
from ui.ops import OpRunner
from ui.sync import SyncUi, install_sync, sync_ui_of
from ui.sync.controller import SyncController
from ui.sync.status import SyncState, short_time


@dataclasses.dataclass
class Desk:
    """One counter PC: its store, its op runner and a main window with install_sync."""

    store: OpenedStore
    ctx: ServiceContext
    runner: OpRunner
    window: MainWindow
    controller: SyncController
    ui: SyncUi


@pytest.fixture(autouse=True)
def chinese_interface(qapp: QApplication) -> None:
    install_translators(qapp, CHINESE)


class Desks:
    """Counter PCs sharing the organisation key (one keyring) and the test's migrated central database."""

    def __init__(self, qtbot: QtBot, tmp_path: Path, central_url: str) -> None:
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.central_url = central_url
        self.stores: list[OpenedStore] = []
        self.runners: list[OpRunner] = []
        self.controllers: list[SyncController] = []

    def settings(self, name: str) -> Settings:
        return make_settings(self.tmp_path / name, workstation=name, central_url=self.central_url)

    def workstation(self, name: str) -> tuple[OpenedStore, ServiceContext]:
        """A store of its own, without a window (set up through the services directly)."""
        store = open_store(self.settings(name))
        self.stores.append(store)
        return store, build_context(store, self.settings(name))

    def desk(
        self, name: str, role: Role = Role.TELLER, opened: tuple[OpenedStore, ServiceContext] | None = None
    ) -> Desk:
        """A main window with install_sync on the workstation's store, after its first sync round."""
        qtbot = self.qtbot
        store, ctx = opened or self.workstation(name)
        ctx = with_role(ctx, role)
        settings = self.settings(name)
        events = AppEvents()
        runner = OpRunner(events)
        runner.attach(store, ctx)
        self.runners.append(runner)
        window = MainWindow(runner, events, settings)
        qtbot.addWidget(window)
        window.store_opened()
        window.show()
        activate(qtbot, window)
        with qtbot.waitSignal(events.busy_changed, timeout=5000):
            controller = install_sync(window, runner, events, store, ctx, settings)
        self.controllers.append(controller)
        ui = sync_ui_of(window)
        assert ui is not None
        qtbot.waitUntil(lambda: controller.last_report is not None, timeout=20_000)
        wait_idle(qtbot, runner, timeout=10_000)
        return Desk(store, ctx, runner, window, controller, ui)

    def close(self) -> None:
        for controller in self.controllers:
            controller.shutdown()
        for runner in self.runners:
            assert runner.shutdown(timeout_ms=20_000)
        for store in self.stores:
            store.close()
        central_engine_for(self.central_url).dispose()  # its database is dropped next


@pytest.fixture
def desks(
    qtbot: QtBot, tmp_path: Path, memory_keyring: object, central_engine: Engine, central_url: str
) -> Iterator[Desks]:
    made = Desks(qtbot, tmp_path, central_url)
    try:
        yield made
    finally:
        made.close()


def _press_f5(qtbot: QtBot, desk: Desk) -> SyncReport:
    with qtbot.waitSignal(desk.controller.report_ready, timeout=20_000) as blocker:
        qtbot.keyClick(desk.window, Qt.Key.Key_F5)
    wait_idle(qtbot, desk.runner, timeout=10_000)
    return blocker.args[0]


def _count(engine: Engine, table: object) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()  # type: ignore[arg-type]


def test_f5_sends_a_new_customer_and_the_status_says_online(
    qtbot: QtBot, desks: Desks, central_engine: Engine
) -> None:
    desk = desks.desk("WS01")
    status = desk.ui.status
    assert desk.controller.last_report is not None and desk.controller.last_report.ok
    assert status.state is SyncState.ONLINE

    desk.runner.run_db(customers.register_customer, KNOWN)  # through the services, like the panel
    wait_idle(qtbot, desk.runner)
    assert desk.controller.debounce_timer.isActive()  # the write asked for a round; F5 comes first

    report = _press_f5(qtbot, desk)
    assert report.ok and report.pushed == 3 and report.pending == 0
    assert status.state is SyncState.ONLINE
    assert status.state_label.text() == status.state_text(SyncState.ONLINE)
    assert status.pending_text == status.tr("All changes sent")
    assert status.last_success == report.finished_at
    assert short_time(report.finished_at) in status.last_label.text() and not status.last_label.isHidden()
    assert status.problem == ""
    assert _count(central_engine, central.customers) == 1
    assert not desk.controller.debounce_timer.isActive()  # F5 took the pending write along


def test_a_supervisor_applies_a_real_conflict_in_the_dialog(
    qtbot: QtBot, desks: Desks, central_engine: Engine
) -> None:
    first, second = desks.workstation("WS01"), desks.workstation("WS02")
    (first_store, first_ctx), (second_store, second_ctx) = first, second
    with first_store.transaction() as session:
        ref, _ = customers.register_customer(session, first_ctx, KNOWN)
    for store, ctx in (first, second):
        assert sync_once(store, central_engine, ctx).ok
    for (store, ctx), mobile in ((first, "13800000001"), (second, "13800000002")):
        with store.transaction() as session:
            customers.update_customer(
                session, ctx, CustomerRef(ref.id, 1), dataclasses.replace(KNOWN, mobile=mobile), "更换号码"
            )
    assert sync_once(first_store, central_engine, first_ctx).ok  # WS01 wins
    assert sync_once(second_store, central_engine, second_ctx).conflicts == 1  # one edit is kept aside

    desk = desks.desk("WS02", Role.SUPERVISOR, opened=second)
    assert desk.ui.conflicts_action.isEnabled()
    desk.ui.conflicts_action.trigger()
    dialog = desk.ui.conflicts_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: len(dialog.conflicts) == 1, timeout=10_000)
    item = dialog.tree.topLevelItem(0)
    # The central side decides which edit wins; the other workstation's edit is the one listed.
    losing = dialog.conflicts[0].losing_workstation
    assert item.text(2) == losing and losing in ("WS01", "WS02") and item.childCount() == 1
    difference = item.child(0)
    assert difference.text(3) == field_label(CustomerField.MOBILE)
    kept, lost = difference.text(4), difference.text(5)
    assert "*" in kept and "*" in lost and kept != lost  # masked, never plain
    assert "13800000002" not in lost + kept and "13800000001" not in lost + kept
    with second_store.transaction() as session:
        current = customers.load_for_edit(session, desk.ctx, ref.id).draft.mobile
    lost_mobile = {"13800000001", "13800000002"}.difference({current}).pop()
    assert dialog.apply_button.isEnabled()

    with qtbot.waitSignal(dialog.loaded, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [0] and dialog.empty_label.isVisible()
    with second_store.transaction() as session:
        assert customers.load_for_edit(session, desk.ctx, ref.id).draft.mobile == lost_mobile

    report = _press_f5(qtbot, desk)  # the applied version syncs like any edit
    assert report.ok and report.pending == 0
    assert sync_once(first_store, central_engine, first_ctx).ok
    with first_store.transaction() as session:
        assert customers.load_for_edit(session, first_ctx, ref.id).draft.mobile == lost_mobile


def test_a_number_not_found_here_is_fetched_from_other_branches(
    qtbot, tmp_path, memory_keyring, central_engine, central_url
) -> None:  # type: ignore[no-untyped-def]
    """The customer panel offers the other branches when a search finds nobody; the fetch runs on the
    network lane and the customer appears in the list."""
    from app.services import customers as customer_service
    from app.store import build_context, open_store
    from app.sync.engine import sync_once
    from tests.conftest import make_settings
    from tests.support.customers import KNOWN
    from ui.customers.panel import CustomerPanel
    from ui.events import AppEvents
    from ui.ops import OpRunner

    elsewhere = make_settings(tmp_path / "other", branch="0002", workstation="WS07")
    other_store = open_store(elsewhere)
    with other_store.transaction() as session:
        customer, _ = customer_service.register_customer(
            session, build_context(other_store, elsewhere), KNOWN
        )
    assert sync_once(other_store, central_engine, build_context(other_store, elsewhere)).ok
    other_store.close()

    here = make_settings(tmp_path / "here")
    store = open_store(here)
    events = AppEvents()
    runner = OpRunner(events)
    runner.attach(store, build_context(store, here))
    panel = CustomerPanel(runner, events, 30)
    qtbot.addWidget(panel)
    panel.activate()
    panel.enable_remote_lookup(central_url)
    try:
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)  # the recent list has loaded
        panel.search_edit.setText(KNOWN.mobile)
        with qtbot.waitSignal(panel.results_shown, timeout=10_000):
            panel.search()
        assert panel.model.rowCount() == 0 and panel.remote_button.isVisibleTo(panel)
        with qtbot.waitSignal(panel.results_shown, timeout=20_000):
            panel.remote_button.click()
        assert panel.model.rowCount() == 1 and panel.model.summary(0).id == customer.id
    finally:
        assert runner.shutdown(10_000)
        store.close()
