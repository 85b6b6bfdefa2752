"""A change the central database refuses for its data (here: a username another branch already took)
must not hold back the rest of the queue: it is set aside, kept, reported, and can be sent again."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from app.config import Settings
from app.context import ServiceContext
from app.domain import ComplaintType, Role
from app.services import customers, intake, staff
from app.store import OpenedStore, build_context, open_store
from app.sync.engine import sync_once
from db import central_schema as central
from db.repos import outbox as outbox_repo
from tests.conftest import make_settings
from tests.support.cases import complaint_for
from tests.support.customers import KNOWN, with_role
from ui.admin import main as admin_main

PASSWORD = "Counter2026!"


@pytest.fixture
def stores(tmp_path: Path, memory_keyring):  # type: ignore[no-untyped-def]
    opened: list[OpenedStore] = []

    def make(name: str, branch: str) -> tuple[Settings, OpenedStore, ServiceContext]:
        settings = make_settings(tmp_path / name, branch=branch, workstation=name)
        store = open_store(settings)
        opened.append(store)
        return settings, store, build_context(store, settings)

    yield make
    for store in opened:
        store.close()


def _category(ctx: ServiceContext) -> str:
    return next(c.code for c in ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE)


def _count(engine: Engine, table) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_a_refused_change_is_set_aside_and_the_rest_goes_through(stores, central_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    _, first_store, first = stores("WS01", "0001")
    _, store, ctx = stores("WS07", "0002")
    with first_store.transaction() as session:
        staff.add_staff(
            session, with_role(first, Role.ADMIN), "zhang.san", "Zhang San", Role.TELLER, PASSWORD
        )
    assert sync_once(first_store, central_engine, first).ok
    with store.transaction() as session:  # the same username, chosen offline in another branch
        staff.add_staff(session, with_role(ctx, Role.ADMIN), "zhang.san", "Zhang San", Role.TELLER, PASSWORD)
        customer, _ = customers.register_customer(session, ctx, KNOWN)
        intake.submit_case(session, ctx, complaint_for(customer.id, _category(ctx)))
        queued = outbox_repo.pending_count(session)

    report = sync_once(store, central_engine, ctx)

    assert report.error is None and report.refused == 1 and report.pending == 0
    assert report.pushed == queued - 1
    assert _count(central_engine, central.cases) == 1 and _count(central_engine, central.customers) == 1
    with store.transaction() as session:
        (refused,) = outbox_repo.refused(session)
        assert refused.entity == "staff" and "UniqueViolation" in refused.last_error
    # Kept, and the next round neither resends it nor forgets it.
    again = sync_once(store, central_engine, ctx)
    assert again.ok and again.refused == 1 and again.pushed == 0


def test_it_reports_and_requeues_refused_changes_from_the_command_line(  # type: ignore[no-untyped-def]
    stores, central_engine: Engine, central_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _, first_store, first = stores("WS01", "0001")
    settings, store, ctx = stores("WS07", "0002")
    for opened, context in ((first_store, first), (store, ctx)):
        with opened.transaction() as session:
            staff.add_staff(session, with_role(context, Role.ADMIN), "li.si", "Li Si", Role.TELLER, PASSWORD)
    assert sync_once(first_store, central_engine, first).ok
    store.close()
    arguments = ["--data-dir", str(settings.data_paths.root), "--set", f"central_url={central_url}",
                 "--set", f"keyring_backend={settings.keyring_backend}", "--set", "language=en",
                 "--set", "branch=0002", "--set", "workstation=WS07"]  # fmt: skip

    assert admin_main([*arguments, "sync", "--once"]) == 3  # refused: not everything went through
    assert "refused 1" in capsys.readouterr().out
    assert admin_main([*arguments, "sync", "--refused"]) == 0
    listing = capsys.readouterr().out
    assert "staff" in listing and "UniqueViolation" in listing and "li.si" not in listing

    with central_engine.begin() as connection:  # IT renames the first branch's account centrally
        connection.execute(text("UPDATE staff SET username = 'li.si.0001'"))
    assert admin_main([*arguments, "sync", "--requeue-refused"]) == 0
    output = capsys.readouterr().out
    assert "requeued 1" in output and "refused 0" in output
    assert _count(central_engine, central.staff) == 2
