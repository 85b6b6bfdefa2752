"""Benchmark: opening the case queue and filtering it with N cases, against plain SQLite queries.

Opening is what the queue view does first: count, the first slice of 500 ids in queue order (nearest
deadline first; more are fetched as the user scrolls) and the first page of 100 rows (masked customer
names decrypted). Filtering is the same with the
"overdue" filter. The floor runs the equivalent SELECTs on a plain table with the same indexes.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from app.case_domain import CaseFilter, CaseSort
from app.services.cases import case_ids, case_rows, count_cases
from app.store import build_context, open_store
from bench.data import CACHE, prepare_case_store
from bench.stats import Timing, ratio

PAGE = 100
SLICE = 500


def _open_queue(store, ctx, flt: CaseFilter) -> int:  # type: ignore[no-untyped-def]
    with store.transaction() as session:
        total = count_cases(session, ctx, flt)
        ids = case_ids(session, ctx, flt, CaseSort.DEADLINE, offset=0, limit=SLICE)
        rows = case_rows(session, ctx, ids[:PAGE])
    assert len(ids) == min(SLICE, total) and len(rows) == min(PAGE, total)
    return total


def measure_service(cases: int, customers: int, runs: int, cache: Path) -> tuple[Timing, Timing, int, int]:
    settings = prepare_case_store(cases, customers, seed=1, cache=cache)
    store = open_store(settings)
    ctx = build_context(store, settings)
    opened, filtered = [], []
    try:
        for _ in range(runs):
            started = time.perf_counter()
            total = _open_queue(store, ctx, CaseFilter())
            opened.append(time.perf_counter() - started)
            started = time.perf_counter()
            overdue = _open_queue(store, ctx, CaseFilter(overdue=True))
            filtered.append(time.perf_counter() - started)
    finally:
        store.close()
    return (
        Timing.of(f"queue open ({total} cases)", opened),
        Timing.of(f"queue filter overdue ({overdue} of {total})", filtered),
        total,
        overdue,
    )


def measure_floor(cases: int, runs: int) -> tuple[Timing, Timing]:
    with tempfile.TemporaryDirectory() as folder:
        connection = sqlite3.connect(Path(folder) / "floor.sqlite")
        connection.execute("CREATE TABLE cases (id TEXT PRIMARY KEY, due TEXT, received TEXT, name TEXT)")
        connection.executemany(
            "INSERT INTO cases VALUES (?, ?, ?, 'n')",
            [(f"{i:08d}", f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", f"{i:08d}") for i in range(cases)],
        )
        connection.execute("CREATE INDEX ix_due ON cases (due, received DESC, id)")
        connection.commit()
        order = "ORDER BY due, received DESC"
        opened, filtered = [], []
        for _ in range(runs):
            started = time.perf_counter()
            connection.execute("SELECT count(*) FROM cases").fetchone()
            ids = [row[0] for row in connection.execute(f"SELECT id FROM cases {order} LIMIT {SLICE}")]
            connection.execute(
                f"SELECT * FROM cases WHERE id IN ({','.join('?' * PAGE)})", ids[:PAGE]
            ).fetchall()
            opened.append(time.perf_counter() - started)
            started = time.perf_counter()
            where = "WHERE due <= '2026-06-01'"
            connection.execute(f"SELECT count(*) FROM cases {where}").fetchone()
            ids = [
                row[0] for row in connection.execute(f"SELECT id FROM cases {where} {order} LIMIT {SLICE}")
            ]
            connection.execute(
                f"SELECT * FROM cases WHERE id IN ({','.join('?' * len(ids[:PAGE]))})", ids[:PAGE]
            ).fetchall()
            filtered.append(time.perf_counter() - started)
        connection.close()
    return Timing.of("plain SQLite: count + first ids + page", opened), Timing.of(
        "plain SQLite: same with a WHERE on the deadline", filtered
    )


def run(cases: int, customers: int, runs: int, cache: Path = CACHE) -> list[str]:
    opened, filtered, _total, _overdue = measure_service(cases, customers, runs, cache)
    floor_open, floor_filter = measure_floor(cases, runs)
    verdict = "meets" if filtered.p95_ms < 100 else "MISSES"
    return [
        opened.line(),
        floor_open.line(),
        ratio(opened, floor_open),
        filtered.line(),
        floor_filter.line(),
        ratio(filtered, floor_filter),
        f"target filter under 100 ms: {verdict}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--customers", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    for line in run(args.cases, args.customers, args.runs):
        print(line)


if __name__ == "__main__":
    main()
