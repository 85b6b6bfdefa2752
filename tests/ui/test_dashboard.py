"""The dashboard: figures for the chosen period, a bar click lists its cases in the queue, export."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.context import ServiceContext
from app.domain import Role
from app.report_domain import Period
from app.store import OpenedStore
from tests.support.customers import with_role
from tests.support.reports import build_report_cases
from tests.ui.conftest import wait_idle
from ui.dashboard.labels import text
from ui.dashboard.panel import DashboardPanel
from ui.events import AppEvents
from ui.main_window import MainWindow
from ui.ops import OpRunner


@pytest.fixture
def report_runner(
    events: AppEvents, store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> Iterator[OpRunner]:
    supervisor = build_report_cases(store, with_role(ctx, Role.SUPERVISOR), known_customer)
    op_runner = OpRunner(events)
    op_runner.attach(store, supervisor)
    op_runner.supervisor = supervisor  # type: ignore[attr-defined]
    yield op_runner
    assert op_runner.shutdown(timeout_ms=20_000)


@pytest.fixture
def window(qtbot: QtBot, report_runner: OpRunner, events: AppEvents, settings: Settings) -> MainWindow:
    main = MainWindow(report_runner, events, settings)
    qtbot.addWidget(main)
    main.store_opened(None, activate=False)
    main.activate_views(report_runner.supervisor.actor)  # type: ignore[attr-defined]
    main.show()
    wait_idle(qtbot, report_runner, timeout=20_000)
    return main


def show_october(qtbot: QtBot, window: MainWindow) -> tuple[DashboardPanel, Any]:
    """The dashboard shown with October 2026's figures, once they are on screen: it and the figures."""
    dashboard = window.dashboard
    assert dashboard is not None
    window.show_dashboard()
    with qtbot.waitSignal(dashboard.figures_shown, timeout=20_000) as shown:
        dashboard.set_period(Period.month("2026-10"))
    return dashboard, shown.args[0]


def test_tellers_get_no_dashboard(
    qtbot: QtBot, report_runner: OpRunner, events: AppEvents, settings: Settings
) -> None:
    main = MainWindow(report_runner, events, settings)
    qtbot.addWidget(main)
    main.store_opened(None, activate=False)
    teller = dataclasses.replace(report_runner.supervisor.actor, role=Role.TELLER)  # type: ignore[attr-defined]
    main.activate_views(teller)
    wait_idle(qtbot, report_runner)
    assert main.dashboard is None


def test_period_change_then_bar_click_filters_the_queue(
    qtbot: QtBot, window: MainWindow, report_runner: OpRunner
) -> None:
    dashboard, figures = show_october(qtbot, window)
    assert figures.received == 4
    assert dashboard.tiles["overdue"].text() == "✖ 2"  # a symbol as well as the alert colour
    assert dashboard.tiles["overdue"].property("state") == "alert"
    assert dashboard.tiles["satisfaction"].text() == "▼ 50.0%"  # below target: a symbol, not only red
    assert dashboard.category_chart.keys == ["C01", "C02"]
    with qtbot.waitSignal(window.queue.ids_loaded, timeout=20_000) as loaded:
        dashboard.category_chart.click_bar(0)  # C01: A, B and F
    assert window.tabs.currentWidget() is window.queue
    assert loaded.args[0] == 3
    assert window.queue.drill_label.isVisible()
    with qtbot.waitSignal(window.queue.ids_loaded, timeout=20_000) as loaded:
        dashboard.staff_chart.click_bar(dashboard.staff_chart.keys.index("zhang.wei"))
    assert loaded.args[0] == 1
    with qtbot.waitSignal(window.queue.ids_loaded, timeout=20_000):
        window.queue.drill_clear.click()
    assert not window.queue.drill_label.isVisible()


def test_a_product_bar_lists_the_cases_of_that_business_category(
    qtbot: QtBot, window: MainWindow, report_runner: OpRunner
) -> None:
    dashboard, _ = show_october(qtbot, window)
    chart = dashboard.business_chart
    assert chart.keys == ["B03", ""]  # bank cards (A, B, C), then F, taken without a business category
    assert chart.labels[0].startswith("B03 ") and chart.labels[1] == text("not_classified")
    with qtbot.waitSignal(window.queue.ids_loaded, timeout=20_000) as loaded:
        chart.click_bar(0)
    assert window.tabs.currentWidget() is window.queue
    assert loaded.args[0] == 3
    assert "B030102" in window.queue.case_filter().business_codes
    with qtbot.waitSignal(window.queue.ids_loaded, timeout=20_000) as loaded:
        chart.click_bar(1)
    assert loaded.args[0] == 1 and window.queue.case_filter().business_codes == frozenset({""})


def test_export_writes_the_three_files_with_progress(
    qtbot: QtBot, window: MainWindow, report_runner: OpRunner, tmp_path: Path
) -> None:
    dashboard, _ = show_october(qtbot, window)
    steps: list[tuple[int, int]] = []
    dashboard.export_progress.advanced.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(dashboard.exported, timeout=60_000) as written:
        dashboard.export_to(tmp_path)
    assert {path.suffix for path in written.args[0]} == {".pdf", ".xlsx", ".csv"}
    assert all(path.stat().st_size > 0 for path in written.args[0])
    assert steps[-1][0] == steps[-1][1] and len(steps) >= 3
    assert not dashboard.progress.isVisible()
