"""branchdesk-admin backup create / list / verify / restore (for IT)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli_common import language_for
from app.config import Settings
from app.messages import Message

if TYPE_CHECKING:
    from app.backup import BackupInfo


def _crypto(settings: Settings) -> Any:
    from app.backup import organisation_crypto

    return organisation_crypto(settings)


def cmd_backup_create(settings: Settings, args: argparse.Namespace) -> int:
    from app.backup import create_backup

    folder = Path(args.dir) if args.dir else None
    try:
        written = create_backup(settings, _crypto(settings), kind="manual", folder=folder)
    except Exception as exc:
        _record_backup(settings, error=exc)
        raise
    _record_backup(settings, written)
    for info in written:
        print(f"{info.path}  ({info.header.size} bytes, schema {info.header.revision})")
    return 0


def _record_backup(
    settings: Settings, written: Sequence[BackupInfo] = (), error: BaseException | None = None
) -> None:
    """The operation-log entry for `backup create`, as IT (`it:<OS account>`); it never changes the
    command's outcome, and no store is created just to hold it."""
    import logging

    from app.cli_staff import admin_context
    from app.scheduled_jobs import record_backup

    if not settings.data_paths.store.exists():
        return
    try:
        store, ctx = admin_context(settings)
    except Exception as exc:  # the key or the store unavailable: the backup result stands
        logging.getLogger(__name__).error("operation log: backup not recorded: %s", type(exc).__name__)
        return
    try:
        record_backup(store, ctx, "manual", written, error)
    finally:
        store.close()


def cmd_backup_list(settings: Settings, args: argparse.Namespace) -> int:
    from app.backup import backup_dir, list_backups

    folders = [Path(args.dir)] if args.dir else [backup_dir(settings)]
    if settings.backup_share_dir and not args.dir:
        folders.append(Path(settings.backup_share_dir))
    for folder in folders:
        print(f"{folder}:")
        found = list_backups(folder)
        names = {info.header.backup_id: info.path.name for info in found if info.header.backup_id}
        for info in found:
            header = info.header
            print(f"  {info.path.name}  {header.created_at}  {header.kind}  schema {header.revision}")
            if header.incremental:  # the chain a restore needs: the full, then the link it follows
                full, parent = (names.get(i, f"missing {i}") for i in (header.base_id, header.parent_id))
                print(f"    incremental of {full}, after {parent}")
            else:
                print("    full")
    return 0


def cmd_backup_verify(settings: Settings, args: argparse.Namespace) -> int:
    from app.backup import verify_backup

    verified = verify_backup(settings, _crypto(settings), Path(args.file))
    print(
        f"OK {verified.info.path.name}: {verified.customers} customers, {verified.cases} cases, "
        f"schema {verified.info.header.revision}, taken {verified.info.header.created_at}"
        + (f", rebuilt from a full and {verified.links - 1} incremental(s)" if verified.links > 1 else "")
    )
    return 0


def cmd_backup_restore(settings: Settings, args: argparse.Namespace) -> int:
    """Restore while holding the instance lock (never under a running app), then re-sync."""
    from app.backup import restore_backup
    from app.instance_lock import InstanceLock

    language = language_for(settings)
    with InstanceLock(settings.data_paths.root):
        result = restore_backup(settings, _crypto(settings), Path(args.file))
        print(Message("restored_resync", {"replaced": str(result.replaced or "-")}).render(language))
        report = _record_and_resync(settings, Path(args.file).name)
    if report is not None and report.error is not None:
        print(report.error.render(language))
        return 1
    return 0


def _record_and_resync(settings: Settings, name: str) -> Any:
    """Open the restored store (migrating an older backup), log the restore, and sync if configured."""
    from app import audit
    from app.store import build_context, open_store
    from app.sync.runner import sync_round

    store = open_store(settings)
    try:
        ctx = build_context(store, settings)
        with store.transaction() as session:
            audit.record(session, ctx, "store.restore", "store", "-", detail=f"backup={name}"[:256])
        if not settings.central_url:
            return None
        report = sync_round(store, ctx, settings.central_url)
        print(f"re-sync: pushed {report.pushed}, pulled {report.pulled}, pending {report.pending}")
        return report
    finally:
        store.close()


def add_backup_parser(commands: Any) -> None:
    backup = commands.add_parser("backup", help="encrypted backups of the local store")
    sub = backup.add_subparsers(dest="backup_command", required=True)
    create = sub.add_parser("create", help="back up now (safe while the app runs)")
    create.add_argument("dir", nargs="?", help="folder (default: backup_dir, plus backup_share_dir)")
    create.set_defaults(handler=cmd_backup_create)
    listing = sub.add_parser("list", help="backups in the backup folder and on the share, newest first")
    listing.add_argument("dir", nargs="?", help="folder to list (default: backup_dir and backup_share_dir)")
    listing.set_defaults(handler=cmd_backup_list)
    verify = sub.add_parser(
        "verify", help="decrypt and check a backup whole, an incremental with its chain (a restore test)"
    )
    verify.add_argument("file")
    verify.set_defaults(handler=cmd_backup_verify)
    restore = sub.add_parser(
        "restore", help="verify, keep the current store aside, restore, then re-sync with head office"
    )
    restore.add_argument("file")
    restore.set_defaults(handler=cmd_backup_restore)
