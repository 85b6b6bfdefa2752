"""Synthetic stores for benchmarks: demo customers registered through the real service, cached by size."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from app.config import Settings, load_settings
from app.demo import fill_demo
from app.demo_data import generate_customer_drafts
from app.validation.customer import validate_customer_draft

CACHE = Path(os.environ.get("BRANCHDESK_BENCH_CACHE", Path(__file__).parent / "results" / "stores"))
# Part of the cached case store's folder name: bumped whenever the generated cases change
# (2: cases carry a business category), so a store built by older code is not measured by mistake.
CASE_STORE_FORMAT = 2
# The benchmark's own key lives in an explicit, file-based keyring inside the cache folder.
KEYRING_BACKEND = "keyrings.alt.file.PlaintextKeyring"


def bench_settings(data_dir: Path) -> Settings:
    return load_settings({"data_dir": str(data_dir), "keyring_backend": KEYRING_BACKEND}, environ={})


def _point_keyring_into(folder: Path) -> None:
    # keyrings.alt keeps its file under the XDG data folder; keep it with the cached store.
    os.environ["XDG_DATA_HOME"] = str(folder / "xdg")


def prepare_store(customers: int, seed: int, cache: Path = CACHE) -> Settings:
    """A store with `customers` demo customers; built once, then reused from the cache folder."""
    folder = cache / f"customers-{customers}-seed-{seed}"
    settings = bench_settings(folder / "data")
    marker = folder / "complete"
    _point_keyring_into(folder)
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        _point_keyring_into(folder)
        print(f"building a store with {customers} customers (once; cached in {folder})", flush=True)
        fill_demo(settings, customers=customers, seed=seed)
        marker.write_text("ok")
    return settings


def known_id_numbers(customers: int, seed: int, sample: int) -> list[str]:
    """Normalised ID numbers of customers that prepare_store() registered, every k-th one."""
    drafts = list(generate_customer_drafts(customers, seed))
    step = max(1, len(drafts) // sample)
    return [validate_customer_draft(draft).id_number for draft in drafts[::step]][:sample]


def prepare_case_store(cases: int, customers: int, seed: int, cache: Path = CACHE) -> Settings:
    """A store with `customers` customers and `cases` cases received over the past 180 days, about
    half of them resolved; built through the real services once, then reused from the cache."""
    import dataclasses
    import datetime as dt
    import random

    from app.case_domain import CaseDraft, DuplicateDecision
    from app.demo_cases import DemoClock
    from app.domain import CaseKind, CaseStatus, Channel, Severity
    from app.services.case_actions import change_status
    from app.services.intake import submit_case
    from app.store import build_context, open_store
    from db.repos import customers as customers_repo

    folder = cache / f"cases-{cases}-customers-{customers}-seed-{seed}-v{CASE_STORE_FORMAT}"
    settings = bench_settings(folder / "data")
    _point_keyring_into(folder)
    if (folder / "complete").exists():
        return settings
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    _point_keyring_into(folder)
    print(f"building a store with {cases} cases (once; cached in {folder})", flush=True)
    fill_demo(settings, customers=customers, seed=seed)
    store = open_store(settings)
    clock = DemoClock()
    now = clock.now
    ctx = dataclasses.replace(build_context(store, settings), clock=clock)
    rng = random.Random(seed)
    with store.transaction() as session:
        people = [cid for cid, id_type in customers_repo.ids_and_types(session) if id_type != "uscc"]
    causes = [category.code for category in ctx.reference.taxonomy.causes()]
    # Every business category, plus one share of cases without one (as taken before it was asked).
    businesses = [category.code for category in ctx.reference.taxonomy.businesses()] + [""] * 8
    kinds = [CaseKind.COMPLAINT, CaseKind.INQUIRY, CaseKind.SERVICE_REQUEST, CaseKind.APPOINTMENT]
    received = sorted(now - dt.timedelta(days=rng.uniform(0, 180)) for _ in range(cases))
    for start in range(0, cases, 1000):
        with store.transaction() as session:
            for when in received[start : start + 1000]:
                clock.now = when
                draft = CaseDraft(
                    customer_id=rng.choice(people),
                    channel=rng.choice(list(Channel)),
                    kind=rng.choice(kinds),
                    category_code=rng.choice(causes),
                    business_code=rng.choice(businesses),
                    severity=rng.choices(list(Severity), weights=(80, 15, 5))[0],
                    summary="借记卡年费重复扣收",
                    description="客户反映年费被扣收两次。",
                    desired_outcome="退还多扣的年费",
                    duplicate_decision=DuplicateDecision.SEPARATE,
                )
                ref, _ = submit_case(session, ctx, draft)
                if rng.random() < 0.5:
                    clock.now = min(when + dt.timedelta(days=rng.uniform(0.1, 12)), now)
                    change_status(session, ctx, ref, CaseStatus.RESOLVED)
    store.close()
    (folder / "complete").write_text("ok")
    return settings
