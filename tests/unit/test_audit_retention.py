"""The operation log is kept at least three years; purging older entries keeps the chain verifiable."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app import audit, audit_chain
from app.audit_retention import purge_expired
from app.config import load_settings
from app.context import ServiceContext
from app.domain import Role
from app.errors import ConfigInvalid
from app.store import OpenedStore
from db.local_schema import audit_log
from tests.support.cases import MovableClock, at_time
from tests.support.customers import with_role


def test_a_retention_below_three_years_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigInvalid) as raised:
        load_settings(
            {"audit_retention_years": "2"}, environ={}, site_file=tmp_path / "x", user_file=tmp_path / "y"
        )
    assert "3 years" in str(raised.value)


def test_only_entries_past_retention_go_and_the_chain_still_verifies(
    store: OpenedStore, ctx: ServiceContext
) -> None:
    clock = MovableClock(dt.datetime(2021, 1, 10, tzinfo=dt.UTC))
    timed = at_time(with_role(ctx, Role.ADMIN), clock)
    with store.transaction() as session:
        for month in range(12 * 5):  # one entry a month for five years
            audit.record(session, timed, "test.action", "thing", f"n{month}")
            clock.advance(days=30)
    with store.transaction() as session:
        before = session.execute(select(func.count()).select_from(audit_log)).scalar_one()
        report = purge_expired(session, timed, years=3)
        oldest = session.execute(select(func.min(audit_log.c.at))).scalar_one()
        after = session.execute(select(func.count()).select_from(audit_log)).scalar_one()
        chain = audit_chain.verify(session, ctx.crypto)
    assert report.removed > 0 and after == before - report.removed + 1  # +1: the purge is logged
    assert oldest >= report.cutoff and report.cutoff.year == clock.now.year - 3
    assert chain.ok, chain.first_break


def test_purging_needs_an_administrator(store: OpenedStore, ctx: ServiceContext) -> None:
    from app.errors import PermissionDenied

    with pytest.raises(PermissionDenied), store.transaction() as session:
        purge_expired(session, ctx, years=3)
