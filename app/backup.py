"""Encrypted backups of the local store: create (online, while the app runs), list, verify, restore.

A backup is a consistent copy taken with SQLite's online backup API (db.migrate.backup_file), checked
with PRAGMA integrity_check, then sealed by app.backup_file under a key derived from the organisation
key. A restore verifies the file whole (authentication, checksum, integrity, the key check value)
before it touches the store, keeps the file it replaces, and marks the store for a full re-sync.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
import uuid
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from app.backup_chain import chain_of, headers_in, rebuild
from app.backup_file import SUFFIX, BackupHeader, BackupInvalid, read_header, sha256_of, write_encrypted
from app.config import Settings
from app.crypto.fields import FieldCrypto
from app.crypto.keys import OrgKeyStore, choose_keyring
from app.errors import BranchDeskError, KeyUnavailable, StoreUnwritable
from db import migrate

log = logging.getLogger(__name__)

# Set in a restored store: the next pull also brings back this workstation's own changes.
RESYNC_AFTER_RESTORE = "resync_after_restore"


class BackupFailed(BranchDeskError):
    """Writing a backup failed (e.g. the disk is full); no partial file was left behind."""

    def __init__(self, folder: str, detail: str) -> None:
        super().__init__("backup_failed", folder=folder, detail=detail)


class NoVerifiedBackup(BranchDeskError):
    def __init__(self, folder: str) -> None:
        super().__init__("backup_none_verified", folder=folder)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    header: BackupHeader

    @property
    def created_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.header.created_at)


@dataclass(frozen=True, slots=True)
class VerifiedBackup:
    info: BackupInfo
    customers: int
    cases: int
    links: int = 1  # the full backup plus the incrementals it was rebuilt with


def backup_dir(settings: Settings) -> Path:
    return Path(settings.backup_dir).expanduser() if settings.backup_dir else settings.data_paths.backups


def organisation_crypto(settings: Settings) -> FieldCrypto:
    """The organisation key from this PC's keyring, for a store that is not open (verify, restore)."""
    key = OrgKeyStore(choose_keyring(settings.keyring_backend)).load()
    if key is None:
        raise KeyUnavailable()
    return FieldCrypto(key)


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def scratch_path(settings: Settings, purpose: str) -> Path:
    # Plain copies stay beside the store (same disk, same permissions), never in the backup folders.
    return settings.data_paths.root / f".{purpose}-{uuid.uuid4().hex}.tmp"


def store_facts(plain: Path) -> tuple[str, str, str, int, int]:
    """integrity_check, then (store id, revision, key check, customers, cases) of a plain store copy."""
    try:
        with closing(sqlite3.connect(f"file:{plain}?mode=ro", uri=True)) as connection:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise BackupInvalid(plain.name, "integrity check failed")
            meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            customers = connection.execute("SELECT count(*) FROM customers").fetchone()[0]
            cases = connection.execute("SELECT count(*) FROM cases").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupInvalid(plain.name, f"not a readable store ({type(exc).__name__})") from None
    return meta.get("store_id", ""), revision, meta.get("key_check", ""), customers, cases


def single_file(plain: Path) -> None:
    """The copy inherits WAL mode; a backup is one self-contained file (the app turns WAL on again)."""
    with closing(sqlite3.connect(plain)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")


def remove_plain(plain: Path) -> None:
    for file in (plain, *migrate.sidecar_files(plain)):
        file.unlink(missing_ok=True)


def create_backup(
    settings: Settings,
    crypto: FieldCrypto,
    kind: str = "manual",
    folder: Path | None = None,
    now: dt.datetime | None = None,
) -> list[BackupInfo]:
    """Back up the store into `folder` (default: the backup dir) and the network share if one is set;
    safe while the app writes. Returns what was written (the share is best effort, logged if it fails)."""
    now = now or dt.datetime.now(dt.UTC)
    target_dir = folder or backup_dir(settings)
    store = settings.data_paths.store
    plain = scratch_path(settings, "backup")
    try:
        migrate.backup_file(store, plain)
        single_file(plain)
        store_id, revision, _check, _customers, _cases = store_facts(plain)
        header = BackupHeader(
            kind=kind, created_at=now.astimezone(dt.UTC).isoformat(), store_id=store_id, revision=revision,
            branch=settings.branch, workstation=settings.workstation, org_key_id=crypto.org_key_id,
            size=plain.stat().st_size, sha256=sha256_of(plain), backup_id=uuid.uuid4().hex,
        )  # fmt: skip
        name = f"branchdesk-{settings.branch}-{settings.workstation}-{_stamp(now)}-{kind}{SUFFIX}"
        written = [write_backup(crypto, plain, target_dir / name, header)]
        if settings.backup_share_dir and folder is None:
            # Off the PC: the manuals want backups that survive the PC itself.
            try:
                written.append(write_backup(crypto, plain, Path(settings.backup_share_dir) / name, header))
            except BackupFailed:
                log.warning("backup: the network share could not be written; the local copy is kept")
    except sqlite3.OperationalError as exc:
        raise BackupFailed(str(target_dir), failure_reason(exc)) from None
    finally:
        remove_plain(plain)
    log.info("backup written: %s", ", ".join(info.path.name for info in written))
    return written


def failure_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc) if isinstance(exc, sqlite3.Error) else type(exc).__name__


def write_backup(crypto: FieldCrypto, plain: Path, target: Path, header: BackupHeader) -> BackupInfo:
    try:
        write_encrypted(crypto, plain, target, header)
    except OSError as exc:
        raise BackupFailed(str(target.parent), failure_reason(exc)) from None
    return BackupInfo(target, read_header(target))


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in `folder`, newest first; files that are not backups are skipped."""
    return [BackupInfo(path, header) for path, header in headers_in(folder)]


def _decrypt_and_check(crypto: FieldCrypto, path: Path, plain: Path) -> VerifiedBackup:
    try:
        links = len(chain_of(path))
        header = rebuild(crypto, path, plain)
    except OSError as exc:
        raise BackupInvalid(path.name, failure_reason(exc)) from None
    _store_id, revision, key_check, customers, cases = store_facts(plain)
    if not key_check or not crypto.matches_key_check(bytes.fromhex(key_check)):
        raise BackupInvalid(path.name, "key check value does not match")
    if revision != migrate.HEAD_REVISION and revision not in migrate.known_revisions():
        raise BackupInvalid(path.name, f"made by a newer version (schema {revision})")
    return VerifiedBackup(BackupInfo(path, header), customers, cases, links)


def verify_backup(settings: Settings, crypto: FieldCrypto, path: Path) -> VerifiedBackup:
    """Decrypt and check the whole file without keeping anything: a restore test."""
    plain = scratch_path(settings, "verify")
    try:
        return _decrypt_and_check(crypto, path, plain)
    finally:
        remove_plain(plain)


def newest_verified(settings: Settings, crypto: FieldCrypto) -> VerifiedBackup:
    """The newest backup in the backup dir or on the share that verifies whole."""
    folders = [backup_dir(settings)]
    if settings.backup_share_dir:
        folders.append(Path(settings.backup_share_dir))
    candidates = sorted(
        (info for folder in folders for info in list_backups(folder)),
        key=lambda info: info.header.created_at,
        reverse=True,
    )
    for info in candidates:
        try:
            return verify_backup(settings, crypto, info.path)
        except BranchDeskError:
            log.warning("backup %s did not verify; trying an older one", info.path.name)
    raise NoVerifiedBackup(str(folders[0]))


@dataclass(frozen=True, slots=True)
class RestoreResult:
    verified: VerifiedBackup
    replaced: Path | None  # where the store that was replaced now is


def restore_backup(settings: Settings, crypto: FieldCrypto, path: Path) -> RestoreResult:
    """Replace the store by the backup; the store must not be open. Nothing changes unless the backup
    verifies whole; the replaced store (and its WAL) is kept under backups/replaced-<time>/."""
    paths = settings.data_paths
    try:
        paths.ensure()
    except OSError as exc:
        raise StoreUnwritable(str(paths.root), failure_reason(exc)) from None
    restoring = paths.store.with_name(paths.store.name + ".restoring")
    try:
        verified = _decrypt_and_check(crypto, path, restoring)
        _mark_for_resync(restoring)
        replaced = _set_aside(paths.store, paths.backups)
        os.replace(restoring, paths.store)
    except OSError as exc:
        raise StoreUnwritable(str(paths.root), failure_reason(exc)) from None
    finally:
        remove_plain(restoring)
    log.warning("store restored from backup %s (replaced store kept: %s)", path.name, replaced)
    return RestoreResult(verified, replaced)


def _mark_for_resync(plain: Path) -> None:
    with closing(sqlite3.connect(plain)) as connection, connection:
        connection.execute(
            "INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = '1'",
            (RESYNC_AFTER_RESTORE,),
        )
    with plain.open("rb+") as handle:
        os.fsync(handle.fileno())


def _set_aside(store: Path, backups: Path) -> Path | None:
    """Move the current store and its WAL files out of the way (never deleted: it may hold recent work)."""
    files = [f for f in (store, *migrate.sidecar_files(store)) if f.exists()]
    if not files:
        return None
    folder = backups / f"replaced-{_stamp(dt.datetime.now(dt.UTC))}-{uuid.uuid4().hex[:6]}"
    folder.mkdir(parents=True, mode=0o700)
    for file in files:
        shutil.move(str(file), folder / file.name)
    return folder
