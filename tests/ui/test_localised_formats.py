"""Dates, times and numbers follow the interface language, also after a switch while windows are open."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_idle
from tests.ui.test_dashboard import report_runner, show_october, window  # noqa: F401  (fixtures)
from ui.formatting import format_date, format_datetime, format_legal, format_number, format_percent
from ui.i18n import CHINESE, ENGLISH, install_translators, switch_language
from ui.main_window import MainWindow
from ui.ops import OpRunner

CHINESE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
ENGLISH_TIME = re.compile(r"^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$")
MOMENT = dt.datetime(2026, 10, 5, 1, 30, tzinfo=dt.UTC)  # 09:30 at the branch


@pytest.fixture
def chinese_after(qapp: QApplication) -> Iterator[None]:
    yield
    switch_language(qapp, CHINESE)


def test_each_language_writes_dates_and_numbers_its_own_way(qapp: QApplication) -> None:
    assert format_datetime(MOMENT, CHINESE) == "2026-10-05 09:30"
    assert format_datetime(MOMENT, ENGLISH) == "5 Oct 2026, 09:30"
    assert format_date(MOMENT.date(), CHINESE, "month") == "2026年10月"
    assert format_date(MOMENT.date(), ENGLISH, "month") == "October 2026"
    assert format_number(12345, 0, CHINESE) == format_number(12345, 0, ENGLISH) == "12,345"
    assert format_percent(0.935, 1, ENGLISH) == "93.5%"
    assert format_legal(MOMENT) == "2026-10-05 09:30"  # the receipt's form whatever the language
    try:
        install_translators(qapp, ENGLISH)
        assert format_datetime(MOMENT) == "5 Oct 2026, 09:30"  # no language given: the interface's
    finally:
        install_translators(qapp, CHINESE)


def _received_texts(main: MainWindow) -> list[str]:
    model = main.queue.model
    column = model.COLUMNS.index("received")
    return [model.index(row, column).data(Qt.ItemDataRole.DisplayRole) for row in range(model.rowCount())]


def test_queue_and_dashboard_follow_a_language_switch(
    qtbot: QtBot,
    qapp: QApplication,
    window: MainWindow,  # noqa: F811
    report_runner: OpRunner,  # noqa: F811
    chinese_after: None,
) -> None:
    dashboard, _ = show_october(qtbot, window)
    window.show_queue()
    wait_idle(qtbot, report_runner)
    received = _received_texts(window)
    assert received and all(CHINESE_TIME.match(text) for text in received)
    assert dashboard.period_combo.currentText() == "2026年10月"
    first_response = dashboard.tiles["first_response"].text()
    assert first_response.endswith(("分钟", "小时"))
    weeks = dashboard.weekly_chart.labels
    assert weeks and all(re.fullmatch(r"\d{1,2}月\d{1,2}日", week) for week in weeks)
    assert dashboard.rates_chart.chart().locale().language() == QLocale.Language.Chinese

    switch_language(qapp, ENGLISH)

    assert all(ENGLISH_TIME.match(text) for text in _received_texts(window))
    assert window.queue.count_label.text().endswith("cases")
    assert dashboard.period_combo.currentText() == "October 2026"
    number = re.match(r"[\d.,]+", first_response)
    assert number is not None and dashboard.tiles["first_response"].text() in (
        f"{number.group()} min",
        f"{number.group()} h",
    )
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", week) for week in dashboard.weekly_chart.labels)
    assert dashboard.rates_chart.chart().locale().language() == QLocale.Language.English
    assert [dashboard.monthly_chart.labels[-1]] == ["October 2026"]
    wait_idle(qtbot, report_runner)
