"""Benchmark: the first pull of N rows (default 100,000) into an empty workstation store, against the
floor (COPY ... TO STDOUT of the same rows into a plain table of a local file; COPY out alone is shown
too: bench/pull_floors.py) and a row-by-row ORM copy into SQLite.

The central side is prepared by pushing: a source workstation store is built once through the real
services (demo customers and cases with lived-in histories), its queue cut so that exactly N rows become
visible to another workstation of the branch, and pushed through the engine's push phase into a fresh,
migrated central database on a PostgreSQL server started by the benchmark. The prepared tables are
cached as COPY files next to the source store and loaded into a fresh database on later invocations;
the database is VACUUMed and ANALYZEd either way. Each run then opens a new, empty store for another
workstation of the same branch and times one sync_once round with a progress callback, as the status bar
asks for.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import sqlite3
import tempfile
from collections import Counter
from pathlib import Path

import psycopg
from sqlalchemy import Engine, Integer, LargeBinary, String, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from app.store import build_context, open_store
from app.sync import central_pull
from app.sync import engine as sync_engine
from app.sync.payloads import to_bytes
from app.sync.push import push_outbox as sync_push_phase
from bench.other_branches import add_other_branches
from bench.pull_floors import pull_floors, same_rows
from bench.stats import Timing, ratio
from bench.sync_support import (
    BRANCH_ROLE_HELP,
    CACHE,
    CpuSplit,
    build_once,
    cached_stores,
    central_database,
    copy_store,
    counting_statements,
    fill_workstation,
    machine_line,
    measure_split,
    postgres,
    profile_lines,
    psycopg_conninfo,
    rate_line,
    store_file,
    sync_engine_for,
    sync_settings,
    timed,
    trim_outbox,
    verdict,
)
from db.central_migrate import CENTRAL_MIGRATIONS, alembic_central_head
from db.central_schema import central_metadata
from db.engine import create_store_engine

BRANCH, SOURCE, PULLER = "0001", "WS01", "WS02"
BATCH = sync_engine.BATCH  # the push that prepares the central side, and the ORM comparator's commits
PULL_BATCH = sync_engine.PULL_BATCH
TARGET_SECONDS = 60.0
TARGET_FLOOR_RATIO = 5.0
APPENDED = {"case_event", "customer_change", "audit"}


def save_tables(engine: Engine, folder: Path) -> None:
    """Every central table's rows as COPY text files in `folder` (a cache of a prepared database)."""
    folder.mkdir(parents=True, exist_ok=True)
    with psycopg.connect(psycopg_conninfo(engine)) as connection, connection.cursor() as cursor:
        for table in central_metadata.sorted_tables:
            with (
                (folder / f"{table.name}.copy").open("wb") as out,
                cursor.copy(f'COPY "{table.name}" TO STDOUT') as copying,
            ):
                for block in copying:
                    out.write(block)
    (folder / "complete").write_text("ok")


def load_tables(engine: Engine, folder: Path) -> None:
    """Load what save_tables() wrote into a freshly migrated database; sequences continue after it."""
    with psycopg.connect(psycopg_conninfo(engine)) as connection:
        with connection.cursor() as cursor:
            # Cases and customers first: a timeline event or a change takes its branch from its parent.
            parents_first = sorted(
                central_metadata.sorted_tables, key=lambda table: table.name not in ("cases", "customers")
            )
            for table in parents_first:
                with (
                    (folder / f"{table.name}.copy").open("rb") as source,
                    cursor.copy(f'COPY "{table.name}" FROM STDIN') as copying,
                ):
                    while block := source.read(1 << 20):
                        copying.write(block)
            serials = cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = 'public' AND column_default LIKE 'nextval(%%'"
            ).fetchall()
            for table_name, column in serials:
                cursor.execute(
                    f'SELECT setval(pg_get_serial_sequence(%s, %s), max("{column}")) FROM "{table_name}" '
                    f'HAVING max("{column}") IS NOT NULL',
                    (table_name, column),
                )
        connection.commit()


def _visible_prefix(data_dir: Path, rows: int) -> int:
    """How many queued changes, from the first, make exactly `rows` rows visible to another workstation
    of the branch: each appended row once, each customer, case or staff account once (its last version)."""
    seen: set[tuple[str, str]] = set()
    visible = 0
    with contextlib.closing(sqlite3.connect(store_file(data_dir))) as connection:
        query = "SELECT entity, entity_id FROM outbox WHERE sent_at IS NULL ORDER BY seq"
        for kept, (entity, entity_id) in enumerate(connection.execute(query), start=1):
            if entity in APPENDED or (entity, entity_id) not in seen:
                seen.add((entity, entity_id))
                visible += 1
                if visible == rows:
                    return kept
    raise RuntimeError(f"the demo made only {visible} visible rows, wanted {rows}")


def prepare_pull_source(rows: int, seed: int, cache: Path = CACHE) -> Path:
    """The data folder of the source workstation whose queue makes `rows` rows; built once, cached."""
    folder = cached_stores(cache, f"sync-pull-{rows}-seed-{seed}")
    data = folder / "data"

    def build() -> None:
        people = rows // 15 + 2  # about 16 visible rows per demo customer plus one demo case
        fill_workstation(data, BRANCH, SOURCE, customers=people, cases=people, seed=seed)
        trim_outbox(data, _visible_prefix(data, rows))

    build_once(folder, f"a workstation store whose queue makes {rows} rows", build)
    return data


def _schema_digest() -> str:
    """Names the central schema exactly: the cached tables fit only the migrations that made them."""
    digest = hashlib.sha256()
    for script in sorted(CENTRAL_MIGRATIONS.rglob("*.py")):
        digest.update(script.read_bytes())
    return digest.hexdigest()[:12]


def _tables_folder() -> str:
    return f"central-{alembic_central_head()}-{_schema_digest()}"


def central_tables(rows: int, seed: int, cache: Path = CACHE) -> Path:
    """Where a run with these arguments caches the prepared central tables (see prepare_central)."""
    return cached_stores(cache, f"sync-pull-{rows}-seed-{seed}") / _tables_folder()


def prepare_central(source: Path, engine: Engine, work: Path) -> str:
    """Fill the central database from the source store: pushed through the engine the first time, then
    loaded from the cached tables. VACUUM ANALYZE either way, as autovacuum would after a bulk load: left
    to autovacuum, that work can fall inside a timed pull, and the first reads would set every row's hint
    bits (writes) in the first timed run only."""
    tables = source.parent / _tables_folder()
    if (tables / "complete").exists():
        seconds, _ = timed(lambda: load_tables(engine, tables))
        how = f"loaded from the cached tables of an earlier push in {seconds:.1f} s"
    else:
        data = copy_store(source, work / "source")
        settings = sync_settings(data, BRANCH, SOURCE)
        store = open_store(settings)
        try:
            ctx = build_context(store, settings)
            cancel = sync_engine.CancelToken()
            seconds, (pushed, _, _) = timed(lambda: sync_push_phase(store, engine, ctx, cancel, BATCH))
        finally:
            store.close()
        save_tables(engine, tables)
        how = f"pushed through the engine: {pushed:,} changes in {seconds:.0f} s ({pushed / seconds:,.0f}/s)"
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    return how


def _pull_once(admin: Engine, engine: Engine, work: Path, rows: int) -> tuple[CpuSplit, list[int]]:
    """One first pull into a new, empty store of another workstation of the branch (through `engine`):
    its time split and the statements sent (central, local)."""
    settings = sync_settings(work / "puller", BRANCH, PULLER)
    store = open_store(settings)
    progress: list[tuple[int, int]] = []
    try:
        ctx = build_context(store, settings)
        with counting_statements(engine, store.engine) as statements:
            split, report = measure_split(
                admin,
                lambda: sync_engine.sync_once(
                    store, engine, ctx, progress=lambda d, t: progress.append((d, t))
                ),
            )
        if not report.ok or report.pulled != rows or report.pending:
            raise RuntimeError(f"first pull failed: {report}")
        if not progress or progress[-1] != (rows, rows):
            raise RuntimeError(f"progress ended at {progress[-1:]}, expected {(rows, rows)}")
        _check_local(store, admin)
    finally:
        store.close()
    return split, statements


def _check_local(store, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    tables = ("customers", "cases", "case_events", "customer_changes")
    with engine.connect() as connection:
        count = "SELECT count(*) FROM {} WHERE branch = %(branch)s"  # other branches' rows stay there
        branch = {"branch": BRANCH}
        central = [connection.exec_driver_sql(count.format(name), branch).scalar() for name in tables]
    with store.transaction() as session:
        local = [session.execute(text(f"SELECT count(*) FROM {name}")).scalar() for name in tables]
    if central != local:
        raise RuntimeError(f"local counts {dict(zip(tables, local, strict=True))} != central {central}")


class _Base(DeclarativeBase):
    pass


class PulledRow(_Base):
    """The comparator's local table: what a pulled item is, payload as JSON bytes like the outbox's."""

    __tablename__ = "pulled_rows"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity: Mapped[str] = mapped_column(String(24))
    seq: Mapped[int] = mapped_column(Integer)
    payload: Mapped[bytes] = mapped_column(LargeBinary)


def measure_orm(engine: Engine, rows: int, runs: int, work: Path) -> Timing:
    """Row by row through the ORM: the same rows read in server order (one streamed query), each
    session.add and flush (one INSERT) into a SQLite file set up like the store, commit per batch."""
    seconds = []
    for run in range(runs):
        local = create_store_engine(work / f"orm-{run}.sqlite")
        _Base.metadata.create_all(local)

        def copy_rows(local: Engine = local) -> int:
            done = 0
            with engine.connect() as connection, Session(local) as session:
                rows_sql = same_rows(BRANCH)
                query = text(f"SELECT entity, id, seq, payload FROM ({rows_sql}) AS x ORDER BY seq, entity")
                result = connection.execution_options(yield_per=BATCH).execute(query)
                for row in result:
                    session.add(
                        PulledRow(id=row.id, entity=row.entity, seq=row.seq, payload=to_bytes(row.payload))
                    )
                    session.flush()
                    done += 1
                    if done % BATCH == 0:
                        session.commit()
                session.commit()
            return done

        elapsed, done = timed(copy_rows)
        local.dispose()
        if done != rows:
            raise RuntimeError(f"ORM copied {done} rows, expected {rows}")
        seconds.append(elapsed)
    return Timing.of(
        f"ORM row by row into SQLite, {rows:,} rows (add + flush per row, commit per {BATCH})", seconds
    )


def _mix(engine: Engine) -> str:
    with engine.connect() as connection:
        counts = Counter(
            dict(
                connection.execute(
                    text(f"SELECT entity, count(*) FROM ({same_rows(BRANCH)}) AS x GROUP BY entity")
                ).all()
            )
        )
    return ", ".join(f"{entity} {count:,}" for entity, count in sorted(counts.items()))


def run(
    rows: int, runs: int, seed: int = 1, cache: Path = CACHE, pg_url: str | None = None,
    profile: bool = False, as_branch_role: bool = False, other_branches: int = 0,
) -> list[str]:  # fmt: skip
    source = prepare_pull_source(rows, seed, cache)
    machine = machine_line()
    lines: list[str] = []
    with (
        postgres(pg_url) as base_url,
        central_database(base_url) as engine,
        sync_engine_for(engine, BRANCH, as_branch_role) as puller,
    ):
        with tempfile.TemporaryDirectory(prefix="branchdesk-bench-") as folder:
            how = prepare_central(source, engine, Path(folder))
        beside = add_other_branches(engine, BRANCH, other_branches)
        with engine.connect() as connection:
            visible = central_pull.remaining(connection, BRANCH, PULLER, 0)
        if visible != rows:
            raise RuntimeError(f"{visible} rows are visible to {PULLER}, expected {rows}")
        who = "a branch role (row-level security applies)" if as_branch_role else "the DBA role (no RLS)"
        lines.append(
            f"central side: {rows:,} rows for the branch ({_mix(engine)}); {how}; {beside}; pulled as {who}"
        )
        lines.append(machine)
        splits = []
        with (
            tempfile.TemporaryDirectory(prefix="branchdesk-bench-floors-") as floors_folder,
            pull_floors(engine, Path(floors_folder), rows, BRANCH) as floors,
        ):
            for run_number in range(runs):
                with tempfile.TemporaryDirectory(prefix=f"branchdesk-bench-{run_number}-") as folder:
                    split, statements = _pull_once(engine, puller, Path(folder), rows)
                    splits.append(split)
                floors.once()
        pull = Timing.of(
            f"first pull of {rows:,} rows into an empty store (sync_once, batches of {PULL_BATCH})",
            [split.wall for split in splits],
        )
        copy_out, floor = floors.copy_out(), floors.into_file()
        with tempfile.TemporaryDirectory(prefix="branchdesk-bench-") as folder:
            orm = measure_orm(engine, rows, runs, Path(folder))
            if profile:
                profiled = profile_lines(lambda: _pull_once(engine, puller, Path(folder), rows))
    median_run = sorted(splits, key=lambda split: split.wall)[len(splits) // 2]
    lines += [
        pull.line(),
        f"first pull: {pull.median_ms / 1000:.1f} s at the median, {pull.p95_ms / 1000:.1f} s at p95",
        rate_line(pull, rows, "rows"),
        copy_out.line(),
        rate_line(copy_out, rows, "rows"),
        f"ratio to COPY out alone (the rows reach this process, nothing is written): "
        f"median x{pull.median_ms / copy_out.median_ms:.1f}, p95 x{pull.p95_ms / copy_out.p95_ms:.1f}",
        floor.line(),
        rate_line(floor, rows, "rows"),
        ratio(pull, floor),
        orm.line(),
        rate_line(orm, rows, "rows"),
        f"ratio to ORM row by row: median x{pull.median_ms / orm.median_ms:.1f}, "
        f"p95 x{pull.p95_ms / orm.p95_ms:.1f}",
        median_run.line("pull time split (median run)"),
        f"statements sent by the pull: central {statements[0]:,} ({-(-rows // PULL_BATCH)} batches), "
        f"local store {statements[1]:,} ({statements[1] / rows:.2f} per row)",
        verdict(
            pull.median_ms / 1000 < TARGET_SECONDS,
            f"first pull of {rows:,} rows under {TARGET_SECONDS:.0f} s",
        ),
        verdict(
            pull.median_ms / floor.median_ms <= TARGET_FLOOR_RATIO,
            f"first pull within {TARGET_FLOOR_RATIO:.0f}x of the COPY into a local file",
        ),
    ]
    return lines + (profiled if profile else [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg-url", default=None, help="an existing server (default: start a throwaway one)")
    parser.add_argument("--profile", action="store_true", help="profile one more pull: where the time goes")
    parser.add_argument("--branch-role", action="store_true", help=BRANCH_ROLE_HELP)
    parser.add_argument(
        "--other-branches", type=int, default=0, metavar="K",
        help="first copy the branch's rows for K other branches (bench/other_branches.py)",
    )  # fmt: skip
    args = parser.parse_args()
    lines = run(args.rows, args.runs, args.seed, pg_url=args.pg_url, profile=args.profile,
                as_branch_role=args.branch_role, other_branches=args.other_branches)  # fmt: skip
    for line in lines:
        print(line, flush=True)


if __name__ == "__main__":
    main()
