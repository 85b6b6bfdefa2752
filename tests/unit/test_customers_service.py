"""Customer use cases against a real SQLite store: register, find, update with history, reveal, refusals."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select, update

from app.context import ServiceContext
from app.domain import CustomerDraft, CustomerField, CustomerRef, Role
from app.errors import DecryptionFailed, PermissionDenied, StaleVersion, ValidationError
from app.services import audit_log, customers
from app.store import OpenedStore
from db.local_schema import audit_log as audit_table
from db.local_schema import customer_changes
from db.local_schema import customers as customers_table
from tests.support.customers import KNOWN, with_role


def _count(store: OpenedStore, table) -> int:  # type: ignore[no-untyped-def]
    with store.transaction() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.mark.parametrize(
    "term",
    ["11010519491231002X", "110105 19491231 002x", "139 1234 5678", "+86 13912345678", "6222020200112233446"],
)
def test_find_by_id_mobile_or_card_shows_masked_values(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, term: str
) -> None:
    with store.transaction() as session:
        found = customers.find_customers(session, ctx, term)
    assert [summary.id for summary in found] == [known_customer]
    assert found[0].masked_name == "欧***"
    assert found[0].masked_id_number == "1****************X"
    assert found[0].masked_mobile == "139****5678"


def test_old_15_digit_id_finds_the_18_digit_registration(store: OpenedStore, ctx: ServiceContext) -> None:
    draft = dataclasses.replace(KNOWN, id_number="110105491231002")  # 15-digit card of the same person
    with store.transaction() as session:
        ref, _ = customers.register_customer(session, ctx, draft)
    with store.transaction() as session:
        assert [s.id for s in customers.find_customers(session, ctx, "11010519491231002X")] == [ref.id]


def test_unknown_number_finds_nobody_and_bad_term_is_explained(
    store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    with store.transaction() as session:
        assert customers.find_customers(session, ctx, "13800000000") == []
    with pytest.raises(ValidationError) as raised, store.transaction() as session:
        customers.find_customers(session, ctx, "张")
    assert raised.value.field_errors["term"].code == "search_unrecognised"


def test_invalid_draft_reports_every_field_and_writes_nothing(
    store: OpenedStore, ctx: ServiceContext
) -> None:
    bad = dataclasses.replace(
        KNOWN, name="", id_number="110105194912310021", mobile="12345", consent_given=False
    )
    with pytest.raises(ValidationError) as raised, store.transaction() as session:
        customers.register_customer(session, ctx, bad)
    errors = raised.value.field_errors
    assert errors["name"].code == "required"
    assert errors["id_number"].code == "rid_checksum"
    assert errors["mobile"].code == "mobile_format"
    assert errors["consent"].code == "consent_required"
    assert _count(store, customers_table) == 0
    assert _count(store, audit_table) == 0


def test_same_id_number_cannot_be_registered_twice(
    store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    other = dataclasses.replace(KNOWN, mobile="13700001111", accounts=())
    with pytest.raises(ValidationError) as raised, store.transaction() as session:
        customers.register_customer(session, ctx, other)
    assert raised.value.field_errors["id_number"].code == "duplicate_id"
    assert _count(store, customers_table) == 1


def test_update_records_who_when_why_and_which_fields_but_no_values(
    store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    changed = dataclasses.replace(KNOWN, mobile="13800138000", address="上海市浦东新区世纪大道100号")
    with store.transaction() as session:
        ref, changes = customers.update_customer(
            session, ctx, CustomerRef(known_customer, 1), changed, "客户更换手机号"
        )
    assert ref.version == 2 and known_customer in changes.customers
    with store.transaction() as session:
        detail = customers.get_customer(session, ctx, known_customer)
        found = customers.find_customers(session, ctx, "13800138000")
        assert customers.find_customers(session, ctx, "13912345678") == []
        stored_fields = session.execute(select(customer_changes.c.fields)).scalars().all()
    assert [s.id for s in found] == [known_customer]
    latest = detail.history[0]
    assert (latest.action, set(latest.fields), latest.reason) == (
        "updated",
        {"mobile", "address"},
        "客户更换手机号",
    )
    assert latest.staff_id == ctx.actor.staff_id
    assert all("138" not in fields for fields in stored_fields)


def test_update_needs_a_reason_and_the_current_version(
    store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    changed = dataclasses.replace(KNOWN, mobile="13800138000")
    with pytest.raises(ValidationError) as raised, store.transaction() as session:
        customers.update_customer(session, ctx, CustomerRef(known_customer, 1), changed, " ")
    assert raised.value.field_errors["reason"].code == "reason_required"
    with store.transaction() as session:
        customers.update_customer(session, ctx, CustomerRef(known_customer, 1), changed, "更换号码")
    with pytest.raises(StaleVersion), store.transaction() as session:
        customers.update_customer(session, ctx, CustomerRef(known_customer, 1), KNOWN, "用旧版本覆盖")
    with store.transaction() as session:
        assert customers.load_for_edit(session, ctx, known_customer).draft.mobile == "13800138000"


def test_reveal_returns_the_value_and_is_logged_without_it(
    store: OpenedStore, ctx: ServiceContext, supervisor_ctx: ServiceContext, known_customer: str
) -> None:
    with store.transaction() as session:
        value, changes = customers.reveal_field(
            session, ctx, known_customer, CustomerField.MOBILE, "核对客户身份"
        )
    assert value == "13912345678" and changes.audit
    with store.transaction() as session:
        entries = audit_log.recent_entries(session, supervisor_ctx)
    reveal = entries[0]
    assert (reveal.action, reveal.object_id, reveal.detail) == (
        "customer.reveal",
        known_customer,
        "field=mobile",
    )
    assert reveal.staff_id == ctx.actor.staff_id and reveal.workstation == ctx.actor.workstation


def test_reveal_without_reason_is_refused_and_not_logged(
    store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    before = _count(store, audit_table)
    with pytest.raises(ValidationError), store.transaction() as session:
        customers.reveal_field(session, ctx, known_customer, CustomerField.NAME, "")
    assert _count(store, audit_table) == before


def test_auditor_cannot_register_or_reveal(
    store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    auditor = with_role(ctx, Role.AUDITOR)
    other = dataclasses.replace(KNOWN, id_number="110105194912310038")
    with pytest.raises(PermissionDenied), store.transaction() as session:
        customers.register_customer(session, auditor, other)
    with pytest.raises(PermissionDenied), store.transaction() as session:
        customers.reveal_field(session, auditor, known_customer, CustomerField.NAME, "查看")
    assert _count(store, customers_table) == 1


def test_a_value_copied_from_another_customer_row_fails_to_decrypt(
    store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    other = CustomerDraft(
        name="李四",
        id_type=KNOWN.id_type,
        id_number="110105194912310038",
        mobile="13700001111",
        consent_given=True,
    )
    with store.transaction() as session:
        other_ref, _ = customers.register_customer(session, ctx, other)
        stolen = session.execute(
            select(customers_table.c.name_ct).where(customers_table.c.id == known_customer)
        ).scalar_one()
        session.execute(
            update(customers_table).where(customers_table.c.id == other_ref.id).values(name_ct=stolen)
        )
    with pytest.raises(DecryptionFailed), store.transaction() as session:
        customers.get_customer(session, ctx, other_ref.id)
