"""Integration fixtures: a real PostgreSQL server per session, a fresh empty database per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from db.central_engine import create_central_engine
from db.central_migrate import upgrade_central
from tests.support.postgres import fresh_database, running_server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """postgresql+psycopg://postgres@127.0.0.1:PORT of a throwaway server, or $BRANCHDESK_TEST_PG_URL."""
    with running_server() as url:
        yield url


@pytest.fixture
def central_url(pg_server: str) -> Iterator[str]:
    """URL of a new, empty database of its own; dropped after the test."""
    with fresh_database(pg_server) as url:
        yield url


@pytest.fixture
def central_engine(central_url: str) -> Iterator[Engine]:
    """An engine on the test's own database, migrated to the central head."""
    engine = create_central_engine(central_url)
    upgrade_central(engine)
    try:
        yield engine
    finally:
        engine.dispose()
