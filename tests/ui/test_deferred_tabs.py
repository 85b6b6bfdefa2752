"""The New case and Case queue pages are built after the first paint, yet look and work as if always there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.config import Settings
from tests.ui.conftest import activate, wait_idle
from ui import first_paint
from ui.events import AppEvents
from ui.first_paint import FirstPaint
from ui.main_window import MainWindow
from ui.ops import OpRunner

TITLES = ["客户", "新建案件", "案件队列"]


class PaintLog(QObject):
    """Records which watched widgets were painted, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.append(watched)
        return False


@pytest.fixture
def window(qtbot: QtBot, runner: OpRunner, events: AppEvents, settings: Settings) -> MainWindow:
    """The main window as the program builds it, not shown, the store not open yet."""
    built = MainWindow(runner, events, settings)
    qtbot.addWidget(built)
    return built


def _tabs(window: MainWindow) -> list[tuple[str, str, bool]]:
    tabs = window.tabs
    return [(tabs.tabText(i), tabs.tabToolTip(i), tabs.tabIcon(i).isNull()) for i in range(tabs.count())]


def test_the_tabs_are_there_before_their_pages_are_built(qtbot: QtBot, window: MainWindow) -> None:
    assert not window.pages.is_built("intake") and not window.pages.is_built("queue")
    before = _tabs(window)
    assert [title for title, _tip, _no_icon in before] == TITLES
    assert all(tip for _title, tip, _no_icon in before[1:]) and not any(no_icon for *_rest, no_icon in before)

    log = PaintLog()
    window.tabs.tabBar().installEventFilter(log)
    window.customers.installEventFilter(log)
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
    # the signal comes once the tab bar and the Customers page are on screen, before the pages are built
    assert window.tabs.tabBar() in log.painted and window.customers in log.painted
    assert not window.pages.is_built("intake")
    qtbot.waitUntil(lambda: window.pages.is_built("intake") and window.pages.is_built("queue"))
    assert _tabs(window) == before  # same titles, tooltips and icons, in the same places
    assert window.tabs.currentWidget() is window.customers
    assert window.tabs.indexOf(window.intake) == 1 and window.tabs.indexOf(window.queue) == 2
    assert not window.intake.isEnabled() and not window.queue.isEnabled()  # until the store is open


def test_asking_for_a_page_builds_it_once_in_its_place(window: MainWindow) -> None:
    form = window.intake
    assert window.intake is form and window.tabs.widget(1) is form
    assert not window.pages.is_built("queue") and window.tabs.count() == 3
    assert window.help_topic() == "customers"


def test_a_page_reached_before_it_was_built_is_built_and_shown(window: MainWindow) -> None:
    changes: list[int] = []
    window.tabs.currentChanged.connect(changes.append)
    window.tabs.setCurrentIndex(2)  # a click on the Case queue tab
    assert window.pages.is_built("queue")
    assert window.tabs.currentIndex() == 2 and window.tabs.currentWidget() is window.queue
    assert changes == [2]  # one switch, as for a page that was always there
    assert window.help_topic() == "deadlines"
    assert [window.tabs.tabText(i) for i in range(3)] == TITLES


def test_ctrl_tab_reaches_the_pages_right_after_the_start(
    qtbot: QtBot, window: MainWindow, runner: OpRunner
) -> None:
    window.store_opened(None)
    window.show()
    activate(qtbot, window)
    wait_idle(qtbot, runner)
    window.tabs.tabBar().setFocus()
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.intake
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.queue
    assert window.intake.isEnabled() and window.queue.isEnabled()


def test_a_staff_change_before_the_pages_exist_does_not_build_them(window: MainWindow) -> None:
    window.reset_views()
    assert not window.pages.is_built("intake") and not window.pages.is_built("queue")


def test_first_paint_waits_for_every_widget(qtbot: QtBot) -> None:
    first, second = QWidget(), QWidget()
    for widget in (first, second):
        qtbot.addWidget(widget)
    watch = FirstPaint((first, second))
    fired: list[bool] = []
    watch.done.connect(lambda: fired.append(True))
    first.show()
    qtbot.waitExposed(first)
    qtbot.wait(50)
    assert fired == [] and not watch.happened
    with qtbot.waitSignal(watch.done, timeout=5000):
        second.show()
    second.update()
    qtbot.wait(50)
    assert fired == [True]  # once only


def test_first_paint_has_a_fallback_for_a_window_never_painted(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_paint, "FALLBACK_MS", 20)
    never_shown = QWidget()
    qtbot.addWidget(never_shown)
    watch = FirstPaint((never_shown,))
    with qtbot.waitSignal(watch.done, timeout=2000):
        watch.start_fallback()
    assert watch.happened
