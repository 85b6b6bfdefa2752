"""Erasure reaches the backups this PC can reach: each is decrypted, scrubbed, vacuumed and re-sealed.

A backup taken before an erasure holds the customer's wrapped key; once the erasure is committed, every
backup in the backup folder and on the share is rewritten without it (atomically, like a new backup). An
incremental is rebuilt from its chain and rewritten as a full backup: after a VACUUM its pages no longer
line up with the links before it.
A backup kept elsewhere is caught on restore: the re-sync pulls the erased state from head office.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import uuid
from collections.abc import Collection
from contextlib import closing
from pathlib import Path

from sqlalchemy import create_engine

from app.backup import BackupInfo, backup_dir, list_backups, remove_plain, scratch_path
from app.backup_chain import rebuild
from app.backup_file import as_full, sha256_of, write_encrypted
from app.config import Settings
from app.crypto.fields import FieldCrypto
from app.services.erasure import scrub_customer
from db.engine import make_session_factory, session_scope

log = logging.getLogger(__name__)


def erase_from_backups(
    settings: Settings, crypto: FieldCrypto, customer_ids: Collection[str], erased_at: dt.datetime, by: str
) -> list[Path]:
    """Rewrite every reachable backup that still holds one of the customers; the paths rewritten."""
    folders = [backup_dir(settings)]
    if settings.backup_share_dir:
        folders.append(Path(settings.backup_share_dir))
    rewritten: list[Path] = []
    for folder in folders:
        rewritten.extend(_erase_in_folder(settings, crypto, folder, customer_ids, erased_at, by))
    return rewritten


def _erase_in_folder(
    settings: Settings,
    crypto: FieldCrypto,
    folder: Path,
    ids: Collection[str],
    erased_at: dt.datetime,
    by: str,
) -> list[Path]:
    """Newest first. A link of a chain that holds a customer is rewritten as a standalone full backup, and
    so is every newer link of its chain before it (their pages were relative to it): at any moment every
    incremental still left has its whole, unchanged chain, so an interrupted erasure breaks nothing."""
    rewritten = []
    kept: dict[str, list[BackupInfo]] = {}  # incrementals left as they were, per chain, newest first
    for info in list_backups(folder):
        plain = scratch_path(settings, "erase")
        try:
            rebuild(crypto, info.path, plain)
            if not _scrub(plain, ids, erased_at, by):
                if info.header.incremental:
                    kept.setdefault(info.header.chain_id, []).append(info)
                continue
            for newer in kept.pop(info.header.chain_id, []):
                _rewrite_standalone(settings, crypto, newer)
                rewritten.append(newer.path)
            _seal(crypto, plain, info)
            rewritten.append(info.path)
            log.info("backup %s rewritten without erased customers", info.path.name)
        finally:
            remove_plain(plain)
    return rewritten


def _rewrite_standalone(settings: Settings, crypto: FieldCrypto, info: BackupInfo) -> None:
    plain = scratch_path(settings, "erase")
    try:
        rebuild(crypto, info.path, plain)
        _seal(crypto, plain, info)
    finally:
        remove_plain(plain)


def _seal(crypto: FieldCrypto, plain: Path, info: BackupInfo) -> None:
    """Re-seal in place (atomically) as a full backup; an incremental gets a new id, being a new chain."""
    header = info.header
    backup_id = uuid.uuid4().hex if header.incremental else header.backup_id
    write_encrypted(
        crypto, plain, info.path, as_full(header, plain.stat().st_size, sha256_of(plain), backup_id)
    )


def _scrub(plain: Path, ids: Collection[str], erased_at: dt.datetime, by: str) -> bool:
    """Scrub the customers present in the store copy `plain` and vacuum it; whether any was present."""
    engine = create_engine(f"sqlite:///{plain}")
    try:
        with session_scope(make_session_factory(engine)) as session:
            present = [
                customer_id
                for customer_id in ids
                if session.connection()
                .exec_driver_sql("SELECT 1 FROM customer_keys WHERE customer_id = ?", (customer_id,))
                .first()
            ]
            for customer_id in present:
                scrub_customer(session, customer_id, erased_at, by)
    finally:
        engine.dispose()
    if present:
        with closing(sqlite3.connect(plain)) as connection:
            connection.execute("VACUUM")  # no free page keeps a trace of the key
    return bool(present)
