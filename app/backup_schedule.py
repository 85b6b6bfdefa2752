"""Scheduled backups: due after backup_interval_hours, keep the newest backup_keep scheduled ones."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from app.backup import BackupInfo, backup_dir, create_backup, list_backups
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


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove scheduled backups beyond the newest `keep`; manual, pre-migration and pre-restore
    backups are IT's to remove."""
    scheduled = [info for info in list_backups(folder) if info.header.kind == SCHEDULED]
    removed = []
    for info in scheduled[keep:]:
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
    written = create_backup(settings, crypto, kind=SCHEDULED, now=now)
    for info in written:
        for path in prune(info.path.parent, settings.backup_keep):
            log.info("backup %s removed (more than %s kept)", path.name, settings.backup_keep)
    return written
