"""Benchmark: pushing N queued changes (default 10,000) from a workstation store to a fresh central
database, against a bulk COPY of the same rows into a plain table (the floor) and row-by-row ORM inserts.

The store is built once through the real services (demo customers, then demo cases with lived-in
histories: customers, their change history, cases, timeline events, operation-log entries), its queue
cut to the first N changes, and cached; every run pushes a fresh copy into a fresh, migrated central
database on a PostgreSQL server started by the benchmark. The push is timed as sync_once runs it
(app.sync.push.push_outbox: batches of engine.BATCH, one central transaction each, marked sent locally
after commit), each push followed by one run of the floor; a full sync_once round (push, then the pull
of this branch's state back) is timed too.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy import Engine, Integer, String, Uuid, func, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from app.context import ServiceContext
from app.store import OpenedStore, build_context, open_store
from app.sync import engine as sync_engine
from app.sync.payloads import from_bytes
from app.sync.push import push_outbox as sync_push_phase
from bench.stats import Timing, ratio
from bench.sync_support import (
    BRANCH_ROLE_HELP,
    CACHE,
    CpuSplit,
    QueuedRow,
    build_once,
    cached_stores,
    central_database,
    copy_store,
    counting_statements,
    database,
    entity_mix,
    fill_workstation,
    machine_line,
    measure_split,
    pending_count,
    postgres,
    profile_lines,
    psycopg_conninfo,
    queued_rows,
    rate_line,
    sync_engine_for,
    sync_settings,
    timed,
    trim_outbox,
    verdict,
)
from db import central_schema as central

BRANCH, WORKSTATION = "0001", "WS01"
BATCH = sync_engine.BATCH
TARGET_RATE = 2_000  # changes per second
TARGET_FLOOR_RATIO = 5.0
PLAIN_COLUMNS = "change_id, origin_branch, origin_workstation, entity, entity_id, version, payload"


def prepare_push_store(changes: int, seed: int, cache: Path = CACHE) -> Path:
    """The data folder of a store with exactly `changes` queued changes; built once, then cached."""
    folder = cached_stores(cache, f"sync-push-{changes}-seed-{seed}")
    data = folder / "data"

    def build() -> None:
        # About 20 queued changes per demo customer plus one demo case; a few more, then cut the queue.
        people = changes // 18 + 2
        fill_workstation(data, BRANCH, WORKSTATION, customers=people, cases=people, seed=seed)
        if pending_count(data) < changes:
            raise RuntimeError(f"the demo produced only {pending_count(data)} changes, wanted {changes}")
        trim_outbox(data, changes)

    build_once(folder, f"a store with {changes} queued changes", build)
    return data


@dataclass(frozen=True, slots=True)
class Target:
    """Where the pushes go: the server, as which role, and into what."""

    base_url: str
    as_branch_role: bool = False
    preload: Path | None = None  # bench.sync_pull's cached tables: the branch already holds their rows


def _preload(admin: Engine, tables: Path | None) -> int:
    """Load an earlier branch into the fresh central database; how many changes it holds."""
    if tables is not None:
        from bench.sync_pull import load_tables

        load_tables(admin, tables)
        with admin.begin() as connection:  # both demo stores have the same demo usernames
            connection.exec_driver_sql("DELETE FROM staff")
        with admin.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    with admin.connect() as connection:
        return connection.execute(select(func.count()).select_from(central.changes)).scalar_one()


def _push_once(source: Path, work: Path, target: Target, full_round: bool) -> tuple[CpuSplit, int, list[int]]:
    """One push of a fresh copy into a fresh central database: its time split, the rows pulled back and
    the statements sent (central, local)."""
    data = copy_store(source, work / "ws")
    settings = sync_settings(data, BRANCH, WORKSTATION)
    expected = pending_count(data)
    store = open_store(settings)
    try:
        ctx = build_context(store, settings)
        with central_database(target.base_url) as admin:
            before = _preload(admin, target.preload)
            with (
                sync_engine_for(admin, BRANCH, target.as_branch_role) as engine,
                counting_statements(engine, store.engine) as statements,
            ):
                split, pulled = _push_or_round(store, engine, admin, ctx, expected, full_round)
            _check_central(admin, before + expected)
    finally:
        store.close()
    return split, pulled, statements


def _push_or_round(
    store: OpenedStore, engine: Engine, admin: Engine, ctx: ServiceContext, expected: int, full_round: bool
) -> tuple[CpuSplit, int]:
    """The push phase alone, or a whole sync_once round (push, then pull back)."""
    if full_round:
        split, report = measure_split(admin, lambda: sync_engine.sync_once(store, engine, ctx))
        if not report.ok or report.pushed != expected or report.pending:
            raise RuntimeError(f"sync round failed: {report}")
        return split, report.pulled
    cancel = sync_engine.CancelToken()
    split, result = measure_split(admin, lambda: sync_push_phase(store, engine, ctx, cancel, BATCH))
    if result != (expected, 0, 0):
        raise RuntimeError(f"push returned {result}, expected ({expected}, 0, 0)")
    return split, 0


def _check_central(engine: Engine, expected: int) -> None:
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(central.changes)).scalar_one()
    if count != expected:
        raise RuntimeError(f"central has {count} changes, expected {expected}")


def _create_plain_table(connection: psycopg.Connection, name: str) -> None:
    connection.execute(
        f"CREATE TABLE {name} (change_id uuid, origin_branch varchar(16), origin_workstation varchar(32), "
        "entity varchar(24), entity_id varchar(64), version integer, payload jsonb)"
    )
    connection.commit()


class CopyFloor:
    """The floor: one COPY of the same rows into a table without keys or indexes, one transaction. Run
    once after each push, so that both meet the server in the same state (its WAL and checkpoints vary
    from minute to minute more than either does)."""

    def __init__(self, rows: list[QueuedRow], connection: psycopg.Connection) -> None:
        self._rows, self._connection = rows, connection
        self.seconds: list[float] = []

    def _copy(self) -> None:
        statement = f"COPY plain_changes ({PLAIN_COLUMNS}) FROM STDIN"
        with self._connection.cursor() as cursor, cursor.copy(statement) as copying:
            for row in self._rows:
                copying.write_row(
                    (row.change_id, row.origin_branch, row.origin_workstation, row.entity, row.entity_id,
                     row.version, row.payload)
                )  # fmt: skip
        self._connection.commit()

    def once(self) -> None:
        self._connection.execute("TRUNCATE plain_changes")
        self._connection.commit()
        self.seconds.append(timed(self._copy)[0])
        count = self._connection.execute("SELECT count(*) FROM plain_changes").fetchone()
        assert count is not None and count[0] == len(self._rows)

    def timing(self) -> Timing:
        return Timing.of(f"COPY of the same {len(self._rows):,} rows into a plain table", self.seconds)


@contextlib.contextmanager
def copy_floor(rows: list[QueuedRow], base_url: str) -> Iterator[CopyFloor]:
    with database(base_url) as url, psycopg.connect(psycopg_conninfo(url)) as connection:
        _create_plain_table(connection, "plain_changes")
        yield CopyFloor(rows, connection)


class _Base(DeclarativeBase):
    pass


class OrmChange(_Base):
    """The comparator's table: the columns of central `changes`, keyed by the change id."""

    __tablename__ = "orm_changes"
    change_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True)
    origin_branch: Mapped[str] = mapped_column(String(16))
    origin_workstation: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(24))
    entity_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict] = mapped_column(JSONB)  # type: ignore[type-arg]


def measure_orm(rows: list[QueuedRow], base_url: str, runs: int) -> Timing:
    """Row by row through the ORM: session.add and flush (one INSERT) per row, commit per batch."""
    from sqlalchemy import create_engine

    parsed = [(row, from_bytes(row.payload.encode("utf-8"))) for row in rows]
    seconds = []
    with database(base_url) as url:
        engine = create_engine(url)
        try:
            _Base.metadata.create_all(engine)
            for _ in range(runs):
                with engine.begin() as connection:
                    connection.exec_driver_sql("TRUNCATE orm_changes")

                def insert_rows() -> None:
                    with Session(engine) as session:
                        for done, (row, payload) in enumerate(parsed, start=1):
                            session.add(
                                OrmChange(
                                    change_id=row.change_id, origin_branch=row.origin_branch,
                                    origin_workstation=row.origin_workstation, entity=row.entity,
                                    entity_id=row.entity_id, version=row.version, payload=payload,
                                )
                            )  # fmt: skip
                            session.flush()
                            if done % BATCH == 0:
                                session.commit()
                        session.commit()

                seconds.append(timed(insert_rows)[0])
                with engine.connect() as connection:
                    count = connection.exec_driver_sql("SELECT count(*) FROM orm_changes").scalar()
                assert count == len(rows)
        finally:
            engine.dispose()
    return Timing.of(
        f"ORM row by row, {len(rows):,} rows (session.add + flush per row, commit per {BATCH})", seconds
    )


def _preload_tables(rows: int, seed: int, cache: Path) -> Path | None:
    if not rows:
        return None
    from bench.sync_pull import central_tables

    tables = central_tables(rows, seed, cache)
    if not (tables / "complete").exists():
        raise SystemExit(
            f"no cached central tables in {tables}: run python -m bench.sync_pull --rows {rows} first"
        )
    return tables


def measure_push(
    source: Path, target: Target, runs: int, floor: CopyFloor
) -> tuple[Timing, Timing | None, CpuSplit, list[int]]:
    """The push phase, each followed by the floor's COPY, and (not into a preloaded branch: it would
    pull all of it back) whole rounds."""
    count = pending_count(source)
    pushes: list[CpuSplit] = []
    rounds: list[CpuSplit] = []
    pulled = 0
    with tempfile.TemporaryDirectory(prefix="branchdesk-bench-") as work:
        for _ in range(runs):
            split, _, statements = _push_once(source, Path(work), target, full_round=False)
            pushes.append(split)
            floor.once()
            if target.preload is None:
                split, pulled, _ = _push_once(source, Path(work), target, full_round=True)
                rounds.append(split)
    push = Timing.of(
        f"push {count:,} queued changes (engine push phase, batches of {BATCH})", [s.wall for s in pushes]
    )
    full = None
    if rounds:
        full = Timing.of(
            f"full sync round (push {count:,}, then pull back {pulled:,} rows)", [s.wall for s in rounds]
        )
    median_run = sorted(pushes, key=lambda split: split.wall)[len(pushes) // 2]
    return push, full, median_run, statements


def profile_push(source: Path, target: Target) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="branchdesk-bench-") as work:
        return profile_lines(lambda: _push_once(source, Path(work), target, full_round=False))


def run(
    changes: int, runs: int, seed: int = 1, cache: Path = CACHE, pg_url: str | None = None,
    profile: bool = False, as_branch_role: bool = False, preload_rows: int = 0,
) -> list[str]:  # fmt: skip
    source = prepare_push_store(changes, seed, cache)
    rows = queued_rows(source, BRANCH, WORKSTATION)
    preload = _preload_tables(preload_rows, seed, cache)
    who = "a branch role (row-level security applies)" if as_branch_role else "the DBA role (no RLS)"
    into = f"a branch already holding {preload_rows:,} rows" if preload else "an empty central database"
    lines = [
        f"queued changes: {len(rows):,} ({entity_mix(source)}); pushed as {who} into {into}",
        machine_line(),
    ]
    with postgres(pg_url) as base_url:
        target = Target(base_url, as_branch_role, preload)
        with copy_floor(rows, base_url) as floor_runs:
            push, full, split, (central_statements, local_statements) = measure_push(
                source, target, runs, floor_runs
            )
        floor = floor_runs.timing()
        orm = measure_orm(rows, base_url, runs)
        profiled = profile_push(source, target) if profile else []
    rate = len(rows) / (push.median_ms / 1000)
    lines += [
        push.line(),
        rate_line(push, len(rows), "changes"),
        floor.line(),
        rate_line(floor, len(rows), "rows"),
        ratio(push, floor),
        orm.line(),
        rate_line(orm, len(rows), "rows"),
        f"ratio to ORM row by row: median x{push.median_ms / orm.median_ms:.1f}, "
        f"p95 x{push.p95_ms / orm.p95_ms:.1f}",
        *([full.line(), rate_line(full, len(rows), "changes")] if full else []),
        split.line("push time split (median run)"),
        f"statements sent by the push phase: central {central_statements:,} "
        f"({central_statements / len(rows):.2f} per change, in {-(-len(rows) // BATCH)} transactions), "
        f"local store {local_statements:,}",
        verdict(rate >= TARGET_RATE, f"push at least {TARGET_RATE:,} changes/s"),
        verdict(
            push.median_ms <= TARGET_FLOOR_RATIO * floor.median_ms,
            f"push within {TARGET_FLOOR_RATIO:.0f}x of the COPY floor",
        ),
    ]
    return lines + profiled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg-url", default=None, help="an existing server (default: start a throwaway one)")
    parser.add_argument("--profile", action="store_true", help="profile one more push: where the time goes")
    parser.add_argument("--branch-role", action="store_true", help=BRANCH_ROLE_HELP)
    parser.add_argument(
        "--preload-rows", type=int, default=0,
        help="push into a branch already holding this many rows (as cached by bench.sync_pull --rows N)",
    )  # fmt: skip
    args = parser.parse_args()
    lines = run(args.changes, args.runs, args.seed, pg_url=args.pg_url, profile=args.profile,
                as_branch_role=args.branch_role, preload_rows=args.preload_rows)  # fmt: skip
    for line in lines:
        print(line, flush=True)


if __name__ == "__main__":
    main()
