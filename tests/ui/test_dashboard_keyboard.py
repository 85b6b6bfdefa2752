"""The dashboard's charts without a mouse: Tab to a chart, arrows pick a bar, Enter opens its cases."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.ui.conftest import activate
from tests.ui.test_case_support import focused, press
from tests.ui.test_dashboard import report_runner, show_october, window  # noqa: F401  (fixtures)
from ui.dashboard.charts import BarChart, outline_rect
from ui.dashboard.panel import DashboardPanel
from ui.formatting import format_number
from ui.main_window import MainWindow
from ui.ops import OpRunner

SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def dashboard(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
    report_runner: OpRunner,  # noqa: F811  (the figures' data)
) -> DashboardPanel:
    """The dashboard shown with October 2026's figures, the window active."""
    dashboard, _ = show_october(qtbot, window)
    activate(qtbot, window)
    return dashboard


def _said(chart: BarChart, index: int) -> str:
    """What the description says of bar `index`: its label and its figure."""
    value = chart.values[index]
    return f"{chart.labels[index]} {format_number(value, 0 if value == int(value) else 1)}"


def _selected(chart: BarChart) -> list[int]:
    assert chart.bar_set is not None
    return list(chart.bar_set.selectedBars())


def test_tab_reaches_the_charts_and_arrows_move_the_current_bar(
    qtbot: QtBot, dashboard: DashboardPanel
) -> None:
    chart = dashboard.category_chart
    overview = chart.accessibleDescription()
    assert _said(chart, 0) in overview and _said(chart, 1) in overview  # unfocused: every figure
    dashboard.export_button.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dashboard.rates_chart  # the filters' row, then straight to the first chart
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is chart
    assert chart.current == 0 and _selected(chart) == [0]
    assert chart.accessibleName() == chart.chart().title()
    assert chart.accessibleDescription() == _said(chart, 0)  # the current bar alone: "C01 … 3"

    press(qtbot, Qt.Key.Key_Right)
    assert chart.current == 1 and _selected(chart) == [1]
    assert chart.accessibleDescription() == _said(chart, 1)
    press(qtbot, Qt.Key.Key_Right)  # the last bar: it stays
    assert chart.current == 1
    press(qtbot, Qt.Key.Key_Left)
    assert chart.current == 0 and chart.accessibleDescription() == _said(chart, 0)
    press(qtbot, Qt.Key.Key_Down)
    assert chart.current == 1
    press(qtbot, Qt.Key.Key_Up)
    assert chart.current == 0

    press(qtbot, Qt.Key.Key_Tab)  # away: no bar is marked and the description lists every figure again
    assert focused() is dashboard.business_chart
    assert _selected(chart) == [] and chart.accessibleDescription() == overview
    press(qtbot, Qt.Key.Key_Tab, SHIFT)  # back: the same bar as before
    assert focused() is chart and chart.current == 0 and _selected(chart) == [0]


def test_home_and_end_jump_to_the_first_and_last_bar(qtbot: QtBot, dashboard: DashboardPanel) -> None:
    chart = dashboard.monthly_chart
    assert len(chart.values) == 6
    chart.setFocus(Qt.FocusReason.TabFocusReason)
    assert focused() is chart and chart.current == 0
    press(qtbot, Qt.Key.Key_End)
    assert chart.current == 5 and _selected(chart) == [5]
    assert chart.accessibleDescription() == _said(chart, 5)  # October 2026: 4
    press(qtbot, Qt.Key.Key_Home)
    assert chart.current == 0 and chart.accessibleDescription() == _said(chart, 0)
    # the rates chart says its target with the current rate
    rates = dashboard.rates_chart
    rates.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_End)
    assert rates.accessibleDescription().startswith(_said(rates, len(rates.values) - 1) + "%")
    assert "90%" in rates.accessibleDescription()


def test_enter_and_space_open_the_bars_cases_as_a_click_does(
    qtbot: QtBot,
    dashboard: DashboardPanel,
    window: MainWindow,  # noqa: F811
) -> None:
    chart = dashboard.category_chart
    chart.setFocus(Qt.FocusReason.TabFocusReason)
    assert chart.keys == ["C01", "C02"] and chart.current == 0
    with qtbot.waitSignal(window.queue.ids_loaded, timeout=20_000) as loaded:
        press(qtbot, Qt.Key.Key_Return)  # C01: A, B and F, as test_dashboard's click
    assert window.tabs.currentWidget() is window.queue
    assert loaded.args[0] == 3 and window.queue.case_filter().category_prefix == "C01"
    assert window.queue.drill_label.isVisible()

    window.show_dashboard()
    staff = dashboard.staff_chart
    staff.setFocus(Qt.FocusReason.TabFocusReason)
    while staff.keys[staff.current] != "zhang.wei":
        press(qtbot, Qt.Key.Key_Right)
    with qtbot.waitSignal(window.queue.ids_loaded, timeout=20_000) as loaded:
        press(qtbot, Qt.Key.Key_Space)
    assert loaded.args[0] == 1 and window.queue.case_filter().owner == "zhang.wei"


def test_the_focused_chart_and_its_current_bar_are_drawn(qtbot: QtBot, dashboard: DashboardPanel) -> None:
    chart = dashboard.category_chart
    plain = chart.grab().toImage()
    chart.setFocus(Qt.FocusReason.TabFocusReason)
    first = chart.grab().toImage()
    press(qtbot, Qt.Key.Key_Right)
    second = chart.grab().toImage()
    assert first != plain and second != first  # a frame round the chart; the outline follows the bar
    assert _changed_pixels(plain, first) > 0
    bar = chart._bar_rect(1)
    assert bar is not None and bar.width() > 0 and bar.height() > 0


@pytest.mark.parametrize("pen_width", [1.0, 2.0, 3.0])  # the themes' focus widths and more
@pytest.mark.parametrize("label", [QSizeF(9, 14), QSizeF(60, 14)])  # narrower and wider than the bar
def test_the_current_bars_outline_holds_the_bar_and_its_value_label(pen_width: float, label: QSizeF) -> None:
    bar = QRectF(100, 50, 24, 80)
    outline = outline_rect(bar, pen_width, label)
    inside = outline.adjusted(pen_width / 2, pen_width / 2, -pen_width / 2, -pen_width / 2)
    # Qt Charts centres the label just over the bar
    shown = QRectF(
        bar.center().x() - label.width() / 2, bar.top() - label.height(), label.width(), label.height()
    )
    assert inside.contains(bar) and inside.contains(shown)
    assert inside.top() < shown.top() and inside.left() < min(bar.left(), shown.left())
    assert outline.center().x() == bar.center().x() and outline.bottom() > bar.bottom()


def _changed_pixels(before: QImage, after: QImage) -> int:
    return sum(
        before.pixel(x, y) != after.pixel(x, y)
        for x in range(0, before.width(), 4)
        for y in range(0, before.height(), 4)
    )
