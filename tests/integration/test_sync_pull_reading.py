"""The pull reads the bulk rows column by column on the server and the next batch while the current one
is applied: the local rows are exactly those the pushed payloads give (as a customer's history fetched
on demand is applied), at any batch size, for an older client's rows too; a cancelled or cut pull keeps
whole batches and the next round completes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text

from app.config import Settings
from app.context import ServiceContext
from app.demo import fill_demo
from app.store import OpenedStore, build_context, open_store
from app.sync import central_pull, local_apply
from app.sync.control import CancelToken
from app.sync.engine import PULL_CURSOR, sync_once
from app.sync.pull import pull_changes
from app.sync.pulled_rows import PulledItem
from db import local_schema as local
from db.central_engine import create_central_engine
from db.repos import meta as meta_repo
from tests.conftest import make_settings
from tests.support.tcp_proxy import proxy_for

BRANCH = "0001"
# Every local table a pull writes, and the columns compared (not customer_lookup's own row number).
TABLES = {
    table.name: [column for column in table.c if not (table is local.customer_lookup and column.name == "id")]
    for table in (
        local.customers, local.customer_keys, local.customer_lookup, local.cases, local.case_events,
        local.customer_changes, local.audit_log, local.case_clocks, local.staff,
    )
}  # fmt: skip
# Every current-state row the branch may see, with its payload as pushed, in the server's order.
_PAYLOADS = text("""
    SELECT entity, id, seq, payload FROM (
        SELECT 'customer' AS entity, id, last_seq AS seq, payload FROM customers
        UNION ALL SELECT 'case', id, last_seq, payload FROM cases
        UNION ALL SELECT 'case_event', id, last_seq, payload FROM case_events
        UNION ALL SELECT 'customer_change', id, last_seq, payload FROM customer_changes
        UNION ALL SELECT 'audit', id, last_seq, payload FROM audit_log
        UNION ALL SELECT 'staff', id, last_seq, payload FROM staff) AS visible
     ORDER BY seq, entity
""")


@dataclasses.dataclass
class Workstation:
    settings: Settings
    store: OpenedStore
    ctx: ServiceContext

    def state(self) -> dict[str, list[tuple[Any, ...]]]:
        with self.store.transaction() as session:
            return {
                name: sorted(tuple(row) for row in session.execute(select(*columns)))
                for name, columns in TABLES.items()
            }

    def pull(
        self, engine: Engine, batch: int, cancel: CancelToken | None = None, progress: Any = None
    ) -> int:
        return pull_changes(
            self.store, engine, self.ctx, cancel or CancelToken(), batch, progress, set(), set()
        )

    def cursor(self) -> int:
        with self.store.transaction() as session:
            return int(meta_repo.get(session, PULL_CURSOR) or 0)

    def apply_payloads(self, engine: Engine) -> None:
        """The central rows applied as the payloads they were pushed as, in one batch."""
        with engine.connect() as connection:
            items = [PulledItem(*row) for row in connection.execute(_PAYLOADS)]
        with self.store.transaction() as session:
            local_apply.apply_batch(session, self.ctx, items)


@pytest.fixture
def open_workstation(tmp_path: Path, memory_keyring) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    opened: list[OpenedStore] = []
    # One moment for all: a running pause moves a due time with the clock.
    now = dt.datetime.now(dt.UTC)

    def make(name: str) -> Workstation:
        settings = make_settings(tmp_path / name, branch=BRANCH, workstation=name)
        store = open_store(settings)
        opened.append(store)
        return Workstation(
            settings, store, dataclasses.replace(build_context(store, settings), clock=lambda: now)
        )

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def central_history(tmp_path: Path, memory_keyring, central_engine: Engine) -> Engine:  # type: ignore[no-untyped-def]
    """Demo customers and cases with lived-in histories (callbacks, pauses, transfers ...) of WS01,
    pushed: the central database the other workstations pull from."""
    settings = make_settings(tmp_path / "WS01", branch=BRANCH, workstation="WS01")
    fill_demo(settings, customers=12, seed=7, cases=12)
    store = open_store(settings)
    try:
        assert sync_once(store, central_engine, build_context(store, settings)).ok
    finally:
        store.close()
    return central_engine


@pytest.mark.parametrize("batch", [7, 5000])
def test_the_rows_read_column_by_column_are_the_pushed_payloads(
    open_workstation, central_history: Engine, batch: int
) -> None:  # type: ignore[no-untyped-def]
    reference, puller = open_workstation("WS03"), open_workstation("WS02")
    reference.apply_payloads(central_history)
    with central_history.connect() as connection:
        total = central_pull.remaining(connection, BRANCH, "", 0)
    assert total > 3 * 7  # several batches at the small size

    shown: list[tuple[int, int]] = []  # what the progress bar is told: (done, of)
    assert puller.pull(central_history, batch, progress=lambda done, of: shown.append((done, of))) == total
    assert shown[-1] == (total, total) and {of for _, of in shown} == {total}  # counted alongside, exactly
    assert [done for done, _ in shown] == sorted({done for done, _ in shown})  # one report per batch, rising
    state = puller.state()
    assert state == reference.state()
    assert all(state[name] for name in ("customers", "cases", "case_events", "audit_log", "case_clocks"))


def test_an_older_clients_rows_and_times_in_another_zone_are_stored_as_their_payloads_say(
    open_workstation, central_history: Engine
) -> None:  # type: ignore[no-untyped-def]
    with central_history.begin() as connection:
        # A client before a column existed did not send it; another wrote a time with its own offset.
        older = connection.execute(
            text("UPDATE cases SET payload = payload #- '{row,business_code}'"
                 " WHERE id = (SELECT min(id) FROM cases) RETURNING id")
        ).scalar_one()  # fmt: skip
        event, at = connection.execute(
            text("SELECT id, payload->'row'->'at'->>'$ts' FROM case_events ORDER BY id LIMIT 1")
        ).one()
        connection.execute(
            text("UPDATE case_events SET payload = jsonb_set(payload, '{row,at,$ts}',"
                 " to_jsonb(CAST(:at AS text))) WHERE id = :id"),
            {"id": event, "at": _in_china_time(at)},
        )  # fmt: skip
    with central_history.connect() as connection:
        items = central_pull.pull_batch(connection, BRANCH, "", 0, 5000)
    case_rows = {item.id: item.row for item in items if item.entity == "case"}
    assert "business_code" not in case_rows.pop(older)
    assert case_rows and all("business_code" in row for row in case_rows.values())
    [event_row] = [item.row for item in items if item.id == event]
    assert event_row is not None and event_row["at"] == at  # the same moment, as the store writes times

    reference, puller = open_workstation("WS03"), open_workstation("WS02")
    reference.apply_payloads(central_history)
    puller.pull(central_history, 7)
    assert puller.state() == reference.state()


def _in_china_time(stored: str) -> str:
    return dt.datetime.fromisoformat(stored).astimezone(dt.timezone(dt.timedelta(hours=8))).isoformat()


def test_a_pull_cancelled_while_the_next_batch_is_read_keeps_whole_batches_and_resumes(
    open_workstation, central_history: Engine
) -> None:  # type: ignore[no-untyped-def]
    reference, puller = open_workstation("WS03"), open_workstation("WS02")
    reference.pull(central_history, 5000)
    cancel = CancelToken()
    seen: list[int] = []

    def cancel_after_the_second(done: int, total: int) -> None:
        seen.append(done)
        if len(seen) == 2:  # the third batch is being read by now
            cancel.cancel()

    pulled = puller.pull(central_history, 7, cancel, cancel_after_the_second)
    assert len(seen) == 2 and seen[-1] == pulled and 7 < pulled <= 14
    with central_history.connect() as connection:
        first = central_pull.pull_batch(connection, BRANCH, "", 0, 1000)
    assert puller.cursor() == first[pulled - 1].seq < first[pulled].seq  # whole batches, nothing skipped

    assert puller.pull(central_history, 7) > 0
    assert puller.state() == reference.state()


def test_a_connection_cut_while_the_next_batch_is_read_fails_the_round_and_the_next_completes(
    open_workstation, central_history: Engine, central_url: str
) -> None:  # type: ignore[no-untyped-def]
    reference, puller = open_workstation("WS03"), open_workstation("WS02")
    reference.pull(central_history, 5000)
    with proxy_for(central_url) as proxy:
        engine = create_central_engine(proxy.url_for(central_url))
        try:

            def cut_after_the_first(done: int, total: int) -> None:
                if not proxy.cuts:  # the next batch is being read by now
                    proxy.cut()

            report = sync_once(puller.store, engine, puller.ctx, batch=7, progress=cut_after_the_first)
            assert report.error is not None and report.error.code == "central_unreachable"
            cursor = puller.cursor()
            assert cursor > 0  # the batches applied before the cut stay, with their cursor
            proxy.restore()
            assert sync_once(puller.store, engine, puller.ctx, batch=7).ok
        finally:
            engine.dispose()
    assert puller.state() == reference.state()
