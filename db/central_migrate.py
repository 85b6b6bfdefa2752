"""Alembic migrations of the central PostgreSQL database, run programmatically: inspect, upgrade."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

CENTRAL_MIGRATIONS = Path(__file__).parent / "migrations" / "central"

# The newest central migration; a test checks it against Alembic's own view.
CENTRAL_HEAD = "0007"

# Advisory lock key held while migrating, so two admins running "central init" at once take turns.
_MIGRATION_LOCK = 0x42444D47  # "BDMG"


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(CENTRAL_MIGRATIONS))
    return config


def alembic_central_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def known_central_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def central_revision(engine: Engine) -> str | None:
    """The central schema's revision, or None for a database without one (empty or foreign)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_central(engine: Engine) -> None:
    """Create or upgrade the central schema to head in one transaction (PostgreSQL DDL is transactional)."""
    from alembic import command

    config = _config()
    with engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
