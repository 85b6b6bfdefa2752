"""Tells when a window's first paint has reached the screen, so heavier work can wait until after it."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

# A window that is never painted (started minimised, a platform without expose events) must not
# hold back what waits for the paint for ever.
FALLBACK_MS = 1500


class FirstPaint(QObject):
    """Emits ``done`` once, after every watched widget has had its first paint event.

    A zero timer armed in ``show()`` fires before the paint (Qt paints when it handles the update
    request posted by show), so it is no measure of "on screen". The signal is emitted on the turn of
    the event loop after the last watched paint: the whole paint pass and its flush are over by then.
    """

    done = Signal()

    def __init__(self, widgets: Iterable[QWidget], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: list[QWidget] = list(widgets)
        self._emitted = False
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(FALLBACK_MS)
        self._fallback.timeout.connect(self._emit)
        for widget in self._pending:
            widget.installEventFilter(self)

    @property
    def happened(self) -> bool:
        return self._emitted

    def start_fallback(self) -> None:
        """Called when the window is shown: from then on, ``done`` comes at the latest after FALLBACK_MS."""
        if not self._emitted and not self._fallback.isActive():
            self._fallback.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self._pending:
            self._pending.remove(watched)
            watched.removeEventFilter(self)
            if not self._pending:
                QTimer.singleShot(0, self, self._emit)
        return False

    def _emit(self) -> None:
        if self._emitted:
            return
        self._emitted = True
        self._fallback.stop()
        for widget in self._pending:
            widget.removeEventFilter(self)
        self._pending.clear()
        self.done.emit()
