"""The push phase: the outbox in batches, one central transaction each, marked sent after the commit."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from app.context import ServiceContext
from app.sync import central_pull
from app.sync.central_apply import OutgoingChange, apply_batch
from app.sync.control import CancelToken, LocalStore
from app.sync.payloads import from_bytes
from db import central_schema as central
from db.repos import outbox as outbox_repo


def push_outbox(
    store: LocalStore, central_engine: Engine, ctx: ServiceContext, cancel: CancelToken, batch: int
) -> tuple[int, int, int]:
    pushed = duplicates = conflicts = 0
    while not cancel.cancelled:
        with store.transaction() as session:
            rows = outbox_repo.pending(session, batch)
        if not rows:
            break
        changes = [
            OutgoingChange(row.change_id, row.entity, row.entity_id, row.version, from_bytes(row.payload))
            for row in rows
        ]
        try:
            with central_engine.begin() as connection:  # all of the batch or nothing
                central.append_lock(connection)
                result = apply_batch(connection, changes)
                central_pull.touch_client(
                    connection, ctx.actor.branch, ctx.actor.workstation, last_push_at=ctx.clock()
                )
        except OperationalError:
            raise  # unreachable: nothing to mark, the batch stays pending
        except DBAPIError as exc:
            with store.transaction() as session:
                outbox_repo.record_failure(session, [row.seq for row in rows], type(exc.orig).__name__)
            raise
        # A crash here re-sends the batch next time: the change ids make that harmless.
        with store.transaction() as session:
            outbox_repo.mark_sent(session, [row.seq for row in rows], ctx.clock())
        pushed += len(rows)
        duplicates += result.duplicates
        conflicts += result.conflicts
    return pushed, duplicates, conflicts
