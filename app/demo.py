"""Filling a store with synthetic customers for demonstrations and benchmarks."""

from __future__ import annotations

from app.config import Settings
from app.demo_cases import add_demo_cases
from app.demo_data import generate_customer_drafts
from app.domain import IdType
from app.errors import ValidationError
from app.services.customers import register_customer
from app.store import build_context, open_store
from db.repos import customers as customers_repo

BATCH = 500  # customers per transaction: bounded memory, and a crash loses at most one batch


def fill_demo(
    settings: Settings, customers: int, seed: int, only_if_empty: bool = False, cases: int = 0
) -> str:
    store = open_store(settings)
    try:
        ctx = build_context(store, settings)
        with store.transaction() as session:
            existing = customers_repo.count(session)
        if only_if_empty and existing:
            return f"store already has {existing} customers; nothing added"
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
        report = f"added {added} demo customers ({skipped} already present) to {store.paths.store}"
        if cases:
            with store.transaction() as session:
                known = customers_repo.ids_and_types(session)
            organisations = {customer_id for customer_id, id_type in known if id_type == IdType.USCC.value}
            made = add_demo_cases(
                store.transaction, ctx, [customer_id for customer_id, _ in known], organisations, cases, seed
            )
            report += f"; added {made} demo cases"
        return report
    finally:
        store.close()
