"""The business category (JR/T 0169 投诉业务类别) of a case: checked at intake, kept, synced, filtered."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from app.case_domain import CaseFilter, CaseSort
from app.context import ServiceContext
from app.domain import CaseKind, CaseStatus, ComplaintType
from app.errors import ValidationError
from app.services import cases, intake
from app.store import OpenedStore
from app.sync import local_apply, outbox, payloads
from db.local_schema import outbox as outbox_table
from tests.support.cases import complaint_for

DEBIT_CARD_FEES = "B030102"
WEALTH = "B04"


@pytest.fixture
def category(ctx: ServiceContext) -> str:
    return next(c.code for c in ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.PRODUCT)


def test_a_known_business_category_is_kept_and_shown(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    with store.transaction() as session:
        ref, _ = intake.submit_case(
            session, ctx, complaint_for(known_customer, category, business_code=DEBIT_CARD_FEES)
        )
        assert cases.get_case(session, ctx, ref.id).business_code == DEBIT_CARD_FEES


def test_an_unknown_business_category_is_refused(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    # a cause code is not a business code, nor is a business group that has sub-categories
    for wrong in ("C0101", "B03", "B9"):
        with pytest.raises(ValidationError) as raised, store.transaction() as session:
            intake.submit_case(session, ctx, complaint_for(known_customer, category, business_code=wrong))
        assert raised.value.field_errors["business_code"].code == "unknown_business"


def test_the_service_takes_a_case_without_one_and_the_form_rule_asks_for_it(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    draft = complaint_for(known_customer, category)
    with store.transaction() as session:  # older callers (CLI, tests, sync) give none
        ref, _ = intake.submit_case(session, ctx, draft)
        assert cases.get_case(session, ctx, ref.id).business_code == ""
    asked = intake.check_case_draft(draft, ctx.reference, business_required=True)
    assert asked["business_code"].code == "required"
    inquiry = complaint_for(known_customer, category, kind=CaseKind.INQUIRY)
    assert "business_code" not in intake.check_case_draft(inquiry, ctx.reference, business_required=True)


def test_the_queue_filters_by_business_code_and_by_none_given(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    with store.transaction() as session:
        fees, _ = intake.submit_case(
            session, ctx, complaint_for(known_customer, category, business_code=DEBIT_CARD_FEES)
        )
        inquiry = complaint_for(known_customer, category, kind=CaseKind.INQUIRY, summary="Rates?")
        unclassified, _ = intake.submit_case(session, ctx, inquiry)

        def ids(codes: set[str]) -> list[str]:
            flt = CaseFilter(business_codes=frozenset(codes))
            return cases.case_ids(session, ctx, flt, CaseSort.NEWEST)

        assert ids({DEBIT_CARD_FEES}) == [fees.id]
        assert ids({""}) == [unclassified.id]
        assert set(ids({DEBIT_CARD_FEES, ""})) == {fees.id, unclassified.id}
        assert ids({WEALTH}) == []


def _pulled(row: dict[str, object], seq: int) -> local_apply.PulledItem:
    return local_apply.PulledItem(outbox.CASE, str(row["id"]), seq, {"row": payloads.encode_row(row)})


def test_a_pulled_case_keeps_its_business_code_and_an_older_payload_leaves_it(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    with store.transaction() as session:
        ref, _ = intake.submit_case(
            session, ctx, complaint_for(known_customer, category, business_code=DEBIT_CARD_FEES)
        )
        row = payloads.decode_row(outbox.case_snapshot(session, ref.id)["row"])
        assert row["business_code"] == DEBIT_CARD_FEES
        session.execute(delete(outbox_table))  # as if pushed: nothing local holds the pulled rows back

    newer = {**row, "business_code": WEALTH, "version": row["version"] + 1}
    with store.transaction() as session:
        assert local_apply.apply(session, ctx, _pulled(newer, 1))
        assert cases.get_case(session, ctx, ref.id).business_code == WEALTH

    # a client from before the business category sends its rows without the column
    older = {key: value for key, value in newer.items() if key != "business_code"}
    older.update(status=CaseStatus.ACKNOWLEDGED.value, version=newer["version"] + 1)
    with store.transaction() as session:
        assert local_apply.apply(session, ctx, _pulled(older, 2))
        detail = cases.get_case(session, ctx, ref.id)
    assert (detail.status, detail.business_code) == (CaseStatus.ACKNOWLEDGED, WEALTH)


def test_a_row_from_a_newer_client_applies_without_the_columns_this_version_lacks(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, category: str
) -> None:
    with store.transaction() as session:
        ref, _ = intake.submit_case(session, ctx, complaint_for(known_customer, category))
        row = payloads.decode_row(outbox.case_snapshot(session, ref.id)["row"])
        session.execute(delete(outbox_table))
    newer = {**row, "status": CaseStatus.ACKNOWLEDGED.value, "version": row["version"] + 1}
    newer["a_column_of_a_later_version"] = "x"  # a branch mid-rollout: the other PC is already upgraded
    with store.transaction() as session:
        assert local_apply.apply(session, ctx, _pulled(newer, 1))
        assert cases.get_case(session, ctx, ref.id).status is CaseStatus.ACKNOWLEDGED
