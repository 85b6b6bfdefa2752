"""IT's central-database commands: create or upgrade the central schema (branchdesk-admin central init)."""

from __future__ import annotations

from db.central_engine import create_central_engine, safe_url
from db.central_migrate import CENTRAL_HEAD, central_revision, known_central_revisions, upgrade_central


class CentralSchemaNewer(RuntimeError):
    """The central database was migrated by a newer BranchDesk; this one must not touch it."""


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
