"""branchdesk-admin retention run / customer erase / customer export (personal-information law)."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from app import pdf_documents
from app.cli_common import language_for
from app.config import Settings


def _signed_in(session: Any, ctx: Any, username: str, password: str) -> Any:
    from app.services.auth import sign_in

    actor = sign_in(session, ctx, username, password).actor_or_raise()
    return dataclasses.replace(ctx, actor=actor)


def _two_passwords() -> tuple[str, str]:
    # Requester's password on the first line of stdin, the approving supervisor's on the second.
    return sys.stdin.readline().rstrip("\n"), sys.stdin.readline().rstrip("\n")


def cmd_retention_run(settings: Settings, args: argparse.Namespace) -> int:
    from app.services.retention import purge_expired
    from app.store import build_context, open_store

    store = open_store(settings)
    try:
        with store.transaction() as session:
            report = purge_expired(
                session, build_context(store, settings),
                settings.retention_case_years, settings.retention_customer_years,
            )  # fmt: skip
    finally:
        store.close()
    print(
        f"closed cases purged: {report.cases_purged}; customers erased: {len(report.customers_erased)}; "
        f"held back by legal holds: {report.held_back}"
    )
    return 0


def cmd_customer_erase(settings: Settings, args: argparse.Namespace) -> int:
    from app.backup import organisation_crypto
    from app.backup_erasure import erase_from_backups
    from app.services.erasure import approve, erase_customer, flush_wal
    from app.store import build_context, open_store

    requester_password, approver_password = _two_passwords()
    store = open_store(settings)
    try:
        base = build_context(store, settings)
        with store.transaction() as session:
            ctx = _signed_in(session, base, args.requester, requester_password)
        with store.transaction() as session:
            approval = approve(session, ctx, args.approver, approver_password)
            erase_customer(session, ctx, args.customer_id, approval)
        flush_wal(store.engine)
    finally:
        store.close()
    rewritten = erase_from_backups(
        settings,
        organisation_crypto(settings),
        [args.customer_id],
        dt.datetime.now(dt.UTC),
        approval.staff_id,
    )
    print(
        f"customer {args.customer_id} erased; {len(rewritten)} backup(s) rewritten; sync carries it centrally"
    )
    return 0


def cmd_customer_export(settings: Settings, args: argparse.Namespace) -> int:
    from app.services.erasure import approve
    from app.services.subject_export import subject_record, write_export
    from app.store import build_context, open_store

    render_pdf = None
    if args.format == "pdf":
        # Laid out by Qt's document classes like the monthly report (app/pdf_documents.py); prepared, and
        # the font checked, before anything is approved, logged or written.
        writers = pdf_documents.writers()
        writers.prepare(language_for(settings))
        render_pdf = writers.subject_export
    requester_password, approver_password = _two_passwords()
    store = open_store(settings)
    try:
        base = build_context(store, settings)
        with store.transaction() as session:
            ctx = _signed_in(session, base, args.requester, requester_password)
        with store.transaction() as session:
            approval = approve(session, ctx, args.approver, approver_password)
            record = subject_record(session, ctx, args.customer_id, approval, args.format)
    finally:
        store.close()
    print(write_export(record, Path(args.out), args.format, render_pdf))
    return 0


def add_privacy_parsers(commands: Any) -> None:
    retention = commands.add_parser("retention", help="retention periods and legal holds")
    sub = retention.add_subparsers(dest="retention_command", required=True)
    sub.add_parser("run", help="purge closed cases and erase idle customers past their period").set_defaults(
        handler=cmd_retention_run
    )
    customer = commands.add_parser("customer", help="erasure and data export for one customer")
    customer_commands = customer.add_subparsers(dest="customer_command", required=True)
    for name, handler, text in (
        ("erase", cmd_customer_erase, "crypto-shred one customer (passwords: requester, approver on stdin)"),
        ("export", cmd_customer_export, "everything held about a customer as PDF or JSON (subject access)"),
    ):
        command = customer_commands.add_parser(name, help=text)
        command.add_argument("customer_id")
        command.add_argument("--requester", required=True, help="the staff member asking")
        command.add_argument("--approver", required=True, help="another supervisor approving")
        if name == "export":
            command.add_argument("--out", required=True, help="the file to write")
            command.add_argument("--format", choices=("json", "pdf"), default="json", help="default: json")
        command.set_defaults(handler=handler)
