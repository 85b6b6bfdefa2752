"""The push phase: the outbox in batches, one central transaction each, marked sent after the commit.

A batch the central database refuses because of one change's data (a constraint: a username another
branch took, a value too long) would otherwise block the queue for good. Such a batch is sent again
change by change; a change refused on its own is set aside (outbox.refused_at), kept, and reported,
and everything else goes through."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.context import ServiceContext
from app.sync import central_pull
from app.sync.central_apply import BatchResult, PreparedBatch, apply_batch, prepare_batch
from app.sync.control import CancelToken, LocalStore
from app.sync.outbox_feed import OutboxFeed, QueuedChange
from db import central_schema as central
from db.repos import outbox as outbox_repo

log = logging.getLogger(__name__)

# Refusals caused by the data of a change, not by the connection or the server's state.
REFUSED_FOR_DATA = (IntegrityError, DataError)


def _send(
    connection: Connection, batch: PreparedBatch, meanwhile: Callable[[], None] | None = None
) -> BatchResult:
    with connection.begin():  # all of the batch or nothing
        central.append_lock(connection)
        return apply_batch(connection, batch, meanwhile)


def _touch(connection: Connection, ctx: ServiceContext) -> None:
    """When this workstation last pushed (for head office's view of the branches), once per push."""
    with connection.begin():
        actor = ctx.actor
        central_pull.touch_client(connection, actor.branch, actor.workstation, last_push_at=ctx.clock())


def _refusal(exc: DBAPIError) -> str:
    """What to record: the error class and the constraint; never the message (it may quote values)."""
    constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", None)
    return f"{type(exc.orig).__name__} {constraint or ''}".strip()


def _one_by_one(
    store: LocalStore, central_engine: Engine, ctx: ServiceContext, queued: Sequence[QueuedChange]
) -> tuple[BatchResult, int]:
    """Send a refused batch change by change, in order; set aside those refused on their own."""
    duplicates = conflicts = refused = 0
    for item in queued:
        try:
            with central_engine.connect() as connection:
                result = _send(connection, prepare_batch([item.change]))
        except REFUSED_FOR_DATA as exc:
            log.warning("sync: the central database refused change %s (%s)", item.seq, _refusal(exc))
            with store.transaction() as session:
                outbox_repo.mark_refused(session, item.seq, ctx.clock(), _refusal(exc))
            refused += 1
            continue
        with store.transaction() as session:
            outbox_repo.mark_sent(session, [item.seq], ctx.clock())
        duplicates += result.duplicates
        conflicts += result.conflicts
    return BatchResult(duplicates, conflicts), refused


def push_outbox(
    store: LocalStore, central_engine: Engine, ctx: ServiceContext, cancel: CancelToken, batch: int
) -> tuple[int, int, int]:
    """Pushed, duplicates, conflicts."""
    with OutboxFeed(store, batch) as feed:
        feed.read_ahead()  # the first batch is read while the connection opens
        with (
            central_engine.connect() as connection,  # one for the whole push, checked once
            # A mark lost to a power cut sends its batch again, which the change ids make harmless: the
            # marks need not wait for the disk (the next durable commit flushes them).
            store.replayable() as mark_transaction,
        ):
            return _push_batches(store, central_engine, connection, ctx, cancel, feed, mark_transaction)


def _push_batches(
    store: LocalStore, central_engine: Engine, connection: Connection, ctx: ServiceContext,
    cancel: CancelToken, feed: OutboxFeed, mark_transaction: Callable[[], AbstractContextManager[Session]],
) -> tuple[int, int, int]:  # fmt: skip
    pushed = duplicates = conflicts = 0
    while not cancel.cancelled:
        queued, prepared = feed.next_batch()
        if not queued:
            break
        try:
            result = _send(connection, prepared, feed.read_ahead)
        except OperationalError:
            raise  # unreachable: nothing to mark, the batch stays pending
        except REFUSED_FOR_DATA:
            result, refused = _one_by_one(store, central_engine, ctx, queued)
            pushed += len(queued) - refused
        except DBAPIError as exc:
            seqs = [item.seq for item in queued]
            with store.transaction() as session:
                outbox_repo.record_failure(session, seqs, type(exc.orig).__name__)
            raise
        else:
            # A crash here re-sends the batch next time: the change ids make that harmless.
            with mark_transaction() as session:
                outbox_repo.mark_batch_sent(session, queued[0].seq, queued[-1].seq, ctx.clock())
            pushed += len(queued)
        duplicates += result.duplicates
        conflicts += result.conflicts
    if pushed:
        _touch(connection, ctx)
    return pushed, duplicates, conflicts
