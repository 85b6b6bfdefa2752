"""Incremental backups: the pages of the store that changed since the newest link of a chain.

The store is copied with SQLite's online backup API exactly as for a full backup; the chain it extends is
rebuilt and checked first (a broken chain is never extended), and only the pages whose keyed digest
differs are sealed, under the same key derivation and atomic write as a full backup.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import uuid
from pathlib import Path

from app.backup import (
    BackupFailed,
    BackupInfo,
    backup_dir,
    failure_reason,
    remove_plain,
    scratch_path,
    single_file,
    store_facts,
    write_backup,
)
from app.backup_chain import headers_in, rebuild
from app.backup_file import FORMAT_INCREMENTAL, SUFFIX, BackupHeader, as_full, sha256_of
from app.backup_pages import page_digests, page_size, write_page_set
from app.config import Settings
from app.crypto.fields import FieldCrypto
from db import migrate

log = logging.getLogger(__name__)


def create_incremental(
    settings: Settings, crypto: FieldCrypto, parent: BackupInfo, kind: str, now: dt.datetime | None = None
) -> list[BackupInfo] | None:
    """Seal the pages changed since `parent` beside it (and on the share when the share holds `parent`,
    else a full copy there). None when the store's page size changed: a full backup is needed."""
    now = now or dt.datetime.now(dt.UTC)
    plain, previous, page_set = (scratch_path(settings, purpose) for purpose in ("backup", "chain", "pages"))
    try:
        rebuild(crypto, parent.path, previous)  # BackupInvalid: the chain is broken, take a full
        migrate.backup_file(settings.data_paths.store, plain)
        single_file(plain)
        store_id, revision, _check, _customers, _cases = store_facts(plain)
        size = page_size(plain)
        if page_size(previous) != size:
            return None
        key = crypto.backup_digest_key()
        changed = write_page_set(key, plain, page_digests(key, previous, size), page_set)
        header = BackupHeader(
            kind=kind, created_at=now.astimezone(dt.UTC).isoformat(), store_id=store_id, revision=revision,
            branch=settings.branch, workstation=settings.workstation, org_key_id=crypto.org_key_id,
            size=page_set.stat().st_size, sha256=sha256_of(page_set), format=FORMAT_INCREMENTAL,
            backup_id=uuid.uuid4().hex, base_id=parent.header.chain_id,
            base_sha256=parent.header.base_sha256 if parent.header.incremental else parent.header.sha256,
            parent_id=parent.header.backup_id, parent_sha256=parent.header.state_sha256,
            store_size=plain.stat().st_size, store_sha256=sha256_of(plain),
        )  # fmt: skip
        name = f"{_stem(header)}-incremental-{header.backup_id[:8]}{SUFFIX}"
        written = [write_backup(crypto, page_set, parent.path.parent / name, header)]
        if settings.backup_share_dir and parent.path.parent == backup_dir(settings):
            share = Path(settings.backup_share_dir)
            written.extend(_to_share(crypto, share, name, plain, page_set, header))
    except sqlite3.OperationalError as exc:
        raise BackupFailed(str(parent.path.parent), failure_reason(exc)) from None
    finally:
        for file in (plain, previous, page_set):
            remove_plain(file)
    log.info("incremental backup written: %s (%s pages)", ", ".join(i.path.name for i in written), changed)
    return written


def _to_share(
    crypto: FieldCrypto, share: Path, name: str, plain: Path, page_set: Path, header: BackupHeader
) -> list[BackupInfo]:
    """The same incremental when the share has the link it follows; a full when the share missed it
    (it was unreachable then), so the share's chain is always whole. Best effort, like a full's copy."""
    has_parent = any(h.backup_id == header.parent_id for _p, h in headers_in(share))
    try:
        if has_parent:
            return [write_backup(crypto, page_set, share / name, header)]
        full = as_full(header, header.store_size, header.store_sha256, uuid.uuid4().hex)
        return [write_backup(crypto, plain, share / f"{_stem(header)}{SUFFIX}", full)]
    except BackupFailed:
        log.warning("backup: the network share could not be written; the local copy is kept")
        return []


def _stem(header: BackupHeader) -> str:
    stamp = dt.datetime.fromisoformat(header.created_at).strftime("%Y%m%dT%H%M%SZ")
    return f"branchdesk-{header.branch}-{header.workstation}-{stamp}-{header.kind}"
