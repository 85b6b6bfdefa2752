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
