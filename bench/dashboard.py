"""Benchmark: the dashboard's figures (app.services.reports.figures) over a store of N cases.

Uses the cached case store of bench/data.py (cases received over the past 180 days, about half resolved).
Measures one month (the figures the dashboard opens with) and a period covering every case of the store;
each run computes every KPI: the open-case snapshot, totals, medians, satisfaction, on-time rate per
clock, the breakdowns, both trends and the hot spots.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import time
from pathlib import Path

from app.calendar import CHINA_TZ
from app.domain import Role
from app.report_domain import Period, ReportFilter
from app.services.case_records import backfill_if_pending
from app.services.reports import figures
from app.store import build_context, open_store
from bench.data import CACHE, prepare_case_store
from bench.stats import Timing

TARGET_MS = 300


def measure(cases: int, customers: int, runs: int, cache: Path) -> tuple[list[Timing], str | None]:
    """The timings per period, and a line on the one-off clock backfill when the cached store needed it."""
    settings = prepare_case_store(cases, customers, seed=1, cache=cache)
    store = open_store(settings)
    base = build_context(store, settings)
    ctx = dataclasses.replace(base, actor=dataclasses.replace(base.actor, role=Role.SUPERVISOR))
    backfill_line = None
    started = time.perf_counter()
    with store.transaction() as session:
        refreshed = backfill_if_pending(session, ctx)
    if refreshed:  # a store made before schema 0007: its clocks are evaluated once, outside the timings
        seconds = time.perf_counter() - started
        backfill_line = f"one-off clock backfill after the upgrade: {refreshed} cases in {seconds:.1f} s"
    today = dt.datetime.now(CHINA_TZ).date()
    periods = {
        "one month": Period.month_of(today).previous(),
        "all 181 days": Period(today - dt.timedelta(days=180), today),
    }
    timings = []
    try:
        for name, period in periods.items():
            seconds = []
            received = 0
            for _ in range(runs):
                started = time.perf_counter()
                with store.transaction() as session:
                    result = figures(session, ctx, ReportFilter(period, branch=None))
                seconds.append(time.perf_counter() - started)
                received = result.received
            timings.append(Timing.of(f"dashboard figures, {name} ({received} of {cases} cases)", seconds))
    finally:
        store.close()
    return timings, backfill_line


def run(cases: int, customers: int, runs: int, cache: Path = CACHE) -> list[str]:
    timings, backfill_line = measure(cases, customers, runs, cache)
    lines = [backfill_line] if backfill_line else []
    lines.append(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    lines += [timing.line() for timing in timings]
    verdict = "meets" if timings[0].p95_ms < TARGET_MS else "MISSES"
    lines.append(f"target one month under {TARGET_MS} ms: {verdict}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--customers", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    for line in run(args.cases, args.customers, args.runs):
        print(line)


if __name__ == "__main__":
    main()
