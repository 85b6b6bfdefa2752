"""Opening the local store: keys, key check value, refusals that leave files untouched, migration backup."""

from __future__ import annotations

import base64
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from app.config import Settings
from app.crypto.keys import KEYRING_SERVICE, ORG_KEY_USERNAME
from app.errors import KeyUnavailable, NoSecureKeyring, StoreCorrupt, StoreNewerThanApp, WrongKey
from app.store import OpenedStore, open_store
from db import migrate
from db.repos import meta as meta_repo
from tests.support.memory_keyring import MemoryKeyring


def _digest_files(folder: Path) -> dict[str, str]:
    """Every file of the data dir except SQLite's -shm (a shared-memory index that any reader
    updates, holding no data). A WAL is compared by content: absent and empty both mean no data."""
    digests = {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith("-shm") and path.stat().st_size > 0
    }
    assert any(name.endswith(".sqlite") for name in digests)
    return digests


def _stored_key() -> str | None:
    return MemoryKeyring().get_password(KEYRING_SERVICE, ORG_KEY_USERNAME)


def test_first_open_creates_a_key_and_reopening_uses_it(settings: Settings) -> None:
    store = open_store(settings)
    assert store.created_key
    key = _stored_key()
    store.close()
    again = open_store(settings)
    assert not again.created_key
    assert _stored_key() == key
    again.close()


def test_store_uses_wal_foreign_keys_and_full_sync(settings: Settings) -> None:
    store = open_store(settings)
    with store.engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "synchronous")
        }
    store.close()
    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2}


def _durability(store: OpenedStore) -> set[tuple[int, int]]:
    """(synchronous, wal_autocheckpoint) of every connection the pool holds (checked out together, so
    each one is seen)."""
    connections = [store.engine.connect() for _ in range(store.engine.pool.checkedin() or 1)]
    try:
        return {
            tuple(
                connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("synchronous", "wal_autocheckpoint")
            )
            for connection in connections
        }
    finally:
        for connection in connections:
            connection.close()


def test_replayable_transactions_commit_or_roll_back_whole_and_hand_back_a_durable_connection(
    settings: Settings,
) -> None:
    store = open_store(settings)
    try:
        with store.replayable() as transaction:
            with transaction() as session:
                assert session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
                meta_repo.put(session, "pulled", "1")
            with pytest.raises(RuntimeError), transaction() as session:
                meta_repo.put(session, "pulled", "2")
                raise RuntimeError("the batch failed half-way")
        with store.transaction() as session:
            assert meta_repo.get(session, "pulled") == "1"
        # FULL and the default checkpoint again, for whatever the pool hands out next.
        assert _durability(store) == {(2, 1000)}
    finally:
        store.close()


def test_deleted_key_refuses_and_leaves_the_data_dir_byte_for_byte_unchanged(
    settings: Settings, store: OpenedStore, known_customer: str
) -> None:
    store.close()
    MemoryKeyring.clear()
    before = _digest_files(settings.data_paths.root)
    with pytest.raises(KeyUnavailable) as raised:
        open_store(settings)
    assert "branchdesk-admin enroll" in raised.value.render("en")
    assert _digest_files(settings.data_paths.root) == before
    assert _stored_key() is None, "a new key must never be created over existing encrypted data"


def test_wrong_key_refuses_and_changes_nothing(
    settings: Settings, store: OpenedStore, known_customer: str
) -> None:
    store.close()
    MemoryKeyring().set_password(KEYRING_SERVICE, ORG_KEY_USERNAME, base64.b64encode(os.urandom(32)).decode())
    before = _digest_files(settings.data_paths.root)
    with pytest.raises(WrongKey):
        open_store(settings)
    assert _digest_files(settings.data_paths.root) == before


def test_store_from_a_newer_version_is_refused_untouched(settings: Settings) -> None:
    open_store(settings).close()
    with sqlite3.connect(settings.data_paths.store) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before = _digest_files(settings.data_paths.root)
    with pytest.raises(StoreNewerThanApp) as raised:
        open_store(settings)
    assert "9999_future" in raised.value.render("en")
    assert _digest_files(settings.data_paths.root) == before


def test_a_file_that_is_not_a_database_is_refused(settings: Settings) -> None:
    settings.data_paths.ensure()
    settings.data_paths.store.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreCorrupt):
        open_store(settings)
    assert settings.data_paths.store.read_bytes() == b"this is not sqlite" * 100


def test_an_older_store_is_backed_up_before_migrating(settings: Settings) -> None:
    settings.data_paths.ensure()
    with sqlite3.connect(settings.data_paths.store) as connection:  # a store from before migrations
        connection.execute("CREATE TABLE legacy_marker (x INTEGER)")
    connection.close()
    store = open_store(settings)
    store.close()
    assert store.migration_backup is not None and store.migration_backup.exists()
    with sqlite3.connect(store.migration_backup) as backup:
        tables = {row[0] for row in backup.execute("SELECT name FROM sqlite_master")}
    backup.close()
    assert "legacy_marker" in tables and "customers" not in tables
    with sqlite3.connect(settings.data_paths.store) as migrated:
        revision = migrated.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    migrated.close()
    assert revision == migrate.head_revision()


def test_no_secure_keyring_and_no_explicit_choice_fails_closed(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backends import fail

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    keyring.set_keyring(fail.Keyring())
    implicit = Settings({**settings.values, "keyring_backend": ""}, settings.sources)
    with pytest.raises(NoSecureKeyring) as raised:
        open_store(implicit)
    assert "PYTHON_KEYRING_BACKEND" in raised.value.render("en")
    assert not implicit.data_paths.store.exists()
