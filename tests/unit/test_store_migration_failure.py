"""A migration that fails puts the pre-migration backup back and says so; the store opens once fixed."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.config import Settings
from app.errors import MigrationFailed
from app.store import open_store
from db import migrate
from tests.fixtures.make_store_fixture import FOLDER, install_fixture_key


def _revision_and_queue(store: Path) -> tuple[str, list[str]]:
    with contextlib.closing(sqlite3.connect(store)) as connection:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        queue = [row[0] for row in connection.execute("SELECT change_id FROM outbox WHERE sent_at IS NULL")]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return revision, queue


def test_failed_migration_restores_the_backup_and_says_so(settings: Settings) -> None:
    install_fixture_key()
    store_file = settings.data_paths.store
    settings.data_paths.ensure()
    shutil.copyfile(FOLDER / "0005.sqlite", store_file)
    # A store patched by hand: migration 0006 adds this column and fails on finding it there.
    with contextlib.closing(sqlite3.connect(store_file)) as connection:
        connection.execute("ALTER TABLE outbox ADD COLUMN refused_at TEXT")
        connection.commit()
    before = _revision_and_queue(store_file)
    assert before[1]

    with pytest.raises(MigrationFailed) as failure:
        open_store(settings)

    assert failure.value.restored
    assert "restored from the backup" in failure.value.render("en")
    assert "已从升级前的备份" in failure.value.render("zh_CN")
    assert _revision_and_queue(store_file) == before  # the previous version finds its store as it left it
    assert list(settings.data_paths.backups.glob("pre-migrate-0005-*.sqlite"))

    with contextlib.closing(sqlite3.connect(store_file)) as connection:  # IT removes the cause
        connection.execute("ALTER TABLE outbox DROP COLUMN refused_at")
        connection.commit()
    store = open_store(settings)
    try:
        with store.engine.connect() as connection:
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert revision == migrate.head_revision()
    finally:
        store.close()
