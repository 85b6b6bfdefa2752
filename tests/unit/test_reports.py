"""Supervision figures against values worked out by hand (tests/support/reports.py describes the cases)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from app.context import ServiceContext
from app.domain import CaseKind, Role
from app.errors import PermissionDenied
from app.report_domain import ClockRate, Count, Figures, HotSpot, Period, ReportFilter
from app.services import reports
from app.store import OpenedStore
from db.local_schema import cases
from tests.support.customers import with_role
from tests.support.reports import HANDLER, build_report_cases

OCTOBER = Period.month("2026-10")


@pytest.fixture
def report_ctx(store: OpenedStore, supervisor_ctx: ServiceContext, known_customer: str) -> ServiceContext:
    return build_report_cases(store, supervisor_ctx, known_customer)


def figures_for(store: OpenedStore, ctx: ServiceContext, **changes: object) -> Figures:
    flt = dataclasses.replace(ReportFilter(OCTOBER), **changes)  # type: ignore[arg-type]
    with store.transaction() as session:
        return reports.figures(session, ctx, flt)


def test_snapshot_counts_open_cases_as_the_queue_does(store: OpenedStore, report_ctx: ServiceContext) -> None:
    snapshot = figures_for(store, report_ctx).snapshot
    # B (resolution breached after the reopening), C (department contact breached), F (warning).
    assert (snapshot.open, snapshot.overdue, snapshot.warning) == (3, 2, 1)
    assert snapshot.due_today == 3  # F is due at 10:01 today; the overdue ones count too, as in the queue


def test_period_totals_rates_and_medians(store: OpenedStore, report_ctx: ServiceContext) -> None:
    figures = figures_for(store, report_ctx)
    assert figures.received == 4  # A, B, C, F; D was received in September
    assert (figures.resolved, figures.reopened, figures.reopen_rate) == (2, 1, 0.5)
    assert (figures.complaints_resolved, figures.complaints_called_back, figures.callback_rate) == (2, 2, 1.0)
    # first responses: A 3 min, C 60 min (transfer), B 120 min; F none yet
    assert figures.median_first_response_minutes == pytest.approx(60.0, abs=1e-3)
    # first resolutions: A 24 h, B 49 h
    assert figures.median_resolution_hours == pytest.approx(36.5, abs=1e-4)
    satisfaction = figures.satisfaction
    assert (satisfaction.scored, satisfaction.satisfied, satisfaction.rate) == (2, 1, 0.5)
    assert (satisfaction.promoters, satisfaction.detractors, satisfaction.nps) == (1, 1, 0.0)


def test_on_time_rate_per_clock(store: OpenedStore, report_ctx: ServiceContext) -> None:
    clocks = {rate.clock: rate for rate in figures_for(store, report_ctx).clocks}
    assert clocks["counter_response"] == ClockRate("counter_response", met=1, late=1, breached=0, running=1)
    assert clocks["counter_response"].rate == 0.5  # A in 3 min, C transferred after 60; F still running
    assert clocks["department_contact"] == ClockRate("department_contact", 0, 0, 1, 0)
    assert clocks["department_result"] == ClockRate("department_result", 0, 0, 1, 0)
    # B's resolution stopped these three; reopened on 10-15 11:00 they run again from there (48 h,
    # 48 h, urgent 24 h) and are past due now (app/sla.py's rule). C's resolution has until 10-22.
    assert clocks["initial_investigation"] == ClockRate("initial_investigation", 1, 0, 1, 0)
    assert clocks["progress_feedback"] == ClockRate("progress_feedback", 1, 0, 1, 0)
    assert clocks["resolution"] == ClockRate("resolution", 1, 0, 1, 1)
    assert clocks["customer_feedback"] == ClockRate("customer_feedback", 2, 0, 0, 0)
    assert clocks["regulatory_decision"] == ClockRate("regulatory_decision", 2, 0, 0, 0)


def test_clock_figures_agree_with_the_deadline_engine(store: OpenedStore, report_ctx: ServiceContext) -> None:
    from app.services import case_records as records
    from app.sla import ClockState

    expected: dict[str, list[int]] = {}
    column = {ClockState.MET: 0, ClockState.MET_LATE: 1, ClockState.BREACHED: 2}
    with store.transaction() as session:
        for number_row in session.execute(select(cases.c.id).where(cases.c.received_at >= OCTOBER.start)):
            row = records.load_case(session, number_row.id)
            for clock in records.current_clocks(session, report_ctx, row):
                expected.setdefault(clock.name, [0, 0, 0, 0])[column.get(clock.state, 3)] += 1
    found = {
        rate.clock: [rate.met, rate.late, rate.breached, rate.running]
        for rate in figures_for(store, report_ctx).clocks
    }
    assert {name: counts for name, counts in found.items() if any(counts)} == expected


def test_breakdowns_trend_and_hot_spots(store: OpenedStore, report_ctx: ServiceContext) -> None:
    figures = figures_for(store, report_ctx)
    me = report_ctx.actor.staff_id
    assert figures.by_category == (Count("C0101", 2), Count("C0102", 1), Count("C0201", 1))
    assert figures.by_category_group == (Count("C01", 3), Count("C02", 1))
    assert figures.by_channel == (Count("counter", 3), Count("phone", 1))
    assert figures.by_type == (Count("service", 3), Count("system", 1))
    # the product dimension: F was taken without a business category
    assert figures.by_business == (Count("B030102", 2), Count("", 1), Count("B030103", 1))
    assert figures.by_business_group == (Count("B03", 3), Count("", 1))
    assert figures.by_staff == tuple(sorted((Count(me, 3), Count(HANDLER, 1)), key=lambda c: -c.count))
    assert figures.trend_weekly == (Count("2026-10-12", 3), Count("2026-10-19", 1))
    assert figures.trend_monthly == (
        Count("2026-05", 0),
        Count("2026-06", 0),
        Count("2026-07", 0),
        Count("2026-08", 0),
        Count("2026-09", 1),
        Count("2026-10", 4),
    )
    assert figures.hot_spots == (HotSpot("C0101", 2, 0), HotSpot("C0102", 1, 0), HotSpot("C0201", 1, 0))


def test_filters_by_kind_staff_and_branch(store: OpenedStore, report_ctx: ServiceContext) -> None:
    assert figures_for(store, report_ctx, kinds=frozenset({CaseKind.COMPLAINT})).received == 2
    handler = figures_for(store, report_ctx, owner=HANDLER)
    assert (handler.received, handler.snapshot.open, handler.snapshot.overdue) == (1, 1, 1)
    assert figures_for(store, report_ctx, branch="9999").received == 0
    assert figures_for(store, report_ctx, branch=None).received == 4
    september = figures_for(store, report_ctx, period=Period.month("2026-09"))
    assert (september.received, september.hot_spots) == (1, (HotSpot("C0401", 1, 0),))


def test_case_lines_and_attention_table(store: OpenedStore, report_ctx: ServiceContext) -> None:
    flt = ReportFilter(OCTOBER)
    with store.transaction() as session:
        lines = [line for page in reports.case_lines(session, report_ctx, flt) for line in page]
        attention = reports.attention_lines(session, report_ctx, flt)
        assert reports.count_case_lines(session, report_ctx, flt) == 4
    assert [line.satisfaction for line in lines] == [5, 3, None, None]
    assert lines[0].first_response_minutes == pytest.approx(3.0, abs=1e-3)
    assert lines[1].resolution_hours == pytest.approx(49.0, abs=1e-4)
    assert all(line.masked_customer_name and "*" in line.masked_customer_name for line in lines)
    # B (reopened, overdue) and C (overdue); not F (in warning only)
    assert [line.number for line in attention] == [lines[1].number, lines[2].number]


def test_only_supervisors_and_auditors_see_the_figures(
    store: OpenedStore, report_ctx: ServiceContext
) -> None:
    with pytest.raises(PermissionDenied):
        figures_for(store, with_role(report_ctx, Role.TELLER))
    assert figures_for(store, with_role(report_ctx, Role.AUDITOR)).received == 4


def test_month_periods() -> None:
    assert (OCTOBER.first.isoformat(), OCTOBER.last.isoformat()) == ("2026-10-01", "2026-10-31")
    assert OCTOBER.previous() == Period.month("2026-09")
    assert Period.month("2026-01").previous() == Period.month("2025-12")
    with pytest.raises(ValueError):
        Period.month("2026-13")


def test_weekly_trend_keys_weeks_by_their_monday_and_leaves_out_empty_ones(
    store: OpenedStore, report_ctx: ServiceContext
) -> None:
    # Wednesday 09-16 to Tuesday 10-13: D (Sunday 09-20) counts under Monday 09-14, before the period's
    # first day; A, B (10-12) and C (10-13) under 10-12; the three weeks between have no cases.
    period = Period(dt.date(2026, 9, 16), dt.date(2026, 10, 13))
    trend = figures_for(store, report_ctx, period=period).trend_weekly
    assert trend == (Count("2026-09-14", 1), Count("2026-10-12", 3))
