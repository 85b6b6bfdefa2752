"""Alembic migrations of the local store, run programmatically: inspect, back up, upgrade."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

LOCAL_MIGRATIONS = Path(__file__).parent / "migrations" / "local"

# The newest migration, kept here so a store already at head opens without loading Alembic
# (a large part of start-up time); a test checks it against Alembic's own view.
HEAD_REVISION = "0009"


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(LOCAL_MIGRATIONS))
    return config


def head_revision() -> str:
    return HEAD_REVISION


def alembic_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def upgrade_to_head(engine: Engine) -> None:
    from alembic import command

    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def backup_file(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup API (safe even with a WAL in use)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".partial")
    with (
        sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src,
        sqlite3.connect(partial) as dst,
    ):
        src.backup(dst)
    dst.close()
    src.close()
    partial.replace(target)


def sidecar_files(store: Path) -> tuple[Path, Path]:
    """SQLite's write-ahead log and shared-memory files that belong to `store`."""
    return store.with_name(store.name + "-wal"), store.with_name(store.name + "-shm")


def restore_file(backup: Path, store: Path) -> None:
    """Put a backup taken by backup_file back in place of `store`, dropping the store's stale WAL."""
    partial = store.with_suffix(store.suffix + ".restoring")
    shutil.copyfile(backup, partial)
    for sidecar in sidecar_files(store):
        sidecar.unlink(missing_ok=True)  # a WAL from the failed run must not be replayed over the backup
    partial.replace(store)
