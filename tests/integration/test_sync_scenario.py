"""Offline-first end to end: three workstations (two of one branch, one of another) work offline, edit the
same case concurrently, then sync in turn; each ends with exactly its branch's data, nothing twice."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from app.case_domain import CaseRef
from app.config import Settings
from app.context import ServiceContext
from app.demo_data import generate_customer_drafts
from app.domain import CaseStatus, ComplaintType, CustomerDraft, IdType
from app.services import case_actions, cases, customers, intake
from app.store import OpenedStore, build_context, open_store
from app.sync import payloads
from app.sync.engine import sync_once
from db import central_schema as central
from db import local_schema as local
from db.central_engine import create_central_engine
from tests.conftest import make_settings
from tests.support.cases import complaint_for
from tests.support.memory_keyring import MemoryKeyring

BRANCH_A, BRANCH_B = "0001", "0002"


@dataclasses.dataclass
class Workstation:
    name: str
    settings: Settings
    store: OpenedStore
    ctx: ServiceContext
    customers: set[str] = dataclasses.field(default_factory=set)
    cases: set[str] = dataclasses.field(default_factory=set)

    def category(self) -> str:
        taxonomy = self.ctx.reference.taxonomy
        return next(c.code for c in taxonomy.causes() if c.internal_type is ComplaintType.SERVICE)

    def intake(self, draft: CustomerDraft, notes: int = 0) -> str:
        """Register a customer, take a complaint for them, add notes; the case id."""
        with self.store.transaction() as session:
            customer, _ = customers.register_customer(session, self.ctx, draft)
            case, _ = intake.submit_case(session, self.ctx, complaint_for(customer.id, self.category()))
            for number in range(notes):
                case, _ = case_actions.add_note(session, self.ctx, case, f"{self.name} note {number}")
        self.customers.add(customer.id)
        self.cases.add(case.id)
        return case.id

    def case_ref(self, case_id: str) -> CaseRef:
        with self.store.transaction() as session:
            detail = cases.get_case(session, self.ctx, case_id)
        return CaseRef(detail.id, detail.number, detail.version)

    def local_ids(self, table) -> set[str]:  # type: ignore[no-untyped-def]
        with self.store.transaction() as session:
            return set(session.execute(select(table.c.id)).scalars())

    def outbox(self) -> list[tuple[str, str, str]]:
        with self.store.transaction() as session:
            rows = session.execute(select(local.outbox)).all()
        assert all(row.sent_at is not None for row in rows), f"{self.name}: unsent outbox entries"
        return [(row.change_id, row.entity, row.entity_id) for row in rows]


@pytest.fixture
def workstations(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[dict[str, Workstation]]:
    """A1 and A2 of branch 0001, B1 of branch 0002: own stores, one organisation key (one keyring)."""
    opened: dict[str, Workstation] = {}
    for name, branch in (("WS01", BRANCH_A), ("WS02", BRANCH_A), ("WS07", BRANCH_B)):
        settings = make_settings(tmp_path / name, branch=branch, workstation=name)
        store = open_store(settings)
        opened[name] = Workstation(name, settings, store, build_context(store, settings))
    yield opened
    for ws in opened.values():
        ws.store.close()


def _people(count: int) -> Iterator[CustomerDraft]:
    """Distinct synthetic private customers (organisations need more fields than this scenario uses)."""
    drafts = (d for d in generate_customer_drafts(count * 3, seed=20260) if d.id_type is not IdType.USCC)
    for _ in range(count):
        yield next(drafts)


def _sync(ws: Workstation, engine: Engine) -> None:
    report = sync_once(ws.store, engine, ws.ctx, batch=7)  # small batches: several per round
    assert report.ok, (ws.name, report.error)
    assert report.pending == 0, ws.name


def _central_ids(engine: Engine, table, **where: str) -> set[str]:  # type: ignore[no-untyped-def]
    query = select(table.c.id).where(*(table.c[name] == value for name, value in where.items()))
    with engine.connect() as connection:
        return set(connection.execute(query).scalars())


def _central_count(engine: Engine, table) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture
def branch_engines(branch_roles) -> Iterator[dict[str, Engine]]:  # type: ignore[no-untyped-def]
    """Each branch's PCs connect as that branch's own role, as deployed (row-level security applies)."""
    engines = {branch: create_central_engine(branch_roles.grant(branch)) for branch in (BRANCH_A, BRANCH_B)}
    yield engines
    for engine in engines.values():
        engine.dispose()


def test_three_offline_workstations_converge_without_loss_or_duplicates(
    workstations: dict[str, Workstation], central_engine: Engine, branch_engines: dict[str, Engine]
) -> None:
    a1, a2, b1 = workstations["WS01"], workstations["WS02"], workstations["WS07"]
    engine_of = {a1.name: branch_engines[BRANCH_A], a2.name: branch_engines[BRANCH_A]}
    engine_of[b1.name] = branch_engines[BRANCH_B]
    people = _people(10)
    # Online once: a case taken in at A1 reaches A2, so both can later edit it offline.
    shared = a1.intake(next(people))
    shared_customer = next(iter(a1.customers))
    for ws in (a1, a2, b1):
        _sync(ws, engine_of[ws.name])
    assert a2.local_ids(local.cases) == {shared}

    # Offline from here on: nobody syncs.
    for ws, count in ((a1, 3), (a2, 2), (b1, 2)):
        for index in range(count):
            ws.intake(next(people), notes=index)
    with a1.store.transaction() as session:  # a customer edit at A1
        editable = customers.load_for_edit(session, a1.ctx, shared_customer)
        changed = dataclasses.replace(editable.draft, mobile="13800000001")
        customers.update_customer(session, a1.ctx, editable.ref, changed, "客户更换号码")
    ref = a1.case_ref(shared)
    with a1.store.transaction() as session:  # the shared case at A1: a note, then acknowledged
        ref, _ = case_actions.add_note(session, a1.ctx, ref, "WS01 shared note")
        case_actions.change_status(session, a1.ctx, ref, CaseStatus.ACKNOWLEDGED)
    ref = a2.case_ref(shared)
    with a2.store.transaction() as session:  # ... and at A2: two notes, then in progress
        ref, _ = case_actions.add_note(session, a2.ctx, ref, "WS02 shared note 1")
        ref, _ = case_actions.add_note(session, a2.ctx, ref, "WS02 shared note 2")
        case_actions.change_status(session, a2.ctx, ref, CaseStatus.IN_PROGRESS)

    for order in ((a2, b1, a1), (a1, b1, a2)):
        for ws in order:
            _sync(ws, engine_of[ws.name])

    outboxes = {ws.name: ws.outbox() for ws in (a1, a2, b1)}
    all_changes = [change for entries in outboxes.values() for change in entries]
    created_cases = a1.cases | a2.cases | b1.cases
    created_customers = a1.customers | a2.customers | b1.customers
    branch_a_cases, branch_a_customers = a1.cases | a2.cases, a1.customers | a2.customers
    events = {entity_id for _change, entity, entity_id in all_changes if entity == "case_event"}

    # Centrally: every change exactly once, every record once.
    with central_engine.connect() as connection:
        central_changes = list(connection.execute(select(central.changes.c.change_id)).scalars())
    assert len(central_changes) == len(set(central_changes)) == len(all_changes)
    assert set(central_changes) == {change_id for change_id, _entity, _id in all_changes}
    assert _central_ids(central_engine, central.cases) == created_cases and len(created_cases) == 8
    assert _central_ids(central_engine, central.customers) == created_customers
    assert _central_ids(central_engine, central.case_events) == events
    assert _central_count(central_engine, central.case_events) == len(events)

    # Each branch sees its own, everything of it, and nothing of the other branch.
    for ws in (a1, a2):
        assert ws.local_ids(local.cases) == branch_a_cases, ws.name
        assert ws.local_ids(local.customers) == branch_a_customers, ws.name
        with ws.store.transaction() as session:
            local_events = session.execute(select(local.case_events.c.id, local.case_events.c.case_id)).all()
        assert {event_id for event_id, _case in local_events} == _events_of(central_engine, branch_a_cases)
    assert b1.local_ids(local.cases) == b1.cases and b1.local_ids(local.customers) == b1.customers
    assert {event_id for event_id in b1.local_ids(local.case_events)} == _events_of(central_engine, b1.cases)
    assert _audit_workstations(a2) == {"WS01", "WS02"} and _audit_workstations(b1) == {"WS07"}
    with a2.store.transaction() as session:  # A1's offline customer edit reached A2
        assert customers.load_for_edit(session, a2.ctx, shared_customer).draft.mobile == "13800000001"

    # The shared case: the same on both PCs, every note of both, the later status won.
    details = []
    for ws in (a1, a2):
        with ws.store.transaction() as session:
            details.append(cases.get_case(session, ws.ctx, shared))
    notes = [sorted(entry.text for entry in detail.timeline if entry.text) for detail in details]
    assert notes[0] == notes[1] == ["WS01 shared note", "WS02 shared note 1", "WS02 shared note 2"]
    assert details[0].status is details[1].status is CaseStatus.IN_PROGRESS
    assert details[0].version == details[1].version
    assert len(details[0].timeline) == len(details[1].timeline) == 1 + 1 + 2 + 2  # received, notes, moves

    # The concurrent edit left a conflict record, and both PCs of the branch have it.
    with central_engine.connect() as connection:
        recorded = connection.execute(select(central.conflicts)).mappings().all()
    assert recorded and {(c["entity"], c["entity_id"], c["branch"]) for c in recorded} == {
        ("case", shared, BRANCH_A)
    }
    for ws in (a1, a2):
        assert ws.local_ids(local.sync_conflicts) == {str(c["id"]) for c in recorded}, ws.name
    assert b1.local_ids(local.sync_conflicts) == set()


def _events_of(engine: Engine, case_ids: set[str]) -> set[str]:
    query = select(central.case_events.c.id).where(central.case_events.c.case_id.in_(sorted(case_ids)))
    with engine.connect() as connection:
        return set(connection.execute(query).scalars())


def _audit_workstations(ws: Workstation) -> set[str]:
    with ws.store.transaction() as session:
        return set(session.execute(select(local.audit_log.c.workstation).distinct()).scalars())


def _outbox_payload(ws: Workstation, change_id: str) -> dict[str, Any]:
    with ws.store.transaction() as session:
        raw = session.execute(
            select(local.outbox.c.payload).where(local.outbox.c.change_id == change_id)
        ).scalar_one()
    return payloads.from_bytes(raw)


def test_a_conflict_names_the_change_that_lost(
    workstations: dict[str, Workstation], central_engine: Engine
) -> None:
    a1, a2 = workstations["WS01"], workstations["WS02"]
    shared = a1.intake(next(_people(1)))
    for ws in (a1, a2):
        _sync(ws, central_engine)
    ref = a1.case_ref(shared)
    with a1.store.transaction() as session:  # A1: acknowledged (version 2)
        case_actions.change_status(session, a1.ctx, ref, CaseStatus.ACKNOWLEDGED)
    ref = a2.case_ref(shared)
    with a2.store.transaction() as session:  # A2: a note (2), then in progress (3)
        ref, _ = case_actions.add_note(session, a2.ctx, ref, "WS02 note")
        case_actions.change_status(session, a2.ctx, ref, CaseStatus.IN_PROGRESS)
    for ws in (a1, a2, a1):
        _sync(ws, central_engine)
    with central_engine.connect() as connection:
        recorded = connection.execute(select(central.conflicts)).mappings().all()
        named = {
            row.change_id: row
            for row in connection.execute(select(central.changes).where(central.changes.c.entity == "case"))
        }
    assert len(recorded) == 2
    for conflict in recorded:
        change = named[conflict["losing_change_id"]]
        kept = conflict["losing_payload"]
        # The change log keeps receipts; the change itself is in its workstation's outbox.
        sent = _outbox_payload(workstations[change.origin_workstation], conflict["losing_change_id"])
        assert (change.origin_workstation, sent["row"]["status"]) == (
            kept["origin_workstation"],
            kept["row"]["status"],
        ), "the conflict names another change than the one whose edit it keeps"


@pytest.mark.parametrize("rows_before", [1, 0], ids=["rows before it", "first in the pull"])
def test_a_conflict_reaches_the_branch_whatever_the_pull_batch_size(
    workstations: dict[str, Workstation], central_engine: Engine, rows_before: int
) -> None:
    from app.sync import central_pull

    a1, a2 = workstations["WS01"], workstations["WS02"]
    people = _people(2)
    shared = a1.intake(next(people))
    for ws in (a1, a2):
        _sync(ws, central_engine)
    ref = a2.case_ref(shared)
    with a2.store.transaction() as session:
        case_actions.add_note(session, a2.ctx, ref, "WS02 note")
    for _ in range(rows_before):  # rows before the resolved case in A2's next pull
        a1.intake(next(people))
    ref = a1.case_ref(shared)
    with a1.store.transaction() as session:
        case_actions.change_status(session, a1.ctx, ref, CaseStatus.ACKNOWLEDGED)
    _sync(a2, central_engine)
    _sync(a1, central_engine)  # its edit meets A2's: one conflict
    with a2.store.transaction() as session:
        query = select(local.meta.c.value).where(local.meta.c.key == "pull_cursor")
        cursor = int(session.execute(query).scalar_one())
    with central_engine.connect() as connection:
        items = central_pull.pull_batch(connection, BRANCH_A, "WS02", cursor, 1000)
    position = next(i for i, item in enumerate(items) if item.entity == "conflict")
    assert position > 0 and items[position - 1].seq == items[position].seq  # the resolved case, same seq
    assert position > 1 if rows_before else position == 1
    # Any batch size may end right between them; this one does. With no rows before them, the resolved
    # case alone fills a batch of one: the pull must read more rather than step over the conflict.
    for _round in range(2):
        assert sync_once(a2.store, central_engine, a2.ctx, batch=position).ok
    with central_engine.connect() as connection:
        recorded = set(connection.execute(select(central.conflicts.c.id)).scalars())
    assert len(recorded) == 1
    assert a2.local_ids(local.sync_conflicts) == {str(c) for c in recorded}
