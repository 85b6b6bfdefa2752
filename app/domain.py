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


# --- cases ---------------------------------------------------------------------------------


class Channel(StrEnum):
    COUNTER = "counter"  # 营业现场
    PHONE = "phone"  # 电话热线
    WEBSITE = "website"
    APP = "app"  # 手机银行
    WECHAT = "wechat"  # 微信 / 社交媒体
    LETTER = "letter"  # 信函


class CaseKind(StrEnum):
    COMPLAINT = "complaint"  # 投诉
    INQUIRY = "inquiry"  # 咨询
    SERVICE_REQUEST = "service_request"  # 业务办理 / 服务请求
    APPOINTMENT = "appointment"  # 预约


class ComplaintType(StrEnum):
    """The four internal types every national classification code maps to."""

    SERVICE = "service"  # attitude, waiting, process
    PRODUCT = "product"  # terms, fees, risk disclosure, mis-selling
    SYSTEM = "system"  # app, ATM, online banking failures
    POLICY = "policy"  # rules, approvals, information handling


class Severity(StrEnum):
    GENERAL = "general"  # 一般
    MAJOR = "major"  # 重大
    URGENT = "urgent"  # 紧急


class CaseStatus(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"  # for the customer or a third party
    RESOLVED = "resolved"  # a decision was made
    CALLED_BACK = "called_back"  # 回访 done
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


OPEN_STATUSES = frozenset(
    {CaseStatus.NEW, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS, CaseStatus.WAITING}
)


class CaseEventKind(StrEnum):
    """Every entry of a case's append-only timeline."""

    RECEIVED = "received"
    STATUS = "status"  # a lifecycle transition
    NOTE = "note"
    ASSIGNED = "assigned"
    TRANSFERRED = "transferred"
    ESCALATED = "escalated"
    EXTENDED = "extended"  # regulatory decision period extended, with approval and notice
    PAUSED = "paused"  # external appraisal/testing time excluded, with notice
    RESUMED = "resumed"
    REMEDY = "remedy"
    ANSWER = "answer"  # the written answer to the complainant
    CALLBACK = "callback"  # one callback attempt (回访)
    CLOSE_OVERRIDE = "close_override"  # a supervisor closed a complaint without a callback
    REOPENED = "reopened"
    MERGED = "merged"  # a repeat complaint without new facts was merged into this case
    NEW_FACTS = "new_facts"  # a repeat complaint with new facts: the clocks restart


class RemedyKind(StrEnum):
    COMPENSATION = "compensation"
    FEE_WAIVER = "fee_waiver"
    APOLOGY = "apology"
    EXPLANATION = "explanation"


class CustomerOption(StrEnum):
    """What the written answer tells the complainant they may do next."""

    REVIEW = "review"  # 核查 by the upper-level institution within 30 days
    MEDIATION = "mediation"
    ARBITRATION = "arbitration"
    LITIGATION = "litigation"
