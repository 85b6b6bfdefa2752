"""Retention: closed cases and idle customers past their period are purged; legal holds stop it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func, select, update

from app.context import ServiceContext
from app.domain import CaseKind, ComplaintType
from app.services import intake
from app.services.retention import place_hold, purge_expired
from app.store import OpenedStore
from db.local_schema import cases, customer_keys, customers
from tests.support.cases import complaint_for


def _count(store: OpenedStore, table) -> int:  # type: ignore[no-untyped-def]
    with store.transaction() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def test_expired_records_are_purged_unless_held(
    store: OpenedStore, supervisor_ctx: ServiceContext, known_customer: str
) -> None:
    ctx = supervisor_ctx
    code = next(c.code for c in ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE)
    long_ago = dt.datetime(2019, 1, 2, tzinfo=dt.UTC)
    with store.transaction() as session:
        ids = [
            intake.submit_case(session, ctx, complaint_for(known_customer, code, kind=CaseKind.INQUIRY))[0].id
            for _ in range(2)
        ]
        session.execute(update(cases).values(status="closed", closed_at=long_ago))
        session.execute(update(customers).values(updated_at=long_ago))
        hold = place_hold(session, ctx, "case", ids[0], "Litigation preservation order 2026-17")
    later = dataclasses.replace(ctx, clock=lambda: dt.datetime(2026, 11, 26, tzinfo=dt.UTC))
    with store.transaction() as session:
        report = purge_expired(session, later, case_years=5, customer_years=5)
    assert (report.cases_purged, report.held_back, report.customers_erased) == (1, 1, ())
    assert _count(store, cases) == 1
    assert hold
    # Once the held case goes too, the idle customer is erased by the policy.
    with store.transaction() as session:
        session.execute(update(cases).values(status="closed"))
        from db.local_schema import legal_holds

        session.execute(update(legal_holds).values(released_at=long_ago, released_by="x"))
    with store.transaction() as session:
        report = purge_expired(session, later, case_years=5, customer_years=5)
    assert report.cases_purged == 1 and report.customers_erased == (known_customer,)
    assert _count(store, customer_keys) == 0


def test_nothing_recent_is_touched(
    store: OpenedStore, supervisor_ctx: ServiceContext, known_customer: str
) -> None:
    with store.transaction() as session:
        report = purge_expired(session, supervisor_ctx, case_years=5, customer_years=5)
    assert report == type(report)(0, (), 0)
    assert _count(store, customer_keys) == 1
