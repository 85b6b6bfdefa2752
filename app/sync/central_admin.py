"""IT's central-database commands: create or upgrade the central schema (branchdesk-admin central init) and
give a branch's workstations a database role of their own (branchdesk-admin central grant-branch).

Run both as the DBA: the role that owns the central tables (or a superuser), with CREATEROLE for
grant_branch. Workstations never connect as that role. For each branch IT calls, once,

    grant_branch("postgresql://dba@central:5432/branchdesk?sslmode=verify-full", "bd_0001", "0001", password)

and sets the branch's workstations' central_url to postgresql://bd_0001:<password>@central:5432/branchdesk.
The role is a member of the NOLOGIN group `branchdesk_sync`, which may only sync: read and write its own
branch's rows (row-level security, migration 0003), fetch another branch's customer history only through
functions that record each access in `access_log`, and no DDL at all.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from db.central_engine import create_central_engine, safe_url
from db.central_migrate import CENTRAL_HEAD, central_revision, known_central_revisions, upgrade_central
from db.central_schema import SYNC_GROUP

_MAX_ROLE_NAME = 63  # bytes: NAMEDATALEN - 1
_MAX_BRANCH = 16  # central branch columns are varchar(16)


class CentralSchemaNewer(RuntimeError):
    """The central database was migrated by a newer BranchDesk; this one must not touch it."""


class CentralSchemaOutdated(RuntimeError):
    """The central schema predates branch roles: run `branchdesk-admin central init` first."""


def init_central(url: str) -> str:
    """Create the central schema, or upgrade it to this version's head; a one-line report.

    Raises sqlalchemy.exc.OperationalError when the server cannot be reached (bad host, port,
    credentials or TLS settings), ValueError for a URL that is not PostgreSQL, CentralSchemaNewer
    when the database is ahead of this program. Messages never contain the password.
    """
    engine = create_central_engine(url)
    where = safe_url(engine.url)
    try:
        before = central_revision(engine)
        if before == CENTRAL_HEAD:
            return f"central database {where} is already current (schema {CENTRAL_HEAD}); nothing to do"
        if before is not None and before not in known_central_revisions():
            raise CentralSchemaNewer(
                f"central database {where} has schema {before}, newer than this program's "
                f"{CENTRAL_HEAD}; upgrade BranchDesk first"
            )
        upgrade_central(engine)
        after = central_revision(engine)
    finally:
        engine.dispose()
    if before is None:
        return f"central database {where}: schema created (schema {after})"
    return f"central database {where}: schema upgraded from {before} to {after}"


def _check_names(role_name: str, branch: str) -> None:
    if not role_name or len(role_name.encode()) > _MAX_ROLE_NAME:
        raise ValueError(f"role name must have 1 to {_MAX_ROLE_NAME} bytes")
    if role_name == SYNC_GROUP or role_name.startswith("pg_"):
        raise ValueError(f"{role_name!r} cannot be a branch role")
    if not branch or len(branch) > _MAX_BRANCH or branch != branch.strip():
        raise ValueError(f"branch must have 1 to {_MAX_BRANCH} characters, without surrounding spaces")


def _ddl(connection: Connection, template: str, *values: str) -> None:
    """Run DDL that needs quoted names: the server quotes them (format %I / %L), and the statement goes
    to the driver without parameters so that no quoted value is read as a placeholder."""
    statement = connection.execute(
        text("SELECT format(:template, VARIADIC CAST(:values AS text[]))"),
        {"template": template, "values": list(values)},
    ).scalar_one()
    connection.execution_options(no_parameters=True).exec_driver_sql(statement)


def _scram_verifier(connection: Connection, role_name: str, password: str) -> str:
    """The password as the server's verifier (SCRAM), computed here as psql's \\password does: the
    plain password never reaches the server, so it cannot end up in a statement log."""
    pgconn = connection.connection.driver_connection.pgconn  # type: ignore[union-attr]
    return bytes(pgconn.encrypt_password(password.encode(), role_name.encode())).decode("ascii")


def _refuse_privileged(connection: Connection, role_name: str) -> None:
    """Row-level security binds neither superusers, nor BYPASSRLS roles, nor the tables' owner."""
    row = connection.execute(
        text(
            "SELECT r.rolsuper OR r.rolbypassrls AS bypasses, "
            "pg_has_role(r.oid, (SELECT relowner FROM pg_class WHERE oid = 'customers'::regclass), 'USAGE')"
            " AS owns FROM pg_roles r WHERE r.rolname = :role"
        ),
        {"role": role_name},
    ).one()
    if row.bypasses or row.owns:
        raise ValueError(
            f"role {role_name!r} bypasses row-level security (superuser, BYPASSRLS or the tables' owner); "
            "a branch needs a role of its own"
        )


def _ensure_login_role(connection: Connection, role_name: str, password: str | None) -> bool:
    """True when the role was created now. An existing role keeps its attributes; a password, if given,
    replaces its password."""
    exists = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role_name}
    ).scalar_one_or_none()
    verifier = _scram_verifier(connection, role_name, password) if password is not None else None
    if exists is None:
        if verifier is None:
            _ddl(connection, "CREATE ROLE %I LOGIN", role_name)
        else:
            _ddl(connection, "CREATE ROLE %I LOGIN PASSWORD %L", role_name, verifier)
        return True
    if verifier is not None:
        _ddl(connection, "ALTER ROLE %I PASSWORD %L", role_name, verifier)
    return False


def grant_branch(url: str, role_name: str, branch: str, password: str | None = None) -> str:
    """Let `role_name` sync branch `branch`; a one-line report (never the password).

    Creates the LOGIN role if missing (with `password`, else without one: the DBA may authenticate it by
    certificate or set a password later), makes it a member of `branchdesk_sync`, turns JIT compilation
    off for its sessions and records it in `branch_roles`, all in one transaction. Run again with another
    branch to move the role, or with a password to replace it. Raises ValueError for unusable names or for
    a role that row-level security would not bind, CentralSchemaOutdated / CentralSchemaNewer when the
    schema is not this version's, sqlalchemy.exc.OperationalError when the server cannot be reached, and
    sqlalchemy.exc.DBAPIError when the DBA lacks CREATEROLE or the right to grant `branchdesk_sync`.
    """
    _check_names(role_name, branch)
    engine = create_central_engine(url)
    where = safe_url(engine.url)
    try:
        revision = central_revision(engine)
        if revision is not None and revision not in known_central_revisions():
            raise CentralSchemaNewer(
                f"central database {where} has schema {revision}, newer than this program's "
                f"{CENTRAL_HEAD}; upgrade BranchDesk first"
            )
        if revision != CENTRAL_HEAD:
            raise CentralSchemaOutdated(
                f"central database {where} has schema {revision or 'none'}; run central init first"
            )
        with engine.begin() as connection:
            created = _ensure_login_role(connection, role_name, password)
            _refuse_privileged(connection, role_name)
            _ddl(connection, f"GRANT {SYNC_GROUP} TO %I", role_name)
            # Its sessions start without JIT compilation (db/central_engine.py sets it too): also through a
            # connection pooler that hands the server's sessions from one client to the next.
            _ddl(connection, "ALTER ROLE %I SET jit = off", role_name)
            connection.execute(
                text(
                    "INSERT INTO branch_roles (role_name, branch) VALUES (:role, :branch) "
                    "ON CONFLICT (role_name) DO UPDATE SET branch = EXCLUDED.branch"
                ),
                {"role": role_name, "branch": branch},
            )
    finally:
        engine.dispose()
    state = "created" if created else "existing"
    return f"central database {where}: role {role_name} ({state}) syncs branch {branch}"
