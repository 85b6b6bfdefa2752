"""Tests for app.demo_cases through app.demo.fill_demo: the demo staff take in and handle the cases."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.config import Settings
from app.context import ServiceContext
from app.demo import fill_demo
from app.demo_cases import HANDLERS, add_demo_cases
from app.domain import CaseEventKind
from app.operator import local_actor
from app.store import OpenedStore, open_store
from db.local_schema import case_events, cases, staff
from tests.conftest import make_settings


def _filled(settings: Settings) -> tuple[dict[str, str], list[tuple[str, str, str]], list[tuple[str, str]]]:
    """Usernames by staff id; (created_by, first_handler, owner) of each case oldest first; (kind, actor)
    of each timeline event."""
    fill_demo(settings, customers=15, seed=4, cases=40)
    by_age = select(cases.c.created_by, cases.c.first_handler, cases.c.owner).order_by(cases.c.received_at)
    store = open_store(settings)
    try:
        with store.transaction() as session:
            names = {id_: name for id_, name in session.execute(select(staff.c.id, staff.c.username))}
            rows = [(taker, first, owner) for taker, first, owner in session.execute(by_age)]
            events = [
                (kind, actor)
                for kind, actor in session.execute(select(case_events.c.kind, case_events.c.actor))
            ]
            return names, rows, events
    finally:
        store.close()


def test_demo_cases_belong_to_the_demo_staff(settings: Settings) -> None:
    names, rows, events = _filled(settings)
    handlers = {staff_id for staff_id, name in names.items() if name in ("demo.teller", "demo.supervisor")}
    supervisor = next(staff_id for staff_id, name in names.items() if name == "demo.supervisor")
    assert len(rows) == 40 and {taker for taker, _, _ in rows} == handlers  # both desks take cases in
    assert all(first == taker for taker, first, _ in rows)
    # A case transferred to a department belongs to its named handler there; every other one to its taker.
    owners = {owner for _, _, owner in rows}
    assert owners - set(HANDLERS) <= handlers and len(owners - set(HANDLERS)) > 1
    assert {actor for _, actor in events} <= handlers
    assert {actor for kind, actor in events if kind == CaseEventKind.REMEDY.value} == {supervisor}
    assert local_actor(settings).staff_id not in owners  # not the OS account that ran the command


def test_the_same_seed_gives_the_same_staff(settings: Settings, tmp_path: Path) -> None:
    names, rows, _ = _filled(settings)
    names_again, rows_again, _ = _filled(make_settings(tmp_path / "again"))
    assert [names[created_by] for created_by, _, _ in rows] == [
        names_again[created_by] for created_by, _, _ in rows_again
    ]


def test_without_staff_the_context_actor_takes_the_cases(
    store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    assert add_demo_cases(store.transaction, ctx, [known_customer], set(), 5, seed=1) == 5
    with store.transaction() as session:
        assert set(session.execute(select(cases.c.created_by)).scalars()) == {ctx.actor.staff_id}
