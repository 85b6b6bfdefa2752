"""Every local write enqueues its change in the same transaction; payloads carry ciphertext only."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from app.context import ServiceContext
from app.domain import CaseStatus, ComplaintType, CustomerRef
from app.errors import ValidationError
from app.services import case_actions, customers, intake
from app.store import OpenedStore
from app.sync import payloads
from db.repos import outbox as outbox_repo
from tests.support.cases import complaint_for
from tests.support.customers import KNOWN


def _entities(store: OpenedStore) -> Counter[str]:
    with store.transaction() as session:
        return Counter(row.entity for row in outbox_repo.all_rows(session))


def test_customer_and_case_writes_are_all_enqueued(store: OpenedStore, ctx: ServiceContext) -> None:
    category = next(
        c.code for c in ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE
    )
    with store.transaction() as session:
        ref, _ = customers.register_customer(session, ctx, KNOWN)
    assert _entities(store) == {"customer": 1, "customer_change": 1, "audit": 1}
    with store.transaction() as session:
        customers.update_customer(
            session, ctx, CustomerRef(ref.id, 1), dataclasses.replace(KNOWN, mobile="13800138000"), "换号"
        )
        case, _ = intake.submit_case(session, ctx, complaint_for(ref.id, category))
        case_actions.change_status(session, ctx, case, CaseStatus.ACKNOWLEDGED)
    counts = _entities(store)
    assert counts["customer"] == 2 and counts["customer_change"] == 2
    assert counts["case"] == 2 and counts["case_event"] == 2  # received + acknowledged
    assert counts["audit"] == 4
    with store.transaction() as session:
        rows = outbox_repo.all_rows(session)
    versions = [row.version for row in rows if row.entity == "case"]
    assert versions == [1, 2]
    for row in rows:
        body = row.payload
        for value in (KNOWN.name, KNOWN.id_number, "13800138000", "Card fee charged twice"):
            assert value.encode() not in body
        assert payloads.from_bytes(body)["origin_workstation"] == ctx.actor.workstation


def test_a_refused_write_enqueues_nothing(store: OpenedStore, ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError), store.transaction() as session:
        customers.register_customer(session, ctx, dataclasses.replace(KNOWN, mobile="1"))
    assert _entities(store) == Counter()


def test_a_failure_after_the_writes_rolls_back_the_outbox_too(
    store: OpenedStore, ctx: ServiceContext
) -> None:
    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), store.transaction() as session:
        customers.register_customer(session, ctx, KNOWN)
        raise Interrupted  # e.g. the process dies before commit
    assert _entities(store) == Counter()
    with store.transaction() as session:
        assert customers.recent_customers(session, ctx) == []


def _queue_edits(store: OpenedStore, ctx: ServiceContext, edits: int) -> tuple[CustomerRef, list[int]]:
    """A customer registered and edited `edits` times (three changes each); the queued seqs."""
    with store.transaction() as session:
        ref, _ = customers.register_customer(session, ctx, KNOWN)
    for number in range(edits):
        with store.transaction() as session:
            draft = dataclasses.replace(KNOWN, mobile=f"1380013800{number}")
            ref, _ = customers.update_customer(session, ctx, ref, draft, "换号")
    with store.transaction() as session:
        return ref, [row.seq for row in outbox_repo.pending(session, 100)]


def test_a_batch_is_read_after_the_last_one_and_marked_sent_as_a_range(
    store: OpenedStore, ctx: ServiceContext
) -> None:
    ref, queued = _queue_edits(store, ctx, 2)
    with store.transaction() as session:
        first = [row.seq for row in outbox_repo.pending(session, 4)]
        second = [row.seq for row in outbox_repo.pending(session, 4, after=first[-1])]
    assert first + second == queued[:8] and len(first) == 4
    with store.transaction() as session:  # one of the batch set aside meanwhile; a new write queued
        outbox_repo.mark_refused(session, first[1], ctx.clock(), "IntegrityError uq_staff_username")
        draft = dataclasses.replace(KNOWN, mobile="13900139000")
        customers.update_customer(session, ctx, ref, draft, "换号")
        outbox_repo.mark_batch_sent(session, first[0], first[-1], ctx.clock())
    with store.transaction() as session:
        rows = {row.seq: row for row in outbox_repo.all_rows(session)}
        still_queued = [row.seq for row in outbox_repo.pending(session, 100)]
    assert [seq for seq in first if rows[seq].sent_at is not None] == [first[0], *first[2:]]
    assert rows[first[1]].sent_at is None and rows[first[1]].refused_at is not None
    assert still_queued[0] == first[-1] + 1 and still_queued[-1] > queued[-1]  # the rest, and the new one
