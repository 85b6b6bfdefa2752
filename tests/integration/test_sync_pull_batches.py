"""The pull applies whole batches: parents in the batch or fetched in bulk, pending changes held back,
nothing applied twice, and each batch query an index range scan on the central side."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text

from app.case_domain import CaseRef
from app.config import Settings
from app.context import ServiceContext
from app.domain import CaseStatus, ComplaintType
from app.services import case_actions, cases, customers, intake
from app.store import OpenedStore, build_context, open_store
from app.sync import central_pull
from app.sync.control import CancelToken
from app.sync.engine import PULL_CURSOR, sync_once
from app.sync.pull import pull_changes
from db import local_schema as local
from db.central_engine import create_central_engine
from db.repos import meta as meta_repo
from tests.conftest import make_settings
from tests.support.cases import complaint_for
from tests.support.customers import KNOWN

BRANCH = "0001"


@dataclasses.dataclass
class Workstation:
    settings: Settings
    store: OpenedStore
    ctx: ServiceContext

    def category(self) -> str:
        taxonomy = self.ctx.reference.taxonomy
        return next(c.code for c in taxonomy.causes() if c.internal_type is ComplaintType.SERVICE)

    def rows(self, table: Any) -> list[tuple[Any, ...]]:
        with self.store.transaction() as session:
            return [tuple(row) for row in session.execute(select(table).order_by(*table.primary_key))]

    def pull(self, engine: Engine, batch: int = 200) -> tuple[int, set[str], set[str]]:
        """The pull phase alone (no push first): how many items, the customers and cases it touched."""
        touched_customers: set[str] = set()
        touched_cases: set[str] = set()
        pulled = pull_changes(
            self.store, engine, self.ctx, CancelToken(), batch, None, touched_customers, touched_cases
        )
        return pulled, touched_customers, touched_cases

    def case_ref(self, case_id: str) -> CaseRef:
        with self.store.transaction() as session:
            detail = cases.get_case(session, self.ctx, case_id)
        return CaseRef(detail.id, detail.number, detail.version)


@pytest.fixture
def open_workstation(tmp_path: Path, memory_keyring) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    opened: list[OpenedStore] = []

    def make(name: str) -> Workstation:
        settings = make_settings(tmp_path / name, branch=BRANCH, workstation=name)
        store = open_store(settings)
        opened.append(store)
        return Workstation(settings, store, build_context(store, settings))

    yield make
    for store in opened:
        store.close()


def _case_with_history(ws: Workstation, engine: Engine) -> tuple[str, str]:
    """A customer and a case moved on after intake, pushed in two rounds: the case's current row (the
    version of the last status change, pushed last) comes after its first events in the server's order."""
    with ws.store.transaction() as session:
        customer, _ = customers.register_customer(session, ws.ctx, KNOWN)
        case, _ = intake.submit_case(session, ws.ctx, complaint_for(customer.id, ws.category()))
        case, _ = case_actions.add_note(session, ws.ctx, case, "called the customer")
    assert sync_once(ws.store, engine, ws.ctx).ok
    with ws.store.transaction() as session:
        case_actions.change_status(session, ws.ctx, case, CaseStatus.ACKNOWLEDGED)
    assert sync_once(ws.store, engine, ws.ctx).ok
    return customer.id, case.id


@pytest.fixture
def parent_fetches(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every bulk fetch of parents from the central database: (function, how many ids)."""
    calls: list[tuple[str, int]] = []
    for name in ("current_cases", "current_customers"):
        original = getattr(central_pull, name)

        def counted(connection, ids, original=original, name=name):  # type: ignore[no-untyped-def]
            calls.append((name, len(ids)))
            return original(connection, ids)

        monkeypatch.setattr(central_pull, name, counted)
    return calls


def test_events_before_their_case_in_one_batch_need_no_fetch(
    open_workstation, central_engine: Engine, parent_fetches: list[tuple[str, int]]
) -> None:  # type: ignore[no-untyped-def]
    first, second = open_workstation("WS01"), open_workstation("WS02")
    customer_id, case_id = _case_with_history(first, central_engine)
    with central_engine.connect() as connection:
        items = central_pull.pull_batch(connection, BRANCH, "WS02", 0, 1000)
    order = [item.entity for item in items]
    assert order.index("case_event") < order.index("case")  # the situation under test

    pulled, touched_customers, touched_cases = second.pull(central_engine, batch=1000)
    assert pulled == len(items) and parent_fetches == []
    assert touched_customers == {customer_id} and touched_cases == {case_id}
    with second.store.transaction() as session:
        detail = cases.get_case(session, second.ctx, case_id)
    assert detail.status is CaseStatus.ACKNOWLEDGED and len(detail.timeline) == 3
    assert detail.binding is not None  # the deadline was computed once the whole timeline was here
    [case_row] = second.rows(local.cases)
    assert case_row[local.cases.c.keys().index("next_due_at")] is not None


def test_parents_of_a_batch_come_in_one_fetch_and_are_not_applied_again(
    open_workstation, central_engine: Engine, parent_fetches: list[tuple[str, int]]
) -> None:  # type: ignore[no-untyped-def]
    first, second = open_workstation("WS01"), open_workstation("WS02")
    _, case_id = _case_with_history(first, central_engine)
    reference = open_workstation("WS03")
    reference.pull(central_engine, batch=1000)

    pulled, _, touched_cases = second.pull(central_engine, batch=2)  # events long before their case
    assert pulled > 2 and touched_cases == {case_id}
    assert parent_fetches == [("current_cases", 1)]  # once, for the batch of the case's first event
    for table in (local.customers, local.cases, local.case_events, local.customer_changes):
        assert second.rows(table) == reference.rows(table), table.name


def test_a_pending_change_holds_the_central_row_back_and_appended_rows_merge(
    open_workstation, central_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    first, second = open_workstation("WS01"), open_workstation("WS02")
    _, case_id = _case_with_history(first, central_engine)
    assert sync_once(second.store, central_engine, second.ctx).ok
    # Both move the case on; only WS01's change reaches the central database.
    with second.store.transaction() as session:
        case_actions.change_status(session, second.ctx, second.case_ref(case_id), CaseStatus.IN_PROGRESS)
    with first.store.transaction() as session:
        case_actions.add_note(session, first.ctx, first.case_ref(case_id), "second call")
    assert sync_once(first.store, central_engine, first.ctx).ok
    held_version = second.case_ref(case_id).version

    _, _, touched_cases = second.pull(central_engine)
    assert touched_cases == {case_id}  # the new event merged
    with second.store.transaction() as session:
        detail = cases.get_case(session, second.ctx, case_id)
    assert detail.version == held_version and detail.status is CaseStatus.IN_PROGRESS  # ours, still pending
    assert [entry.text for entry in detail.timeline].count("second call") == 1

    assert sync_once(second.store, central_engine, second.ctx).ok  # ours goes, the central side decides
    assert sync_once(first.store, central_engine, first.ctx).ok
    assert first.case_ref(case_id).version == second.case_ref(case_id).version


def test_a_repeated_pull_applies_nothing_twice(open_workstation, central_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    first, second = open_workstation("WS01"), open_workstation("WS02")
    _case_with_history(first, central_engine)
    pulled, _, _ = second.pull(central_engine, batch=3)
    tables = (local.customers, local.customer_lookup, local.cases, local.case_events, local.customer_changes)
    before = {table.name: second.rows(table) for table in (*tables, local.audit_log)}
    with second.store.transaction() as session:
        meta_repo.put(session, PULL_CURSOR, "0")

    again, touched_customers, touched_cases = second.pull(central_engine, batch=3)
    assert again == pulled and touched_customers == set() and touched_cases == set()
    assert {table.name: second.rows(table) for table in (*tables, local.audit_log)} == before


def _plan(connection: Any, cursor: int) -> str:
    query = central_pull._BATCH.text.replace(":branch", "'0001'").replace(":workstation", "'WS02'")
    query = query.replace(":cursor", str(cursor)).replace(":limit", "200")
    return "\n".join(row[0] for row in connection.execute(text(f"EXPLAIN {query}")))


def test_each_part_of_the_batch_query_is_an_index_range_scan(
    open_workstation, central_engine: Engine, branch_roles
) -> None:  # type: ignore[no-untyped-def]
    _case_with_history(open_workstation("WS01"), central_engine)
    with central_engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    role_engine = create_central_engine(branch_roles.grant(BRANCH))
    try:
        for engine in (central_engine, role_engine):
            with engine.connect() as connection:
                # Tiny tables favour sequential scans: ask the planner as if they were large.
                connection.exec_driver_sql("SET enable_seqscan = off")
                plan = _plan(connection, 0)
            for index in (
                "ix_customers_branch_last_seq", "ix_cases_branch_last_seq", "ix_case_events_branch_last_seq",
                "ix_customer_changes_branch_last_seq", "ix_audit_log_branch_last_seq",
                "ix_staff_branch_last_seq", "ix_conflicts_branch_winner_seq",
            ):  # fmt: skip
                assert index in plan, (engine.url.username, index, plan)
    finally:
        role_engine.dispose()
