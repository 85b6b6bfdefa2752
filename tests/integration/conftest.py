"""Integration fixtures: a real PostgreSQL server per session, a fresh empty database per test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from db.central_engine import create_central_engine
from db.central_migrate import upgrade_central
from tests.support.postgres import conninfo, fresh_database, running_server


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


class BranchRoles:
    """Workstation roles made as the DBA makes them (app.sync.central_admin.grant_branch). Roles are
    cluster-wide and the tests share one cluster: names are unique, and the roles are dropped at the end."""

    PASSWORD = "counter-2026"  # the test cluster trusts 127.0.0.1; a real one checks it (SCRAM)

    def __init__(self, central_url: str) -> None:
        self.central_url = central_url
        self.names: list[str] = []

    def new_name(self, branch: str) -> str:
        name = f"bd_{branch}_{uuid.uuid4().hex[:10]}"
        self.names.append(name)
        return name

    def url(self, role_name: str, password: str = PASSWORD) -> str:
        parsed = make_url(self.central_url).set(username=role_name, password=password)
        return parsed.render_as_string(hide_password=False)

    def grant(self, branch: str, password: str = PASSWORD) -> str:
        """A new LOGIN role that syncs `branch`; the central URL that connects as it."""
        from app.sync.central_admin import grant_branch

        name = self.new_name(branch)
        grant_branch(self.central_url, name, branch, password)
        return self.url(name, password)

    def drop_all(self) -> None:
        with psycopg.connect(conninfo(self.central_url), autocommit=True) as admin:
            for name in self.names:
                admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


@pytest.fixture
def branch_roles(central_engine: Engine, central_url: str) -> Iterator[BranchRoles]:
    """Branch roles on the test's migrated database (the DBA is the server's superuser `postgres`)."""
    roles = BranchRoles(central_url)
    try:
        yield roles
    finally:
        roles.drop_all()
