"""The operation log is tamper-evident: an edited, inserted, reordered or deleted entry is found."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import delete, insert, select, update

from app import audit, audit_chain
from app.context import ServiceContext
from app.store import OpenedStore
from db.local_schema import audit_log


@pytest.fixture
def entries(store: OpenedStore, ctx: ServiceContext) -> list[int]:
    with store.transaction() as session:
        for number in range(6):
            audit.record(session, ctx, "test.action", "thing", f"object-{number}", detail=f"n={number}")
        return list(session.execute(select(audit_log.c.seq).order_by(audit_log.c.seq)).scalars())


def _verify(store: OpenedStore, ctx: ServiceContext) -> audit_chain.ChainReport:
    with store.transaction() as session:
        return audit_chain.verify(session, ctx.crypto)


def test_an_untouched_log_verifies(store: OpenedStore, ctx: ServiceContext, entries: list[int]) -> None:
    report = _verify(store, ctx)
    assert report.ok and report.checked == 6 and report.workstations == 1


def test_an_edited_entry_is_named(store: OpenedStore, ctx: ServiceContext, entries: list[int]) -> None:
    with store.transaction() as session:
        session.execute(update(audit_log).where(audit_log.c.seq == entries[2]).values(result="failed"))
    report = _verify(store, ctx)
    assert report.first_break is not None
    assert (report.first_break.seq, report.first_break.reason) == (entries[2], "edited")


def test_a_deleted_entry_breaks_the_link_of_the_next(
    store: OpenedStore, ctx: ServiceContext, entries: list[int]
) -> None:
    with store.transaction() as session:
        session.execute(delete(audit_log).where(audit_log.c.seq == entries[3]))
    report = _verify(store, ctx)
    assert report.first_break is not None
    assert (report.first_break.seq, report.first_break.reason) == (entries[4], "linked")


def test_an_inserted_entry_cannot_be_forged_without_the_key(
    store: OpenedStore, ctx: ServiceContext, entries: list[int]
) -> None:
    with store.transaction() as session:
        template = dict(
            session.execute(select(audit_log).where(audit_log.c.seq == entries[1])).mappings().one()
        )
        template |= {"seq": entries[-1] + 1, "id": str(uuid.uuid4()), "action": "customer.reveal"}
        session.execute(insert(audit_log), [template])  # copies a real entry's MACs
    report = _verify(store, ctx)
    assert report.first_break is not None and report.first_break.seq == entries[-1] + 1


def test_reordered_entries_are_found(store: OpenedStore, ctx: ServiceContext, entries: list[int]) -> None:
    with store.transaction() as session:
        session.execute(update(audit_log).where(audit_log.c.seq == entries[1]).values(seq=-1))
        session.execute(update(audit_log).where(audit_log.c.seq == entries[2]).values(seq=entries[1]))
        session.execute(update(audit_log).where(audit_log.c.seq == -1).values(seq=entries[2]))
    assert not _verify(store, ctx).ok
