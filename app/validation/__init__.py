"""Validators for values typed at the counter; each returns the normalised value or raises InvalidValue."""

from __future__ import annotations

from app.validation.customer import (
    NormalisedCustomer,
    check_customer_draft,
    validate_accounts,
    validate_customer_draft,
)
from app.validation.id_numbers import (
    validate_id_number,
    validate_passport,
    validate_resident_id,
    validate_uscc,
)
from app.validation.phones import validate_card, validate_mobile
from app.validation.search import recognise_search_term
from app.validation.text import (
    has_control_chars,
    validate_address,
    validate_name,
    validate_organisation_name,
    validate_reason,
)

__all__ = [
    "NormalisedCustomer",
    "check_customer_draft",
    "has_control_chars",
    "recognise_search_term",
    "validate_accounts",
    "validate_address",
    "validate_card",
    "validate_customer_draft",
    "validate_id_number",
    "validate_mobile",
    "validate_name",
    "validate_organisation_name",
    "validate_passport",
    "validate_reason",
    "validate_resident_id",
    "validate_uscc",
]
