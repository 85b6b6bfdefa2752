"""One sync round: push the outbox in batches (one central transaction each), then pull what this
branch may see since the cursor. Runs on the op runner's network lane; cancellable between batches."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from app.changes import Changes
from app.context import ServiceContext
from app.messages import Message
from app.sync.control import CancelToken, LocalStore, Progress
from app.sync.pull import PULL_CURSOR, pull_changes
from app.sync.push import push_outbox
from db import central_migrate
from db.repos import outbox as outbox_repo

log = logging.getLogger(__name__)

__all__ = [
    "PULL_BATCH", "PULL_CURSOR", "CancelToken", "LocalStore", "Progress", "SyncReport", "schema_problem",
    "sync_once",
]  # fmt: skip

# Changes per push batch, one central transaction each: big enough that the handful of statements and
# round trips a batch costs are spread thin, small enough (about 0.7 MB) that a poor branch link
# carries one in seconds, a cancel is felt soon, and the append lock is held for tens of milliseconds.
BATCH = 1000
# Rows per pull batch, one local transaction each. Larger than the push's: a pulled row costs the
# central side one index entry, while every local commit and every batch's bookkeeping (lookups of
# what is here, the deadline refresh, statements) is paid per batch. About 5 MB of rows, two batches in
# memory at once (one read ahead); a cancel is still felt within a few seconds on a branch link. 20,000
# was no faster: the first batch, read before anything can be applied, waits longer.
PULL_BATCH = 10_000


@dataclass(frozen=True, slots=True)
class SyncReport:
    pushed: int = 0
    duplicates: int = 0
    conflicts: int = 0
    pulled: int = 0
    pending: int = 0
    cancelled: bool = False
    error: Message | None = None
    finished_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    # What the pull changed here, so the views redraw exactly that (app.changes.Changes).
    customers: frozenset[str] = frozenset()
    cases: frozenset[str] = frozenset()
    # Changes the central database refused for good, set aside in the outbox until IT puts them back.
    refused: int = 0

    @property
    def changes(self) -> Changes:
        return Changes(customers=self.customers, cases=self.cases)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled


_compatible_engines: set[int] = set()


def schema_problem(central_engine: Engine) -> Message | None:
    """Both sides record their schema version; a client too old or too new for the central schema
    stops syncing (and keeps working offline) with a clear message. Checked once per engine."""
    if id(central_engine) in _compatible_engines:
        return None
    found = central_migrate.central_revision(central_engine)
    if found == central_migrate.CENTRAL_HEAD:
        _compatible_engines.add(id(central_engine))
        return None
    if found is None:
        return Message("central_schema_missing")
    if found in central_migrate.known_central_revisions():
        return Message("central_schema_older", {"found": found, "needed": central_migrate.CENTRAL_HEAD})
    return Message("central_schema_newer", {"found": found, "needed": central_migrate.CENTRAL_HEAD})


def sync_once(
    store: LocalStore,
    central_engine: Engine,
    ctx: ServiceContext,
    cancel: CancelToken | None = None,
    batch: int | None = None,
    progress: Progress | None = None,
) -> SyncReport:
    """Push, then pull. Never raises for an unreachable or failing central database: the report says so
    and the outbox keeps everything for the next round. `batch` sets both phases' batch size (tests and
    tools use small ones); by default each phase has its own, BATCH and PULL_BATCH."""
    cancel = cancel or CancelToken()
    pushed = duplicates = conflicts = pulled = 0
    error: Message | None = None
    customers: set[str] = set()
    cases: set[str] = set()
    try:
        error = schema_problem(central_engine)
        if error is not None:
            with store.transaction() as session:
                return SyncReport(
                    error=error, pending=outbox_repo.pending_count(session), finished_at=ctx.clock()
                )
        pushed, duplicates, conflicts = push_outbox(store, central_engine, ctx, cancel, batch or BATCH)
        if not cancel.cancelled:
            pull_batch = batch or PULL_BATCH
            pulled = pull_changes(store, central_engine, ctx, cancel, pull_batch, progress, customers, cases)
    except OperationalError as exc:
        log.info("sync: central database unreachable (%s)", type(exc.orig).__name__)
        error = Message("central_unreachable")
    except DBAPIError as exc:
        log.warning("sync: central database refused a batch (%s)", type(exc.orig).__name__)
        error = Message("central_refused", {"detail": type(exc.orig).__name__})
    with store.transaction() as session:
        pending, refused = outbox_repo.pending_count(session), outbox_repo.refused_count(session)
    return SyncReport(
        pushed, duplicates, conflicts, pulled, pending, cancel.cancelled, error, ctx.clock(),
        frozenset(customers), frozenset(cases), refused,
    )  # fmt: skip
