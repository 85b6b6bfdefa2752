"""Coalesces the refreshes background changes trigger, and defers them while a view is hidden."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.changes import Changes


class CoalescedRefresh(QObject):
    """Collects ``Changes`` and calls ``refresh`` once per burst (model: Electrum's rate_limiter).

    A hidden view is not redrawn at all until it is shown again.
    """

    def __init__(self, view: QWidget, refresh: Callable[[Changes], None], delay_ms: int = 50) -> None:
        super().__init__(view)
        self._view = view
        self._refresh = refresh
        self._collected = Changes()
        self._waiting = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)
        view.installEventFilter(self)

    def add(self, changes: Changes) -> None:
        self._collected = self._collected | changes
        self._waiting = True
        if self._view.isVisible() and not self._timer.isActive():
            self._timer.start()

    @property
    def waiting(self) -> bool:
        return self._waiting

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Show and self._waiting:
            self._timer.start()
        return False

    def _fire(self) -> None:
        if not self._waiting:
            return
        if not self._view.isVisible():
            return  # the Show event restarts the timer
        collected, self._collected, self._waiting = self._collected, Changes(), False
        self._refresh(collected)
