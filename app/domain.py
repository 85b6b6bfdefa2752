"""Plain values of the domain: customers, staff, roles. No ORM, no Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class IdType(StrEnum):
    RESIDENT_ID = "resident_id"  # 居民身份证
    PASSPORT = "passport"
    USCC = "uscc"  # 统一社会信用代码 (organisations)


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class KycStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    EXPIRED = "expired"


class Role(StrEnum):
    TELLER = "teller"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    AUDITOR = "auditor"


class ConsentPurpose(StrEnum):
    """Why the customer's data is held (PIPL Art. 13/17: purpose recorded with consent)."""

    SERVICE = "service"  # handling the customer's own cases and requests
    COMPLAINT = "complaint"  # complaint handling as required by regulation
    ACCOUNT = "account"  # account and card servicing


class CustomerField(StrEnum):
    """Personal fields that are stored encrypted and shown masked."""

    NAME = "name"
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    ADDRESS = "address"
    ACCOUNTS = "accounts"


class LookupKind(StrEnum):
    """What a search term was recognised as; each has its own blind index."""

    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    CARD = "card"


@dataclass(frozen=True, slots=True)
class Actor:
    """The staff member on whose behalf a service runs."""

    staff_id: str
    display_name: str
    role: Role
    branch: str
    workstation: str


@dataclass(frozen=True, slots=True)
class CustomerDraft:
    """What the register/edit form collects; raw user input, validated by the service."""

    name: str
    id_type: IdType
    id_number: str
    mobile: str
    address: str = ""
    accounts: tuple[str, ...] = ()
    risk_level: RiskLevel = RiskLevel.LOW
    kyc_status: KycStatus = KycStatus.PENDING
    consent_given: bool = False
    consent_purpose: ConsentPurpose = ConsentPurpose.SERVICE


@dataclass(frozen=True, slots=True)
class CustomerRef:
    id: str
    version: int


@dataclass(frozen=True, slots=True)
class CustomerSummary:
    """One row of a search result: masked values only."""

    id: str
    id_type: IdType
    masked_name: str
    masked_id_number: str
    masked_mobile: str


@dataclass(frozen=True, slots=True)
class CustomerChange:
    """One entry of a customer's change history (变更登记): no values, only which fields."""

    at: dt.datetime
    staff_id: str
    action: str
    fields: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class CustomerDetail:
    """The detail panel's view of a customer: masked values plus non-personal attributes."""

    id: str
    version: int
    id_type: IdType
    masked: dict[CustomerField, str]
    risk_level: RiskLevel
    kyc_status: KycStatus
    consent_given: bool
    consent_purpose: ConsentPurpose
    consent_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    branch: str
    history: tuple[CustomerChange, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class CustomerEditable:
    """Decrypted values for the edit form; only ever built for an explicit edit action."""

    ref: CustomerRef
    draft: CustomerDraft
