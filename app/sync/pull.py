"""The pull phase: what this branch may see since the cursor, one local transaction per batch."""

from __future__ import annotations

from sqlalchemy import Engine

from app.context import ServiceContext
from app.sync import central_pull, local_apply
from app.sync.control import CancelToken, LocalStore, Progress
from app.sync.local_apply import PulledItem
from db.repos import meta as meta_repo

PULL_CURSOR = "pull_cursor"


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


def pull_changes(
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
