"""The lifecycle enforced in app/: the full path, illegal moves refused without a trace, closing rules."""

from __future__ import annotations

import pytest

from app.case_domain import CallbackDraft, CaseRef
from app.context import ServiceContext
from app.domain import CaseKind, CaseStatus, ComplaintType, Role
from app.errors import BranchDeskError, CaseRuleViolation, IllegalTransition, StaleVersion
from app.lifecycle import TRANSITIONS
from app.services import callbacks, case_actions, cases, intake
from app.store import OpenedStore
from tests.support.cases import complaint_for
from tests.support.customers import with_role


@pytest.fixture
def category(ctx: ServiceContext) -> str:
    return next(c.code for c in ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.PRODUCT)


def _new_complaint(store: OpenedStore, ctx: ServiceContext, customer: str, category: str) -> CaseRef:
    with store.transaction() as session:
        ref, _ = intake.submit_case(session, ctx, complaint_for(customer, category, duplicate_decision=None))
    return ref


PATH_TO = {
    CaseStatus.NEW: [],
    CaseStatus.ACKNOWLEDGED: [CaseStatus.ACKNOWLEDGED],
    CaseStatus.IN_PROGRESS: [CaseStatus.IN_PROGRESS],
    CaseStatus.WAITING: [CaseStatus.IN_PROGRESS, CaseStatus.WAITING],
    CaseStatus.RESOLVED: [CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED],
    CaseStatus.WITHDRAWN: [CaseStatus.WITHDRAWN],
}


def _walk(store: OpenedStore, ctx: ServiceContext, ref: CaseRef, statuses: list[CaseStatus]) -> CaseRef:
    for status in statuses:
        with store.transaction() as session:
            if status is CaseStatus.WITHDRAWN:
                ref, _ = case_actions.withdraw_case(session, ctx, ref, "客户撤回投诉")
            else:
                ref, _ = case_actions.change_status(session, ctx, ref, status)
    return ref


@pytest.mark.parametrize("start", list(PATH_TO))
def test_every_illegal_status_change_is_refused_and_changes_nothing(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str, start: CaseStatus
) -> None:
    with store.transaction() as session:  # a fresh customer-less inquiry per start state
        ref, _ = intake.submit_case(
            session,
            ctx,
            complaint_for(None, category, kind=CaseKind.INQUIRY, summary="Question"),
        )
    ref = _walk(store, ctx, ref, PATH_TO[start])
    with store.transaction() as session:
        before = cases.get_case(session, ctx, ref.id)
    for target in CaseStatus:
        if target in TRANSITIONS[start] and target is not CaseStatus.CLOSED:
            continue
        if target is CaseStatus.CLOSED and start is CaseStatus.RESOLVED:
            continue  # an inquiry may close once resolved
        with pytest.raises((IllegalTransition, CaseRuleViolation)), store.transaction() as session:
            case_actions.change_status(session, ctx, ref, target)
        with store.transaction() as session:
            after = cases.get_case(session, ctx, ref.id)
        assert (after.version, after.status, len(after.timeline)) == (
            before.version,
            before.status,
            len(before.timeline),
        )


def test_a_complaint_from_intake_to_close(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    ref = _new_complaint(store, ctx, known_customer, category)
    with store.transaction() as session:
        ref, _ = case_actions.change_status(session, ctx, ref, CaseStatus.ACKNOWLEDGED)
        ref, _ = case_actions.add_note(session, ctx, ref, "Called the card centre", customer_contact=True)
        ref, _ = case_actions.transfer_case(session, ctx, ref, "BRANCH", "zhang.wei", "需要网点核实")
        ref, _ = case_actions.change_status(session, ctx, ref, CaseStatus.IN_PROGRESS)
        ref, _ = case_actions.change_status(session, ctx, ref, CaseStatus.RESOLVED)
    with pytest.raises(CaseRuleViolation) as raised, store.transaction() as session:
        case_actions.close_case(session, ctx, ref)
    assert raised.value.message.code == "close_needs_callback"
    with store.transaction() as session:
        ref, _ = callbacks.record_callback(
            session, ctx, ref, CallbackDraft(reached=False, comment="no answer")
        )
        ref, _ = callbacks.record_callback(
            session, ctx, ref, CallbackDraft(reached=True, accepts_result=True, satisfaction=5)
        )
        ref, _ = case_actions.close_case(session, ctx, ref)
        detail = cases.get_case(session, ctx, ref.id)
    assert detail.status is CaseStatus.CLOSED
    assert detail.first_handler == ctx.actor.staff_id and detail.owner == "zhang.wei"
    assert detail.binding is None  # nothing left running


def test_only_a_supervisor_closes_a_complaint_without_callback(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    ref = _walk(
        store, ctx, _new_complaint(store, ctx, known_customer, category), PATH_TO[CaseStatus.RESOLVED]
    )
    with pytest.raises(CaseRuleViolation) as raised, store.transaction() as session:
        case_actions.close_case(session, ctx, ref, override_reason="客户联系不上")
    assert raised.value.message.code == "override_needs_supervisor"
    supervisor = with_role(ctx, Role.SUPERVISOR)
    with store.transaction() as session:
        ref, _ = case_actions.close_case(session, supervisor, ref, override_reason="客户多次联系不上")
        assert cases.get_case(session, ctx, ref.id).status is CaseStatus.CLOSED


def test_reopen_a_closed_case_and_stale_versions_are_refused(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    ref = _walk(
        store, ctx, _new_complaint(store, ctx, known_customer, category), PATH_TO[CaseStatus.RESOLVED]
    )
    stale = ref
    with store.transaction() as session:
        ref, _ = callbacks.record_callback(
            session, ctx, ref, CallbackDraft(reached=True, accepts_result=False, satisfaction=2)
        )
        ref, _ = case_actions.reopen_case(session, ctx, ref, "客户不接受处理结果")
        detail = cases.get_case(session, ctx, ref.id)
    assert (detail.status, detail.reopen_count) == (CaseStatus.IN_PROGRESS, 1)
    with pytest.raises(StaleVersion), store.transaction() as session:
        case_actions.add_note(session, ctx, stale, "late note")


def test_an_auditor_reads_but_changes_nothing(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    ref = _new_complaint(store, ctx, known_customer, category)
    auditor = with_role(ctx, Role.AUDITOR)
    with pytest.raises(BranchDeskError), store.transaction() as session:
        case_actions.add_note(session, auditor, ref, "should not be written")
    with store.transaction() as session:
        assert len(cases.get_case(session, auditor, ref.id).timeline) == 1


def test_another_branchs_case_is_read_only_here(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    import dataclasses

    ref = _new_complaint(store, ctx, known_customer, category)
    elsewhere = dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, branch="0002"))
    with pytest.raises(CaseRuleViolation) as raised, store.transaction() as session:
        case_actions.add_note(session, elsewhere, ref, "not my branch")
    assert raised.value.message.code == "case_other_branch"
    with store.transaction() as session:
        assert len(cases.get_case(session, elsewhere, ref.id).timeline) == 1  # readable, unchanged
