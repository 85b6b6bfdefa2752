"""A workstation's database role can do nothing but sync: its branch's rows only (row-level security), no
DDL, other branches' customer history only through a function that logs the access; syncs still work."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError

from app.case_domain import CaseRef
from app.config import Settings
from app.context import ServiceContext
from app.domain import CaseStatus, ComplaintType, CustomerRef, Role
from app.services import case_actions, cases, conflicts, customers, intake
from app.store import OpenedStore, build_context, open_store
from app.sync.engine import sync_once
from app.sync.remote_history import fetch_customer_history
from db import central_schema as central
from db import local_schema as local
from db.central_engine import create_central_engine
from tests.conftest import make_settings
from tests.integration.conftest import BranchRoles
from tests.support.cases import complaint_for
from tests.support.central import column_values
from tests.support.customers import KNOWN, with_role

HERE, ELSEWHERE = "0001", "0002"
# Another customer, for the other branch: no value in common with KNOWN.
OTHER = dataclasses.replace(KNOWN, id_number="110105194912310038", mobile="13700001111", accounts=())
# A case row written by hand, bypassing the sync code.
INSERT_CASE = (
    "INSERT INTO cases (id, branch, version, status, updated_at, origin_workstation, last_seq, payload, "
    "last_change_id) VALUES (:id, :branch, 1, 'new', now(), 'WS01', 1, '{}', gen_random_uuid())"
)


@dataclasses.dataclass
class Workstation:
    settings: Settings
    store: OpenedStore
    ctx: ServiceContext
    engine: Engine  # connects as its branch's role, never as the DBA

    def category(self, index: int = 0) -> str:
        taxonomy = self.ctx.reference.taxonomy
        return [c.code for c in taxonomy.causes() if c.internal_type is ComplaintType.SERVICE][index]

    def sync(self) -> Any:
        report = sync_once(self.store, self.engine, self.ctx)
        assert report.ok, report.error
        return report

    def intake(self, draft: Any = KNOWN, customer_id: str = "", category: int = 0) -> tuple[str, str]:
        """Register `draft` (or use `customer_id`) and take a complaint for them: (customer id, case id)."""
        with self.store.transaction() as session:
            customer_id = customer_id or customers.register_customer(session, self.ctx, draft)[0].id
            complaint = complaint_for(customer_id, self.category(category))
            case, _ = intake.submit_case(session, self.ctx, complaint)
        return customer_id, case.id

    def set_mobile(self, customer_id: str, version: int, mobile: str) -> None:
        with self.store.transaction() as session:
            draft = customers.load_for_edit(session, self.ctx, customer_id).draft
            customers.update_customer(
                session, self.ctx, CustomerRef(customer_id, version),
                dataclasses.replace(draft, mobile=mobile), "更换号码",
            )  # fmt: skip

    def mobile(self, customer_id: str) -> str:
        with self.store.transaction() as session:
            return customers.load_for_edit(session, self.ctx, customer_id).draft.mobile


@pytest.fixture
def role_url(branch_roles: BranchRoles) -> Callable[[str], str]:
    """One role per branch, made on first use (as IT would: branchdesk-admin central grant-branch)."""
    made: dict[str, str] = {}

    def url(branch: str) -> str:
        if branch not in made:
            made[branch] = branch_roles.grant(branch)
        return made[branch]

    return url


@pytest.fixture
def open_workstation(tmp_path: Path, memory_keyring, role_url):  # type: ignore[no-untyped-def]
    """Workstations sharing the organisation key, each with its own store and its branch role's engine."""
    opened: list[Workstation] = []

    def make(name: str, branch: str = HERE) -> Workstation:
        settings = make_settings(tmp_path / name, branch=branch, workstation=name)
        store = open_store(settings)
        engine = create_central_engine(role_url(branch))
        opened.append(Workstation(settings, store, build_context(store, settings), engine))
        return opened[-1]

    yield make
    for ws in opened:
        ws.engine.dispose()
        ws.store.close()


def _refused(engine: Engine, statement: str, match: str, **params: Any) -> None:
    with pytest.raises(DBAPIError, match=match), engine.begin() as connection:
        connection.execute(text(statement), params)


def _changed(engine: Engine, statement: str, **params: Any) -> int:
    with engine.begin() as connection:
        return connection.execute(text(statement), params).rowcount


def test_a_branch_role_reads_and_writes_only_its_branchs_rows(
    open_workstation, central_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    here, elsewhere = open_workstation("WS01", HERE), open_workstation("WS07", ELSEWHERE)
    their_customer, their_case = elsewhere.intake(OTHER)
    our_customer, our_case = here.intake(KNOWN)
    elsewhere.sync()
    here.sync()
    role = here.engine

    assert column_values(role, "SELECT id FROM cases") == [our_case]
    assert column_values(role, "SELECT id FROM cases WHERE id = :id", id=their_case) == []
    assert column_values(role, "SELECT id FROM customers") == [our_customer]
    assert column_values(role, "SELECT id FROM customers WHERE id = :id", id=their_customer) == []
    assert set(column_values(role, "SELECT case_id FROM case_events")) == {our_case}
    for table in ("customer_changes", "customer_lookup"):
        assert set(column_values(role, f"SELECT customer_id FROM {table}")) == {our_customer}, table
    assert set(column_values(role, "SELECT origin_branch FROM changes")) == {HERE}
    for table in ("audit_log", "sync_clients"):
        assert set(column_values(role, f"SELECT branch FROM {table}")) == {HERE}, table
    # ... while the other branch's rows are there (the DBA sees them).
    their_branch = column_values(central_engine, "SELECT branch FROM cases WHERE id = :id", id=their_case)
    assert their_branch == [ELSEWHERE]

    # Writing another branch's rows: an UPDATE finds nothing, an INSERT is refused.
    assert _changed(role, "UPDATE cases SET status = 'closed' WHERE id = :id", id=their_case) == 0
    assert _changed(role, "UPDATE customers SET payload = '{}' WHERE id = :id", id=their_customer) == 0
    assert column_values(central_engine, "SELECT status FROM cases WHERE id = :id", id=their_case) == ["new"]
    policy = "row-level security"
    _refused(role, INSERT_CASE, policy, id="forged", branch=ELSEWHERE)
    _refused(role, "UPDATE cases SET branch = :branch WHERE id = :id", policy, branch=ELSEWHERE, id=our_case)
    _refused(
        role,
        "INSERT INTO changes (change_id, origin_branch, origin_workstation, entity, entity_id, payload) "
        "VALUES (gen_random_uuid(), :branch, 'WS01', 'case', 'x', '{}')",
        policy, branch=ELSEWHERE,
    )  # fmt: skip
    _refused(
        role,
        "INSERT INTO case_events (id, case_id, payload, last_seq) VALUES ('forged', :id, '{}', 1)",
        policy, id=their_case,
    )  # fmt: skip
    # Naming its own branch does not file another branch's event or history under it: the branch of
    # a timeline event or a change is its case's or its customer's, looked up as the role sees them.
    _refused(
        role,
        "INSERT INTO case_events (id, case_id, branch, payload, last_seq) "
        "VALUES ('forged', :id, :b, '{}', 1)",
        policy, id=their_case, b=HERE,
    )  # fmt: skip
    _refused(
        role,
        "INSERT INTO customer_changes (id, customer_id, branch, payload, last_seq) "
        "VALUES ('forged', :id, :b, '{}', 1)",
        policy, id=their_customer, b=HERE,
    )  # fmt: skip
    insert_event = (
        "INSERT INTO case_events (id, case_id, branch, payload, last_seq) VALUES (:e, :id, :b, '{}', 1)"
    )
    assert _changed(role, insert_event, e="misfiled", id=our_case, b=ELSEWHERE) == 1
    assert column_values(central_engine, "SELECT branch FROM case_events WHERE id = 'misfiled'") == [HERE]
    _refused(role, "DELETE FROM cases WHERE id = :id", "permission denied", id=our_case)
    # A customer its case refers to is visible, but it cannot be moved between branches.
    _refused(role, "UPDATE customers SET branch = :branch", "another branch", branch=ELSEWHERE)
    # Nor can the role change its own branch, or write the access log.
    _refused(role, "UPDATE branch_roles SET branch = :branch", "permission denied", branch=ELSEWHERE)
    _refused(role, "SELECT * FROM branch_roles", "permission denied")
    _refused(
        role,
        "INSERT INTO access_log (role_name, fetched, kind, digest, customer_ids) "
        "VALUES ('x', 'history', 'mobile', 1, '{}')",
        "permission denied",
    )


@pytest.mark.parametrize(
    ("statement", "match"),
    [
        ("CREATE TABLE smuggled (i int)", "permission denied for schema"),
        ("CREATE TEMP TABLE smuggled (i int)", "permission denied to create temporary tables"),
        ("CREATE SCHEMA smuggled", "permission denied for database"),
        ("CREATE FUNCTION smuggled() RETURNS int LANGUAGE sql AS 'SELECT 1'", "permission denied for schema"),
        ("CREATE VIEW smuggled AS SELECT * FROM cases", "permission denied for schema"),
        ("ALTER TABLE cases ADD COLUMN smuggled int", "must be owner"),
        ("ALTER TABLE cases DISABLE ROW LEVEL SECURITY", "must be owner"),
        ("DROP POLICY cases_of_branch ON cases", "must be owner"),
        ("CREATE INDEX smuggled ON cases (status)", "must be owner"),
        ("DROP TABLE cases", "must be owner"),
        ("TRUNCATE cases", "permission denied"),
        ("UPDATE audit_log SET branch = branch", "permission denied"),
        ("DELETE FROM audit_log", "permission denied"),
        ("TRUNCATE audit_log", "permission denied"),
        ("UPDATE alembic_version SET version_num = '9999'", "permission denied"),
    ],
)
def test_a_branch_role_can_do_no_ddl(
    statement: str, match: str, role_url: Callable[[str], str], central_engine: Engine
) -> None:
    engine = create_central_engine(role_url(HERE))
    try:
        _refused(engine, statement, match)
    finally:
        engine.dispose()
    tables = column_values(central_engine, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    assert "smuggled" not in tables and "cases" in tables


def test_two_workstations_of_a_branch_sync_end_to_end_as_its_role(open_workstation) -> None:  # type: ignore[no-untyped-def]
    from app.auth.passwords import Argon2Params
    from app.services import auth, staff

    first, second = open_workstation("WS01"), open_workstation("WS02")
    customer, case = first.intake(KNOWN)
    with first.store.transaction() as session:
        ref = cases.get_case(session, first.ctx, case)
        case_actions.change_status(
            session, first.ctx, CaseRef(ref.id, ref.number, ref.version), CaseStatus.ACKNOWLEDGED
        )
    first.sync()
    report = second.sync()
    assert report.changes.customers == {customer} and report.changes.cases == {case}
    with second.store.transaction() as session:
        detail = cases.get_case(session, second.ctx, case)
    assert detail.status is CaseStatus.ACKNOWLEDGED and len(detail.timeline) == 2

    # Concurrent edits of one customer: one wins everywhere, the other is kept as a conflict.
    first.set_mobile(customer, 1, "13800000001")
    second.set_mobile(customer, 1, "13800000002")
    first.sync()
    assert second.sync().conflicts == 1
    first.sync()
    assert first.mobile(customer) == second.mobile(customer)
    supervisor = with_role(second.ctx, Role.SUPERVISOR)
    with second.store.transaction() as session:
        [conflict] = conflicts.list_conflicts(session, supervisor)
        conflicts.apply_losing_version(session, supervisor, conflict.id)
    applied = second.mobile(customer)
    second.sync()
    first.sync()
    assert first.mobile(customer) == applied

    # Staff accounts travel too.
    admin = dataclasses.replace(
        with_role(first.ctx, Role.ADMIN),
        reference=dataclasses.replace(first.ctx.reference, password_params=Argon2Params(8192, 1, 1)),
    )
    with first.store.transaction() as session:
        staff.add_staff(session, admin, "li.na", "李娜", Role.TELLER, "counter2026")
    first.sync()
    second.sync()
    with second.store.transaction() as session:
        assert auth.sign_in(session, second.ctx, "li.na", "counter2026").actor_or_raise().role is Role.TELLER


def test_another_branchs_history_comes_through_the_function_and_is_logged(
    open_workstation, central_engine: Engine, branch_roles: BranchRoles
) -> None:  # type: ignore[no-untyped-def]
    here, elsewhere = open_workstation("WS01", HERE), open_workstation("WS07", ELSEWHERE)
    customer, their_case = elsewhere.intake(KNOWN)
    elsewhere.sync()
    here.sync()
    assert column_values(here.engine, "SELECT id FROM customers") == []  # not directly readable
    with central_engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(central.access_log)).scalar_one() == 0

    history = fetch_customer_history(here.store, here.ctx, here.engine, KNOWN.mobile)

    assert history.customer_ids == (customer,) and history.cases == 1
    with here.store.transaction() as session:
        assert [s.id for s in customers.find_customers(session, here.ctx, KNOWN.mobile)] == [customer]
        assert cases.get_case(session, here.ctx, their_case).summary == "Card fee charged twice"
    with central_engine.connect() as connection:
        logged = connection.execute(select(central.access_log).order_by(central.access_log.c.id)).all()
    role_name = here.engine.url.username
    assert [(r.role_name, r.branch, r.kind, r.fetched, r.customer_ids) for r in logged] == [
        (role_name, HERE, "mobile", "candidates", [customer]),
        (role_name, HERE, "mobile", "history", [customer]),
    ]
    # The function hands out only what the blind index points to, not any customer named.
    with here.engine.begin() as connection:
        rows = connection.execute(
            text("SELECT * FROM branchdesk_customer_history('mobile', :d, CAST(:ids AS varchar[]))"),
            {"d": logged[0].digest + 1, "ids": [customer]},
        ).all()
    assert rows == []

    # Fetched, the customer may be edited here before any case of this branch refers to it ...
    here.set_mobile(customer, 1, "13800000009")
    here.sync()
    elsewhere.sync()
    assert elsewhere.mobile(customer) == "13800000009"
    # ... and a case taken for them here stays this branch's.
    _, our_case = here.intake(customer_id=customer, category=1)
    here.sync()
    elsewhere.sync()
    assert column_values(elsewhere.engine, "SELECT id FROM cases") == [their_case]
    assert set(column_values(here.engine, "SELECT id FROM cases")) == {our_case}


def test_a_conflict_on_a_shared_customer_goes_to_its_branch(open_workstation, central_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    here, elsewhere = open_workstation("WS01", HERE), open_workstation("WS07", ELSEWHERE)
    customer, _ = elsewhere.intake(KNOWN)
    elsewhere.sync()
    fetch_customer_history(here.store, here.ctx, here.engine, KNOWN.mobile)
    here.intake(customer_id=customer, category=1)  # the customer complains here too: now shared
    here.sync()
    here.set_mobile(customer, 1, "13800000001")
    elsewhere.set_mobile(customer, 1, "13800000002")
    elsewhere.sync()
    # The last change of the row is the other branch's, which this role cannot read in `changes`.
    others = "SELECT origin_branch FROM changes WHERE origin_branch <> :b"
    assert column_values(here.engine, others, b=HERE) == []
    assert here.sync().conflicts == 1
    elsewhere.sync()
    here.sync()
    assert here.mobile(customer) == elsewhere.mobile(customer)
    with central_engine.connect() as connection:
        conflict = connection.execute(select(central.conflicts)).mappings().one()
        changes = {row.change_id: row for row in connection.execute(select(central.changes))}
    assert conflict["branch"] == ELSEWHERE and conflict["losing_change_id"] in changes
    supervisor = with_role(elsewhere.ctx, Role.SUPERVISOR)
    with elsewhere.store.transaction() as session:
        assert len(conflicts.list_conflicts(session, supervisor)) == 1


def test_a_customer_of_another_branch_that_a_case_here_refers_to_reaches_here_with_its_history(
    open_workstation, central_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    here, elsewhere = open_workstation("WS01", HERE), open_workstation("WS07", ELSEWHERE)
    customer, _ = elsewhere.intake(KNOWN)
    elsewhere.sync()
    fetch_customer_history(here.store, here.ctx, here.engine, KNOWN.mobile)
    here.intake(customer_id=customer, category=1)  # the customer complains here too: now referred to here
    here.sync()
    elsewhere.set_mobile(customer, 1, "13800000002")  # edited at its own branch afterwards
    elsewhere.sync()

    here.sync()

    assert here.mobile(customer) == "13800000002"
    history_of = central.customer_changes.c.customer_id == customer
    with central_engine.connect() as connection:
        history = set(connection.execute(select(central.customer_changes.c.id).where(history_of)).scalars())
        filed = set(connection.execute(select(central.customer_changes.c.branch).where(history_of)).scalars())
    assert filed == {ELSEWHERE}  # filed under the customer's branch, whoever wrote it
    with here.store.transaction() as session:
        pulled = set(
            session.execute(
                select(local.customer_changes.c.id).where(local.customer_changes.c.customer_id == customer)
            ).scalars()
        )
    assert len(history) == 2 and history <= pulled


def test_a_sync_role_without_a_branch_sees_nothing_and_fetches_nothing(
    branch_roles: BranchRoles, central_engine: Engine
) -> None:
    url = branch_roles.grant(HERE)
    with central_engine.begin() as connection:  # the DBA took the branch away again
        connection.execute(central.branch_roles.delete())
        connection.execute(text(INSERT_CASE), {"id": "c1", "branch": HERE})
    engine = create_central_engine(url)
    try:
        assert column_values(engine, "SELECT id FROM cases") == []
        _refused(engine, "SELECT * FROM branchdesk_customer_candidates('mobile', 1)", "not assigned")
    finally:
        engine.dispose()
