"""The figures' kept outcomes: clocks as the deadline engine evaluates them, staff display names, backfill."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import delete, insert, select

from app.context import ServiceContext
from app.domain import CaseKind, Channel, Severity
from app.report_domain import Period, ReportFilter
from app.services import case_actions, case_records, intake, reports
from app.sla import ClockState
from app.store import OpenedStore
from db.local_schema import case_clocks, cases, meta, staff
from tests.support.cases import MovableClock, at_time
from tests.support.reports import HANDLER, _draft, build_report_cases, china

OCTOBER = Period.month("2026-10")
COLUMN = {ClockState.MET: 0, ClockState.MET_LATE: 1, ClockState.BREACHED: 2}


def _engine_counts(store: OpenedStore, ctx: ServiceContext) -> dict[str, list[int]]:
    expected: dict[str, list[int]] = {}
    with store.transaction() as session:
        for case_id in session.execute(
            select(cases.c.id).where(cases.c.received_at >= OCTOBER.start)
        ).scalars():
            for clock in case_records.current_clocks(session, ctx, case_records.load_case(session, case_id)):
                expected.setdefault(clock.name, [0, 0, 0, 0])[COLUMN.get(clock.state, 3)] += 1
    return expected


def _figure_counts(store: OpenedStore, ctx: ServiceContext, **changes: object) -> dict[str, list[int]]:
    flt = dataclasses.replace(ReportFilter(OCTOBER), **changes)  # type: ignore[arg-type]
    with store.transaction() as session:
        clocks = reports.figures(session, ctx, flt).clocks
    return {
        r.clock: [r.met, r.late, r.breached, r.running]
        for r in clocks
        if r.met + r.late + r.breached + r.running
    }


def test_a_pause_starting_after_the_due_time_does_not_save_the_clock(
    store: OpenedStore, supervisor_ctx: ServiceContext, known_customer: str
) -> None:
    report_ctx = build_report_cases(store, supervisor_ctx, known_customer)
    clock = MovableClock(china(10, 16, 9))
    timed = at_time(report_ctx, clock)
    draft = _draft(known_customer, CaseKind.COMPLAINT, Channel.COUNTER, "C0101", Severity.GENERAL)
    with store.transaction() as session:
        ref, _ = intake.submit_case(session, timed, draft)
    clock.now = china(11, 20, 9)  # its 15-day regulatory period ran out on 10-31
    with store.transaction() as session:
        case_actions.pause_for_appraisal(session, timed, ref, "Card fee audit", "Told by phone")
    later = dataclasses.replace(report_ctx, clock=lambda: china(11, 25, 9))
    found = _figure_counts(store, later)
    assert found == _engine_counts(store, later)
    assert found["regulatory_decision"] == [2, 0, 1, 0]  # A and B met; the late pause does not save it


def test_clocks_follow_the_owner_after_a_transfer(
    store: OpenedStore, supervisor_ctx: ServiceContext, known_customer: str
) -> None:
    report_ctx = build_report_cases(store, supervisor_ctx, known_customer)
    handler_clocks = _figure_counts(store, report_ctx, owner=HANDLER)
    assert handler_clocks == {
        "counter_response": [0, 1, 0, 0],
        "department_contact": [0, 0, 1, 0],
        "department_result": [0, 0, 1, 0],
        "resolution": [0, 0, 0, 1],
    }


def test_staff_breakdown_carries_display_names(
    store: OpenedStore, supervisor_ctx: ServiceContext, known_customer: str
) -> None:
    report_ctx = build_report_cases(store, supervisor_ctx, known_customer)
    now = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    with store.transaction() as session:
        session.execute(
            insert(staff).values(
                id="7d4c1a52-1f7e-4c59-9a43-8d1f0c2b9e61",
                username=HANDLER,
                display_name="Zhang Wei",
                branch=report_ctx.actor.branch,
                role="teller",
                password_phc="-",
                active=True,
                created_at=now,
                updated_at=now,
                version=1,
                failed_attempts=0,
            )
        )
        by_staff = reports.figures(session, report_ctx, ReportFilter(OCTOBER)).by_staff
        choices = dict(reports.staff_in_scope(session, report_ctx))
    assert {count.key: count.name for count in by_staff}[HANDLER] == "Zhang Wei"
    assert choices[HANDLER] == "Zhang Wei"


def test_an_upgraded_store_gets_its_clocks_before_the_first_figures(
    store: OpenedStore, supervisor_ctx: ServiceContext, known_customer: str
) -> None:
    report_ctx = build_report_cases(store, supervisor_ctx, known_customer)
    before = _figure_counts(store, report_ctx)
    with store.transaction() as session:  # as migration 0007 leaves a store that had cases
        session.execute(delete(case_clocks))
        session.execute(insert(meta).values(key=case_records.CLOCK_OUTCOMES_PENDING, value="1"))
    assert _figure_counts(store, report_ctx) == before
    with store.transaction() as session:
        assert (
            session.execute(
                select(meta.c.value).where(meta.c.key == case_records.CLOCK_OUTCOMES_PENDING)
            ).first()
            is None
        )
