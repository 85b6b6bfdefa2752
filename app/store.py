"""Opening the local store: keyring, key check value, backup, migrations; refuses rather than guesses."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.context import ServiceContext
from app.crypto.cipher import Algorithm
from app.crypto.fields import FieldCrypto
from app.crypto.keys import KeyringChoice, OrgKeyStore, choose_keyring
from app.errors import (
    BranchDeskError,
    KeyUnavailable,
    MigrationFailed,
    StoreCorrupt,
    StoreNewerThanApp,
    StoreUnwritable,
    WrongKey,
)
from app.masking import MaskingPolicy
from app.messages import Message
from app.operator import local_actor
from app.paths import DataPaths
from app.reference import load_reference
from db import migrate
from db.engine import create_store_engine, make_session_factory, replayable_connection, session_scope
from db.repos import meta as meta_repo

log = logging.getLogger(__name__)

KEY_CHECK = "key_check"
STORE_ID = "store_id"


@dataclass(frozen=True, slots=True)
class StoreFacts:
    """What a read-only look at the file tells before anything is written."""

    exists: bool
    revision: str | None
    key_check: bytes | None
    has_customers: bool


@dataclass
class OpenedStore:
    paths: DataPaths
    engine: Engine
    session_factory: sessionmaker[Session]
    crypto: FieldCrypto
    keyring: KeyringChoice
    created_key: bool
    migration_backup: Path | None
    closed: bool = False

    @property
    def keyring_warning(self) -> Message | None:
        """Set when IT chose an unencrypted keyring explicitly: allowed, but never silently."""
        if self.keyring.encrypted:
            return None
        return Message("keyring_insecure", {"backend": self.keyring.name})

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with session_scope(self.session_factory) as session:
            yield session

    @contextmanager
    def replayable(self) -> Iterator[Callable[[], AbstractContextManager[Session]]]:
        """Transactions of writes that can be fetched again (pulled rows with the cursor that covers
        them), committed without waiting for the disk (db.engine.replayable_connection); the block's
        value opens one. Anything a user did goes through transaction(), which waits."""
        with replayable_connection(self.engine) as connection:
            yield lambda: session_scope(self.session_factory, bind=connection)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        # A final checkpoint leaves everything in the main file and an empty WAL behind.
        raw = self.engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # outside any transaction
        finally:
            raw.close()
        self.engine.dispose()


def inspect_store(path: Path) -> StoreFacts:
    if not path.exists() or path.stat().st_size == 0:
        return StoreFacts(False, None, None, False)
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            tables = {
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = found[0] if found else None
            key_check = None
            if "meta" in tables:
                found = connection.execute("SELECT value FROM meta WHERE key = ?", (KEY_CHECK,)).fetchone()
                key_check = bytes.fromhex(found[0]) if found else None
            has_customers = (
                "customers" in tables
                and connection.execute("SELECT 1 FROM customers LIMIT 1").fetchone() is not None
            )
    except sqlite3.DatabaseError as exc:
        raise StoreCorrupt(type(exc).__name__) from None
    return StoreFacts(True, revision, key_check, has_customers)


def _organisation_key(keys: OrgKeyStore, facts: StoreFacts) -> tuple[bytes, bool]:
    """The key that opens this store; a new one only for a store that holds no encrypted data."""
    key = keys.load()
    if facts.key_check is not None:
        if key is None:
            raise KeyUnavailable()
        if not FieldCrypto(key).matches_key_check(facts.key_check):
            raise WrongKey()
        return key, False
    if facts.has_customers:
        # Encrypted rows without a key check: never pair them with a fresh key.
        raise StoreCorrupt("key check value missing")
    if key is not None:
        return key, False
    return keys.create(), True


def open_store(settings: Settings) -> OpenedStore:
    paths = settings.data_paths
    try:
        paths.ensure()
    except OSError as exc:
        raise StoreUnwritable(str(paths.root), exc.strerror or type(exc).__name__) from None
    keyring_choice = choose_keyring(settings.keyring_backend)
    facts = inspect_store(paths.store)
    at_head = facts.revision == migrate.HEAD_REVISION
    if facts.revision is not None and not at_head and facts.revision not in migrate.known_revisions():
        raise StoreNewerThanApp(facts.revision)
    org_key, created_key = _organisation_key(OrgKeyStore(keyring_choice), facts)
    crypto = FieldCrypto(org_key, Algorithm.from_setting(settings.cipher))

    backup = None
    if facts.exists and not at_head:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = paths.backups / f"pre-migrate-{facts.revision or 'none'}-{stamp}.sqlite"
        migrate.backup_file(paths.store, backup)
        log.info("store backed up before migration from %s to %s", facts.revision, backup.name)
        _encrypted_backup_before_migration(settings, crypto)
    engine = create_store_engine(paths.store)
    if not at_head:
        try:
            migrate.upgrade_to_head(engine)
        except Exception:
            engine.dispose()
            raise _restore_after_failed_migration(paths.store, backup) from None
    session_factory = make_session_factory(engine)
    with session_scope(session_factory) as session:
        if meta_repo.get(session, STORE_ID) is None:
            meta_repo.put(session, STORE_ID, str(uuid.uuid4()))
        if facts.key_check is None:
            meta_repo.put(session, KEY_CHECK, crypto.key_check_value().hex())
    log.info("store opened (schema %s, new key: %s)", migrate.head_revision(), created_key)
    return OpenedStore(paths, engine, session_factory, crypto, keyring_choice, created_key, backup)


def _encrypted_backup_before_migration(settings: Settings, crypto: FieldCrypto) -> None:
    """Also an encrypted, authenticated backup in the backup folder (and the share), like the scheduled
    ones; the plain copy serves only to roll a failed migration back."""
    from app.backup import create_backup  # imported late: the backup module builds on this one's peers

    try:
        create_backup(settings, crypto, kind="pre-migrate")
    except BranchDeskError as exc:  # e.g. a store from before the case tables; the plain copy remains
        log.warning("no encrypted backup before the migration: %s", type(exc).__name__)


def _restore_after_failed_migration(store_file: Path, backup: Path | None) -> MigrationFailed:
    """Put the pre-migration copy back so the previous version opens the store as it was."""
    log.exception("store migration failed")
    if backup is None:  # a brand-new store: nothing to lose, the half-made file goes
        for leftover in (store_file, *migrate.sidecar_files(store_file)):
            leftover.unlink(missing_ok=True)
        return MigrationFailed(backup="-", restored=True)
    try:
        migrate.restore_file(backup, store_file)
    except OSError:
        log.exception("restoring the pre-migration backup failed")
        return MigrationFailed(backup=str(backup), restored=False)
    log.error("store restored from %s after the failed migration", backup.name)
    return MigrationFailed(backup=str(backup), restored=True)


def build_context(store: OpenedStore, settings: Settings) -> ServiceContext:
    return ServiceContext(
        actor=local_actor(settings),
        crypto=store.crypto,
        masking=MaskingPolicy.from_settings(settings),
        reference=load_reference(settings),
    )
