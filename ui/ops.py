"""The op runner: every database, keyring and network call runs here, off the GUI thread.

Modelled on Anki's ``aqt.operations`` and ``aqt.taskman``: one single-thread pool (the db lane)
serialises everything that touches the store, a second pool (the network lane) runs work that
may wait on the network. Results come back on the GUI thread through a queued signal, so
callbacks may touch widgets. Writes return ``Changes``; the runner announces them on
``AppEvents.changes_applied`` after the transaction committed, before the op's own
``on_success`` runs.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QApplication

from app.changes import Changes
from app.errors import BranchDeskError
from ui import errors
from ui.events import AppEvents

log = logging.getLogger(__name__)

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BranchDeskError], None]


class Lane(StrEnum):
    DB = "db"
    NETWORK = "network"


class TransactionalStore(Protocol):
    """What the runner needs of app.store.OpenedStore."""

    def transaction(self) -> Any: ...  # a context manager yielding a session


class RunnerClosed(RuntimeError):
    """An op was submitted after shutdown()."""


@dataclass(slots=True)
class _Pending:
    name: str
    on_success: SuccessCallback | None
    on_failure: FailureCallback | None


def changes_in(result: object) -> Changes | None:
    """A service returns ``Changes`` or a tuple whose last item is one."""
    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple) and result and isinstance(result[-1], Changes):
        return result[-1]
    return None


class OpRunner(QObject):
    """Runs service calls on worker lanes and delivers their outcome on the GUI thread."""

    busy_changed = Signal(bool)
    pending_changed = Signal(int)
    # worker -> GUI thread; queued because the runner lives on the GUI thread
    _finished = Signal(int, bool, object)

    def __init__(self, events: AppEvents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self._store: TransactionalStore | None = None
        self._ctx: object | None = None
        self._db_lane = QThreadPool(self)
        self._db_lane.setMaxThreadCount(1)  # one writer: SQLite and the session stay consistent
        self._db_lane.setExpiryTimeout(-1)  # keep the db thread for the app's lifetime
        self._network_lane = QThreadPool(self)
        self._network_lane.setMaxThreadCount(4)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._closed = False
        self._finished.connect(self._deliver)
        self.busy_changed.connect(events.busy_changed)

    # --- setup ----------------------------------------------------------------------------

    def attach(self, store: TransactionalStore, ctx: object) -> None:
        """Called once the store is open; from then on run_db may be used."""
        self._store = store
        self._ctx = ctx

    @property
    def context(self) -> object | None:
        """The ServiceContext ops run with (its actor decides which actions a view offers)."""
        return self._ctx

    @property
    def pending(self) -> int:
        return len(self._pending)

    @property
    def is_busy(self) -> bool:
        return bool(self._pending)

    # --- submitting -----------------------------------------------------------------------

    def run_db(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: SuccessCallback | None = None,
        on_failure: FailureCallback | None = None,
    ) -> int:
        """Run ``fn(session, ctx, *args)`` in one transaction on the db lane."""
        store, ctx = self._store, self._ctx
        if store is None:
            raise RuntimeError("run_db before the store was attached")

        def in_transaction() -> Any:
            with store.transaction() as session:
                return fn(session, ctx, *args)

        return self._submit(Lane.DB, _name_of(fn), in_transaction, on_success, on_failure)

    def run_with_store(
        self,
        fn: Callable[..., Any],
        *args: Any,
        lane: Lane = Lane.NETWORK,
        on_success: SuccessCallback | None = None,
        on_failure: FailureCallback | None = None,
    ) -> int:
        """Run ``fn(store, ctx, *args)`` for work that manages its own transactions (sync, fetches)."""
        store, ctx = self._store, self._ctx
        if store is None:
            raise RuntimeError("run_with_store before the store was attached")
        return self._submit(lane, _name_of(fn), lambda: fn(store, ctx, *args), on_success, on_failure)

    def run_task(
        self,
        fn: Callable[..., Any],
        *args: Any,
        lane: Lane = Lane.DB,
        on_success: SuccessCallback | None = None,
        on_failure: FailureCallback | None = None,
    ) -> int:
        """Run ``fn(*args)`` without a session: opening the store (db lane), network work."""
        return self._submit(lane, _name_of(fn), lambda: fn(*args), on_success, on_failure)

    def _submit(
        self,
        lane: Lane,
        name: str,
        work: Callable[[], Any],
        on_success: SuccessCallback | None,
        on_failure: FailureCallback | None,
    ) -> int:
        if self._closed:
            raise RunnerClosed(name)
        op_id = next(self._ids)
        self._pending[op_id] = _Pending(name, on_success, on_failure)
        finished = self._finished

        def run() -> None:
            try:
                result = work()
            except BaseException as exc:  # delivered to the GUI thread, never lost
                finished.emit(op_id, False, exc)
            else:
                finished.emit(op_id, True, result)

        pool = self._db_lane if lane is Lane.DB else self._network_lane
        pool.start(run)
        self._count_changed(len(self._pending) - 1)
        log.debug("op %s started: %s on %s lane", op_id, name, lane)
        return op_id

    # --- delivering (GUI thread) ------------------------------------------------------------

    def _deliver(self, op_id: int, ok: bool, payload: object) -> None:
        op = self._pending.pop(op_id, None)
        if op is None:
            return
        before = len(self._pending) + 1
        try:
            if self._closed:
                log.debug("op %s (%s) finished after shutdown; result dropped", op_id, op.name)
            elif ok:
                self._succeeded(op, payload)
            else:
                assert isinstance(payload, BaseException)
                self._failed(op, payload)
        finally:
            self._count_changed(before)

    def _succeeded(self, op: _Pending, result: object) -> None:
        changes = changes_in(result)
        if changes:
            self.events.changes_applied.emit(changes)
        if op.on_success is not None:
            op.on_success(result)

    def _failed(self, op: _Pending, exc: BaseException) -> None:
        exc = errors.expected_failure(exc) or exc
        if isinstance(exc, BranchDeskError):
            log.info("op %s failed: %s", op.name, type(exc).__name__)
            if op.on_failure is not None:
                op.on_failure(exc)
            else:
                errors.show_error(QApplication.activeWindow(), exc)
        else:
            errors.report_unexpected(exc)

    def _count_changed(self, before: int) -> None:
        now = len(self._pending)
        if now == before:
            return
        self.pending_changed.emit(now)
        if bool(now) != bool(before):
            self.busy_changed.emit(bool(now))

    # --- shutdown -------------------------------------------------------------------------

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Refuse new ops and wait for running and queued ones (aboutToQuit, test teardown).

        Their results are dropped: the views that asked for them are going away.
        Returns False if the lanes did not finish within ``timeout_ms``.
        """
        self._closed = True
        done = self._db_lane.waitForDone(timeout_ms) and self._network_lane.waitForDone(timeout_ms)
        if not done:
            log.warning("op runner: work still running at shutdown: %s", self._names())
        return done

    def _names(self) -> list[str]:
        return [op.name for op in self._pending.values()]


def _name_of(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__qualname__", None) or repr(fn)
