"""When to sync: a timer, local writes (debounced), F5; one round at a time on the network lane; backoff."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from app.changes import Changes
from app.errors import BranchDeskError
from app.sync.backoff import Backoff
from ui import errors
from ui.events import AppEvents
from ui.i18n import current_language
from ui.ops import Lane, OpRunner

if TYPE_CHECKING:
    from app.context import ServiceContext
    from app.sync.engine import CancelToken, SyncReport

log = logging.getLogger(__name__)

DEBOUNCE_MS = 3000
NOT_CONFIGURED = "central_not_configured"

RoundFn = Callable[..., "SyncReport"]


class _Crashed:
    """A round stopped by an unexpected exception; reported as a crash, then treated as a failed round."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def _run_round(
    round_fn: RoundFn,
    store: object,
    ctx: object,
    url: str,
    token: CancelToken,
    progress: Callable[[int, int], None],
) -> SyncReport | _Crashed:
    """Runs on the network lane. sync_round never raises for network failures; anything else is a bug."""
    try:
        return round_fn(store, ctx, url, token, progress)
    except BranchDeskError:
        raise  # a typed error: its message says what went wrong
    except Exception as exc:
        return _Crashed(exc)


def _default_round_fn() -> RoundFn:
    # Imported on first use: app.sync.runner pulls in SQLAlchemy and psycopg, which the window must not
    # wait for at start-up (see ui/services.py).
    from app.sync.runner import sync_round

    return sync_round


class SyncController(QObject):
    """Decides when a sync round runs and announces its outcome; the round itself is app.sync.runner's.

    Triggers: the interval timer, local writes (``changes_applied``, debounced and coalesced) and
    ``sync_now`` (F5). Only one round runs at a time; a trigger meanwhile asks for one more afterwards.
    After a failed round the automatic triggers wait for the backoff delay; ``sync_now`` never waits.
    """

    round_started = Signal(bool)  # True: the user asked for it (F5)
    report_ready = Signal(object)  # app.sync.engine.SyncReport
    round_failed = Signal(str)  # a round that did not finish: translated, non-personal text
    progress = Signal(int, int)  # done, total of the pull; emitted on the network lane, delivered queued

    def __init__(
        self,
        runner: OpRunner,
        events: AppEvents,
        store: object,
        ctx: ServiceContext,
        url: str,
        interval_seconds: float,
        parent: QObject | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        backoff: Backoff | None = None,
        round_fn: RoundFn | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.events = events
        self.store = store
        self.ctx = ctx
        self.url = url.strip()
        self.backoff = backoff or Backoff()
        self._round_fn = round_fn
        self._token: CancelToken | None = None
        self._running = False
        self._again = False
        self._closed = False
        self._announcing = False
        self.rounds_started = 0
        self.last_report: SyncReport | None = None
        self.last_delay_seconds: float | None = None

        self.interval_timer = QTimer(self)
        self.interval_timer.setInterval(max(1, round(interval_seconds * 1000)))
        self.interval_timer.timeout.connect(self._automatic)
        self._interval_enabled = interval_seconds > 0
        self.debounce_timer = QTimer(self)
        self.debounce_timer.setSingleShot(True)
        self.debounce_timer.setInterval(debounce_ms)
        self.debounce_timer.timeout.connect(self._automatic)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self._retry)
        events.changes_applied.connect(self._local_changes)

    # --- state ------------------------------------------------------------------------------

    @property
    def configured(self) -> bool:
        return bool(self.url)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def waiting_to_retry(self) -> bool:
        return self.retry_timer.isActive()

    # --- triggers ---------------------------------------------------------------------------

    def start(self) -> None:
        """Begin automatic syncing: a first round now, then every interval."""
        if self._closed:
            return
        if self.configured and self._interval_enabled:
            self.interval_timer.start()
        self._trigger(manual=False)

    def sync_now(self) -> None:
        """F5: a round now, whatever the backoff says; during a round, one more right after it."""
        if self._closed:
            return
        self.retry_timer.stop()
        self.debounce_timer.stop()
        self._trigger(manual=True)

    def cancel(self) -> None:
        """Stop the running round between batches; what was sent or pulled so far stays."""
        self._again = False
        if self._token is not None:
            self._token.cancel()

    def shutdown(self) -> None:
        """No more rounds; the running one stops at its next batch boundary (before the runner drains)."""
        if self._closed:
            return
        self._closed = True
        for timer in (self.interval_timer, self.debounce_timer, self.retry_timer):
            timer.stop()
        self.cancel()

    def _local_changes(self, changes: Changes) -> None:
        if self._announcing or self._closed or not self.configured or not changes:
            return  # our own pull's announcement is not a local write
        if not self.debounce_timer.isActive():
            self.debounce_timer.start()  # coalesced: one round for a burst of writes

    def _automatic(self) -> None:
        if self.retry_timer.isActive():
            return  # backing off after a failure: the retry timer decides
        self._trigger(manual=False)

    def _retry(self) -> None:
        self._trigger(manual=False)

    def _trigger(self, manual: bool) -> None:
        if self._closed:
            return
        if self._running:
            self._again = True
            return
        self._start_round(manual)

    # --- one round --------------------------------------------------------------------------

    def _start_round(self, manual: bool) -> None:
        from app.sync.engine import CancelToken

        token = CancelToken()
        self._token = token
        self._running = True
        self._again = False
        self.rounds_started += 1
        self.debounce_timer.stop()
        progress_signal = self.progress

        def progress(done: int, total: int) -> None:
            try:
                progress_signal.emit(done, total)
            except RuntimeError:  # the controller is gone (shutdown): progress no longer matters
                token.cancel()

        self.round_started.emit(manual)
        log.debug("sync round %s started (%s)", self.rounds_started, "manual" if manual else "automatic")
        self.runner.run_task(
            _run_round,
            self._round_fn or _default_round_fn(),
            self.store,
            self.ctx,
            self.url,
            token,
            progress,
            lane=Lane.NETWORK,
            on_success=self._round_done,
            on_failure=self._round_raised,
        )

    def _round_done(self, outcome: SyncReport | _Crashed) -> None:
        if isinstance(outcome, _Crashed):
            errors.report_unexpected(outcome.exc)
            self._round_ended(
                ok=False,
                problem=QCoreApplication.translate(
                    "SyncController", "Sync stopped because of an unexpected error. Everything is kept here."
                ),
            )
            return
        report = outcome
        self.last_report = report
        self.report_ready.emit(report)
        if report.changes and not self._closed:
            self._announce(report.changes)  # the customers and cases the pull touched: views redraw them
        not_configured = report.error is not None and report.error.code == NOT_CONFIGURED
        self._round_ended(ok=report.error is None or not_configured, cancelled=report.cancelled)

    def _round_raised(self, exc: BranchDeskError) -> None:
        log.info("sync round failed: %s", type(exc).__name__)
        self._round_ended(ok=False, problem=exc.render(current_language()))

    def _round_ended(self, ok: bool, problem: str | None = None, cancelled: bool = False) -> None:
        self._running = False
        self._token = None
        if problem is not None:
            self.round_failed.emit(problem)
        if self._closed:
            return
        if cancelled:
            self._again = False  # the user stopped it: the next automatic trigger carries on
            return
        if ok:
            self.backoff.succeeded()
            self.last_delay_seconds = None
            if self._again:
                QTimer.singleShot(0, self, lambda: self._trigger(manual=False))
            return
        # Failed: whatever asked for another round meanwhile waits for the backoff like the rest.
        self._again = False
        delay = self.backoff.failed()
        self.last_delay_seconds = delay
        self.retry_timer.start(max(1, round(delay * 1000)))
        log.info("sync: next try in %.0f s", delay)

    def _announce(self, changes: Changes) -> None:
        self._announcing = True
        try:
            self.events.changes_applied.emit(changes)
        finally:
            self._announcing = False
