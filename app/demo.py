"""Filling a store with synthetic customers for demonstrations and benchmarks."""

from __future__ import annotations

import dataclasses

from app.config import Settings
from app.context import ServiceContext
from app.demo_cases import add_demo_cases
from app.demo_data import generate_customer_drafts
from app.domain import Actor, IdType, Role
from app.errors import ValidationError
from app.services.customers import register_customer
from app.services.staff import add_staff
from app.store import OpenedStore, build_context, open_store
from db.repos import customers as customers_repo
from db.repos import staff as staff_repo

BATCH = 500  # customers per transaction: bounded memory, and a crash loses at most one batch


# Demo machines only: printed by the demo command and the README, never used by a real install.
DEMO_PASSWORD = "Demo2026"
DEMO_STAFF = (
    ("demo.teller", "演示柜员", Role.TELLER),
    ("demo.supervisor", "演示主管", Role.SUPERVISOR),
    ("demo.auditor", "演示审计", Role.AUDITOR),
)


def _demo_staff(store: OpenedStore, ctx: ServiceContext) -> str:
    """Demo accounts, when the store has no staff yet (a real install gets its first admin from IT)."""
    admin = dataclasses.replace(
        ctx, actor=dataclasses.replace(ctx.actor, staff_id="demo-setup", role=Role.ADMIN)
    )
    with store.transaction() as session:
        if staff_repo.all_staff(session):
            return ""
        for username, name, role in DEMO_STAFF:
            add_staff(session, admin, username, name, role, DEMO_PASSWORD)
    names = ", ".join(username for username, _, _ in DEMO_STAFF)
    return f"; demo sign-in: {names} (password {DEMO_PASSWORD})"


def _demo_actors(store: OpenedStore, ctx: ServiceContext) -> list[Actor]:
    """The active demo accounts, as signing in at this PC makes them (app.services.auth): demo cases are
    theirs, not the OS login's. Empty when the store had real staff before the demo accounts."""
    usernames = {username for username, _, _ in DEMO_STAFF}
    with store.transaction() as session:
        rows = [row for row in staff_repo.all_staff(session) if row.username in usernames and row.active]
    return [
        Actor(
            staff_id=row.id,
            display_name=row.display_name,
            role=Role(row.role),
            branch=ctx.actor.branch,
            workstation=ctx.actor.workstation,
        )
        for row in rows
    ]


def fill_demo(
    settings: Settings, customers: int, seed: int, only_if_empty: bool = False, cases: int = 0
) -> str:
    store = open_store(settings)
    try:
        ctx = build_context(store, settings)
        with store.transaction() as session:
            existing = customers_repo.count(session)
        report_staff = _demo_staff(store, ctx)
        if only_if_empty and existing:
            return f"store already has {existing} customers; nothing added" + report_staff
        drafts = list(generate_customer_drafts(customers, seed))
        added = skipped = 0
        for start in range(0, len(drafts), BATCH):
            with store.transaction() as session:
                for draft in drafts[start : start + BATCH]:
                    try:
                        register_customer(session, ctx, draft)
                        added += 1
                    except ValidationError:  # already registered by an earlier run with the same seed
                        skipped += 1
        report = (
            f"added {added} demo customers ({skipped} already present) to {store.paths.store}" + report_staff
        )
        if cases:
            with store.transaction() as session:
                known = customers_repo.ids_and_types(session)
            organisations = {customer_id for customer_id, id_type in known if id_type == IdType.USCC.value}
            made = add_demo_cases(
                store.transaction,
                ctx,
                [customer_id for customer_id, _ in known],
                organisations,
                cases,
                seed,
                staff=_demo_actors(store, ctx),
            )
            report += f"; added {made} demo cases"
        return report
    finally:
        store.close()
