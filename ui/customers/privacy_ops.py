"""The erasure and the data export as the customer panel runs them on the db lane (never on the GUI thread).

Each takes the second supervisor's user name and password: the approval and the action share one
transaction, so a refused approval or a refused erasure (legal hold, open cases) changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from app.changes import Changes
from app.config import Settings
from app.context import ServiceContext
from app.errors import BranchDeskError

log = logging.getLogger(__name__)


class ExportNotWritten(BranchDeskError):
    """The chosen file could not be written (folder gone, no space, no permission); nothing was logged."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__("store_unwritable", path=path, detail=detail)
        self.path, self.detail = path, detail

    def render(self, language: str = "zh_CN") -> str:
        # Rendered by the installed translator: this text exists only in the desktop app.
        return (
            QCoreApplication.translate(
                "CustomerPrivacy",
                "The export could not be written to %1 (%2). Nothing was recorded; choose another "
                "folder and try again.",
            )
            .replace("%1", self.path)
            .replace("%2", self.detail)
        )


def erase_approved(
    session: Session, ctx: ServiceContext, customer_id: str, approver: str, password: str
) -> tuple[str, Changes]:
    """Approve and crypto-shred in one transaction; the approver's staff id and the changes."""
    from app.services.erasure import approve, erase_customer

    approval = approve(session, ctx, approver, password)
    return approval.staff_id, erase_customer(session, ctx, customer_id, approval)


def erase_everywhere_here(
    store: Any, _ctx: ServiceContext, settings: Settings | None, customer_id: str, approved_by: str
) -> int:
    """After the erasure committed: no old page in the WAL, and every reachable backup rewritten without
    the customer. The number of backups rewritten."""
    from app.backup_erasure import erase_from_backups
    from app.services.erasure import flush_wal

    flush_wal(store.engine)
    if settings is None:
        return 0
    rewritten = erase_from_backups(
        settings, store.crypto, [customer_id], dt.datetime.now(dt.UTC), approved_by
    )
    log.info("erasure: %s backup(s) rewritten", len(rewritten))
    return len(rewritten)


def export_approved(
    session: Session,
    ctx: ServiceContext,
    customer_id: str,
    approver: str,
    password: str,
    target: Path,
    export_format: str = "json",
) -> Path:
    """Approve, collect and write the file; the log entry commits only once the file is written."""
    from app.services.erasure import approve
    from app.services.subject_export import subject_record, write_export
    from ui.privacy.subject_pdf import render_subject_pdf, require_cjk_font

    if export_format == "pdf":
        require_cjk_font()  # refused before the approval is even checked
    approval = approve(session, ctx, approver, password)
    record = subject_record(session, ctx, customer_id, approval, export_format)
    try:
        return write_export(record, target, export_format, render_subject_pdf)
    except OSError as exc:
        raise ExportNotWritten(str(target), exc.strerror or type(exc).__name__) from None
