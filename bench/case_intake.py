"""Benchmark: saving an intake (validate, compute deadlines, encrypt, write case + first timeline event
+ operation-log entry, commit) against a plain insert of the same row in the same run."""

from __future__ import annotations

import argparse
import dataclasses
import sqlite3
import tempfile
import time
from pathlib import Path

from app.case_domain import CaseDraft, DuplicateDecision
from app.domain import CaseKind, Channel, Severity
from app.services.intake import submit_case
from app.store import build_context, open_store
from bench.data import bench_settings, prepare_store
from bench.stats import Timing, ratio

DRAFT_TEXT = {
    "summary": "借记卡年费重复扣收",
    "description": "客户反映十月份借记卡年费被扣收两次,已核对账户流水。",
    "desired_outcome": "退还多扣的年费并说明原因",
    "products": "借记卡",
}


def measure_intake(customers: int, runs: int, cache: Path | None = None) -> Timing:
    source = prepare_store(customers, seed=1, **({"cache": cache} if cache else {}))
    with tempfile.TemporaryDirectory() as folder:
        # A copy, so repeated runs do not pile cases into the cached store.
        settings = bench_settings(Path(folder) / "data")
        settings.data_paths.ensure()
        settings.data_paths.store.write_bytes(source.data_paths.store.read_bytes())
        store = open_store(settings)
        ctx = build_context(store, settings)
        with store.transaction() as session:
            from db.repos import customers as customers_repo

            customer_ids = [
                customer_id
                for customer_id, id_type in customers_repo.ids_and_types(session)
                if id_type != "uscc"  # people: organisations also need a legal representative
            ]
        causes = [category.code for category in ctx.reference.taxonomy.causes()]
        timings = []
        try:
            for index in range(runs):
                draft = CaseDraft(
                    customer_id=customer_ids[index % len(customer_ids)],
                    channel=Channel.COUNTER,
                    kind=CaseKind.COMPLAINT,
                    category_code=causes[index % len(causes)],
                    severity=Severity.GENERAL,
                    duplicate_decision=DuplicateDecision.SEPARATE,
                    **DRAFT_TEXT,
                )
                started = time.perf_counter()
                with store.transaction() as session:
                    submit_case(session, ctx, dataclasses.replace(draft))
                timings.append(time.perf_counter() - started)
        finally:
            store.close()
    return Timing.of(f"intake save (complaint, {customers} customers in store)", timings)


def measure_plain_insert(runs: int) -> Timing:
    """The same row's columns as plain text, one INSERT and a commit each, WAL + synchronous=FULL."""
    with tempfile.TemporaryDirectory() as folder:
        connection = sqlite3.connect(Path(folder) / "floor.sqlite", isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute(
            "CREATE TABLE cases (id TEXT PRIMARY KEY, number TEXT, customer_id TEXT, kind TEXT, "
            "summary TEXT, description TEXT, desired_outcome TEXT, products TEXT, received_at TEXT)"
        )
        timings = []
        for index in range(runs):
            started = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (f"id-{index}", f"n-{index}", "c", "complaint", *DRAFT_TEXT.values(), "2026-11-25T00:00:00"),
            )
            connection.execute("COMMIT")
            timings.append(time.perf_counter() - started)
        connection.close()
    return Timing.of("plain insert of the same row", timings)


def run(customers: int, runs: int, cache: Path | None = None) -> list[str]:
    intake = measure_intake(customers, runs, cache)
    floor = measure_plain_insert(runs)
    verdict = "meets" if intake.p95_ms < 15 else "MISSES"
    return [intake.line(), floor.line(), ratio(intake, floor), f"target p95 < 15 ms: {verdict}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    for line in run(args.customers, args.runs):
        print(line)


if __name__ == "__main__":
    main()
