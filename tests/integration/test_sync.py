"""Sync between real SQLite stores and a real PostgreSQL central database: exactly-once push, scoped
pull, crashes at the worst moment, concurrent edits kept as conflicts, ciphertext only centrally."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from app.case_domain import CaseFilter, CaseSort
from app.config import Settings
from app.context import ServiceContext
from app.domain import CaseStatus, ComplaintType, CustomerRef
from app.services import case_actions, cases, customers, intake
from app.store import OpenedStore, build_context, open_store
from app.sync.central_apply import OutgoingChange, apply_batch, prepare_batch
from app.sync.engine import CancelToken, sync_once
from db import central_schema as central
from db.repos import outbox as outbox_repo
from tests.conftest import make_settings
from tests.support.cases import complaint_for
from tests.support.customers import KNOWN


@dataclasses.dataclass
class Workstation:
    settings: Settings
    store: OpenedStore
    ctx: ServiceContext


@pytest.fixture
def open_workstation(tmp_path: Path, memory_keyring):  # type: ignore[no-untyped-def]
    """Workstations sharing the organisation key (one keyring), each with its own local store."""
    opened: list[OpenedStore] = []

    def make(name: str, branch: str = "0001") -> Workstation:
        settings = make_settings(tmp_path / name, branch=branch, workstation=name)
        store = open_store(settings)
        opened.append(store)
        return Workstation(settings, store, build_context(store, settings))

    yield make
    for store in opened:
        store.close()


def _category(ws: Workstation) -> str:
    return next(
        c.code for c in ws.ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE
    )


def _sync(ws: Workstation, engine: Engine) -> None:
    report = sync_once(ws.store, engine, ws.ctx)
    assert report.ok, report.error


def _count(engine: Engine, table) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_a_case_taken_in_at_one_counter_appears_at_the_other(
    open_workstation, central_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    first, second = open_workstation("WS01"), open_workstation("WS02")
    with first.store.transaction() as session:
        customer, _ = customers.register_customer(session, first.ctx, KNOWN)
        case, _ = intake.submit_case(session, first.ctx, complaint_for(customer.id, _category(first)))
        case_actions.change_status(session, first.ctx, case, CaseStatus.ACKNOWLEDGED)
    _sync(first, central_engine)
    report = sync_once(second.store, central_engine, second.ctx)
    assert report.changes.customers == {customer.id} and report.changes.cases == {case.id}
    with second.store.transaction() as session:
        found = customers.find_customers(session, second.ctx, KNOWN.id_number)
        detail = cases.get_case(session, second.ctx, case.id)
    assert [summary.id for summary in found] == [customer.id]
    assert detail.status is CaseStatus.ACKNOWLEDGED and detail.summary == "Card fee charged twice"
    assert len(detail.timeline) == 2 and detail.binding is not None


def test_pushing_twice_has_the_effect_of_once(open_workstation, central_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    ws = open_workstation("WS01")
    with ws.store.transaction() as session:
        customers.register_customer(session, ws.ctx, KNOWN)
        rows = outbox_repo.pending(session, 100)
    changes = [OutgoingChange(r.change_id, r.entity, r.entity_id, r.version, r.payload) for r in rows]
    # The central commit succeeded but the workstation died before marking the batch sent:
    with central_engine.begin() as connection:
        central.append_lock(connection)
        apply_batch(connection, prepare_batch(changes))
    counts = (_count(central_engine, central.changes), _count(central_engine, central.customers))
    report = sync_once(ws.store, central_engine, ws.ctx)  # sends the same batch again
    assert report.ok and report.duplicates == len(changes)
    assert (_count(central_engine, central.changes), _count(central_engine, central.customers)) == counts
    assert report.pending == 0


def test_a_failing_batch_leaves_nothing_half_applied(open_workstation, central_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    ws = open_workstation("WS01")
    with ws.store.transaction() as session:
        customers.register_customer(session, ws.ctx, KNOWN)
    with central_engine.begin() as connection:  # the server fails on the batch's last table
        connection.execute(
            text(
                "CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'audit log unavailable'; END $$"
            )
        )
        connection.execute(
            text(
                "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log "
                "FOR EACH ROW EXECUTE FUNCTION fail_audit()"
            )
        )
    report = sync_once(ws.store, central_engine, ws.ctx)
    assert report.error is not None and report.pending == 3 and report.refused == 0
    assert _count(central_engine, central.changes) == 0 and _count(central_engine, central.customers) == 0
    with central_engine.begin() as connection:
        connection.execute(text("DROP TRIGGER fail_audit ON audit_log"))
    assert sync_once(ws.store, central_engine, ws.ctx).ok
    assert _count(central_engine, central.customers) == 1


def test_central_down_keeps_everything_pending(open_workstation, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from db.central_engine import create_central_engine

    ws = open_workstation("WS01")
    with ws.store.transaction() as session:
        customers.register_customer(session, ws.ctx, KNOWN)
    unreachable = create_central_engine("postgresql://nobody@127.0.0.1:9/none")
    report = sync_once(ws.store, unreachable, ws.ctx)
    assert report.error is not None and report.error.code == "central_unreachable"
    assert report.pending == 3


def test_pull_is_scoped_to_the_branch(open_workstation, central_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    here, elsewhere = open_workstation("WS01", "0001"), open_workstation("WS07", "0002")
    with elsewhere.store.transaction() as session:
        other = dataclasses.replace(KNOWN, id_number="110105194912310038", mobile="13700001111", accounts=())
        customer, _ = customers.register_customer(session, elsewhere.ctx, other)
        intake.submit_case(session, elsewhere.ctx, complaint_for(customer.id, _category(elsewhere)))
    _sync(elsewhere, central_engine)
    _sync(here, central_engine)
    with here.store.transaction() as session:
        assert cases.case_ids(session, here.ctx, CaseFilter(branch_only=False), CaseSort.NEWEST) == []
        assert customers.recent_customers(session, here.ctx) == []


def test_concurrent_edits_keep_the_losing_value_as_a_conflict(
    open_workstation, central_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    first, second = open_workstation("WS01"), open_workstation("WS02")
    with first.store.transaction() as session:
        ref, _ = customers.register_customer(session, first.ctx, KNOWN)
    _sync(first, central_engine)
    _sync(second, central_engine)
    for ws, mobile in ((first, "13800000001"), (second, "13800000002")):
        with ws.store.transaction() as session:
            customers.update_customer(
                session, ws.ctx, CustomerRef(ref.id, 1), dataclasses.replace(KNOWN, mobile=mobile), "更换号码"
            )
    _sync(first, central_engine)
    report = sync_once(second.store, central_engine, second.ctx)
    assert report.ok and report.conflicts == 1
    _sync(first, central_engine)
    values = []
    for ws in (first, second):
        with ws.store.transaction() as session:
            values.append(customers.load_for_edit(session, ws.ctx, ref.id).draft.mobile)
    assert values[0] == values[1]  # both converge on the winner
    with central_engine.connect() as connection:
        losing = connection.execute(select(central.conflicts)).mappings().one()
    assert losing["entity"] == "customer" and losing["losing_version"] == 2
    with second.store.transaction() as session:
        from db.local_schema import sync_conflicts

        assert session.execute(select(func.count()).select_from(sync_conflicts)).scalar_one() == 1


def test_cancel_stops_between_batches(open_workstation, central_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    ws = open_workstation("WS01")
    with ws.store.transaction() as session:
        customers.register_customer(session, ws.ctx, KNOWN)
    token = CancelToken()
    token.cancel()
    report = sync_once(ws.store, central_engine, ws.ctx, token)
    assert report.cancelled and report.pushed == 0 and report.pending == 3


def test_the_central_database_holds_no_plaintext(
    open_workstation, central_engine: Engine, central_url: str
) -> None:  # type: ignore[no-untyped-def]
    ws = open_workstation("WS01")
    with ws.store.transaction() as session:
        customer, _ = customers.register_customer(session, ws.ctx, KNOWN)
        intake.submit_case(
            session, ws.ctx, complaint_for(customer.id, _category(ws), description="柜员王小明态度恶劣")
        )
    _sync(ws, central_engine)
    with central_engine.connect() as connection:
        dump = "\n".join(
            str(row)
            for table in ("changes", "customers", "cases", "case_events", "customer_changes", "audit_log")
            for row in connection.execute(text(f"SELECT * FROM {table}"))
        )
    for value in (KNOWN.name, KNOWN.id_number, KNOWN.mobile, KNOWN.address, "柜员王小明态度恶劣", "Card fee"):
        assert value not in dump


def test_another_branchs_history_comes_on_demand_and_is_logged(
    open_workstation, central_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    from app.domain import Role
    from app.services.audit_log import recent_entries
    from app.sync.remote_history import fetch_customer_history
    from tests.support.customers import with_role

    here, elsewhere = open_workstation("WS01", "0001"), open_workstation("WS07", "0002")
    with elsewhere.store.transaction() as session:
        customer, _ = customers.register_customer(session, elsewhere.ctx, KNOWN)
        intake.submit_case(session, elsewhere.ctx, complaint_for(customer.id, _category(elsewhere)))
    _sync(elsewhere, central_engine)
    _sync(here, central_engine)
    with here.store.transaction() as session:
        assert customers.find_customers(session, here.ctx, KNOWN.mobile) == []  # not in this branch's scope
    history = fetch_customer_history(here.store, here.ctx, central_engine, KNOWN.mobile)
    assert history.customer_ids == (customer.id,) and history.cases == 1
    with here.store.transaction() as session:
        assert [s.id for s in customers.find_customers(session, here.ctx, KNOWN.mobile)] == [customer.id]
        assert len(cases.case_ids(session, here.ctx, CaseFilter(branch_only=False), CaseSort.NEWEST)) == 1
        actions = [e.action for e in recent_entries(session, with_role(here.ctx, Role.SUPERVISOR))]
    assert "customer.fetch_remote" in actions


def test_a_supervisor_applies_the_losing_edit(open_workstation, central_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    from app.domain import Role
    from app.services import conflicts
    from tests.support.customers import with_role

    first, second = open_workstation("WS01"), open_workstation("WS02")
    with first.store.transaction() as session:
        ref, _ = customers.register_customer(session, first.ctx, KNOWN)
    _sync(first, central_engine)
    _sync(second, central_engine)
    for ws, mobile in ((first, "13800000001"), (second, "13800000002")):
        with ws.store.transaction() as session:
            customers.update_customer(
                session, ws.ctx, CustomerRef(ref.id, 1), dataclasses.replace(KNOWN, mobile=mobile), "更换号码"
            )
    _sync(first, central_engine)
    _sync(second, central_engine)
    supervisor = with_role(second.ctx, Role.SUPERVISOR)
    with second.store.transaction() as session:
        current = customers.load_for_edit(session, supervisor, ref.id).draft.mobile
        [conflict] = conflicts.list_conflicts(session, supervisor)
        [difference] = conflict.differences
        assert difference.field == "mobile" and "*" in difference.lost  # masked, never plain
        conflicts.apply_losing_version(session, supervisor, conflict.id)
        assert conflicts.list_conflicts(session, supervisor) == []
        applied = customers.load_for_edit(session, supervisor, ref.id).draft.mobile
    assert {current, applied} == {"13800000001", "13800000002"}
    _sync(second, central_engine)
    _sync(first, central_engine)
    with first.store.transaction() as session:
        assert customers.load_for_edit(session, first.ctx, ref.id).draft.mobile == applied


def test_accounts_reach_every_pc_of_the_branch_and_disabling_follows(
    open_workstation, central_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    from app.auth.passwords import Argon2Params
    from app.domain import Role
    from app.services import auth, staff
    from tests.support.customers import with_role

    first, second = open_workstation("WS01"), open_workstation("WS02")
    admin = dataclasses.replace(
        with_role(first.ctx, Role.ADMIN),
        reference=dataclasses.replace(first.ctx.reference, password_params=Argon2Params(8192, 1, 1)),
    )
    with first.store.transaction() as session:
        staff.add_staff(session, admin, "li.na", "李娜", Role.TELLER, "counter2026")
    _sync(first, central_engine)
    _sync(second, central_engine)
    with second.store.transaction() as session:  # offline-capable: the verifier is on this PC now
        assert auth.sign_in(session, second.ctx, "li.na", "counter2026").actor_or_raise().role is Role.TELLER
    with first.store.transaction() as session:
        staff.set_active(session, admin, "li.na", False)
    _sync(first, central_engine)
    _sync(second, central_engine)
    with second.store.transaction() as session:
        outcome = auth.sign_in(session, second.ctx, "li.na", "counter2026")
    assert outcome.refusal is not None and outcome.refusal.message.code == "account_disabled"


def test_a_client_and_central_schema_that_do_not_match_stop_syncing(
    open_workstation, central_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    ws = open_workstation("WS01")
    with ws.store.transaction() as session:
        customers.register_customer(session, ws.ctx, KNOWN)
    with central_engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    newer = create_engine(central_engine.url)  # a fresh engine: the check runs once per engine
    report = sync_once(ws.store, newer, ws.ctx)
    assert report.error is not None and report.error.code == "central_schema_newer"
    assert report.pending == 3 and _count(central_engine, central.changes) == 0
