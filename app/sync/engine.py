"""One sync round: push the outbox in batches (one central transaction each), then pull what this
branch may see since the cursor. Runs on the op runner's network lane; cancellable between batches."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from app.changes import Changes
from app.context import ServiceContext
from app.messages import Message
from app.sync import central_pull, local_apply
from app.sync.central_apply import OutgoingChange, apply_change
from app.sync.local_apply import PulledItem
from app.sync.payloads import from_bytes
from db import central_migrate
from db import central_schema as central
from db.repos import meta as meta_repo
from db.repos import outbox as outbox_repo

log = logging.getLogger(__name__)

PULL_CURSOR = "pull_cursor"
BATCH = 200


class CancelToken:
    """Set from the GUI thread; the sync checks it between batches and stops cleanly."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


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

    @property
    def changes(self) -> Changes:
        return Changes(customers=self.customers, cases=self.cases)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled


Progress = Callable[[int, int], None]  # done, total (of the pull)


class LocalStore:
    """What the engine needs of app.store.OpenedStore."""

    def transaction(self):  # type: ignore[no-untyped-def]  # pragma: no cover - protocol
        raise NotImplementedError


def _push(
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
                for change in changes:
                    result = apply_change(connection, change)
                    duplicates += result.duplicate
                    conflicts += result.conflict
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
    return pushed, duplicates, conflicts


def _fetch_missing_parents(connection, session, ctx: ServiceContext, item: PulledItem) -> None:  # type: ignore[no-untyped-def]
    """A case may refer to a customer of another branch pulled long ago or never; an event to a case."""
    if item.entity == "case":
        customer_id = item.payload["row"].get("customer_id")
        if customer_id and not local_apply.has_customer(session, customer_id):
            parent = central_pull.current_customer(connection, customer_id)
            if parent is not None:
                local_apply.apply(session, ctx, parent)
    elif item.entity == "case_event":
        case_id = item.payload["row"]["case_id"]
        if not local_apply.has_case(session, case_id):
            parent = central_pull.current_case(connection, case_id)
            if parent is not None:
                _fetch_missing_parents(connection, session, ctx, parent)
                local_apply.apply(session, ctx, parent)
    elif item.entity == "customer_change":
        customer_id = item.payload["row"]["customer_id"]
        if not local_apply.has_customer(session, customer_id):
            parent = central_pull.current_customer(connection, customer_id)
            if parent is not None:
                local_apply.apply(session, ctx, parent)


def _touched(item: PulledItem, customers: set[str], cases: set[str]) -> None:
    row = item.payload.get("row", {})
    if item.entity == "customer":
        customers.add(item.id)
    elif item.entity == "customer_change":
        customers.add(row["customer_id"])
    elif item.entity == "case":
        cases.add(item.id)
    elif item.entity == "case_event":
        cases.add(row["case_id"])


def _pull(
    store: LocalStore, central_engine: Engine, ctx: ServiceContext, cancel: CancelToken, batch: int,
    progress: Progress | None, customers: set[str], cases: set[str],
) -> int:  # fmt: skip
    branch, workstation = ctx.actor.branch, ctx.actor.workstation
    with store.transaction() as session:
        cursor = int(meta_repo.get(session, PULL_CURSOR) or 0)
    pulled = 0
    with central_engine.connect() as connection:
        total = central_pull.remaining(connection, branch, workstation, cursor) if progress else 0
        connection.rollback()
        while not cancel.cancelled:
            with connection.begin():
                items = central_pull.pull_batch(connection, branch, workstation, cursor, batch)
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
                    for item in items:
                        _fetch_missing_parents(connection, session, ctx, item)
                        if local_apply.apply(session, ctx, item):
                            _touched(item, customers, cases)
                    cursor = max(item.seq for item in items)
                    meta_repo.put(session, PULL_CURSOR, str(cursor))
            pulled += len(items)
            if progress:
                progress(pulled, max(total, pulled))
            if not full:
                break
        with connection.begin():
            central_pull.touch_client(
                connection, branch, workstation, last_pull_at=ctx.clock(), last_seq=cursor
            )
    return pulled


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
    batch: int = BATCH,
    progress: Progress | None = None,
) -> SyncReport:
    """Push, then pull. Never raises for an unreachable or failing central database: the report says so
    and the outbox keeps everything for the next round."""
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
        pushed, duplicates, conflicts = _push(store, central_engine, ctx, cancel, batch)
        if not cancel.cancelled:
            pulled = _pull(store, central_engine, ctx, cancel, batch, progress, customers, cases)
    except OperationalError as exc:
        log.info("sync: central database unreachable (%s)", type(exc.orig).__name__)
        error = Message("central_unreachable")
    except DBAPIError as exc:
        log.warning("sync: central database refused a batch (%s)", type(exc.orig).__name__)
        error = Message("central_refused", {"detail": type(exc.orig).__name__})
    with store.transaction() as session:
        pending = outbox_repo.pending_count(session)
    return SyncReport(
        pushed, duplicates, conflicts, pulled, pending, cancel.cancelled, error, ctx.clock(),
        frozenset(customers), frozenset(cases),
    )  # fmt: skip
