"""branchdesk-admin commands for staff accounts and the operation log (for IT)."""

from __future__ import annotations

import argparse
import sys

from app.config import Settings


def admin_context(settings: Settings):  # type: ignore[no-untyped-def]
    """IT's commands act as an administrator named after the OS account (logged as such)."""
    import dataclasses

    from app.domain import Role
    from app.store import build_context, open_store

    store = open_store(settings)
    ctx = build_context(store, settings)
    actor = dataclasses.replace(ctx.actor, staff_id=f"it:{ctx.actor.staff_id}", role=Role.ADMIN)
    return store, dataclasses.replace(ctx, actor=actor)


def read_password(args: argparse.Namespace) -> str:
    import getpass

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise SystemExit("the two passwords differ")
    return first


def cmd_users_add(settings: Settings, args: argparse.Namespace) -> int:
    from app.domain import Role
    from app.services.staff import add_staff

    password = read_password(args)
    store, ctx = admin_context(settings)
    try:
        with store.transaction() as session:
            add_staff(session, ctx, args.username, args.display_name, Role(args.role), password, args.branch)
    finally:
        store.close()
    print(f"added {args.username} ({args.role})")
    return 0


def cmd_users_list(settings: Settings, args: argparse.Namespace) -> int:
    from app.services.staff import list_staff

    store, ctx = admin_context(settings)
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


def cmd_users_set_active(settings: Settings, args: argparse.Namespace) -> int:
    from app.services.staff import set_active

    store, ctx = admin_context(settings)
    try:
        with store.transaction() as session:
            set_active(session, ctx, args.username, args.command_name == "enable")
    finally:
        store.close()
    print(f"{args.username}: {args.command_name}d")
    return 0


def cmd_audit_verify(settings: Settings, args: argparse.Namespace) -> int:
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


def cmd_audit_purge(settings: Settings, args: argparse.Namespace) -> int:
    from app.audit_retention import purge_expired

    store, ctx = admin_context(settings)
    try:
        with store.transaction() as session:
            report = purge_expired(session, ctx, settings.audit_retention_years)
    finally:
        store.close()
    print(f"removed {report.removed} entries older than {report.cutoff.date().isoformat()}")
    return 0
