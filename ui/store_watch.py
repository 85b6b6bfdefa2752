"""Watches the open store while the app runs: the file deleted or moved (written back from the open
connection) and the system clock behind the last time recorded here. Checks run on the db lane."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.context import ServiceContext
from app.errors import BranchDeskError
from app.messages import Message
from ui import errors
from ui.events import AppEvents
from ui.ops import Lane, OpRunner

log = logging.getLogger(__name__)

WATCH_INTERVAL_MS = 30_000  # a deleted file is written back within half a minute, before much else can go


def rescue_store(store: Any, _ctx: ServiceContext) -> None:
    """Runs on the db lane: StoreMissing (rescued or not) when the file had gone."""
    from app.store_guard import rescue_if_missing

    rescue_if_missing(store.engine, store.paths.store)


def clock_check(session: Any, ctx: ServiceContext) -> Message | None:
    from app.store_guard import clock_warning

    return clock_warning(session, ctx.clock())


class StoreWatch(QObject):
    """Started once the store is open; each finding is told once, in plain words."""

    warned = Signal(str)  # the text shown

    def __init__(self, runner: OpRunner, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.events = events
        self.window = parent
        self.box: QMessageBox | None = None
        self._clock_told = False
        self.timer = QTimer(self)
        self.timer.setInterval(WATCH_INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.check()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        self.runner.run_with_store(rescue_store, lane=Lane.DB, on_failure=self._store_missing)
        if not self._clock_told:
            self.runner.run_db(clock_check, on_success=self._clock_checked, on_failure=lambda _exc: None)

    def _store_missing(self, exc: BranchDeskError) -> None:
        self._tell(errors.message_for(exc), critical=not getattr(exc, "rescued", False))

    def _clock_checked(self, warning: Message | None) -> None:
        if warning is None or self._clock_told:
            return
        self._clock_told = True  # once per run: the clock stays wrong until IT corrects it
        self._tell(errors.field_message(warning))

    def _tell(self, text: str, critical: bool = False) -> None:
        log.warning("store watch: %s", text)
        self.events.status_message.emit(text)
        box = QMessageBox(
            QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning,
            self.tr("BranchDesk"),
            text,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setAccessibleName(self.tr("Data file warning"))
        box.finished.connect(box.deleteLater)
        self.box = box
        box.open()  # not modal for the app: the counter work goes on
        self.warned.emit(text)
