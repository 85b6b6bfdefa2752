"""The push phase: the outbox in batches, one central transaction each, marked sent after the commit.

A batch the central database refuses because of one change's data (a constraint: a username another
branch took, a value too long) would otherwise block the queue for good. Such a batch is sent again
change by change; a change refused on its own is set aside (outbox.refused_at), kept, and reported,
and everything else goes through."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, Row
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError

from app.context import ServiceContext
from app.sync import central_pull
from app.sync.central_apply import BatchResult, OutgoingChange, apply_batch
from app.sync.control import CancelToken, LocalStore
from db import central_schema as central
from db.repos import outbox as outbox_repo

log = logging.getLogger(__name__)

# Refusals caused by the data of a change, not by the connection or the server's state.
REFUSED_FOR_DATA = (IntegrityError, DataError)


def _send(central_engine: Engine, ctx: ServiceContext, changes: Sequence[OutgoingChange]) -> BatchResult:
    with central_engine.begin() as connection:  # all of the batch or nothing
        central.append_lock(connection)
        result = apply_batch(connection, changes)
        central_pull.touch_client(
            connection, ctx.actor.branch, ctx.actor.workstation, last_push_at=ctx.clock()
        )
    return result


def _refusal(exc: DBAPIError) -> str:
    """What to record: the error class and the constraint; never the message (it may quote values)."""
    constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", None)
    return f"{type(exc.orig).__name__} {constraint or ''}".strip()


def _one_by_one(
    store: LocalStore, central_engine: Engine, ctx: ServiceContext, rows: Sequence[Row[Any]]
) -> tuple[BatchResult, int]:
    """Send a refused batch change by change, in order; set aside those refused on their own."""
    duplicates = conflicts = refused = 0
    for row in rows:
        change = OutgoingChange(row.change_id, row.entity, row.entity_id, row.version, row.payload)
        try:
            result = _send(central_engine, ctx, [change])
        except REFUSED_FOR_DATA as exc:
            log.warning("sync: the central database refused change %s (%s)", row.seq, _refusal(exc))
            with store.transaction() as session:
                outbox_repo.mark_refused(session, row.seq, ctx.clock(), _refusal(exc))
            refused += 1
            continue
        with store.transaction() as session:
            outbox_repo.mark_sent(session, [row.seq], ctx.clock())
        duplicates += result.duplicates
        conflicts += result.conflicts
    return BatchResult(duplicates, conflicts), refused


def push_outbox(
    store: LocalStore, central_engine: Engine, ctx: ServiceContext, cancel: CancelToken, batch: int
) -> tuple[int, int, int]:
    """Pushed, duplicates, conflicts."""
    pushed = duplicates = conflicts = 0
    while not cancel.cancelled:
        with store.transaction() as session:
            rows = outbox_repo.pending(session, batch)
        if not rows:
            break
        changes = [
            OutgoingChange(row.change_id, row.entity, row.entity_id, row.version, row.payload) for row in rows
        ]
        try:
            result = _send(central_engine, ctx, changes)
        except OperationalError:
            raise  # unreachable: nothing to mark, the batch stays pending
        except REFUSED_FOR_DATA:
            result, refused = _one_by_one(store, central_engine, ctx, rows)
            pushed += len(rows) - refused
        except DBAPIError as exc:
            with store.transaction() as session:
                outbox_repo.record_failure(session, [row.seq for row in rows], type(exc.orig).__name__)
            raise
        else:
            # A crash here re-sends the batch next time: the change ids make that harmless.
            with store.transaction() as session:
                outbox_repo.mark_sent(session, [row.seq for row in rows], ctx.clock())
            pushed += len(rows)
        duplicates += result.duplicates
        conflicts += result.conflicts
    return pushed, duplicates, conflicts
