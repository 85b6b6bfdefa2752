"""Faults during sync against a real PostgreSQL: a workstation process SIGKILLed at random moments and at
the worst ones, connections cut by a TCP proxy, the server restarted mid-round. After each fault the
next rounds complete and the central database holds every change exactly once.

Random choices come from one seed, printed with every failure; BRANCHDESK_FAULT_SEED=<n> repeats them
(timing still varies). Run with -s to see where the kills and cuts landed."""

from __future__ import annotations

import functools
import math
import os
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import keyring
import psycopg
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url

from app.config import Settings
from app.context import ServiceContext
from app.demo_data import generate_customer_drafts
from app.domain import CaseStatus, ComplaintType, CustomerDraft, IdType
from app.services import case_actions, customers, intake
from app.store import OpenedStore, build_context, open_store
from app.sync.engine import SyncReport, sync_once
from db import central_schema as central
from db import local_schema as local
from db.central_engine import create_central_engine
from db.central_migrate import upgrade_central
from tests.conftest import make_settings
from tests.support import postgres
from tests.support.cases import complaint_for
from tests.support.sync_worker import (
    KEYRING_BACKEND,
    BackgroundRound,
    SyncWorker,
    WorkerPool,
    holding_write_lock,
)
from tests.support.tcp_proxy import proxy_for

BATCH = 5
PEOPLE_PER_RUN = 4  # 12 outbox entries each (customer, case, note, status): 48, in batches of 5
RANDOM_KILL_RUNS = 24
GATED_KILL_RUNS = 4  # for each of the two worst moments
CUT_RUNS = 8
ROUND_TIMEOUT_S = 30.0
GATE = central.CHANGES_APPEND_LOCK  # every push transaction takes it first: a test can hold it
SEED = int(os.environ.get("BRANCHDESK_FAULT_SEED", random.randrange(1 << 30)))
BRANCH, WORKSTATION = "0001", "WS01"
# Current-state table of each entity: one row per record, however often its changes were sent.
STATE = {"customer": central.customers, "case": central.cases, "case_event": central.case_events}
STATE |= {"customer_change": central.customer_changes, "audit": central.audit_log}


@dataclass
class Station:
    settings: Settings
    store: OpenedStore
    ctx: ServiceContext
    people: Iterator[CustomerDraft]

    def add_work(self, people: int = PEOPLE_PER_RUN) -> list[str]:
        """Offline work for ``people`` customers; the change ids then pending, in outbox order."""
        taxonomy = self.ctx.reference.taxonomy
        category = next(c.code for c in taxonomy.causes() if c.internal_type is ComplaintType.SERVICE)
        for _ in range(people):
            with self.store.transaction() as session:
                customer, _ = customers.register_customer(session, self.ctx, next(self.people))
                case, _ = intake.submit_case(session, self.ctx, complaint_for(customer.id, category))
                case, _ = case_actions.add_note(session, self.ctx, case, "客户来电补充说明")
                case_actions.change_status(session, self.ctx, case, CaseStatus.ACKNOWLEDGED)
        return [row.change_id for row in self.outbox() if row.sent_at is None]

    def outbox(self) -> list:  # type: ignore[type-arg]
        with self.store.transaction() as session:
            columns = (local.outbox.c.seq, local.outbox.c.change_id, local.outbox.c.sent_at)
            return list(session.execute(select(*columns).order_by(local.outbox.c.seq)).all())

    def sent(self, change_ids: list[str]) -> int:
        wanted = set(change_ids)
        return sum(1 for row in self.outbox() if row.change_id in wanted and row.sent_at is not None)

    def worker(self, url: str, log: Path) -> SyncWorker:
        return SyncWorker(self.settings.data_dir, BRANCH, WORKSTATION, url, BATCH, log)


def _people() -> Iterator[CustomerDraft]:
    for draft in generate_customer_drafts(2000, seed=SEED % 1000):
        if draft.id_type is not IdType.USCC:  # organisations need fields this work does not fill
            yield draft


@pytest.fixture
def station(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Station]:
    """One workstation whose organisation key is in keyrings.alt's plaintext file keyring under tmp_path:
    worker processes read the same key (a memory keyring lives in one process only)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # inherited by the workers
    previous = keyring.get_keyring()
    settings = make_settings(
        tmp_path / WORKSTATION, branch=BRANCH, workstation=WORKSTATION, keyring_backend=KEYRING_BACKEND
    )
    store = open_store(settings)
    try:
        yield Station(settings, store, build_context(store, settings), _people())
    finally:
        store.close()
        keyring.set_keyring(previous)


@pytest.fixture
def sync_url(branch_roles) -> str:  # type: ignore[no-untyped-def]
    """The PC syncs as its branch's own role, as deployed (row-level security); checks use the DBA's."""
    return str(branch_roles.grant(BRANCH))


@pytest.fixture
def sync_engine(sync_url: str) -> Iterator[Engine]:
    yield (engine := create_central_engine(sync_url))
    engine.dispose()


# --- what must hold ------------------------------------------------------------------------------


def _central_change_ids(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(select(central.changes.c.change_id)).scalars())


def assert_consistent(engine: Engine) -> None:
    """Each accepted change has its effect and nothing else is there: no batch half applied."""
    with engine.connect() as connection:
        changes = connection.execute(
            select(central.changes.c.entity, central.changes.c.entity_id, central.changes.c.version)
        ).all()
        for entity, table in STATE.items():
            expected = {row.entity_id for row in changes if row.entity == entity}
            assert set(connection.execute(select(table.c.id)).scalars()) == expected, entity
        for entity in ("customer", "case"):
            newest: dict[str, int] = {}
            for row in changes:
                if row.entity == entity:
                    newest[row.entity_id] = max(newest.get(row.entity_id, 0), row.version)
            table = STATE[entity]
            versions = connection.execute(select(table.c.id, table.c.version)).all()
            assert {row.id: row.version for row in versions} == newest, entity
        # One workstation: a batch sent again must be recognised, never taken for a concurrent edit.
        assert connection.execute(select(central.conflicts.c.id)).first() is None


def assert_whole_batches(station: Station, engine: Engine, pending: list[str]) -> tuple[int, int]:
    """After a fault: the central side holds whole batches from the start of what was pending, and the
    workstation marked none as sent that is not there. (central, marked) counts of ``pending``."""
    present = set(_central_change_ids(engine))
    arrived = [change_id in present for change_id in pending]
    count = sum(arrived)
    assert arrived == [True] * count + [False] * (len(pending) - count), f"not in order (seed {SEED})"
    assert count % BATCH == 0 or count == len(pending), f"{count}: half a batch applied (seed {SEED})"
    marked = station.sent(pending)
    assert marked <= count, f"{marked} marked sent but only {count} arrived (seed {SEED})"
    assert count - marked <= BATCH, f"{count - marked} arrived but unmarked: more than one batch"
    assert_consistent(engine)
    return count, marked


def assert_exactly_once(station: Station, engine: Engine) -> None:
    rows = station.outbox()
    assert [row.change_id for row in rows if row.sent_at is None] == []
    central_ids = _central_change_ids(engine)
    assert len(central_ids) == len(set(central_ids)) == len(rows), f"seed {SEED}"
    assert set(central_ids) == {row.change_id for row in rows}
    assert_consistent(engine)


def recover(station: Station, engine: Engine, rounds: int = 10) -> list[SyncReport]:
    """Rounds until nothing is pending (as the runner's timer would), at most ``rounds``."""
    reports: list[SyncReport] = []
    for _ in range(rounds):
        reports.append(sync_once(station.store, engine, station.ctx, batch=50))
        if reports[-1].ok and reports[-1].pending == 0:
            return reports
        time.sleep(0.2)
    raise AssertionError(f"no complete round in {rounds}: {[r.error for r in reports]}")


# --- a workstation process killed -----------------------------------------------------------------


def test_a_worker_killed_at_random_moments_loses_and_doubles_nothing(
    station: Station, sync_url: str, sync_engine: Engine, central_engine: Engine, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    start = functools.partial(station.worker, sync_url, tmp_path / "worker.log")
    outcomes: Counter[str] = Counter()
    with WorkerPool(start, total=RANDOM_KILL_RUNS) as pool:
        for _run in range(RANDOM_KILL_RUNS):
            worker = pool.take()
            pending = station.add_work()
            # A random point of the push (a number of changes in), then up to about two batches' time
            # more: the kill lands before, inside or between batches, in a commit, or in the pull.
            _kill_after(worker, central_engine, rng.randrange(len(pending) + 1), rng.uniform(0, 0.04))
            outcomes[_outcome(*assert_whole_batches(station, central_engine, pending), len(pending))] += 1
            recover(station, sync_engine)
            assert_exactly_once(station, central_engine)
    print(f"\nseed {SEED}; kills: {dict(outcomes)}")


def _kill_after(worker: SyncWorker, engine: Engine, changes: int, seconds: float) -> None:
    """Start the round; SIGKILL it ``seconds`` after ``changes`` more changes arrived centrally."""
    count = select(func.count()).select_from(central.changes)
    with engine.connect() as connection:
        target = connection.execute(count).scalar_one() + changes
        connection.rollback()
        worker.go()
        deadline = time.monotonic() + ROUND_TIMEOUT_S
        while worker.process.poll() is None and time.monotonic() < deadline:
            if connection.execute(count).scalar_one() >= target:
                break
            connection.rollback()
            time.sleep(0.002)
    time.sleep(seconds)
    worker.kill()


def _outcome(arrived: int, marked: int, pending: int) -> str:
    if arrived == 0 or arrived > marked:
        return "before any commit" if arrived == 0 else "between central commit and local mark"
    return "after the push (in the pull)" if arrived == pending else "mid-push"


@pytest.mark.parametrize("moment", ["inside a batch", "between central commit and local mark"])
def test_a_worker_killed_at_the_worst_moments_loses_and_doubles_nothing(
    station: Station, sync_url: str, sync_engine: Engine, central_url: str, central_engine: Engine,
    tmp_path: Path, moment: str,
) -> None:  # fmt: skip
    rng = random.Random(SEED)
    start = functools.partial(station.worker, sync_url, tmp_path / "worker.log")
    with WorkerPool(start, total=GATED_KILL_RUNS) as pool:
        for run in range(GATED_KILL_RUNS):
            worker = pool.take()
            pending = station.add_work()
            through = rng.randrange(math.ceil(len(pending) / BATCH) - 1)  # whole batches before the kill
            with postgres.advisory_gate(central_url, GATE) as gate:
                worker.go()
                postgres.let_through(gate, GATE, through)  # the next batch waits at the gate, open
                if moment == "inside a batch":
                    worker.kill()
                    expected = (through * BATCH, through * BATCH)
                else:
                    with holding_write_lock(station.store.paths.store):
                        postgres.let_one_through(gate, GATE)  # committed; marking it sent now waits
                        worker.kill()
                    expected = ((through + 1) * BATCH, through * BATCH)
            assert assert_whole_batches(station, central_engine, pending) == expected, (SEED, run)
            reports = recover(station, sync_engine)
            assert reports[0].duplicates == expected[0] - expected[1]  # sent again, taken once
            assert_exactly_once(station, central_engine)


# --- the line to the central database cut ----------------------------------------------------------


def test_a_cut_inside_a_batch_fails_the_round_and_the_next_completes(
    station: Station, sync_url: str, central_url: str, central_engine: Engine
) -> None:
    pending = station.add_work()
    with proxy_for(sync_url) as proxy:
        engine = create_central_engine(proxy.url_for(sync_url))
        try:
            with postgres.advisory_gate(central_url, GATE) as gate:
                round_ = BackgroundRound(station.store, engine, station.ctx, BATCH)
                postgres.let_through(gate, GATE, 2)  # two batches in; the third one waits, open
                proxy.cut()
                report = round_.result()
            assert report.error is not None and report.error.code == "central_unreachable"
            assert report.pending == len(pending) - 2 * BATCH
            assert assert_whole_batches(station, central_engine, pending) == (2 * BATCH, 2 * BATCH)
            still_cut = sync_once(station.store, engine, station.ctx, batch=BATCH)
            assert still_cut.error is not None and still_cut.pending == report.pending
            proxy.restore()
            recover(station, engine)
        finally:
            engine.dispose()
    assert_exactly_once(station, central_engine)


def test_cuts_after_random_byte_counts_never_leave_half_a_batch(
    station: Station, sync_url: str, central_engine: Engine
) -> None:
    rng = random.Random(SEED)
    with proxy_for(sync_url) as proxy:
        engine = create_central_engine(proxy.url_for(sync_url))
        try:
            station.add_work()
            recover(station, engine)  # the bytes a round of this size sends
            volume = proxy.bytes_up
            outcomes: Counter[str] = Counter()
            for run in range(CUT_RUNS):
                pending = station.add_work()
                cuts = proxy.cuts
                proxy.cut_after(rng.randrange(1, volume + volume // 20))  # in the push, the pull, or not
                report = BackgroundRound(station.store, engine, station.ctx, BATCH).result()
                proxy.restore()
                cut = proxy.cuts > cuts
                assert (report.error is not None) == cut, (SEED, run, report.error)
                state = assert_whole_batches(station, central_engine, pending)
                outcomes[_outcome(*state, len(pending)) if cut else "not cut"] += 1
                recover(station, engine)
                assert_exactly_once(station, central_engine)
            print(f"\nseed {SEED}; cuts: {dict(outcomes)}")
            assert outcomes["not cut"] <= CUT_RUNS // 2, f"too few rounds were cut (seed {SEED})"
        finally:
            engine.dispose()


# --- the central server restarted ------------------------------------------------------------------


@pytest.fixture(scope="module")
def own_server() -> Iterator[postgres.ThrowawayCluster]:
    """A cluster of this module's own: restarting it disturbs no other test."""
    try:
        postgres.find_bin_dir()
    except RuntimeError as exc:
        pytest.skip(str(exc))
    with postgres.dedicated_cluster() as cluster:
        yield cluster


class OwnCentral(NamedTuple):
    url: str  # the DBA's
    admin: Engine  # for the checks
    sync: Engine  # the branch role's, for the rounds


@pytest.fixture
def own_central(own_server: postgres.ThrowawayCluster) -> Iterator[OwnCentral]:
    from app.sync.central_admin import grant_branch

    with postgres.fresh_database(own_server.url) as url:
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(postgres.conninfo(own_server.url), autocommit=True) as admin:
            # The test clusters run with synchronous_commit=off for speed; a crash would then lose
            # commits already confirmed to the client, which no client can make up for. Production
            # servers keep it on; so does this database.
            admin.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = on')
        engine = create_central_engine(url)
        upgrade_central(engine)
        role = f"bd_{BRANCH}_{name[-10:]}"  # roles are cluster-wide; this cluster is ours alone
        grant_branch(url, role, BRANCH)
        sync = create_central_engine(make_url(url).set(username=role).render_as_string(hide_password=False))
        try:
            yield OwnCentral(url, engine, sync)
        finally:
            sync.dispose()
            engine.dispose()


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_a_server_restart_mid_push_then_sync_completes(
    station: Station, own_server: postgres.ThrowawayCluster, own_central: OwnCentral, mode: str
) -> None:
    pending = station.add_work()
    with postgres.advisory_gate(own_central.url, GATE) as gate:
        round_ = BackgroundRound(station.store, own_central.sync, station.ctx, BATCH)
        postgres.let_through(gate, GATE, 2)
        postgres.restart_cluster(own_server, mode)  # drops the gate's connection too
    report = round_.result()
    assert report.error is not None and report.error.code == "central_unreachable"
    assert assert_whole_batches(station, own_central.admin, pending) == (2 * BATCH, 2 * BATCH)
    recover(station, own_central.sync)
    assert_exactly_once(station, own_central.admin)


def test_a_server_restart_at_a_random_moment_then_sync_completes(
    station: Station, own_server: postgres.ThrowawayCluster, own_central: OwnCentral
) -> None:
    rng = random.Random(SEED)
    station.add_work()
    recover(station, own_central.sync)  # warm: the pool holds connections that the restart will break
    pending = station.add_work(PEOPLE_PER_RUN * 3)
    round_ = BackgroundRound(station.store, own_central.sync, station.ctx, BATCH)
    time.sleep(rng.uniform(0.0, 0.3))
    postgres.restart_cluster(own_server, "fast")
    round_.result()  # failed or, if it was quick, complete
    assert_whole_batches(station, own_central.admin, pending)
    recover(station, own_central.sync)
    assert_exactly_once(station, own_central.admin)
