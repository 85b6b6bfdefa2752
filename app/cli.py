"""branchdesk-admin: commands for IT and operators (no Qt)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from app import doctor
from app.cli_backup import add_backup_parser
from app.cli_common import language_for
from app.cli_enroll import add_provisioning_parsers
from app.cli_privacy import add_privacy_parsers
from app.cli_report import add_report_parser
from app.cli_staff import (
    cmd_audit_purge,
    cmd_audit_verify,
    cmd_users_add,
    cmd_users_list,
    cmd_users_set_active,
)
from app.cli_sync import (
    cmd_central_grant_branch,
    cmd_central_init,
    cmd_central_set_password,
    cmd_status,
    cmd_sync,
)
from app.config import SETTINGS, Settings, load_settings
from app.crypto.keys import choose_keyring
from app.domain import CaseKind, Channel, Severity
from app.errors import BranchDeskError


def _overrides(args: argparse.Namespace) -> dict[str, str]:
    overrides = dict(item.split("=", 1) for item in args.set or [])
    if args.data_dir:
        overrides["data_dir"] = args.data_dir
    return overrides


def _cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    from app.demo import fill_demo  # imported here: pulls in the store and crypto

    report = fill_demo(
        settings, customers=args.customers, seed=args.seed, only_if_empty=args.if_empty, cases=args.cases
    )
    print(report)
    return 0


def _cmd_doctor(settings: Settings, args: argparse.Namespace) -> int:
    findings = doctor.run_checks(settings)
    language = language_for(settings)
    for finding in findings:
        print(finding.render(language))
    return 1 if any(not finding.ok for finding in findings) else 0


def _cmd_config_show(settings: Settings, args: argparse.Namespace) -> int:
    width = max(len(setting.name) for setting in SETTINGS)
    for setting in SETTINGS:
        value = settings.values[setting.name]
        if isinstance(value, tuple):
            value = ",".join(str(part) for part in value)
        if setting.name == "central_url" and value:
            from db.central_engine import safe_url

            with contextlib.suppress(Exception):  # a password, wherever it was set, is never shown
                value = safe_url(value)
        print(f"{setting.name:<{width}}  {value!s:<24}  ({settings.sources[setting.name]})")
    print(f"{'store':<{width}}  {settings.data_paths.store}")
    return 0


def _cmd_keyring_check(settings: Settings, args: argparse.Namespace) -> int:
    """Exit 0 when a keyring will be used (secure, or chosen explicitly); scripts use it."""
    choice = choose_keyring(settings.keyring_backend)  # raises NoSecureKeyring, reported by main()
    print(
        f"{choice.name} ({'encrypted' if choice.encrypted else 'UNENCRYPTED'}, "
        f"{'explicit' if choice.explicit else 'automatic'})"
    )
    return 0


def _cmd_sla_explain(settings: Settings, args: argparse.Namespace) -> int:
    from app.calendar import CHINA_TZ, WorkCalendar
    from app.sla import load_policies
    from app.sla_explain import explain

    try:
        received = dt.datetime.fromisoformat(args.received)
    except ValueError:
        print(f"--received: not an ISO time: {args.received}", file=sys.stderr)
        return 2
    if received.tzinfo is None:
        received = received.replace(tzinfo=CHINA_TZ)  # counters speak China time
    calendar = WorkCalendar.load(Path(settings.calendar_file) if settings.calendar_file else None)
    policies = load_policies(Path(settings.sla_policy_file) if settings.sla_policy_file else None)
    lines = explain(
        CaseKind(args.kind),
        Severity(args.severity),
        Channel(args.channel),
        received,
        calendar,
        policies,
        language_for(settings),
    )
    print("\n".join(lines))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="branchdesk-admin", description="BranchDesk administration")
    parser.add_argument("--data-dir", help="data folder (default: the per-user data folder)")
    parser.add_argument("--set", action="append", metavar="NAME=VALUE", help="override a setting")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="fill the store with synthetic demo customers")
    demo.add_argument("--customers", type=int, default=200)
    demo.add_argument("--cases", type=int, default=0, help="also add this many cases over the past 6 months")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--if-empty", action="store_true", help="do nothing when the store has customers")
    demo.set_defaults(handler=_cmd_demo)

    check = commands.add_parser("doctor", help="check keyring, key and database; say how to fix problems")
    check.set_defaults(handler=_cmd_doctor)

    sla = commands.add_parser("sla", help="deadline policies")
    sla_commands = sla.add_subparsers(dest="sla_command", required=True)
    explain = sla_commands.add_parser(
        "explain", help="every deadline clock's due time for a case received then"
    )
    explain.add_argument("--kind", required=True, choices=[kind.value for kind in CaseKind])
    explain.add_argument("--severity", default=Severity.GENERAL.value, choices=[s.value for s in Severity])
    explain.add_argument("--channel", default=Channel.COUNTER.value, choices=[c.value for c in Channel])
    explain.add_argument("--received", required=True, help="ISO time, e.g. 2026-09-30T15:00+08:00")
    explain.set_defaults(handler=_cmd_sla_explain)

    central = commands.add_parser("central", help="the central PostgreSQL database (for the DBA)")
    central_commands = central.add_subparsers(dest="central_command", required=True)
    central_init = central_commands.add_parser("init", help="create or upgrade the central schema")
    central_init.add_argument(
        "--url", help="postgresql://user@host:port/db?sslmode=... (default: central_url)"
    )
    central_init.set_defaults(handler=cmd_central_init)

    sync = commands.add_parser("sync", help="push pending changes and pull this branch's updates")
    sync.add_argument("--once", action="store_true", help="one round (the default; kept for scripts)")
    sync.add_argument(
        "--refused", action="store_true", help="list changes the central database refused (set aside here)"
    )
    sync.add_argument(
        "--requeue-refused", action="store_true",
        help="put refused changes back in the queue once the cause is dealt with, then sync",
    )  # fmt: skip
    sync.set_defaults(handler=cmd_sync)

    status = commands.add_parser("status", help="store, pending changes, last sync, central database")
    status.set_defaults(handler=cmd_status)

    grant = central_commands.add_parser(
        "grant-branch", help="a database role for one branch's PCs: it can sync that branch and nothing else"
    )
    grant.add_argument("--role", required=True, help="the PostgreSQL login role the branch's PCs use")
    grant.add_argument("--branch", required=True)
    grant.add_argument("--url", help="the DBA's URL (default: central_url)")
    grant.add_argument("--password-stdin", action="store_true", help="read the role's password from stdin")
    grant.set_defaults(handler=cmd_central_grant_branch)

    set_password = central_commands.add_parser(
        "set-password", help="store the central database password in this PC's keyring (read from stdin)"
    )
    set_password.set_defaults(handler=cmd_central_set_password)

    users = commands.add_parser("users", help="staff accounts")
    users_commands = users.add_subparsers(dest="users_command", required=True)
    add = users_commands.add_parser("add", help="add a staff account (the first administrator too)")
    add.add_argument("--username", required=True)
    add.add_argument("--display-name", required=True)
    add.add_argument("--role", required=True, choices=["teller", "supervisor", "admin", "auditor"])
    add.add_argument("--branch", help="default: this workstation's branch")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.set_defaults(handler=cmd_users_add)
    users_commands.add_parser("list", help="all accounts").set_defaults(handler=cmd_users_list)
    for name in ("disable", "enable"):
        toggle = users_commands.add_parser(name, help=f"{name} an account")
        toggle.add_argument("username")
        toggle.set_defaults(handler=cmd_users_set_active, command_name=name)

    audit = commands.add_parser("audit", help="the operation log")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser("verify", help="check the hash chain; name the first broken entry")
    verify.set_defaults(handler=cmd_audit_verify)
    purge = audit_commands.add_parser(
        "purge",
        help="remove entries older than audit_retention_years (at least 3); the chain stays verifiable",
    )
    purge.set_defaults(handler=cmd_audit_purge)

    add_report_parser(commands)
    add_backup_parser(commands)
    add_privacy_parsers(commands)

    keyring_check = commands.add_parser("keyring-check", help="which keyring backend would hold the key")
    keyring_check.set_defaults(handler=_cmd_keyring_check)

    config = commands.add_parser("config", help="settings")
    config_commands = config.add_subparsers(dest="config_command", required=True)
    show = config_commands.add_parser("show", help="effective settings and where each came from")
    show.set_defaults(handler=_cmd_config_show)
    add_provisioning_parsers(commands, config_commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.overrides = _overrides(args)
        settings = load_settings(args.overrides)
        return int(args.handler(settings, args))
    except BranchDeskError as exc:
        language = "zh_CN"
        with contextlib.suppress(BranchDeskError):
            language = language_for(load_settings(_overrides(args)))
        print(exc.render(language), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
