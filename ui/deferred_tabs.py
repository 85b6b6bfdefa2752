"""Tab pages built after the first paint or on first use, behind a tab that looks the same meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTabWidget, QWidget


@dataclass(slots=True)
class _Page:
    factory: Callable[[], QWidget]
    placeholder: QWidget
    widget: QWidget | None = None

    @property
    def shown(self) -> QWidget:
        """What the tab widget holds for this page now."""
        return self.widget if self.widget is not None else self.placeholder


class DeferredTabs(QObject):
    """Adds tabs whose page is built only when first needed: code asks ``page(key)``, the user selects
    the tab, or ``build_in_turns`` runs once the window is on screen.

    The tab (icon, title, tooltip, position) exists from the start, so the tab bar looks and reads the
    same; a built page replaces its empty placeholder in place, and the current tab stays current.
    """

    def __init__(self, tabs: QTabWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tabs = tabs
        self._pages: dict[str, _Page] = {}
        self._building = False
        tabs.currentChanged.connect(self._current_changed)

    def add(self, key: str, factory: Callable[[], QWidget], icon: QIcon, title: str) -> int:
        """A tab for the page ``factory`` builds; returns its index (for a tooltip, say)."""
        placeholder = QWidget()
        placeholder.setObjectName(f"{key}_placeholder")
        self._pages[key] = _Page(factory, placeholder)
        return self.tabs.addTab(placeholder, icon, title)

    def is_built(self, key: str) -> bool:
        return self._pages[key].widget is not None

    def key_of(self, widget: QWidget | None) -> str | None:
        """Which page ``widget`` is (built or still its placeholder)."""
        for key, page in self._pages.items():
            if widget is not None and widget is page.shown:
                return key
        return None

    def page(self, key: str) -> QWidget:
        """The page, built now if it was not yet."""
        page = self._pages[key]
        if page.widget is None:
            self._build(page)
        assert page.widget is not None
        return page.widget

    def build_in_turns(self) -> None:
        """One page per turn of the event loop, so input and paints get through in between."""
        for key in self._pages:
            if not self.is_built(key):
                self.page(key)
                QTimer.singleShot(0, self, self.build_in_turns)
                return

    def _build(self, page: _Page) -> None:
        widget = page.factory()
        page.widget = widget
        tabs = self.tabs
        index = tabs.indexOf(page.placeholder)
        if index < 0:  # the factory already put it somewhere else; nothing to swap
            return
        current = tabs.currentIndex()
        focus_in_tabs = tabs.tabBar().hasFocus()
        icon, title, tooltip = tabs.tabIcon(index), tabs.tabText(index), tabs.tabToolTip(index)
        what, enabled = tabs.tabWhatsThis(index), tabs.isTabEnabled(index)
        # The same tab stays current throughout: nobody watching currentChanged sees a switch.
        self._building = True
        blocked = tabs.blockSignals(True)
        try:
            tabs.insertTab(index, widget, icon, title)
            tabs.removeTab(index + 1)
            tabs.setTabToolTip(index, tooltip)
            tabs.setTabWhatsThis(index, what)
            # the tab bar's own: QTabWidget.setTabEnabled would also enable a page that starts disabled
            tabs.tabBar().setTabEnabled(index, enabled)
            tabs.setCurrentIndex(current)
        finally:
            tabs.blockSignals(blocked)
            self._building = False
        if focus_in_tabs:
            tabs.tabBar().setFocus()
        page.placeholder.deleteLater()

    def _current_changed(self, index: int) -> None:
        # A keyboard or mouse user reached a page before it was built: build it now.
        if self._building:
            return
        key = self.key_of(self.tabs.widget(index))
        if key is not None and not self.is_built(key):
            self.page(key)
