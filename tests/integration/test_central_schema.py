"""The central schema on a real PostgreSQL: init, append-only audit, server sequence, idempotency, probe."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import CheckConstraint, Engine, create_engine, func, insert, inspect, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError

from app.sync.central_admin import init_central
from db.central_engine import central_url as driver_url
from db.central_engine import create_central_engine, probe, safe_url
from db.central_migrate import CENTRAL_HEAD, alembic_central_head, central_revision
from db.central_schema import append_lock, audit_log, central_metadata, changes
from tests.support.postgres import _free_port

TABLES = {
    "changes", "customers", "customer_lookup", "cases", "case_events", "customer_changes",
    "audit_log", "conflicts", "sync_clients",
}  # fmt: skip


def a_change(**values: Any) -> dict[str, Any]:
    return {
        "change_id": str(uuid.uuid4()),
        "origin_branch": "0001",
        "origin_workstation": "WS01",
        "entity": "customer",
        "entity_id": str(uuid.uuid4()),
        "version": 1,
        "payload": {"name_ct": "AAEC"},
        **values,
    }


def test_head_constant_matches_alembic() -> None:
    assert alembic_central_head() == CENTRAL_HEAD


def test_init_creates_the_schema_and_is_idempotent(central_url: str) -> None:
    first = init_central(central_url)
    assert "created" in first
    assert "\n" not in first

    engine = create_central_engine(central_url)
    try:
        assert central_revision(engine) == CENTRAL_HEAD
        assert set(inspect(engine).get_table_names()) >= TABLES
    finally:
        engine.dispose()

    second = init_central(central_url)
    assert "already current" in second


def test_migration_matches_the_metadata(central_engine: Engine) -> None:
    with central_engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), central_metadata) == []
        checks = inspect(connection).get_check_constraints("changes")
    # Alembic's comparison skips CHECK constraints; their names are compared here.
    assert sorted(check["name"] for check in checks) == sorted(
        str(constraint.name) for constraint in changes.constraints if isinstance(constraint, CheckConstraint)
    )


def test_audit_log_refuses_update_and_delete(central_engine: Engine) -> None:
    row = {
        "id": str(uuid.uuid4()),
        "branch": "0001",
        "workstation": "WS01",
        "at": dt.datetime.now(dt.UTC),
        "payload": {"action": "customer.register"},
        "last_seq": 1,
    }
    with central_engine.begin() as connection:
        connection.execute(insert(audit_log).values(row))
    for statement in (
        audit_log.update().values(branch="0002"),
        audit_log.delete(),
        text("TRUNCATE audit_log"),
    ):
        with pytest.raises(DBAPIError, match="append-only"), central_engine.begin() as connection:
            connection.execute(statement)
    with central_engine.connect() as connection:
        assert connection.execute(select(audit_log.c.branch)).scalars().all() == ["0001"]


def test_server_seq_increases_across_inserts(central_engine: Engine) -> None:
    seqs: list[int] = []
    for _ in range(5):
        with central_engine.begin() as connection:
            append_lock(connection)
            seqs.append(connection.execute(insert(changes).values(a_change())).inserted_primary_key[0])
    assert seqs == sorted(seqs)
    assert len(set(seqs)) == 5
    with central_engine.connect() as connection:
        stored = connection.execute(select(changes.c.server_seq).order_by(changes.c.server_seq)).scalars()
        assert list(stored) == seqs
        received = connection.execute(select(changes.c.received_at)).scalars().first()
    assert received is not None and received.utcoffset() == dt.timedelta(0)


def test_change_id_is_inserted_once(central_engine: Engine) -> None:
    change = a_change()
    statement = pg_insert(changes).values(change).on_conflict_do_nothing(index_elements=["change_id"])
    inserted = []
    for _ in range(2):
        with central_engine.begin() as connection:
            inserted.append(connection.execute(statement.returning(changes.c.server_seq)).first())
    assert inserted[0] is not None
    assert inserted[1] is None
    with central_engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(changes)).scalar_one()
        payload = connection.execute(select(changes.c.payload)).scalar_one()
    assert count == 1
    assert payload == {"name_ct": "AAEC"}


def test_changes_refuse_an_unknown_entity(central_engine: Engine) -> None:
    with pytest.raises(DBAPIError, match="ck_changes_entity"), central_engine.begin() as connection:
        connection.execute(insert(changes).values(a_change(entity="nonsense")))


def test_probe_true_for_the_server_false_for_a_closed_port(central_url: str) -> None:
    engine = create_central_engine(central_url)
    closed = create_central_engine(f"postgresql://postgres@127.0.0.1:{_free_port()}/postgres")
    try:
        assert probe(engine) is True
        assert probe(closed) is False
    finally:
        engine.dispose()
        closed.dispose()


def test_sync_sessions_run_without_jit_compilation(central_url: str) -> None:
    # Beside a bank's branches, compiling the sync's short scans cost more than running them.
    plain = create_engine(driver_url(central_url))
    engine = create_central_engine(central_url)
    try:
        with plain.connect() as connection:
            assert connection.execute(text("SHOW jit")).scalar_one() == "on"  # the server's default
        with engine.connect() as connection:
            assert connection.execute(text("SHOW jit")).scalar_one() == "off"
            connection.rollback()  # the setting outlives the sync's transactions
            assert connection.execute(text("SHOW jit")).scalar_one() == "off"
        engine.dispose()  # a new session gets it too
        with engine.connect() as connection:
            assert connection.execute(text("SHOW jit")).scalar_one() == "off"
    finally:
        plain.dispose()
        engine.dispose()


def test_engine_url_driver_tls_and_password() -> None:
    url = "postgresql://sync:s3cret@central.bank.example:5432/branchdesk?sslmode=verify-full&sslrootcert=/etc/ca.pem"
    engine = create_central_engine(url, connect_timeout=0.5)
    try:
        assert engine.url.drivername == "postgresql+psycopg"
        _args, kwargs = engine.dialect.create_connect_args(engine.url)
        assert kwargs["sslmode"] == "verify-full"
        assert kwargs["sslrootcert"] == "/etc/ca.pem"
        assert "s3cret" not in safe_url(engine.url)
        assert "s3cret" not in repr(engine)
    finally:
        engine.dispose()
    with pytest.raises(ValueError, match="not a PostgreSQL URL"):
        create_central_engine("mysql://root:s3cret@host/db")
