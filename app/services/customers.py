"""Customer use cases: register, update, find, show masked, reveal (logged), with change history."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from app import audit
from app.changes import Changes
from app.context import ServiceContext
from app.crypto.cipher import DataKey
from app.domain import (
    ConsentPurpose,
    CustomerChange,
    CustomerDetail,
    CustomerDraft,
    CustomerEditable,
    CustomerField,
    CustomerRef,
    CustomerSummary,
    IdType,
    KycStatus,
    LookupKind,
    RiskLevel,
)
from app.errors import InvalidValue, NotFound, StaleVersion, ValidationError
from app.messages import Message
from app.permissions import Permission, require
from app.sync import outbox
from app.validation.customer import NormalisedCustomer, validate_customer_draft
from app.validation.search import recognise_search_term
from app.validation.text import validate_reason
from db.repos import customers as repo

TABLE = "customers"
CHANGES_TABLE = "customer_changes"
COLUMNS: dict[CustomerField, str] = {
    CustomerField.NAME: "name_ct",
    CustomerField.ID_NUMBER: "id_number_ct",
    CustomerField.MOBILE: "mobile_ct",
    CustomerField.ADDRESS: "address_ct",
    CustomerField.ACCOUNTS: "accounts_ct",
}


def _plain_values(customer: NormalisedCustomer) -> dict[CustomerField, str]:
    return {
        CustomerField.NAME: customer.name,
        CustomerField.ID_NUMBER: customer.id_number,
        CustomerField.MOBILE: customer.mobile,
        CustomerField.ADDRESS: customer.address,
        CustomerField.ACCOUNTS: json.dumps(list(customer.accounts)),
    }


def _lookup_entries(ctx: ServiceContext, customer: NormalisedCustomer) -> list[tuple[str, int]]:
    entries = [
        (LookupKind.ID_NUMBER.value, ctx.crypto.blind_index(LookupKind.ID_NUMBER, customer.id_number)),
        (LookupKind.MOBILE.value, ctx.crypto.blind_index(LookupKind.MOBILE, customer.mobile)),
    ]
    entries += [
        (LookupKind.CARD.value, ctx.crypto.blind_index(LookupKind.CARD, card)) for card in customer.accounts
    ]
    return entries


def _decrypt(ctx: ServiceContext, key: DataKey, row: Row[Any], field: CustomerField) -> str:
    column = COLUMNS[field]
    return ctx.crypto.decrypt_text(key, TABLE, column, row.id, getattr(row, column))


def _customer_key(ctx: ServiceContext, row: Row[Any]) -> DataKey:
    return ctx.crypto.unwrap_customer_key(row.id, row.wrapped_key)


def _matches(ctx: ServiceContext, row: Row[Any], kind: LookupKind, value: str) -> bool:
    """Blind indexes are truncated, so every candidate is decrypted and compared exactly."""
    key = _customer_key(ctx, row)
    if kind is LookupKind.ID_NUMBER:
        return _decrypt(ctx, key, row, CustomerField.ID_NUMBER) == value
    if kind is LookupKind.MOBILE:
        return _decrypt(ctx, key, row, CustomerField.MOBILE) == value
    return value in json.loads(_decrypt(ctx, key, row, CustomerField.ACCOUNTS))


def _find_rows(session: Session, ctx: ServiceContext, kind: LookupKind, value: str) -> list[Row[Any]]:
    digest = ctx.crypto.blind_index(kind, value)
    return [row for row in repo.candidates(session, kind.value, digest) if _matches(ctx, row, kind, value)]


def _summary(ctx: ServiceContext, row: Row[Any]) -> CustomerSummary:
    key = _customer_key(ctx, row)
    masking = ctx.masking
    return CustomerSummary(
        id=row.id,
        id_type=IdType(row.id_type),
        masked_name=masking.mask_name(_decrypt(ctx, key, row, CustomerField.NAME)),
        masked_id_number=masking.mask_id_number(_decrypt(ctx, key, row, CustomerField.ID_NUMBER)),
        masked_mobile=masking.mask_mobile(_decrypt(ctx, key, row, CustomerField.MOBILE)),
    )


def _refuse_duplicate_id(
    session: Session, ctx: ServiceContext, customer: NormalisedCustomer, own_id: str
) -> None:
    for row in _find_rows(session, ctx, LookupKind.ID_NUMBER, customer.id_number):
        if row.id != own_id and row.id_type == customer.id_type.value:
            raise ValidationError({"id_number": Message("duplicate_id")})


def _checked_reason(reason: str) -> str:
    try:
        return validate_reason(reason)
    except InvalidValue as exc:
        raise ValidationError({"reason": exc.message}) from None


def _append_change(
    session: Session,
    ctx: ServiceContext,
    key: DataKey,
    customer_id: str,
    action: str,
    fields: Iterable[str],
    reason: str | None,
) -> None:
    """Append to the change history (变更登记) and enqueue the customer's new state for sync."""
    change_id = str(uuid.uuid4())
    reason_ct = (
        ctx.crypto.encrypt_text(key, CHANGES_TABLE, "reason_ct", change_id, reason) if reason else None
    )
    repo.append_change(
        session,
        {
            "id": change_id,
            "customer_id": customer_id,
            "at": ctx.clock(),
            "staff_id": ctx.actor.staff_id,
            "action": action,
            "fields": ",".join(fields),
            "reason_ct": reason_ct,
        },
    )
    outbox.customer_written(session, ctx, customer_id)
    outbox.customer_change_appended(session, ctx, change_id)


def register_customer(
    session: Session, ctx: ServiceContext, draft: CustomerDraft
) -> tuple[CustomerRef, Changes]:
    require(ctx.actor, Permission.CUSTOMER_WRITE)
    customer = validate_customer_draft(draft)
    customer_id = str(uuid.uuid4())
    _refuse_duplicate_id(session, ctx, customer, customer_id)
    wrapped, key = ctx.crypto.new_customer_key(customer_id)
    now = ctx.clock()
    encrypted = {
        COLUMNS[field]: ctx.crypto.encrypt_text(key, TABLE, COLUMNS[field], customer_id, value)
        for field, value in _plain_values(customer).items()
    }
    repo.insert_customer(
        session,
        {
            "id": customer_id,
            "branch": ctx.actor.branch,
            "id_type": customer.id_type.value,
            **encrypted,
            "risk_level": customer.risk_level.value,
            "kyc_status": customer.kyc_status.value,
            "consent_given": customer.consent_given,
            "consent_purpose": customer.consent_purpose.value,
            "consent_at": now,
            "created_at": now,
            "created_by": ctx.actor.staff_id,
            "updated_at": now,
            "updated_by": ctx.actor.staff_id,
            "version": 1,
        },
        {
            "customer_id": customer_id,
            "wrapped_key": wrapped,
            "org_key_id": ctx.crypto.org_key_id,
            "created_at": now,
        },
    )
    repo.replace_lookup(session, customer_id, _lookup_entries(ctx, customer))
    _append_change(session, ctx, key, customer_id, "registered", [f.value for f in COLUMNS], None)
    audit.record(session, ctx, "customer.register", "customer", customer_id)
    return CustomerRef(customer_id, 1), Changes.customer(customer_id)


def _load_row(session: Session, customer_id: str) -> Row[Any]:
    row = repo.get_customer(session, customer_id)
    if row is None:
        raise NotFound()
    return row


def update_customer(
    session: Session, ctx: ServiceContext, ref: CustomerRef, draft: CustomerDraft, reason: str
) -> tuple[CustomerRef, Changes]:
    require(ctx.actor, Permission.CUSTOMER_WRITE)
    errors: dict[str, Message] = {}
    try:
        customer = validate_customer_draft(draft)
    except ValidationError as exc:
        errors.update(exc.field_errors)
    try:
        reason = _checked_reason(reason)
    except ValidationError as exc:
        errors.update(exc.field_errors)
    if errors:
        raise ValidationError(errors)
    row = _load_row(session, ref.id)
    if row.version != ref.version:
        raise StaleVersion()
    _refuse_duplicate_id(session, ctx, customer, ref.id)
    key = _customer_key(ctx, row)
    new_values = _plain_values(customer)
    changed_fields = [field for field, value in new_values.items() if _decrypt(ctx, key, row, field) != value]
    values: dict[str, Any] = {
        COLUMNS[field]: ctx.crypto.encrypt_text(key, TABLE, COLUMNS[field], ref.id, new_values[field])
        for field in changed_fields
    }
    attributes = {
        "id_type": customer.id_type.value,
        "risk_level": customer.risk_level.value,
        "kyc_status": customer.kyc_status.value,
        "consent_given": customer.consent_given,
        "consent_purpose": customer.consent_purpose.value,
    }
    changed_attributes = [name for name, value in attributes.items() if getattr(row, name) != value]
    if not changed_fields and not changed_attributes:
        return ref, Changes()
    values |= {name: attributes[name] for name in changed_attributes}
    now = ctx.clock()
    if "consent_purpose" in changed_attributes or "consent_given" in changed_attributes:
        values["consent_at"] = now
    values |= {"updated_at": now, "updated_by": ctx.actor.staff_id}
    if not repo.update_customer(session, ref.id, ref.version, values):
        raise StaleVersion()
    repo.replace_lookup(session, ref.id, _lookup_entries(ctx, customer))
    fields = [field.value for field in changed_fields] + changed_attributes
    _append_change(session, ctx, key, ref.id, "updated", fields, reason)
    audit.record(session, ctx, "customer.update", "customer", ref.id, detail="fields=" + ",".join(fields))
    return CustomerRef(ref.id, ref.version + 1), Changes.customer(ref.id)


def find_customers(session: Session, ctx: ServiceContext, term: str) -> list[CustomerSummary]:
    require(ctx.actor, Permission.CUSTOMER_READ)
    try:
        kind, value = recognise_search_term(term)
    except InvalidValue as exc:
        raise ValidationError({"term": exc.message}) from None
    found = [_summary(ctx, row) for row in _find_rows(session, ctx, kind, value)]
    audit.record(
        session, ctx, "customer.search", "customer", "-", detail=f"kind={kind.value} found={len(found)}"
    )
    return found


def recent_customers(session: Session, ctx: ServiceContext, limit: int = 50) -> list[CustomerSummary]:
    require(ctx.actor, Permission.CUSTOMER_READ)
    return [_summary(ctx, row) for row in repo.recent(session, limit)]


def _masked(ctx: ServiceContext, key: DataKey, row: Row[Any]) -> dict[CustomerField, str]:
    masked = {}
    for field in CustomerField:
        value = _decrypt(ctx, key, row, field)
        if field is CustomerField.ACCOUNTS:
            masked[field] = ctx.masking.mask_accounts(tuple(json.loads(value)))
        else:
            masked[field] = ctx.masking.mask_field(field, value)
    return masked


def masked_fields(session: Session, ctx: ServiceContext, customer_id: str) -> dict[CustomerField, str]:
    """A customer's personal fields, masked, for views of other records (cases, receipts)."""
    require(ctx.actor, Permission.CUSTOMER_READ)
    row = _load_row(session, customer_id)
    return _masked(ctx, _customer_key(ctx, row), row)


def customer_ids_matching(session: Session, ctx: ServiceContext, term: str) -> list[str]:
    """Ids of the customers a full ID / mobile / card number belongs to (blind index + exact compare)."""
    require(ctx.actor, Permission.CUSTOMER_READ)
    try:
        kind, value = recognise_search_term(term)
    except InvalidValue as exc:
        raise ValidationError({"search": exc.message}) from None
    return [row.id for row in _find_rows(session, ctx, kind, value)]


def get_customer(session: Session, ctx: ServiceContext, customer_id: str) -> CustomerDetail:
    require(ctx.actor, Permission.CUSTOMER_READ)
    row = _load_row(session, customer_id)
    key = _customer_key(ctx, row)
    masked = _masked(ctx, key, row)
    history = tuple(
        CustomerChange(
            at=change.at,
            staff_id=change.staff_id,
            action=change.action,
            fields=tuple(filter(None, change.fields.split(","))),
            reason=(
                ctx.crypto.decrypt_text(key, CHANGES_TABLE, "reason_ct", change.id, change.reason_ct)
                if change.reason_ct
                else ""
            ),
        )
        for change in repo.changes_for(session, customer_id)
    )
    return CustomerDetail(
        id=row.id,
        version=row.version,
        id_type=IdType(row.id_type),
        masked=masked,
        risk_level=RiskLevel(row.risk_level),
        kyc_status=KycStatus(row.kyc_status),
        consent_given=row.consent_given,
        consent_purpose=ConsentPurpose(row.consent_purpose),
        consent_at=row.consent_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
        branch=row.branch,
        history=history,
    )


def load_for_edit(session: Session, ctx: ServiceContext, customer_id: str) -> CustomerEditable:
    """Decrypted values for the edit form; opening a record for editing is an audited access."""
    require(ctx.actor, Permission.CUSTOMER_WRITE)
    row = _load_row(session, customer_id)
    key = _customer_key(ctx, row)
    draft = CustomerDraft(
        name=_decrypt(ctx, key, row, CustomerField.NAME),
        id_type=IdType(row.id_type),
        id_number=_decrypt(ctx, key, row, CustomerField.ID_NUMBER),
        mobile=_decrypt(ctx, key, row, CustomerField.MOBILE),
        address=_decrypt(ctx, key, row, CustomerField.ADDRESS),
        accounts=tuple(json.loads(_decrypt(ctx, key, row, CustomerField.ACCOUNTS))),
        risk_level=RiskLevel(row.risk_level),
        kyc_status=KycStatus(row.kyc_status),
        consent_given=row.consent_given,
        consent_purpose=ConsentPurpose(row.consent_purpose),
    )
    audit.record(session, ctx, "customer.open_for_edit", "customer", customer_id)
    return CustomerEditable(CustomerRef(row.id, row.version), draft)


def reveal_field(
    session: Session, ctx: ServiceContext, customer_id: str, field: CustomerField, reason: str
) -> tuple[str, Changes]:
    """The full value of one field, for a stated reason; the reveal is recorded in the operation log."""
    require(ctx.actor, Permission.CUSTOMER_REVEAL)
    reason = _checked_reason(reason)
    row = _load_row(session, customer_id)
    value = _decrypt(ctx, _customer_key(ctx, row), row, field)
    if field is CustomerField.ACCOUNTS:
        value = ", ".join(json.loads(value))
    audit.record(
        session,
        ctx,
        "customer.reveal",
        "customer",
        customer_id,
        detail=f"field={field.value}",
        private_note=reason,
    )
    return value, Changes(audit=True)
