"""Shared helpers of the sync benchmarks: cached workstation stores, a PostgreSQL server and fresh central
databases, the outbox rows the floors send, and the rate, verdict and profile lines."""

from __future__ import annotations

import contextlib
import cProfile
import io
import os
import pstats
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from app.config import Settings, load_settings
from app.demo import fill_demo
from bench.data import CACHE, KEYRING_BACKEND
from bench.stats import Timing
from db.central_engine import create_central_engine
from db.central_migrate import upgrade_central
from db.migrate import HEAD_REVISION

STORE_FILE = "branchdesk.sqlite"

__all__ = ["CACHE"]  # re-exported for the benchmarks


def sync_settings(data_dir: Path, branch: str = "0001", workstation: str = "WS01") -> Settings:
    """Benchmark settings: the store in `data_dir`, the file keyring, this branch and workstation."""
    values = {
        "data_dir": str(data_dir),
        "keyring_backend": KEYRING_BACKEND,
        "branch": branch,
        "workstation": workstation,
    }
    return load_settings(values, environ={})


def use_keyring_in(folder: Path) -> None:
    # keyrings.alt keeps its file under the XDG data folder. Workstations that exchange data share the
    # organisation key, so every store of one cached folder uses that folder's keyring.
    os.environ["XDG_DATA_HOME"] = str(folder / "xdg")


def build_once(folder: Path, what: str, build: Callable[[], None]) -> None:
    """Run `build` once into `folder` (marked complete at the end); later calls reuse it."""
    marker = folder / "complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        use_keyring_in(folder)
        print(f"building {what} (once; cached in {folder})", flush=True)
        started = time.perf_counter()
        build()
        marker.write_text("ok")
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    use_keyring_in(folder)


def cached_stores(cache: Path, name: str) -> Path:
    """The cache folder of stores built as this version of the client writes its queue (a newer local
    schema sends more columns: its stores are built anew, not taken over from an older client)."""
    return cache / f"{name}-store-{HEAD_REVISION}"


def fill_workstation(
    data_dir: Path, branch: str, workstation: str, customers: int, cases: int, seed: int
) -> None:
    """Demo customers and cases with lived-in histories, through the real services (app.demo)."""
    fill_demo(sync_settings(data_dir, branch, workstation), customers=customers, seed=seed, cases=cases)


def store_file(data_dir: Path) -> Path:
    return data_dir / STORE_FILE


def pending_count(data_dir: Path) -> int:
    with contextlib.closing(sqlite3.connect(store_file(data_dir))) as connection:
        return int(connection.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0])


def trim_outbox(data_dir: Path, keep: int) -> None:
    """Keep the first `keep` queued changes and drop the later ones: the queue as it stood earlier."""
    with contextlib.closing(sqlite3.connect(store_file(data_dir))) as connection:
        connection.execute(
            "DELETE FROM outbox WHERE seq > (SELECT seq FROM outbox ORDER BY seq LIMIT 1 OFFSET ?)",
            (keep - 1,),
        )
        connection.commit()
        connection.execute("VACUUM")


def entity_mix(data_dir: Path) -> str:
    """'audit 3,300, case 2,900, ...': what the pending changes are."""
    with contextlib.closing(sqlite3.connect(store_file(data_dir))) as connection:
        rows = connection.execute(
            "SELECT entity, count(*) FROM outbox WHERE sent_at IS NULL GROUP BY entity ORDER BY entity"
        ).fetchall()
    return ", ".join(f"{entity} {count:,}" for entity, count in rows)


def copy_store(data_dir: Path, to: Path) -> Path:
    """A fresh copy of the store (closed stores are checkpointed: the one file is all of it)."""
    shutil.rmtree(to, ignore_errors=True)
    to.mkdir(parents=True)
    shutil.copyfile(store_file(data_dir), store_file(to))
    return to


@dataclass(frozen=True, slots=True)
class QueuedRow:
    """One outbox entry as the floors send it: the columns of central `changes`, payload as JSON text."""

    change_id: str
    origin_branch: str
    origin_workstation: str
    entity: str
    entity_id: str
    version: int
    payload: str


def queued_rows(data_dir: Path, branch: str, workstation: str) -> list[QueuedRow]:
    with contextlib.closing(sqlite3.connect(store_file(data_dir))) as connection:
        rows = connection.execute(
            "SELECT change_id, entity, entity_id, version, payload FROM outbox "
            "WHERE sent_at IS NULL ORDER BY seq"
        ).fetchall()
    return [
        QueuedRow(change_id, branch, workstation, entity, entity_id, version, bytes(payload).decode("utf-8"))
        for change_id, entity, entity_id, version, payload in rows
    ]


@contextlib.contextmanager
def postgres(url: str | None = None) -> Iterator[str]:
    """The base URL of a server: the one given, $BRANCHDESK_TEST_PG_URL's, or a throwaway cluster's
    (initdb on a free port, fsync=off and synchronous_commit=off: tests/support/postgres.py)."""
    if url:
        yield url
        return
    from tests.support.postgres import running_server

    with running_server() as base:
        yield base


@contextlib.contextmanager
def database(base_url: str) -> Iterator[str]:
    """A new, empty database on the server; dropped at the end."""
    from tests.support.postgres import fresh_database

    with fresh_database(base_url) as url:
        yield url


@contextlib.contextmanager
def central_database(base_url: str) -> Iterator[Engine]:
    """A new database migrated to the central head (db.central_migrate), as `central init` leaves it."""
    with database(base_url) as url:
        engine = create_central_engine(url)
        try:
            upgrade_central(engine)
            yield engine
        finally:
            engine.dispose()


def psycopg_conninfo(engine_or_url: Engine | str) -> str:
    from tests.support.postgres import conninfo

    url = engine_or_url if isinstance(engine_or_url, str) else engine_or_url.url
    return conninfo(url if isinstance(url, str) else url.render_as_string(hide_password=False))


@contextlib.contextmanager
def counting_statements(*engines: Engine) -> Iterator[list[int]]:
    """How many statements each engine sends while the block runs (one round trip each, besides
    BEGIN and COMMIT): [count of the first engine, of the second, ...]."""
    from sqlalchemy import event

    counts = [0] * len(engines)
    listeners = []
    for number, engine in enumerate(engines):

        def count(*_args: Any, number: int = number) -> None:
            counts[number] += 1

        event.listen(engine, "before_cursor_execute", count)
        listeners.append((engine, count))
    try:
        yield counts
    finally:
        for engine, count in listeners:
            event.remove(engine, "before_cursor_execute", count)


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def rate_line(timing: Timing, count: int, unit: str) -> str:
    """Throughput of one timing: count per second at its median (and at its p95, the slow end)."""
    return (
        f"{timing.name}: {count / (timing.median_ms / 1000):,.0f} {unit}/s at the median, "
        f"{count / (timing.p95_ms / 1000):,.0f} {unit}/s at p95"
    )


def machine_line() -> str:
    """How busy the machine was when the run began: other work on it makes every figure noisier."""
    one, five, _ = os.getloadavg()
    return f"machine: {os.cpu_count()} CPUs, load average {one:.1f} (1 min), {five:.1f} (5 min) at the start"


def verdict(met: bool, target: str) -> str:
    return f"target {target}: {'meets' if met else 'MISSES'}"


def profile_lines(action: Callable[[], Any], top: int = 25) -> list[str]:
    """cProfile of one call: the functions with the most own time, then BranchDesk's own functions
    (app/, db/) by cumulative time, which is where the time goes in the product's terms."""
    profiler = cProfile.Profile()
    wall, cpu = time.perf_counter(), time.process_time()
    profiler.enable()
    try:
        action()
    finally:
        profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    lines = [f"profile: wall {wall:.2f} s, this process's CPU {cpu:.2f} s (under the profiler)"]
    for order, pattern, title in (
        ("tottime", "", "own time, any function"),
        ("cumulative", r"/(app|db)/", "cumulative time, BranchDesk functions"),
    ):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats(order)
        if pattern:
            stats.print_stats(pattern, top)
        else:
            stats.print_stats(top)
        body = out.getvalue().replace(str(Path(__file__).resolve().parent.parent) + "/", "")
        table = body[body.index("   ncalls") :] if "   ncalls" in body else body
        lines.append(f"profile by {title}:")
        lines.extend(line.rstrip() for line in table.splitlines() if line.strip())
    return lines


def _stat_fields(pid: int | str) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class CpuSplit:
    """Where the wall time of one action went: this process's CPU, the PostgreSQL server's CPU (all its
    processes, parallel workers included; read from /proc, so only for a server on this machine), and
    the rest: waiting for round trips and the disk, or for a CPU when the machine is busy."""

    wall: float
    client_cpu: float
    server_cpu: float | None

    def line(self, name: str) -> str:
        head = f"{name}: wall {self.wall:.2f} s = workstation process CPU {self.client_cpu:.2f} s, "
        if self.server_cpu is None:
            return head + "PostgreSQL CPU n/a (server not on this machine)"
        server = f"PostgreSQL CPU {self.server_cpu:.2f} s"
        rest = self.wall - self.client_cpu - self.server_cpu
        if rest < 0:  # parallel query workers ran while this process worked
            return head + f"{server}, of which {-rest:.2f} s ran alongside this process"
        return head + f"{server}, rest (waiting: round trips, disk, a CPU) {rest:.2f} s"


def server_ticks(url: Engine | str) -> int | None:
    """CPU clock ticks used so far by the server: the postmaster with its reaped children (cutime,
    cstime: ended backends and parallel workers) plus every live child."""
    import psycopg

    # Read while the connection is open: its backend counts as a live child both times.
    with psycopg.connect(psycopg_conninfo(url), autocommit=True) as connection:
        row = connection.execute("SELECT pg_backend_pid()").fetchone()
        backend = _stat_fields(row[0]) if row else None
        if backend is None:
            return None
        postmaster = backend[1]  # ppid of a backend
        fields = _stat_fields(postmaster)
        if fields is None:
            return None
        ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and entry.name != postmaster:
                child = _stat_fields(entry.name)
                if child is not None and child[1] == postmaster:
                    ticks += int(child[11]) + int(child[12])
    return ticks


def measure_split(url: Engine | str, action: Callable[[], Any]) -> tuple[CpuSplit, Any]:
    """Run `action` and split its wall time (see CpuSplit); `url` names a database on the server."""
    before = server_ticks(url)
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = server_ticks(url)
    server = None if before is None or after is None else max(0, after - before) / os.sysconf("SC_CLK_TCK")
    return CpuSplit(wall, cpu, server), result


BRANCH_ROLE_HELP = "sync as a branch role (grant-branch), bound by row-level security; default: as the DBA"
BRANCH_ROLE_PASSWORD = "bench-2026"  # a throwaway cluster trusts 127.0.0.1; another server checks it


@contextlib.contextmanager
def branch_role(admin: Engine, branch: str) -> Iterator[str]:
    """A LOGIN role that syncs `branch`, made as the DBA makes it (app.sync.central_admin.grant_branch),
    so that row-level security applies as at a real counter; the URL that connects as it. Roles are
    cluster-wide: it is dropped at the end."""
    import uuid

    import psycopg
    from psycopg import sql

    from app.sync.central_admin import grant_branch

    admin_url = admin.url.render_as_string(hide_password=False)
    name = f"bd_bench_{branch}_{uuid.uuid4().hex[:8]}"
    grant_branch(admin_url, name, branch, BRANCH_ROLE_PASSWORD)
    try:
        yield admin.url.set(username=name, password=BRANCH_ROLE_PASSWORD).render_as_string(
            hide_password=False
        )
    finally:
        with psycopg.connect(psycopg_conninfo(admin_url), autocommit=True) as connection:
            connection.execute(
                sql.SQL("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = {}").format(
                    sql.Literal(name)
                )
            )
            connection.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
            connection.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


@contextlib.contextmanager
def sync_engine_for(admin: Engine, branch: str, as_branch_role: bool) -> Iterator[Engine]:
    """The engine a workstation syncs with: the DBA's own (row-level security does not bind it), or a
    branch role's (bound by it, as a counter PC in production)."""
    if not as_branch_role:
        yield admin
        return
    with branch_role(admin, branch) as url:
        engine = create_central_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()
