"""branchdesk-admin central grant-branch: the login role a branch's PCs sync as, made or moved by the DBA."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import Engine, select, text

from app.sync.central_admin import CentralSchemaOutdated, grant_branch
from db import central_schema as central
from tests.integration.conftest import BranchRoles
from tests.support.postgres import conninfo

HERE, ELSEWHERE = "0001", "0002"


def test_grant_branch_creates_moves_and_refuses(branch_roles: BranchRoles, central_engine: Engine) -> None:
    url = branch_roles.central_url
    name = branch_roles.new_name(HERE)
    report = grant_branch(url, name, HERE, "first-secret")
    assert "created" in report and name in report and HERE in report and "first-secret" not in report
    assert "existing" in grant_branch(url, name, ELSEWHERE, "second-secret")
    with central_engine.connect() as connection:
        assert connection.execute(select(central.branch_roles)).all() == [(name, ELSEWHERE)]
        verifier = connection.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": name}
        ).scalar_one()
        member = connection.execute(
            text("SELECT pg_has_role(:n, :g, 'USAGE')"), {"n": name, "g": central.SYNC_GROUP}
        ).scalar_one()
    assert verifier.startswith("SCRAM-SHA-256$") and member
    for role, branch in (("postgres", HERE), (central.SYNC_GROUP, HERE), ("x", ""), ("x", "y" * 17)):
        with pytest.raises(ValueError):
            grant_branch(url, role, branch)


def test_a_branch_roles_sessions_start_without_jit(branch_roles: BranchRoles) -> None:
    # Whoever opens the session (a connection pooler included), not only BranchDesk's own engine.
    with psycopg.connect(conninfo(branch_roles.central_url)) as dba:
        assert dba.execute("SHOW jit").fetchone() == ("on",)
    with psycopg.connect(conninfo(branch_roles.grant(HERE))) as branch:
        assert branch.execute("SHOW jit").fetchone() == ("off",)


def test_grant_branch_needs_the_current_schema(central_url: str) -> None:
    with pytest.raises(CentralSchemaOutdated, match="central init"):
        grant_branch(central_url, "bd_never_made", HERE)
