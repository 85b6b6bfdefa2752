"""branchdesk-admin report: the monthly service-quality report (PDF, .xlsx, CSV) for IT, without the app."""

from __future__ import annotations

import argparse
import dataclasses
import os
from pathlib import Path

from app.cli_common import language_for
from app.config import Settings
from app.domain import Role
from app.report_domain import Period, ReportFilter


def add_report_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = commands.add_parser("report", help="the monthly service-quality report: PDF, .xlsx and CSV")
    report.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-10")
    report.add_argument("--out", required=True, help="folder for the files (created if missing)")
    report.add_argument("--branch", help="one branch's cases (default: this workstation's branch)")
    report.add_argument("--all-branches", action="store_true", help="every branch held in this store")
    report.set_defaults(handler=cmd_report)


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    try:
        period = Period.month(args.month)
    except ValueError as exc:
        print(exc)
        return 2
    # The PDF is laid out by Qt's text document classes, the same code as the dashboard's export; only
    # this command loads Qt, on the offscreen platform, so it runs on a server without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.store import build_context, open_store
    from ui.i18n import install_translators
    from ui.reports.export import export_report

    language = language_for(settings)
    # A widgets application, not a bare QGuiApplication: a process may go on to show widgets (the tests
    # do), and Qt cannot turn one kind into the other.
    app = QApplication.instance() or QApplication(["branchdesk-admin"])
    install_translators(app, language)
    branch: str | None = None if args.all_branches else (args.branch or "")
    store = open_store(settings)
    try:
        ctx = build_context(store, settings)
        # Read-only figures with masked names: what an auditor may see.
        ctx = dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, role=Role.AUDITOR))
        with store.transaction() as session:
            paths = export_report(session, ctx, ReportFilter(period, branch=branch), Path(args.out), language)
    finally:
        store.close()
    for path in paths:
        print(path)
    return 0
