"""Tests for app.demo_data: deterministic, valid, unique and plausibly distributed drafts."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from stdnum.cn import ric, uscc

from app.demo_data import (
    REGIONS,
    card_number,
    generate_customer_drafts,
    mobile_number,
    resident_id,
)
from app.domain import CustomerDraft, IdType, LookupKind
from app.validation import check_customer_draft, recognise_search_term
from app.validation.id_numbers import region_is_known
from app.validation.phones import luhn_is_valid


@pytest.fixture(scope="module")
def drafts() -> list[CustomerDraft]:
    return list(generate_customer_drafts(1000, seed=20250101))


def test_count_and_determinism(drafts: list[CustomerDraft]) -> None:
    assert len(drafts) == 1000
    assert list(generate_customer_drafts(1000, seed=20250101)) == drafts
    assert list(generate_customer_drafts(50, seed=2)) != drafts[:50]
    assert list(generate_customer_drafts(0, seed=1)) == []


def test_every_draft_passes_validation(drafts: list[CustomerDraft]) -> None:
    for draft in drafts:
        customer, errors = check_customer_draft(draft)
        assert errors == {}, draft
        assert customer is not None
        # Generated values are already in normalised form.
        assert (customer.name, customer.id_number, customer.mobile) == (
            draft.name,
            draft.id_number,
            draft.mobile,
        )
        assert customer.accounts == draft.accounts
        assert draft.consent_given


def test_id_numbers_are_unique(drafts: list[CustomerDraft]) -> None:
    assert len({draft.id_number for draft in drafts}) == len(drafts)


def test_mix_of_document_types(drafts: list[CustomerDraft]) -> None:
    kinds = Counter(draft.id_type for draft in drafts)
    assert kinds[IdType.RESIDENT_ID] > 900
    assert 10 <= kinds[IdType.USCC] <= 60
    assert 5 <= kinds[IdType.PASSPORT] <= 40
    assert any(
        len(draft.name) >= 3 and draft.name[:2] in {"欧阳", "司马", "上官", "诸葛", "东方"}
        for draft in drafts
    )
    organisations = [draft for draft in drafts if draft.id_type is IdType.USCC]
    assert all(draft.name.endswith("有限公司") for draft in organisations)
    assert all(uscc.is_valid(draft.id_number) for draft in organisations)
    assert Counter(len(draft.accounts) for draft in drafts).keys() >= {0, 1, 2}
    assert len({draft.risk_level for draft in drafts}) == 3
    assert len({draft.kyc_status for draft in drafts}) == 3


def test_search_finds_each_generated_value(drafts: list[CustomerDraft]) -> None:
    for draft in drafts[:300]:
        assert recognise_search_term(draft.id_number) == (LookupKind.ID_NUMBER, draft.id_number)
        assert recognise_search_term(draft.mobile) == (LookupKind.MOBILE, draft.mobile)
        for account in draft.accounts:
            assert recognise_search_term(account) == (LookupKind.CARD, account)


def test_region_codes_are_real() -> None:
    assert len(REGIONS) >= 40
    assert len({code[:2] for code, _place in REGIONS}) >= 30  # spread over the provinces
    for code, place in REGIONS:
        assert region_is_known(code), code
        assert place.endswith(("区", "市")), place


def test_building_blocks() -> None:
    rng = random.Random(7)
    for _ in range(200):
        number = resident_id(rng)
        assert 1945 <= int(number[6:10]) <= 2006
        assert ric.calc_check_digit(number) == number[-1]
        card = card_number(rng)
        assert card.startswith("62") and len(card) in (16, 19) and luhn_is_valid(card)
        mobile = mobile_number(rng)
        assert len(mobile) == 11 and mobile[:3] != "154"
