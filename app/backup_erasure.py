"""Erasure reaches the backups this PC can reach: each is decrypted, scrubbed, vacuumed and re-sealed.

A backup taken before an erasure holds the customer's wrapped key; once the erasure is committed, every
backup in the backup folder and on the share is rewritten without it (atomically, like a new backup).
A backup kept elsewhere is caught on restore: the re-sync pulls the erased state from head office.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Collection
from contextlib import closing
from pathlib import Path

from sqlalchemy import create_engine

from app.backup import backup_dir, list_backups, remove_plain, scratch_path, sha256_of
from app.backup_file import BackupHeader, decrypt_to, write_encrypted
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
    rewritten = []
    for folder in folders:
        for info in list_backups(folder):
            if _rewrite(settings, crypto, info.path, customer_ids, erased_at, by):
                rewritten.append(info.path)
    return rewritten


def _rewrite(
    settings: Settings, crypto: FieldCrypto, path: Path, ids: Collection[str], erased_at: dt.datetime, by: str
) -> bool:
    plain = scratch_path(settings, "erase")
    try:
        header = decrypt_to(crypto, path, plain)
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
        if not present:
            return False
        with closing(sqlite3.connect(plain)) as connection:
            connection.execute("VACUUM")  # no free page keeps a trace of the key
        fields = {name: getattr(header, name) for name in header.__slots__}  # type: ignore[attr-defined]
        fields |= {"size": plain.stat().st_size, "sha256": sha256_of(plain)}
        write_encrypted(crypto, plain, path, BackupHeader(**fields))
        log.info("backup %s rewritten without %s erased customer(s)", path.name, len(present))
        return True
    finally:
        remove_plain(plain)
