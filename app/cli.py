"""branchdesk-admin: commands for IT and operators (no Qt)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import doctor
from app.config import SETTINGS, Settings, load_settings
from app.crypto.keys import choose_keyring
from app.domain import CaseKind, Channel, Severity
from app.errors import BranchDeskError


def _language(settings: Settings) -> str:
    if settings.language != "auto":
        return settings.language
    system = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "en" if system.lower().startswith("en") else "zh_CN"


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
    language = _language(settings)
    for finding in findings:
        print(finding.render(language))
    return 1 if any(not finding.ok for finding in findings) else 0


def _cmd_config_show(settings: Settings, args: argparse.Namespace) -> int:
    width = max(len(setting.name) for setting in SETTINGS)
    for setting in SETTINGS:
        value = settings.values[setting.name]
        if isinstance(value, tuple):
            value = ",".join(str(part) for part in value)
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
        _language(settings),
    )
    print("\n".join(lines))
    return 0


def _cmd_central_init(settings: Settings, args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError

    from app.sync.central_admin import CentralSchemaNewer, init_central

    try:
        print(init_central(args.url or settings.central_url))
    except (ValueError, CentralSchemaNewer) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except OperationalError as exc:
        print(f"central database unreachable: {type(exc.orig).__name__}", file=sys.stderr)
        return 1
    return 0


def _cmd_central_set_password(settings: Settings, args: argparse.Namespace) -> int:
    from app.crypto.keys import choose_keyring
    from app.sync.credentials import store_central_password

    password = sys.stdin.readline().rstrip("\n")
    if not password:
        print("no password given on standard input", file=sys.stderr)
        return 2
    store_central_password(choose_keyring(settings.keyring_backend), password)
    print("central database password stored in the keyring")
    return 0


def _cmd_status(settings: Settings, args: argparse.Namespace) -> int:
    from app.store import open_store
    from app.sync.engine import PULL_CURSOR
    from db.central_engine import safe_url
    from db.repos import meta as meta_repo
    from db.repos import outbox as outbox_repo

    store = open_store(settings)
    try:
        with store.transaction() as session:
            pending = outbox_repo.pending_count(session)
            last_sent = outbox_repo.last_sent_at(session)
            cursor = meta_repo.get(session, PULL_CURSOR) or "0"
    finally:
        store.close()
    central = safe_url(settings.central_url) if settings.central_url else "(not configured)"
    print(f"store            {settings.data_paths.store}")
    print(f"branch           {settings.branch} / workstation {settings.workstation}")
    print(f"central database {central}")
    print(f"pending changes  {pending}")
    print(f"last push        {last_sent.isoformat(timespec='seconds') if last_sent else 'never'}")
    print(f"pull cursor      {cursor}")
    return 0


def _cmd_sync(settings: Settings, args: argparse.Namespace) -> int:
    from app.sync.runner import sync_with_settings

    report = sync_with_settings(settings)
    language = _language(settings)
    print(
        f"pushed {report.pushed} (duplicates {report.duplicates}, conflicts {report.conflicts}), "
        f"pulled {report.pulled}, pending {report.pending}"
    )
    if report.error is not None:
        print(report.error.render(language), file=sys.stderr)
        return 1
    return 0


def _admin_context(settings: Settings):  # type: ignore[no-untyped-def]
    """IT's commands act as an administrator named after the OS account (logged as such)."""
    import dataclasses

    from app.domain import Role
    from app.store import build_context, open_store

    store = open_store(settings)
    ctx = build_context(store, settings)
    actor = dataclasses.replace(ctx.actor, staff_id=f"it:{ctx.actor.staff_id}", role=Role.ADMIN)
    return store, dataclasses.replace(ctx, actor=actor)


def _read_password(args: argparse.Namespace) -> str:
    import getpass

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise SystemExit("the two passwords differ")
    return first


def _cmd_users_add(settings: Settings, args: argparse.Namespace) -> int:
    from app.domain import Role
    from app.services.staff import add_staff

    password = _read_password(args)
    store, ctx = _admin_context(settings)
    try:
        with store.transaction() as session:
            add_staff(session, ctx, args.username, args.display_name, Role(args.role), password, args.branch)
    finally:
        store.close()
    print(f"added {args.username} ({args.role})")
    return 0


def _cmd_users_list(settings: Settings, args: argparse.Namespace) -> int:
    from app.services.staff import list_staff

    store, ctx = _admin_context(settings)
    try:
        with store.transaction() as session:
            members = list_staff(session, ctx)
    finally:
        store.close()
    for member in members:
        state = "active" if member.active else "disabled"
        if member.locked:
            state += ", locked"
        role = member.role.value
        print(f"{member.username:<20} {role:<11} {member.branch:<6} {state:<16} {member.display_name}")
    return 0


def _cmd_users_set_active(settings: Settings, args: argparse.Namespace) -> int:
    from app.services.staff import set_active

    store, ctx = _admin_context(settings)
    try:
        with store.transaction() as session:
            set_active(session, ctx, args.username, args.command_name == "enable")
    finally:
        store.close()
    print(f"{args.username}: {args.command_name}d")
    return 0


def _cmd_audit_verify(settings: Settings, args: argparse.Namespace) -> int:
    from app import audit_chain
    from app.store import open_store

    store = open_store(settings)
    try:
        with store.transaction() as session:
            report = audit_chain.verify(session, store.crypto)
    finally:
        store.close()
    if report.ok:
        print(f"operation log intact: {report.checked} entries from {report.workstations} workstation(s)")
        return 0
    broken = report.first_break
    assert broken is not None
    print(
        f"operation log BROKEN at entry {broken.entry_id} (position {broken.seq}, workstation "
        f"{broken.workstation}): {broken.reason}; {report.checked} entries before it verified"
    )
    return 1


def _cmd_audit_purge(settings: Settings, args: argparse.Namespace) -> int:
    from app.audit_retention import purge_expired

    store, ctx = _admin_context(settings)
    try:
        with store.transaction() as session:
            report = purge_expired(session, ctx, settings.audit_retention_years)
    finally:
        store.close()
    print(f"removed {report.removed} entries older than {report.cutoff.date().isoformat()}")
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
    central_init.set_defaults(handler=_cmd_central_init)

    sync = commands.add_parser("sync", help="push pending changes and pull this branch's updates")
    sync.add_argument("--once", action="store_true", help="one round (the default; kept for scripts)")
    sync.set_defaults(handler=_cmd_sync)

    status = commands.add_parser("status", help="store, pending changes, last sync, central database")
    status.set_defaults(handler=_cmd_status)

    set_password = central_commands.add_parser(
        "set-password", help="store the central database password in this PC's keyring (read from stdin)"
    )
    set_password.set_defaults(handler=_cmd_central_set_password)

    users = commands.add_parser("users", help="staff accounts")
    users_commands = users.add_subparsers(dest="users_command", required=True)
    add = users_commands.add_parser("add", help="add a staff account (the first administrator too)")
    add.add_argument("--username", required=True)
    add.add_argument("--display-name", required=True)
    add.add_argument("--role", required=True, choices=["teller", "supervisor", "admin", "auditor"])
    add.add_argument("--branch", help="default: this workstation's branch")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.set_defaults(handler=_cmd_users_add)
    users_commands.add_parser("list", help="all accounts").set_defaults(handler=_cmd_users_list)
    for name in ("disable", "enable"):
        toggle = users_commands.add_parser(name, help=f"{name} an account")
        toggle.add_argument("username")
        toggle.set_defaults(handler=_cmd_users_set_active, command_name=name)

    audit = commands.add_parser("audit", help="the operation log")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser("verify", help="check the hash chain; name the first broken entry")
    verify.set_defaults(handler=_cmd_audit_verify)
    purge = audit_commands.add_parser(
        "purge",
        help="remove entries older than audit_retention_years (at least 3); the chain stays verifiable",
    )
    purge.set_defaults(handler=_cmd_audit_purge)

    keyring_check = commands.add_parser("keyring-check", help="which keyring backend would hold the key")
    keyring_check.set_defaults(handler=_cmd_keyring_check)

    config = commands.add_parser("config", help="settings")
    config_commands = config.add_subparsers(dest="config_command", required=True)
    show = config_commands.add_parser("show", help="effective settings and where each came from")
    show.set_defaults(handler=_cmd_config_show)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(_overrides(args))
        return int(args.handler(settings, args))
    except BranchDeskError as exc:
        language = "zh_CN"
        with contextlib.suppress(BranchDeskError):
            language = _language(load_settings(_overrides(args)))
        print(exc.render(language), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
