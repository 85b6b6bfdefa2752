"""The central migrations keep the rows already there and go back: checked from an older revision with
rows written by hand, as a database that has been in use holds them."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from alembic import command
from sqlalchemy import Engine, text

from db.central_engine import create_central_engine
from db.central_migrate import _config
from tests.support.central import column_values

HERE, ELSEWHERE = "0001", "0002"


@pytest.fixture
def engine(central_url: str) -> Iterator[Engine]:
    engine = create_central_engine(central_url)
    yield engine
    engine.dispose()


def _migrate(engine: Engine, step: Callable[..., None], target: str) -> None:
    """Run an Alembic command (command.upgrade, command.downgrade) to `target`."""
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        step(config, target)


def test_the_migration_keeps_existing_rows_and_goes_back(engine: Engine) -> None:
    _migrate(engine, command.upgrade, "0002")
    with engine.begin() as connection:  # a customer written before branch roles existed
        change_id = connection.execute(
            text(
                "WITH c AS (INSERT INTO changes (change_id, origin_branch, origin_workstation, entity, "
                "entity_id, payload) VALUES (gen_random_uuid(), '0001', 'WS01', 'customer', 'c1', '{}') "
                "RETURNING server_seq, change_id) INSERT INTO customers (id, branch, version, "
                "updated_at, origin_workstation, last_seq, payload) SELECT 'c1', '0001', 1, now(), "
                "'WS01', server_seq, '{}' FROM c RETURNING (SELECT CAST(change_id AS text) FROM c)"
            )
        ).scalar_one()
    _migrate(engine, command.upgrade, "head")
    assert column_values(engine, "SELECT CAST(last_change_id AS text) FROM customers") == [change_id]
    _migrate(engine, command.downgrade, "0002")
    _migrate(engine, command.upgrade, "head")


def test_the_upgrade_files_existing_events_and_history_under_their_case_and_customer(engine: Engine) -> None:
    def columns(table: str) -> set[str]:
        query = "SELECT column_name FROM information_schema.columns WHERE table_name = :t"
        return set(column_values(engine, query, t=table))

    _migrate(engine, command.upgrade, "0006")
    with engine.begin() as connection:  # written before timeline rows had a branch of their own
        for statement in (
            "INSERT INTO customers (id, branch, version, updated_at, origin_workstation, last_seq, "
            "payload, last_change_id) "
            "VALUES ('c1', :elsewhere, 1, now(), 'WS07', 1, '{}', gen_random_uuid())",
            "INSERT INTO cases (id, branch, customer_id, version, status, updated_at, "
            "origin_workstation, last_seq, payload, last_change_id) "
            "VALUES ('k1', :here, 'c1', 1, 'new', now(), 'WS01', 2, '{}', gen_random_uuid())",
            "INSERT INTO case_events (id, case_id, payload, last_seq) VALUES ('e1', 'k1', '{}', 3)",
            # its case never arrived (only the DBA's role could push that): filed where it came from
            "INSERT INTO case_events (id, case_id, payload, last_seq) "
            "VALUES ('e2', 'k2', '{\"origin_branch\": \"0002\"}', 5)",
            "INSERT INTO customer_changes (id, customer_id, payload, last_seq) VALUES ('h1', 'c1', '{}', 4)",
        ):
            connection.execute(text(statement), {"here": HERE, "elsewhere": ELSEWHERE})
    _migrate(engine, command.upgrade, "head")
    assert column_values(engine, "SELECT branch FROM case_events ORDER BY id") == [HERE, ELSEWHERE]
    assert column_values(engine, "SELECT branch FROM customer_changes") == [ELSEWHERE]
    _migrate(engine, command.downgrade, "0006")
    assert "branch" not in columns("case_events") | columns("customer_changes")
    assert column_values(engine, "SELECT id FROM case_events ORDER BY id") == ["e1", "e2"]
    _migrate(engine, command.upgrade, "head")
    assert column_values(engine, "SELECT branch FROM customer_changes") == [ELSEWHERE]
