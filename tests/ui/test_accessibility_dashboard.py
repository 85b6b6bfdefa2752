"""The supervisor's dashboard and its report export are usable with a screen reader: every control is
named, and every chart says its figures in words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_idle
from tests.ui.test_accessibility import namer, unnamed  # noqa: F401  (fixture)
from tests.ui.test_dashboard import report_runner, show_october, window  # noqa: F401  (fixtures)
from ui.accessibility import AccessibleNamer
from ui.dashboard.charts import BarChart
from ui.formatting import format_number
from ui.main_window import MainWindow
from ui.ops import OpRunner


def test_the_dashboard_names_every_control_and_describes_its_charts(
    qtbot: QtBot,
    namer: AccessibleNamer,  # noqa: F811
    window: MainWindow,  # noqa: F811
    report_runner: OpRunner,  # noqa: F811
    tmp_path: Path,
) -> None:
    dashboard, _ = show_october(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    dashboard.setFocus()
    dashboard.focusNextChild()  # the focus enters the page: names are filled in
    assert unnamed(window) == []
    assert dashboard.period_combo.accessibleName() and dashboard.export_button.accessibleName()

    charts = dashboard.findChildren(BarChart)
    assert len(charts) >= 7
    for chart in charts:
        assert chart.accessibleName() == chart.chart().title() != ""
        description = chart.accessibleDescription()
        for label, value in zip(chart.labels, chart.values, strict=True):
            assert f"{label} {format_number(value, 0 if value == int(value) else 1)}" in description
    assert "%" in dashboard.rates_chart.accessibleDescription()  # the rates say they are rates
    category = dashboard.category_chart
    assert category.values and str(int(category.values[0])) in category.accessibleDescription()
    overview = category.accessibleDescription()
    # a chart is a Tab stop: focused, it names itself by its title and says the current bar alone
    category.setFocus(Qt.FocusReason.TabFocusReason)
    assert category.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert category.accessibleName() == category.chart().title()
    assert category.accessibleDescription() == f"{category.labels[0]} {format_number(category.values[0])}"
    dashboard.period_combo.setFocus(Qt.FocusReason.TabFocusReason)
    assert category.accessibleDescription() == overview

    # the report export: its button and its progress are named while it runs
    with qtbot.waitSignal(dashboard.exported, timeout=60_000):
        dashboard.export_to(tmp_path)
        assert dashboard.progress.isVisible() and dashboard.progress.accessibleName()
        assert unnamed(window) == []
    wait_idle(qtbot, report_runner)
