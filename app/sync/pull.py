"""The pull phase: what this branch may see since the cursor, one local transaction per batch."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from app.context import ServiceContext
from app.sync import central_pull, local_apply, outbox
from app.sync.control import CancelToken, LocalStore, Progress
from app.sync.local_apply import PulledItem
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
    in_batch = {(item.entity, item.id) for item in items}
    wanted_cases = {
        item.payload["row"]["case_id"]
        for item in items
        if item.entity == outbox.CASE_EVENT and (outbox.CASE, item.payload["row"]["case_id"]) not in in_batch
    }
    wanted_cases -= local_apply.existing_ids(session, local_schema.cases, wanted_cases)
    parent_cases = central_pull.current_cases(connection, wanted_cases) if wanted_cases else []
    wanted_customers = {
        item.payload["row"].get("customer_id")
        for item in (*items, *parent_cases)
        if item.entity in (outbox.CASE, outbox.CUSTOMER_CHANGE)
    }
    wanted_customers -= {None, *(item.id for item in items if item.entity == outbox.CUSTOMER)}
    wanted_customers -= local_apply.existing_ids(session, local_schema.customers, wanted_customers)
    parent_customers = (
        central_pull.current_customers(connection, wanted_customers) if wanted_customers else []
    )
    return [*parent_customers, *parent_cases]


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
    with central_engine.connect() as connection:
        total = central_pull.remaining(connection, branch, mine, cursor) if progress else 0
        connection.rollback()
        while not cancel.cancelled:
            with connection.begin():
                items = central_pull.pull_batch(connection, branch, mine, cursor, batch)
                if not items:
                    break
                full = len(items) == batch
                if full:
                    # Items can share a sequence number (a conflict and the row it resolved): never
                    # end a batch inside one, or the cursor would step over the rest of it.
                    last = items[-1].seq
                    items = [item for item in items if item.seq != last] or items
                # One local transaction per batch: the cursor moves with the rows it covers.
                with store.transaction() as session:
                    parents = _missing_parents(connection, session, items)
                    applied = local_apply.apply_batch(session, ctx, [*parents, *items])
                    customers.update(applied.customers)
                    cases.update(applied.cases)
                    cursor = max(item.seq for item in items)
                    meta_repo.put(session, PULL_CURSOR, str(cursor))
            pulled += len(items)
            if progress:
                progress(pulled, max(total, pulled))
            if not full:
                break
        if restored and not cancel.cancelled:
            with store.transaction() as session:
                meta_repo.put(session, RESYNC_AFTER_RESTORE, "0")
        with connection.begin():
            central_pull.touch_client(
                connection, branch, workstation, last_pull_at=ctx.clock(), last_seq=cursor
            )
    return pulled
