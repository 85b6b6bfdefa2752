"""Benchmark: find a customer by ID number among N customers, against a plain indexed SQLite lookup.

Each lookup is what the teller's search does: recognise the term, blind-index it, fetch candidates,
decrypt and compare, mask the result, write the audit entry and commit (synchronous=FULL).
The floor is the same question asked of a plaintext table with an index on the ID number.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from app.services.customers import find_customers
from app.store import build_context, open_store
from bench.data import CACHE, known_id_numbers, prepare_store
from bench.stats import Timing, ratio


def measure_service(customers: int, seed: int, lookups: int, cache: Path = CACHE) -> Timing:
    settings = prepare_store(customers, seed, cache)
    targets = known_id_numbers(customers, seed, lookups)
    store = open_store(settings)
    ctx = build_context(store, settings)
    timings = []
    try:
        for term in targets:
            started = time.perf_counter()
            with store.transaction() as session:
                found = find_customers(session, ctx, term)
            timings.append(time.perf_counter() - started)
            assert len(found) == 1, "every benchmark term belongs to exactly one customer"
    finally:
        store.close()
    return Timing.of(f"find_customers by ID, {customers} customers", timings)


def measure_floor(customers: int, seed: int, lookups: int) -> Timing:
    ids = known_id_numbers(customers, seed, customers)
    targets = known_id_numbers(customers, seed, lookups)
    with tempfile.TemporaryDirectory() as folder:
        connection = sqlite3.connect(Path(folder) / "floor.sqlite")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE people (id_number TEXT, name TEXT, mobile TEXT)")
        connection.executemany("INSERT INTO people VALUES (?, 'n', 'm')", [(value,) for value in ids])
        connection.execute("CREATE INDEX ix_people_id ON people (id_number)")
        connection.commit()
        timings = []
        for term in targets:
            started = time.perf_counter()
            rows = connection.execute("SELECT * FROM people WHERE id_number = ?", (term,)).fetchall()
            timings.append(time.perf_counter() - started)
            assert len(rows) == 1
        connection.close()
    return Timing.of(f"plain indexed SQLite lookup, {customers} rows", timings)


def run(customers: int, seed: int, lookups: int, cache: Path = CACHE) -> list[str]:
    service = measure_service(customers, seed, lookups, cache)
    floor = measure_floor(customers, seed, lookups)
    verdict = "meets" if service.p95_ms < 10 else "MISSES"
    return [service.line(), floor.line(), ratio(service, floor), f"target p95 < 10 ms: {verdict}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lookups", type=int, default=500)
    args = parser.parse_args()
    for line in run(args.customers, args.seed, args.lookups):
        print(line)


if __name__ == "__main__":
    main()
