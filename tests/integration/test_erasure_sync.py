"""Erasure through sync: a branch role's erasure removes the key, digests and ciphertext centrally, the
other workstation erases its copy on pull; a restore re-syncs the work done after the backup."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from app.auth.passwords import hash_password
from app.backup import create_backup, organisation_crypto, restore_backup
from app.config import Settings
from app.context import ServiceContext
from app.domain import CaseKind, ComplaintType, CustomerField, Role
from app.errors import NotFound
from app.services import customers, intake
from app.services.erasure import approve, erase_customer
from app.store import OpenedStore, build_context, open_store
from app.sync.engine import sync_once
from app.sync.runner import central_engine_for
from db.local_schema import staff
from tests.conftest import make_settings
from tests.support.cases import complaint_for
from tests.support.customers import KNOWN, with_role


@dataclasses.dataclass
class Workstation:
    settings: Settings
    store: OpenedStore
    ctx: ServiceContext


@pytest.fixture
def open_workstation(tmp_path: Path, memory_keyring):  # type: ignore[no-untyped-def]
    opened: list[OpenedStore] = []

    def make(name: str, url: str) -> Workstation:
        settings = make_settings(tmp_path / name, workstation=name, central_url=url)
        store = open_store(settings)
        opened.append(store)
        return Workstation(settings, store, with_role(build_context(store, settings), Role.SUPERVISOR))

    yield make
    for store in opened:
        if not store.closed:
            store.close()


def _sync(ws: Workstation) -> None:
    report = sync_once(ws.store, central_engine_for(ws.settings.central_url), ws.ctx)
    assert report.ok, report.error


_PAYLOAD_QUERIES = (
    "SELECT payload FROM customers",
    "SELECT payload FROM changes",
    "SELECT payload FROM customer_changes",
    "SELECT losing_payload FROM conflicts",
)


def _central_text(engine: Engine) -> str:
    """Everything the central database keeps that could hold a customer's data, as one text."""
    with engine.connect() as connection:
        parts = [json.dumps(row[0]) for query in _PAYLOAD_QUERIES for row in connection.execute(text(query))]
        parts += [str(row) for row in connection.execute(text("SELECT * FROM customer_lookup"))]
    return "\n".join(parts)


def test_erasure_reaches_the_central_database_and_the_other_workstation(
    open_workstation, central_engine: Engine, branch_roles
) -> None:  # type: ignore[no-untyped-def]
    url = branch_roles.grant("0001")
    first, second = open_workstation("WS01", url), open_workstation("WS02", url)
    with first.store.transaction() as session:
        ref, _ = customers.register_customer(session, first.ctx, KNOWN)
        customers.update_customer(session, first.ctx, ref, KNOWN, "Moved house")
        wrapped = session.execute(
            text("SELECT wrapped_key FROM customer_keys WHERE customer_id = :id"), {"id": ref.id}
        ).scalar_one()
        now = dt.datetime.now(dt.UTC)
        session.execute(staff.insert(), [{
            "id": "sup-2", "username": "li.sup", "display_name": "Li", "branch": "0001",
            "role": "supervisor", "password_phc": hash_password("Approve2026"), "active": True,
            "created_at": now, "updated_at": now, "version": 1, "failed_attempts": 0, "locked_until": None,
        }])  # fmt: skip
    _sync(first)
    _sync(second)
    import base64

    wrapped_b64 = base64.b64encode(wrapped).decode()
    assert wrapped_b64 in _central_text(central_engine)
    with second.store.transaction() as session:
        assert customers.find_customers(session, second.ctx, KNOWN.id_number)

    with first.store.transaction() as session:
        erase_customer(session, first.ctx, ref.id, approve(session, first.ctx, "li.sup", "Approve2026"))
    _sync(first)

    central = _central_text(central_engine)
    assert wrapped_b64 not in central
    with central_engine.connect() as connection:
        row = connection.execute(text("SELECT payload FROM customers WHERE id = :id"), {"id": ref.id}).one()
        assert row.payload["erased"] is True and row.payload["key"] is None
        assert connection.execute(text("SELECT count(*) FROM customer_lookup")).scalar_one() == 0
        kinds = {r[0] for r in connection.execute(text("SELECT entity FROM changes"))}
        assert "erasure" in kinds
        reasons = [
            r[0] for r in connection.execute(text("SELECT payload->'row'->'reason_ct' FROM customer_changes"))
        ]
        assert all(reason is None for reason in reasons)

    _sync(second)
    with second.store.transaction() as session:
        assert customers.find_customers(session, second.ctx, KNOWN.id_number) == []
        with pytest.raises(NotFound):
            customers.reveal_field(session, second.ctx, ref.id, CustomerField.NAME, "check")
        left = session.execute(
            text("SELECT count(*) FROM customer_keys WHERE customer_id = :id"), {"id": ref.id}
        ).scalar_one()
    assert left == 0


def test_a_branch_cannot_erase_another_branchs_customer(
    open_workstation, central_engine: Engine, branch_roles
) -> None:  # type: ignore[no-untyped-def]
    first = open_workstation("WS01", branch_roles.grant("0001"))
    with first.store.transaction() as session:
        ref, _ = customers.register_customer(session, first.ctx, KNOWN)
    _sync(first)
    other = branch_roles.grant("0002")
    from sqlalchemy import create_engine

    engine = create_engine(other.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as connection, pytest.raises(DBAPIError, match=r"no such erasure|not visible"):
            connection.execute(
                text("SELECT branchdesk_erase_customer(:id, 1, gen_random_uuid())"), {"id": ref.id}
            )
    finally:
        engine.dispose()


def test_restore_then_resync_brings_back_the_work_done_after_the_backup(
    open_workstation, central_engine: Engine, branch_roles
) -> None:  # type: ignore[no-untyped-def]
    ws = open_workstation("WS01", branch_roles.grant("0001"))
    with ws.store.transaction() as session:
        ref, _ = customers.register_customer(session, ws.ctx, KNOWN)
    _sync(ws)
    backup = create_backup(ws.settings, ws.store.crypto)[0]
    code = next(
        c.code for c in ws.ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE
    )
    with ws.store.transaction() as session:
        case, _ = intake.submit_case(session, ws.ctx, complaint_for(ref.id, code, kind=CaseKind.INQUIRY))
    _sync(ws)
    ws.store.close()

    restore_backup(ws.settings, organisation_crypto(ws.settings), backup.path)
    store = open_store(ws.settings)
    try:
        ctx = with_role(build_context(store, ws.settings), Role.SUPERVISOR)
        report = sync_once(store, central_engine_for(ws.settings.central_url), ctx)
        assert report.ok, report.error
        from app.services import cases as case_service

        with store.transaction() as session:
            detail = case_service.get_case(session, ctx, case.id)
            assert detail.summary and len(detail.timeline) >= 1
            flag = session.execute(text("SELECT value FROM meta WHERE key = 'resync_after_restore'")).scalar()
        assert flag == "0"
    finally:
        store.close()
