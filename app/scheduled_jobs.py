"""The app's scheduled jobs as its scheduler runs them (ui/maintenance.py, on the db lane): the scheduled
backup and the retention run, each leaving an operation-log entry whatever its outcome.

Scheduled jobs act as the workstation itself, `system:schedule`, like IT's commands act as `it:<OS
account>`: not as whoever happens to be signed in. An entry that cannot be written is logged and never
changes the job's outcome: a backup that was written stays a success, a failed one still raises.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app import audit
from app.backup import BackupInfo
from app.config import Settings
from app.context import ServiceContext

if TYPE_CHECKING:
    from app.services.retention import RetentionReport
    from app.store import OpenedStore

log = logging.getLogger(__name__)

SCHEDULER = "system:schedule"
BACKUP_ACTION = "backup.create"
RETENTION_ACTION = "retention.run"
DETAIL_MAX = 256  # audit_log.detail


def scheduler_context(ctx: ServiceContext) -> ServiceContext:
    """The same workstation, clock and keys, with the scheduler as the actor."""
    actor = dataclasses.replace(ctx.actor, staff_id=SCHEDULER, display_name=SCHEDULER)
    return dataclasses.replace(ctx, actor=actor)


def record_entry(
    store: OpenedStore,
    ctx: ServiceContext,
    action: str,
    object_type: str,
    object_id: str,
    *,
    result: str = "ok",
    detail: str = "",
) -> bool:
    """One entry in its own transaction (the job's own work is committed or rolled back by then)."""
    try:
        with store.transaction() as session:
            audit.record(
                session, ctx, action, object_type, object_id, result=result, detail=detail[:DETAIL_MAX]
            )
    except Exception as exc:  # the log entry must never decide the job's outcome
        log.error("operation log: %s (%s) could not be recorded: %s", action, result, type(exc).__name__)
        return False
    return True


def backup_detail(kind: str, written: Sequence[BackupInfo]) -> tuple[str, str]:
    """(object id, detail) of a written backup: its id, full or incremental, file size, copies, file name.
    File names hold branch, workstation, time and kind, never a personal value."""
    first = written[0]
    header = first.header
    size = first.path.stat().st_size if first.path.exists() else header.size
    detail = (
        f"kind={kind} type={'incremental' if header.incremental else 'full'} size={size} "
        f"copies={len(written)} file={first.path.name}"
    )
    return header.backup_id or "-", detail


def record_backup(
    store: OpenedStore,
    ctx: ServiceContext,
    kind: str,
    written: Sequence[BackupInfo] = (),
    error: BaseException | None = None,
) -> bool:
    """The entry for a backup attempt: written, or failed with the error's class only (its message may
    name folders, and an unexpected error's text is not ours to vet)."""
    if error is not None:
        detail = f"kind={kind} error={type(error).__name__}"
        return record_entry(store, ctx, BACKUP_ACTION, "backup", "-", result="failed", detail=detail)
    if not written:
        return False
    object_id, detail = backup_detail(kind, written)
    return record_entry(store, ctx, BACKUP_ACTION, "backup", object_id, detail=detail)


def run_backup(store: OpenedStore, ctx: ServiceContext, settings: Settings) -> list[BackupInfo]:
    """A scheduled backup if one is due, logged; nothing is logged when none was due."""
    from app.backup_schedule import SCHEDULED, run_scheduled

    ctx = scheduler_context(ctx)
    try:
        written = run_scheduled(settings, store.crypto, now=ctx.clock())
    except Exception as exc:
        record_backup(store, ctx, SCHEDULED, error=exc)
        raise
    if written:
        record_backup(store, ctx, SCHEDULED, written)
    return written


def run_retention(store: OpenedStore, ctx: ServiceContext, settings: Settings) -> RetentionReport:
    """Purge what is past its period (the purge logs its counts in its own transaction); erased
    customers then leave the backups too. A failure at either step is logged with its error class."""
    from app.backup_erasure import erase_from_backups
    from app.services.erasure import flush_wal
    from app.services.retention import purge_expired

    ctx = scheduler_context(ctx)
    stage = "purge"
    try:
        with store.transaction() as session:
            report = purge_expired(
                session, ctx, settings.retention_case_years, settings.retention_customer_years
            )
        stage = "backups"
        if report.cases_purged or report.customers_erased:
            flush_wal(store.engine)
        if report.customers_erased:
            erase_from_backups(settings, store.crypto, report.customers_erased, ctx.clock(), "policy")
    except Exception as exc:
        detail = f"stage={stage} error={type(exc).__name__}"
        record_entry(store, ctx, RETENTION_ACTION, "store", "-", result="failed", detail=detail)
        raise
    return report
