"""Case intake against a real store: numbering, routing, encryption, deadlines, refusals, duplicates."""

from __future__ import annotations

import dataclasses
import re

import pytest
from sqlalchemy import func, select

from app.calendar import CHINA_TZ
from app.case_domain import AgentDetails, CaseDraft, DuplicateDecision
from app.context import ServiceContext
from app.domain import CaseEventKind, CaseKind, Channel, ComplaintType
from app.errors import CaseRuleViolation, ValidationError
from app.services import cases, intake
from app.store import OpenedStore
from db.local_schema import audit_log, case_events
from db.local_schema import cases as cases_table
from tests.support.cases import complaint_for


def _count(store: OpenedStore, table) -> int:  # type: ignore[no-untyped-def]
    with store.transaction() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture
def category(ctx: ServiceContext) -> str:
    """A service-type cause leaf of the national taxonomy."""
    return next(c.code for c in ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE)


def test_a_complaint_is_numbered_routed_owned_and_timed(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    with store.transaction() as session:
        ref, changes = intake.submit_case(session, ctx, complaint_for(known_customer, category))
    assert ref.id in changes.cases
    day = ctx.clock().astimezone(CHINA_TZ).strftime("%Y%m%d")
    assert ref.number == f"{ctx.actor.branch}-{ctx.actor.workstation}-{day}-0001"
    with store.transaction() as session:
        detail = cases.get_case(session, ctx, ref.id)
    assert detail.owner == detail.first_handler == ctx.actor.staff_id
    assert detail.department == ctx.reference.routing[ComplaintType.SERVICE].code
    assert detail.summary == "Card fee charged twice"
    assert [entry.kind for entry in detail.timeline] == [CaseEventKind.RECEIVED]
    assert {clock.name for clock in detail.clocks} >= {
        "resolution",
        "regulatory_decision",
        "counter_response",
    }
    assert detail.binding is not None and detail.binding.name == "counter_response"
    assert detail.masked_customer  # masked values only
    assert _count(store, audit_log) >= 1


def test_numbers_count_up_per_day_and_stay_unique(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    inquiry = CaseDraft(None, Channel.PHONE, CaseKind.INQUIRY, category, summary="Opening hours?")
    with store.transaction() as session:
        numbers = [intake.submit_case(session, ctx, inquiry)[0].number for _ in range(3)]
    assert [int(number.rsplit("-", 1)[1]) for number in numbers] == [1, 2, 3]
    assert all(re.fullmatch(r"\d{4}-WS01-\d{8}-\d{4}", number) for number in numbers)


def test_complaint_rules_report_every_missing_field_and_write_nothing(
    store: OpenedStore, ctx: ServiceContext, category: str
) -> None:
    bad = complaint_for(None, category, summary="", description=" ", desired_outcome="")
    with pytest.raises(ValidationError) as raised, store.transaction() as session:
        intake.submit_case(session, ctx, bad)
    assert set(raised.value.field_errors) >= {"customer_id", "summary", "description", "desired_outcome"}
    assert _count(store, cases_table) == 0 and _count(store, case_events) == 0


def test_unknown_category_and_incomplete_agent_are_refused(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    bad = complaint_for(known_customer, "NOT-A-CODE", agent=AgentDetails("Li Si", "", "13700001111", "POA-1"))
    with pytest.raises(ValidationError) as raised, store.transaction() as session:
        intake.submit_case(session, ctx, bad)
    assert raised.value.field_errors["category_code"].code == "unknown_category"
    assert raised.value.field_errors["agent"].code == "agent_incomplete"


def test_a_repeat_complaint_needs_a_decision_and_merge_keeps_one_case(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    with store.transaction() as session:
        first, _ = intake.submit_case(session, ctx, complaint_for(known_customer, category))
    again = complaint_for(known_customer, category, summary="Still not refunded")
    with pytest.raises(CaseRuleViolation), store.transaction() as session:
        intake.submit_case(session, ctx, again)
    with store.transaction() as session:
        found = intake.find_duplicates(session, ctx, known_customer, category)
        assert [candidate.id for candidate in found] == [first.id]
        merged, _ = intake.submit_case(
            session,
            ctx,
            dataclasses.replace(again, duplicate_decision=DuplicateDecision.MERGE, duplicate_of=first.id),
        )
    assert merged.id == first.id and merged.version == 2
    assert _count(store, cases_table) == 1
    with store.transaction() as session:
        kinds = [entry.kind for entry in cases.get_case(session, ctx, first.id).timeline]
    assert kinds == [CaseEventKind.RECEIVED, CaseEventKind.MERGED]


def test_new_facts_restart_the_clocks_and_separate_makes_a_new_case(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    with store.transaction() as session:
        first, _ = intake.submit_case(session, ctx, complaint_for(known_customer, category))
        again = complaint_for(known_customer, category, summary="New evidence")
        intake.submit_case(
            session,
            ctx,
            dataclasses.replace(again, duplicate_decision=DuplicateDecision.NEW_FACTS, duplicate_of=first.id),
        )
        other, _ = intake.submit_case(
            session, ctx, dataclasses.replace(again, duplicate_decision=DuplicateDecision.SEPARATE)
        )
    assert other.id != first.id
    assert _count(store, cases_table) == 2


def test_case_text_is_never_stored_in_plaintext(
    settings, store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:  # type: ignore[no-untyped-def]
    secret = "客户反映柜员王小明态度恶劣"
    with store.transaction() as session:
        intake.submit_case(session, ctx, complaint_for(known_customer, category, description=secret))
    store.close()
    for path in settings.data_paths.root.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path.name
