"""Scheduled backups: due after backup_interval_hours; a full at least every backup_full_days and
incrementals in between; the newest backup_keep chains (a full and its incrementals) are kept."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from app.backup import BackupInfo, backup_dir, create_backup, list_backups
from app.backup_file import BackupInvalid, BackupWrongKey
from app.backup_incremental import create_incremental
from app.config import Settings
from app.crypto.fields import FieldCrypto

log = logging.getLogger(__name__)

SCHEDULED = "scheduled"


def backup_due(settings: Settings, now: dt.datetime) -> bool:
    """True when no backup of any kind is younger than the interval. A newest backup dated in the
    future (the clock was moved back) counts as due, so a wrong clock never stops backups."""
    found = list_backups(backup_dir(settings))
    if not found:
        return True
    newest = found[0].created_at
    return newest > now or now - newest >= dt.timedelta(hours=settings.backup_interval_hours)


def chain_tip(settings: Settings, now: dt.datetime) -> BackupInfo | None:
    """The newest scheduled backup when the next one may be an incremental after it; None when a full is
    due (no chain, its full older than backup_full_days, or dated in the future by a wrong clock)."""
    scheduled = [info for info in list_backups(backup_dir(settings)) if info.header.kind == SCHEDULED]
    if not scheduled or not scheduled[0].header.chain_id:
        return None  # a full from a version before incrementals has no id to name
    tip = scheduled[0]
    full = next(
        (i for i in scheduled if not i.header.incremental and i.header.backup_id == tip.header.chain_id), None
    )
    if full is None or tip.created_at > now or full.created_at > now:
        return None
    return tip if now - full.created_at < dt.timedelta(days=settings.backup_full_days) else None


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove scheduled chains beyond the newest `keep`, whole: a full goes only with every incremental
    that needs it, newest link first, so a kept incremental never loses its full. Manual, pre-migration
    and pre-restore backups are IT's to remove."""
    chains: dict[str, list[BackupInfo]] = {}
    for info in list_backups(folder):  # newest first, so chains come in the order of their newest link
        if info.header.kind == SCHEDULED:
            chains.setdefault(info.header.chain_id or info.path.name, []).append(info)
    removed = []
    for links in list(chains.values())[keep:]:
        for info in links:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def run_scheduled(
    settings: Settings, crypto: FieldCrypto, now: dt.datetime | None = None
) -> list[BackupInfo]:
    """Take a scheduled backup if one is due (the app calls this hourly on its db lane)."""
    now = now or dt.datetime.now(dt.UTC)
    if not backup_due(settings, now):
        return []
    written = None
    tip = chain_tip(settings, now)
    if tip is not None:
        try:
            written = create_incremental(settings, crypto, tip, SCHEDULED, now)
        except (BackupInvalid, BackupWrongKey):
            log.warning("backup chain ending in %s does not verify; taking a full backup", tip.path.name)
    if written is None:
        written = create_backup(settings, crypto, kind=SCHEDULED, now=now)
    for info in written:
        for path in prune(info.path.parent, settings.backup_keep):
            log.info("backup %s removed (more than %s chains kept)", path.name, settings.backup_keep)
    return written
