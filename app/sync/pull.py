"""The pull phase: what this branch may see since the cursor, one local transaction per batch, the next
batch read from the central database while the current one is applied."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from app.bulk_work import collector_paused
from app.context import ServiceContext
from app.sync import central_pull, local_apply, outbox
from app.sync.control import CancelToken, LocalStore, Progress
from app.sync.pulled_rows import PulledItem
from db import local_schema
from db.repos import meta as meta_repo

PULL_CURSOR = "pull_cursor"
RESYNC_AFTER_RESTORE = "resync_after_restore"  # set by app.backup.restore_backup


def _missing_parents(
    connection: Connection, session: Session, items: Sequence[PulledItem]
) -> list[PulledItem]:
    """The parents a batch refers to that are neither in it nor here, fetched from the central database
    with one query per table: an event's case (a case row carries the sequence number of its latest
    version, after its first events), a case's or change's customer (maybe of another branch)."""
    wanted_cases = {item.field("case_id") for item in items if item.entity == outbox.CASE_EVENT}
    wanted_cases -= {item.id for item in items if item.entity == outbox.CASE}
    wanted_cases -= local_apply.existing_ids(session, local_schema.cases, wanted_cases)
    parent_cases = central_pull.current_cases(connection, wanted_cases) if wanted_cases else []
    wanted_customers = {
        item.field("customer_id")
        for item in (*items, *parent_cases)
        if item.entity in (outbox.CASE, outbox.CUSTOMER_CHANGE)
    }
    wanted_customers -= {None, *(item.id for item in items if item.entity == outbox.CUSTOMER)}
    wanted_customers -= local_apply.existing_ids(session, local_schema.customers, wanted_customers)
    parent_customers = (
        central_pull.current_customers(connection, wanted_customers) if wanted_customers else []
    )
    return [*parent_customers, *parent_cases]


class _BatchReader:
    """Reads the pull's batches from the central database on a thread of its own, one batch ahead: the
    server and the network work while the previous batch is applied here (psycopg waits without the
    GIL). The connection is used by one thread at a time: by the reader from read() until the batch is
    taken, by the caller otherwise."""

    def __init__(self, connection: Connection, branch: str, workstation: str, size: int) -> None:
        self._connection, self._branch, self._workstation, self._size = connection, branch, workstation, size
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull")
        self._ahead: Future[list[PulledItem]] | None = None
        self.size = size  # of the batch being read

    def _read(self, cursor: int, size: int) -> list[PulledItem]:
        with self._connection.begin():
            return central_pull.pull_batch(self._connection, self._branch, self._workstation, cursor, size)

    def read(self, cursor: int, size: int | None = None) -> None:
        """Start reading the batch after `cursor` (of the usual size, or of `size`)."""
        self.size = size or self._size
        self._ahead = self._worker.submit(self._read, cursor, self.size)

    def batch(self) -> list[PulledItem]:
        """The batch read(), once it is here; its errors are raised here."""
        assert self._ahead is not None
        ahead, self._ahead = self._ahead, None
        return ahead.result()

    def close(self) -> None:
        """Let a read still under way finish (its batch is dropped: the cursor never passed it)."""
        if self._ahead is not None:
            with contextlib.suppress(Exception):
                self._ahead.result()
            self._ahead = None
        self._worker.shutdown()


def _count_remaining(central_engine: Engine, branch: str, workstation: str, cursor: int) -> int:
    with central_engine.connect() as connection:
        return central_pull.remaining(connection, branch, workstation, cursor)


def pull_changes(
    store: LocalStore, central_engine: Engine, ctx: ServiceContext, cancel: CancelToken, batch: int,
    progress: Progress | None, customers: set[str], cases: set[str],
) -> int:  # fmt: skip
    branch, workstation = ctx.actor.branch, ctx.actor.workstation
    with store.transaction() as session:
        cursor = int(meta_repo.get(session, PULL_CURSOR) or 0)
        # After a restore, this workstation's own changes pushed since the backup exist only centrally:
        # no workstation name matches "", so nothing is skipped as already here.
        restored = meta_repo.get(session, RESYNC_AFTER_RESTORE) == "1"
    # A store that never pulled may be a reinstalled PC's, enrolled again under the same name: its own
    # earlier rows exist only centrally, so none are skipped as "already here" (rows that are, apply once).
    mine = "" if restored or cursor == 0 else workstation
    pulled = 0
    # The batches' transactions do not wait for the disk: a batch lost to a power cut goes with the
    # cursor that covers it, and the next round pulls it again.
    with (
        central_engine.connect() as connection,
        store.replayable() as batch_transaction,
        collector_paused(),  # app/bulk_work.py: hundreds of collections that found nothing
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-count") as counter,
    ):
        # The progress's total is counted on a connection of its own while the first batch travels.
        counting = (
            counter.submit(_count_remaining, central_engine, branch, mine, cursor) if progress else None
        )
        reader = _BatchReader(connection, branch, mine, batch)
        try:
            if not cancel.cancelled:
                reader.read(cursor)
            while not cancel.cancelled:
                items = reader.batch()
                if not items:
                    break
                full = len(items) == reader.size
                if full:
                    # Items can share a sequence number (a conflict and the row it resolved): never
                    # end a batch inside one, or the cursor would step over the rest of it.
                    last = items[-1].seq
                    whole = [item for item in items if item.seq != last]
                    if not whole:  # one number fills the batch (tiny batches): read more of it
                        reader.read(cursor, 2 * reader.size)
                        continue
                    items = whole
                covered = max(item.seq for item in items)
                # One local transaction per batch: the cursor moves with the rows it covers.
                with batch_transaction() as session:
                    with connection.begin():
                        parents = _missing_parents(connection, session, items)
                    if full and not cancel.cancelled:
                        reader.read(covered)  # the next batch travels while this one is applied
                    applied = local_apply.apply_batch(session, ctx, [*parents, *items])
                    customers.update(applied.customers)
                    cases.update(applied.cases)
                    meta_repo.put(session, PULL_CURSOR, str(covered))
                cursor = covered
                pulled += len(items)
                if progress and counting:
                    progress(pulled, max(counting.result(), pulled))
                if not full:
                    break
        finally:
            reader.close()
        if restored and not cancel.cancelled:
            with store.transaction() as session:
                meta_repo.put(session, RESYNC_AFTER_RESTORE, "0")
        with connection.begin():
            central_pull.touch_client(
                connection, branch, workstation, last_pull_at=ctx.clock(), last_seq=cursor
            )
    return pulled
