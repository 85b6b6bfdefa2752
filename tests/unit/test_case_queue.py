"""The queue's questions answered in SQL: filters by status, deadline standing, owner, search; order."""

from __future__ import annotations

import datetime as dt

import pytest

from app.case_domain import CaseFilter, CaseRef, CaseSort, SlaFlag
from app.context import ServiceContext
from app.domain import CaseKind, CaseStatus, Channel, ComplaintType, Severity
from app.errors import ValidationError
from app.services import case_actions, cases, intake
from app.store import OpenedStore
from tests.support.cases import MovableClock, at_time, complaint_for
from tests.support.customers import KNOWN

START = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)  # Monday 10:00 China time


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(START)


@pytest.fixture
def timed(ctx: ServiceContext, clock: MovableClock) -> ServiceContext:
    return at_time(ctx, clock)


@pytest.fixture
def queue(
    store: OpenedStore, timed: ServiceContext, known_customer: str, clock: MovableClock
) -> dict[str, str]:
    """An urgent complaint, a general one, and an inquiry answered and closed on the spot."""
    causes = [c.code for c in timed.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE]
    made = {}
    with store.transaction() as session:
        urgent, _ = intake.submit_case(
            session, timed, complaint_for(known_customer, causes[0], severity=Severity.URGENT)
        )
        made["urgent"] = urgent.id
        clock.advance(minutes=1)
        general, _ = intake.submit_case(session, timed, complaint_for(known_customer, causes[1]))
        made["general"] = general.id
        inquiry = complaint_for(
            None, causes[0], kind=CaseKind.INQUIRY, channel=Channel.PHONE, summary="Rates?"
        )
        ref, _ = intake.submit_case(session, timed, inquiry)
        ref, _ = case_actions.change_status(session, timed, ref, CaseStatus.RESOLVED)
        ref, _ = case_actions.close_case(session, timed, ref)
        made["inquiry"] = ref.id
        for case_id in (urgent.id, general.id):
            detail = cases.get_case(session, timed, case_id)
            ref = CaseRef(detail.id, detail.number, detail.version)
            case_actions.change_status(session, timed, ref, CaseStatus.ACKNOWLEDGED)  # counter response met
    return made


def _ids(store: OpenedStore, ctx: ServiceContext, **flt: object) -> list[str]:
    with store.transaction() as session:
        return cases.case_ids(session, ctx, CaseFilter(**flt), CaseSort.DEADLINE)  # type: ignore[arg-type]


def test_nearest_deadline_first_and_closed_cases_last(
    store: OpenedStore, timed: ServiceContext, queue: dict[str, str]
) -> None:
    assert _ids(store, timed) == [queue["urgent"], queue["general"], queue["inquiry"]]
    assert _ids(store, timed, open_only=True) == [queue["urgent"], queue["general"]]


def test_warning_and_overdue_follow_the_clock(
    store: OpenedStore, timed: ServiceContext, queue: dict[str, str], clock: MovableClock
) -> None:
    assert _ids(store, timed, overdue=True) == []
    clock.advance(hours=20)  # 75% of the urgent complaint's 24 hours has passed
    assert _ids(store, timed, warning=True) == [queue["urgent"]]
    clock.advance(hours=5)
    assert _ids(store, timed, overdue=True) == [queue["urgent"]]
    with store.transaction() as session:
        rows = cases.case_rows(session, timed, [queue["urgent"], queue["general"]])
    assert [row.sla for row in rows] == [SlaFlag.OVERDUE, SlaFlag.ON_TIME]
    assert rows[0].masked_customer_name.startswith(KNOWN.name[0]) and "*" in rows[0].masked_customer_name


def test_search_by_case_number_or_customer_id(
    store: OpenedStore, timed: ServiceContext, queue: dict[str, str]
) -> None:
    with store.transaction() as session:
        number = cases.get_case(session, timed, queue["general"]).number
    assert _ids(store, timed, search=number) == [queue["general"]]
    assert set(_ids(store, timed, search=KNOWN.id_number)) == {queue["urgent"], queue["general"]}
    with pytest.raises(ValidationError), store.transaction() as session:
        cases.case_ids(session, timed, CaseFilter(search="abc"), CaseSort.DEADLINE)


def test_counts_match_the_filters(store: OpenedStore, timed: ServiceContext, queue: dict[str, str]) -> None:
    with store.transaction() as session:
        assert cases.count_cases(session, timed, CaseFilter()) == 3
        assert cases.count_cases(session, timed, CaseFilter(kinds=frozenset({CaseKind.COMPLAINT}))) == 2
        assert cases.count_cases(session, timed, CaseFilter(mine=True)) == 3
        assert cases.count_cases(session, timed, CaseFilter(statuses=frozenset({CaseStatus.CLOSED}))) == 1
