"""branchdesk-admin report: the monthly service-quality report (PDF, .xlsx, CSV) for IT, without the app."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from app import pdf_documents
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
    from app.store import build_context, open_store

    language = language_for(settings)
    writers = pdf_documents.writers()  # Qt's document classes, from the ui layer
    writers.prepare(language)
    branch: str | None = None if args.all_branches else (args.branch or "")
    store = open_store(settings)
    try:
        ctx = build_context(store, settings)
        # Read-only figures with masked names: what an auditor may see.
        ctx = dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, role=Role.AUDITOR))
        with store.transaction() as session:
            flt = ReportFilter(period, branch=branch)
            paths = writers.monthly_report(session, ctx, flt, Path(args.out), language)
    finally:
        store.close()
    for path in paths:
        print(path)
    return 0
