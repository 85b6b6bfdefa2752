"""Benchmark: W workstations (default 50, in 10 branches) syncing at once with one central database.

Each workstation is a process of its own with its own small store (a few hundred queued changes:
customers, their change history, cases with lived-in timelines, operation-log entries, taken in
through the real services; built once and cached) and its own engine, as separate PCs would have.
All of them run sync_once rounds together: every round starts for all at the same moment (a barrier)
and the next starts when the last has finished. Round 1 pushes everything and pulls what is already
there; round 2 pulls what the others pushed; round 3 finds nothing new (what a timer round costs).
At the end the benchmark checks exactly-once: no errors, duplicates or conflicts, every change once in
the central database, every entity's central count equal to what was queued, and every workstation
holding exactly its branch's rows.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import multiprocessing
import os
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from app.demo_cases import add_demo_cases
from app.demo_data import generate_customer_drafts
from app.domain import IdType
from app.services.customers import register_customer
from app.store import build_context, open_store
from app.sync.engine import sync_once
from bench.stats import Timing
from bench.sync_support import (
    BRANCH_ROLE_HELP,
    CACHE,
    branch_role,
    build_once,
    cached_stores,
    central_database,
    copy_store,
    machine_line,
    pending_count,
    postgres,
    queued_rows,
    server_ticks,
    sync_settings,
    verdict,
)
from db.central_engine import create_central_engine
from db.repos import customers as customers_repo

ROUNDS = 3
BARRIER_TIMEOUT_S = 900
LOCAL_TABLES = ("customers", "customer_changes", "cases", "case_events", "audit_log")


@dataclass(frozen=True, slots=True)
class Workstation:
    branch: str
    name: str
    folder: str  # cache sub-folder of its store


def fleet(workstations: int, branches: int) -> list[Workstation]:
    """Workstations dealt out to branches in turn: 0001/WS01, 0002/WS01, ..., 0001/WS02, ..."""
    return [
        Workstation(f"{1 + i % branches:04d}", f"WS{1 + i // branches:02d}", f"ws-{i + 1:03d}")
        for i in range(workstations)
    ]


def _fill(data_dir: Path, station: Workstation, customers: int, cases: int, seed: int) -> None:
    """What app.demo.fill_demo does, without its demo staff accounts: their usernames are the same on
    every demo store, and the central database (rightly) refuses a second account with a taken name."""
    settings = sync_settings(data_dir, station.branch, station.name)
    store = open_store(settings)
    try:
        ctx = build_context(store, settings)
        with store.transaction() as session:
            for draft in generate_customer_drafts(customers, seed):
                register_customer(session, ctx, draft)
            known = customers_repo.ids_and_types(session)
        organisations = {customer_id for customer_id, id_type in known if id_type == IdType.USCC.value}
        add_demo_cases(store.transaction, ctx, [cid for cid, _ in known], organisations, cases, seed)
    finally:
        store.close()


def prepare_fleet(workstations: int, branches: int, changes: int, seed: int, cache: Path = CACHE) -> Path:
    """The cache folder of the fleet's stores (sharing one organisation key); built once."""
    folder = cached_stores(cache, f"sync-fleet-{workstations}x{changes}-branches-{branches}-seed-{seed}")
    # A demo customer queues 3 changes, a demo case with its history about 19.
    customers = max(2, changes // 50)
    cases = max(1, (changes - 3 * customers) // 19)

    def build() -> None:
        for number, station in enumerate(fleet(workstations, branches)):
            _fill(folder / station.folder / "data", station, customers, cases, seed * 1000 + number)

    build_once(folder, f"{workstations} workstation stores of about {changes} queued changes", build)
    return folder


@dataclass
class Outcome:
    """What one workstation process reports back."""

    station: Workstation
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # this process's CPU time per round
    reports: list[tuple[int, int, int, int, int, str | None]] = field(default_factory=list)
    local: dict[str, int] = field(default_factory=dict)
    error: str | None = None


def _workstation(
    station: Workstation, data_dir: Path, url: str, rounds: int, barrier: Any, results: Any
) -> None:
    """One counter PC (a child process): its own store and engine; rounds in step with the others."""
    outcome = Outcome(station)
    try:
        settings = sync_settings(data_dir, station.branch, station.name)
        store = open_store(settings)
        engine = create_central_engine(url)
        ctx = build_context(store, settings)
        for _ in range(rounds):
            barrier.wait(BARRIER_TIMEOUT_S)
            started, cpu = time.perf_counter(), time.process_time()
            report = sync_once(store, engine, ctx)
            outcome.seconds.append(time.perf_counter() - started)
            outcome.cpu.append(time.process_time() - cpu)
            error = None if report.error is None else f"{report.error.key} {report.error.args}"
            outcome.reports.append(
                (report.pushed, report.duplicates, report.conflicts, report.pulled, report.pending, error)
            )
        barrier.wait(BARRIER_TIMEOUT_S)  # the last round ends when the slowest workstation is done
        with store.transaction() as session:
            outcome.local = {
                name: session.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()
                for name in LOCAL_TABLES
            }
        store.close()
        engine.dispose()
    except Exception:  # reported; the barrier is broken so that nobody waits for this one
        outcome.error = traceback.format_exc()
        barrier.abort()
    results.put(outcome)


def _run_fleet(
    folder: Path, stations: list[Workstation], urls: dict[str, str], admin_url: str, rounds: int, work: Path
) -> tuple[list[float], list[float | None], list[Outcome]]:
    """All workstations at once; each round's wall time (first start to last finish) and server CPU."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(stations) + 1)
    results = context.Queue()
    processes = []
    for station in stations:
        data_dir = copy_store(folder / station.folder / "data", work / station.folder)
        arguments = (station, data_dir, urls[station.branch], rounds, barrier, results)
        processes.append(context.Process(target=_workstation, args=arguments))
    for process in processes:
        process.start()
    marks: list[float] = []
    ticks: list[int | None] = []
    try:
        for _ in range(rounds + 1):  # each round's start, and the end of the last
            barrier.wait(BARRIER_TIMEOUT_S)
            marks.append(time.perf_counter())
            ticks.append(server_ticks(admin_url))
    except Exception:  # a workstation failed: collect what there is, then report it
        pass
    outcomes = [results.get(timeout=BARRIER_TIMEOUT_S) for _ in processes]
    for process in processes:
        process.join()
    per_tick = os.sysconf("SC_CLK_TCK")
    server = [
        None if start is None or end is None else max(0, end - start) / per_tick
        for start, end in itertools.pairwise(ticks)
    ]
    return [end - start for start, end in itertools.pairwise(marks)], server, outcomes


def _central_counts(engine: Engine) -> dict[str, Any]:
    with engine.connect() as connection:

        def count(sql: str, **params: str) -> int:
            return connection.execute(text(sql), params).scalar_one()

        totals = {name: count(f"SELECT count(*) FROM {name}") for name in (*LOCAL_TABLES, "changes")}
        branches = [row[0] for row in connection.execute(text("SELECT DISTINCT branch FROM cases"))]
        per_branch = {
            branch: {
                "customers": count(
                    "SELECT count(*) FROM customers WHERE branch = :b OR id IN "
                    "(SELECT customer_id FROM cases WHERE branch = :b)", b=branch,
                ),
                "customer_changes": count(
                    "SELECT count(*) FROM customer_changes WHERE customer_id IN (SELECT id FROM customers "
                    "WHERE branch = :b OR id IN (SELECT customer_id FROM cases WHERE branch = :b))", b=branch,
                ),
                "cases": count("SELECT count(*) FROM cases WHERE branch = :b", b=branch),
                "case_events": count(
                    "SELECT count(*) FROM case_events "
                    "WHERE case_id IN (SELECT id FROM cases WHERE branch = :b)",
                    b=branch,
                ),
                "audit_log": count("SELECT count(*) FROM audit_log WHERE branch = :b", b=branch),
            }
            for branch in branches
        }  # fmt: skip
    return {"totals": totals, "per_branch": per_branch}


def _queued(folder: Path, stations: list[Workstation]) -> dict[str, Any]:
    """What the fleet's queues hold before the run: per entity, and distinct records."""
    by_entity: dict[str, int] = {}
    records: dict[str, set[str]] = {"customer": set(), "case": set()}
    for station in stations:
        for row in queued_rows(folder / station.folder / "data", station.branch, station.name):
            by_entity[row.entity] = by_entity.get(row.entity, 0) + 1
            if row.entity in records:
                records[row.entity].add(row.entity_id)
    return {"by_entity": by_entity, "customers": len(records["customer"]), "cases": len(records["case"])}


def check_exactly_once(outcomes: list[Outcome], central: dict[str, Any], queued: dict[str, Any]) -> list[str]:
    """Every problem found; an empty list when each change took effect exactly once everywhere."""
    problems = [f"{o.station.folder}: {o.error.strip().splitlines()[-1]}" for o in outcomes if o.error]
    total = sum(queued["by_entity"].values())
    reports = [report for o in outcomes for report in o.reports]
    problems += [f"round error: {r[5]}" for r in reports if r[5]]
    pushed = sum(r[0] for r in reports)
    expected = {
        "changes": total,
        "customers": queued["customers"],
        "cases": queued["cases"],
        "customer_changes": queued["by_entity"].get("customer_change", 0),
        "case_events": queued["by_entity"].get("case_event", 0),
        "audit_log": queued["by_entity"].get("audit", 0),
    }
    checks = [
        ("pushed in all rounds", pushed, total),
        ("duplicates", sum(r[1] for r in reports), 0),
        ("conflicts", sum(r[2] for r in reports), 0),
        ("still pending at the end", sum(o.reports[-1][4] for o in outcomes if o.reports), 0),
        ("pulled in the last round", sum(o.reports[-1][3] for o in outcomes if o.reports), 0),
        *((f"central {name}", central["totals"][name], want) for name, want in expected.items()),
    ]
    problems += [f"{what}: {got}, expected {want}" for what, got, want in checks if got != want]
    for o in outcomes:
        want = central["per_branch"].get(o.station.branch)
        if not o.error and o.local != want:
            problems.append(f"{o.station.branch}/{o.station.name} holds {o.local}, its branch has {want}")
    return problems


@dataclass
class RoundStats:
    """One round number over all runs: per-workstation times, makespans, rows, CPU."""

    seconds: list[float] = field(default_factory=list)
    makespans: list[float] = field(default_factory=list)
    pushed: list[int] = field(default_factory=list)
    pulled: list[int] = field(default_factory=list)
    client_cpu: list[float] = field(default_factory=list)
    server_cpu: list[float] = field(default_factory=list)

    def add(self, number: int, wall: float, server_cpu: float | None, outcomes: list[Outcome]) -> None:
        done = [o for o in outcomes if len(o.seconds) > number]
        self.seconds += [o.seconds[number] for o in done]
        self.makespans.append(wall)
        self.pushed.append(sum(o.reports[number][0] for o in done))
        self.pulled.append(sum(o.reports[number][3] for o in done))
        self.client_cpu.append(sum(o.cpu[number] for o in done))
        if server_cpu is not None:
            self.server_cpu.append(server_cpu)

    def lines(self, number: int) -> list[str]:
        if not self.seconds:
            return []
        runs = len(self.makespans)
        pushed, pulled = sum(self.pushed) // runs, sum(self.pulled) // runs
        wall, client = sum(self.makespans) / runs, sum(self.client_cpu) / runs
        server = f"{sum(self.server_cpu) / len(self.server_cpu):.1f} s" if self.server_cpu else "n/a"
        return [
            Timing.of(f"round {number}, one workstation's sync_once", self.seconds).line(),
            Timing.of(f"round {number}, first start to last finish", self.makespans).line(),
            f"round {number}: {pushed:,} changes pushed and {pulled:,} rows pulled in all; CPU per run: "
            f"workstation processes {client:.1f} s, PostgreSQL {server}, in {wall:.1f} s of wall on "
            f"{os.cpu_count()} CPUs",
        ]


def run(
    workstations: int, branches: int, changes: int, runs: int, seed: int = 1, cache: Path = CACHE,
    pg_url: str | None = None, rounds: int = ROUNDS, as_branch_role: bool = False,
) -> list[str]:  # fmt: skip
    folder = prepare_fleet(workstations, branches, changes, seed, cache)
    stations = fleet(workstations, branches)
    queued = _queued(folder, stations)
    sizes = [pending_count(folder / station.folder / "data") for station in stations]
    machine = machine_line()
    totals: list[float] = []
    stats = [RoundStats() for _ in range(rounds)]
    problems: list[str] = []
    with postgres(pg_url) as base_url:
        for _ in range(runs):
            with (
                central_database(base_url) as engine,
                tempfile.TemporaryDirectory(prefix="bd-fleet-") as work,
                contextlib.ExitStack() as roles,
            ):
                admin_url = engine.url.render_as_string(hide_password=False)
                urls = {
                    branch: roles.enter_context(branch_role(engine, branch)) if as_branch_role else admin_url
                    for branch in sorted({station.branch for station in stations})
                }
                walls, server, outcomes = _run_fleet(folder, stations, urls, admin_url, rounds, Path(work))
                problems += check_exactly_once(outcomes, _central_counts(engine), queued)
            totals.append(sum(walls))
            for number, (wall, server_cpu) in enumerate(zip(walls, server, strict=True)):
                stats[number].add(number, wall, server_cpu, outcomes)
    lines = [
        f"fleet: {workstations} workstations (processes) in {branches} branches, "
        f"{sum(sizes):,} queued changes ({min(sizes)}-{max(sizes)} each), one central database; "
        f"syncing as {'branch roles (row-level security applies)' if as_branch_role else 'the DBA role'}",
        machine,
        Timing.of(f"all {rounds} rounds, first start to last finish", totals).line(),
    ]
    for number, round_stats in enumerate(stats, start=1):
        lines += round_stats.lines(number)
    lines.append(f"exactly-once check: {'passed' if not problems else 'FAILED'} ({runs} runs)")
    lines += [f"  problem: {problem}" for problem in problems[:20]]
    lines.append(verdict(not problems, "no errors and exactly-once counts"))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--workstations", type=int, default=50)
    parser.add_argument("--branches", type=int, default=10)
    parser.add_argument("--changes", type=int, default=300, help="queued changes per workstation (about)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg-url", default=None, help="an existing server (default: start a throwaway one)")
    parser.add_argument("--branch-role", action="store_true", help=BRANCH_ROLE_HELP)
    args = parser.parse_args()
    lines = run(
        args.workstations, args.branches, args.changes, args.runs, args.seed, pg_url=args.pg_url,
        as_branch_role=args.branch_role,
    )  # fmt: skip
    for line in lines:
        print(line, flush=True)


if __name__ == "__main__":
    main()
