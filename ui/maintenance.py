"""The app's own schedule: the scheduled backup (app/backup_schedule.py decides when, full or incremental,
and how many to keep) and the daily retention run, both on the db lane; app/scheduled_jobs.py runs them
and puts each run in the operation log, results go to the status bar.

Time comes from the ServiceContext clock, so the schedule follows the same clock as everything else.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.config import Settings
from app.context import ServiceContext
from app.errors import BranchDeskError
from ui import errors
from ui.events import AppEvents
from ui.ops import Lane, OpRunner

log = logging.getLogger(__name__)

FIRST_TICK_MS = 120_000  # after start-up and sign-in have had the db lane to themselves
TICK_MS = 15 * 60_000  # the schedule module says whether a backup is due; asking is cheap
RETENTION_EVERY = dt.timedelta(days=1)


def scheduled_backup(store: Any, ctx: ServiceContext, settings: Settings) -> list[Any]:
    """Runs on the db lane: a backup if one is due now, in the operation log; the BackupInfo written."""
    from app.scheduled_jobs import run_backup

    return run_backup(store, ctx, settings)


def retention_run(store: Any, ctx: ServiceContext, settings: Settings) -> Any:
    """Runs on the db lane: purge what is past its period (logged); erased customers leave the backups too."""
    from app.scheduled_jobs import run_retention

    return run_retention(store, ctx, settings)


class Maintenance(QObject):
    """Ticks on a timer (or when told, in tests); never starts a job while the same job still runs."""

    finished = Signal(str, bool)  # job name, succeeded

    def __init__(
        self, runner: OpRunner, events: AppEvents, settings: Settings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.events = events
        self.settings = settings
        self.last_retention: dt.datetime | None = None
        self._running: set[str] = set()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.timer.start(FIRST_TICK_MS)
        self.timer.setInterval(TICK_MS)  # from the second tick on

    def stop(self) -> None:
        self.timer.stop()

    def _now(self) -> dt.datetime:
        ctx = self.runner.context
        return ctx.clock() if isinstance(ctx, ServiceContext) else dt.datetime.now(dt.UTC)

    def tick(self) -> None:
        self._submit("backup", scheduled_backup, self._backed_up)
        now = self._now()
        last = self.last_retention
        # A clock moved back before the last run does not postpone the next one.
        if last is None or now - last >= RETENTION_EVERY or now < last:
            self.last_retention = now
            self._submit("retention", retention_run, self._retained)

    def _submit(self, job: str, fn: Any, done: Any) -> None:
        if job in self._running:
            return
        self._running.add(job)

        def succeeded(result: Any) -> None:
            self._running.discard(job)
            done(result)
            self.finished.emit(job, True)

        def failed(exc: BranchDeskError) -> None:
            self._running.discard(job)
            self._failed(job, exc)
            self.finished.emit(job, False)

        self.runner.run_with_store(fn, self.settings, lane=Lane.DB, on_success=succeeded, on_failure=failed)

    def _backed_up(self, written: list[Any]) -> None:
        if not written:
            return
        names = ", ".join(info.path.name for info in written)
        log.info("scheduled backup written: %s", names)
        self.events.status_message.emit(self.tr("Scheduled backup written: %1").replace("%1", names))

    def _retained(self, report: Any) -> None:
        log.info(
            "retention: %s cases purged, %s customers erased, %s held back",
            report.cases_purged, len(report.customers_erased), report.held_back,
        )  # fmt: skip
        if report.cases_purged or report.customers_erased:
            self.events.status_message.emit(
                self.tr("Retention: %1 closed cases purged, %2 customers erased (past their period)")
                .replace("%1", str(report.cases_purged))
                .replace("%2", str(len(report.customers_erased)))
            )

    def _failed(self, job: str, exc: BranchDeskError) -> None:
        text = (
            self.tr("The scheduled backup failed: %1")
            if job == "backup"
            else self.tr("The retention run failed: %1")
        ).replace("%1", errors.message_for(exc))
        log.error("%s failed: %s", job, type(exc).__name__)
        self.events.status_message.emit(text)
