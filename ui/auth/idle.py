"""Notices when nobody has touched keyboard or mouse for a while (application-wide)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``interval_ms`` without input while started.

    The event filter sees every event of the application while started, so it only notes the time
    of input; the single-shot timer then re-arms itself for whatever is left of the interval.
    """

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._interval_ms = max(1, interval_ms)
        self._last_input = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    def set_interval(self, interval_ms: int) -> None:
        self._interval_ms = max(1, interval_ms)
        if self._timer.isActive():
            self.start()

    def start(self) -> None:
        self._last_input = time.monotonic()
        self._timer.start(self._interval_ms)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # installing again is a no-op for Qt

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)  # no per-event cost while nobody is signed in

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    def _check(self) -> None:
        left_ms = self._interval_ms - int((time.monotonic() - self._last_input) * 1000)
        if left_ms > 0:
            self._timer.start(left_ms)
            return
        self.idle.emit()
