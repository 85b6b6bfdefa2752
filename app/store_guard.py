"""Ordinary PC failures around an open store: integrity at start, the file deleted while running, a full
disk, the clock moved back. Each becomes a clear, typed error; none loses accepted work."""

from __future__ import annotations

import datetime as dt
import errno
import logging
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import BranchDeskError, StoreCorrupt
from app.messages import Message
from db.local_schema import audit_log

log = logging.getLogger(__name__)

# Clocks drift; a few minutes back is NTP at work, not a wrong clock.
CLOCK_TOLERANCE = dt.timedelta(minutes=10)


class StoreMissing(BranchDeskError):
    def __init__(self, path: str, rescued: bool, detail: str = "") -> None:
        super().__init__("store_missing" if rescued else "store_missing_lost", path=path, detail=detail)
        self.rescued = rescued


class DiskFull(BranchDeskError):
    def __init__(self) -> None:
        super().__init__("disk_full")


def check_integrity(path: Path) -> None:
    """PRAGMA quick_check, read-only, before the app writes anything; StoreCorrupt if damaged."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            result = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreCorrupt(type(exc).__name__) from None
    if result != "ok":
        raise StoreCorrupt("integrity check failed")


def rescue_if_missing(engine: Any, path: Path) -> None:
    """If the store file was deleted or moved while open, write it back from the open connection (which
    still reads the unlinked file) and say so; the WAL's committed pages come along."""
    if path.exists():
        return
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        partial = path.with_name(path.name + ".rescue")
        with closing(sqlite3.connect(partial)) as target:
            connection.backup(target)
        partial.replace(path)
    except (sqlite3.Error, OSError) as exc:
        log.error("store file missing and not rescued: %s", type(exc).__name__)
        raise StoreMissing(str(path), rescued=False, detail=type(exc).__name__) from None
    finally:
        raw.close()
    engine.dispose()  # later connections open the file written back, not the unlinked one
    log.error("store file was missing; written back from the open connection")
    raise StoreMissing(str(path), rescued=True)


def is_disk_full(exc: BaseException) -> bool:
    """SQLite's SQLITE_FULL ("database or disk is full") or the OS's ENOSPC, however wrapped."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno == errno.ENOSPC:
            return True
        if isinstance(seen, sqlite3.Error) and getattr(seen, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
            return True
        if isinstance(seen, sqlite3.OperationalError) and "disk is full" in str(seen):
            return True
        seen = getattr(seen, "orig", None) or seen.__cause__ or seen.__context__
    return False


def clock_warning(session: Session, now: dt.datetime) -> Message | None:
    """A warning when the clock is behind the newest operation-log time recorded here."""
    newest = session.execute(select(func.max(audit_log.c.at))).scalar()
    if newest is None or now >= newest - CLOCK_TOLERANCE:
        return None
    hours = max(1, round((newest - now).total_seconds() / 3600))
    return Message("clock_moved_back", {"hours": hours})
