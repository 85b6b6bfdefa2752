"""Validate a whole customer form (CustomerDraft) at once, collecting one message per field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from app.domain import ConsentPurpose, CustomerDraft, IdType, KycStatus, RiskLevel
from app.errors import InvalidValue, ValidationError
from app.messages import Message
from app.validation.id_numbers import validate_id_number
from app.validation.phones import validate_card, validate_mobile
from app.validation.text import validate_address, validate_name, validate_organisation_name

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class NormalisedCustomer:
    """A customer draft whose values passed validation, in their stored (normalised) form."""

    name: str
    id_type: IdType
    id_number: str
    mobile: str
    address: str
    accounts: tuple[str, ...]
    risk_level: RiskLevel
    kyc_status: KycStatus
    consent_given: bool
    consent_purpose: ConsentPurpose


def validate_accounts(raw_accounts: tuple[str, ...]) -> tuple[str, ...]:
    """Validate each card/account number; blank entries are skipped, duplicates dropped in order."""
    accounts: dict[str, None] = {}  # a dict keeps first-seen order
    for raw in raw_accounts:
        if not raw.strip():
            continue  # an empty row left in the form is not an account
        accounts.setdefault(validate_card(raw), None)
    return tuple(accounts)


def _check(errors: dict[str, Message], field: str, validate: Callable[[], T]) -> T | None:
    try:
        return validate()
    except InvalidValue as exc:
        errors[field] = exc.message
        return None


def check_customer_draft(
    draft: CustomerDraft,
) -> tuple[NormalisedCustomer | None, dict[str, Message]]:
    """Validate every field; return the normalised customer, or None and all field messages."""
    errors: dict[str, Message] = {}
    id_type = IdType(draft.id_type)
    # An organisation (USCC) is registered under its company name, which may hold brackets
    # and digits that a person's name may not.
    validate_holder = validate_organisation_name if id_type is IdType.USCC else validate_name
    name = _check(errors, "name", lambda: validate_holder(draft.name))
    id_number = _check(errors, "id_number", lambda: validate_id_number(id_type, draft.id_number))
    mobile = _check(errors, "mobile", lambda: validate_mobile(draft.mobile))
    address = _check(errors, "address", lambda: validate_address(draft.address))
    accounts = _check(errors, "accounts", lambda: validate_accounts(draft.accounts))
    if not draft.consent_given:
        errors["consent"] = Message("consent_required")
    if errors:
        return None, errors
    assert name is not None and id_number is not None and mobile is not None
    assert address is not None and accounts is not None
    return (
        NormalisedCustomer(
            name=name,
            id_type=id_type,
            id_number=id_number,
            mobile=mobile,
            address=address,
            accounts=accounts,
            risk_level=RiskLevel(draft.risk_level),
            kyc_status=KycStatus(draft.kyc_status),
            consent_given=True,
            consent_purpose=ConsentPurpose(draft.consent_purpose),
        ),
        {},
    )


def validate_customer_draft(draft: CustomerDraft) -> NormalisedCustomer:
    """Return the normalised customer or raise ValidationError with every field's message."""
    customer, errors = check_customer_draft(draft)
    if customer is None:
        raise ValidationError(errors)
    return customer
