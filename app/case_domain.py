"""Plain values of cases: what intake collects, what the queue and the detail view show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from app.domain import (
    CaseEventKind,
    CaseKind,
    CaseStatus,
    Channel,
    CustomerField,
    CustomerOption,
    RemedyKind,
    Severity,
)


class DuplicateDecision(StrEnum):
    """What the agent decided when the customer already has an open case of the same category."""

    MERGE = "merge"  # same complaint, no new facts: recorded on the existing case
    NEW_FACTS = "new_facts"  # same complaint with new facts: recorded there and its clocks restart
    SEPARATE = "separate"  # a different matter: a case of its own


@dataclass(frozen=True, slots=True)
class AgentDetails:
    """Someone complaining on the customer's behalf, with a power of attorney (委托书)."""

    name: str
    id_number: str
    contact: str
    power_of_attorney: str  # the document's reference


@dataclass(frozen=True, slots=True)
class CaseDraft:
    """What the intake form collects; raw input, validated by intake.submit_case."""

    customer_id: str | None
    channel: Channel
    kind: CaseKind
    category_code: str  # a cause code of the complaint taxonomy
    severity: Severity = Severity.GENERAL
    summary: str = ""
    description: str = ""  # main facts and grounds
    desired_outcome: str = ""  # the customer's request
    products: str = ""  # products / accounts involved
    staff_complained_about: str = ""
    agent: AgentDetails | None = None
    legal_representative: str = ""  # organisations (USCC customers) only
    received_at: dt.datetime | None = None  # None: now; letters and calls may give the real time
    duplicate_decision: DuplicateDecision | None = None
    duplicate_of: str | None = None  # the existing case's id when merging or adding new facts
    business_code: str = ""  # JR/T 0169 business category (the product); "": not given


@dataclass(frozen=True, slots=True)
class CaseRef:
    id: str
    number: str
    version: int


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    id: str
    number: str
    received_at: dt.datetime
    status: CaseStatus
    category_code: str
    summary: str


@dataclass(frozen=True, slots=True)
class ClockView:
    name: str
    due_at: dt.datetime
    warn_at: dt.datetime
    state: str  # app.sla.ClockState value
    estimated: bool
    finished_at: dt.datetime | None


class SlaFlag(StrEnum):
    """A case's standing against its nearest deadline, for badges and filters."""

    ON_TIME = "on_time"
    WARNING = "warning"
    OVERDUE = "overdue"
    NONE = "none"  # no running clock (closed, resolved with nothing pending)


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One row of the case queue: no personal value but the masked customer name."""

    id: str
    number: str
    kind: CaseKind
    severity: Severity
    status: CaseStatus
    channel: Channel
    category_code: str
    received_at: dt.datetime
    owner: str
    department: str
    masked_customer_name: str
    next_clock: str
    next_due_at: dt.datetime | None
    sla: SlaFlag
    version: int


class CaseSort(StrEnum):
    DEADLINE = "deadline"  # nearest deadline first, cases without one last
    NEWEST = "newest"


@dataclass(frozen=True, slots=True)
class CaseFilter:
    statuses: frozenset[CaseStatus] = frozenset()
    kinds: frozenset[CaseKind] = frozenset()
    severities: frozenset[Severity] = frozenset()
    mine: bool = False
    branch_only: bool = True
    due_today: bool = False
    warning: bool = False
    overdue: bool = False
    open_only: bool = False
    search: str = ""  # a case number, or a customer's full ID / mobile / card number
    # What the dashboard's bars stand for (the queue shows them as one removable filter).
    branch: str = ""  # one branch's cases ("": as branch_only says)
    owner: str = ""  # one staff member's cases
    channels: frozenset[Channel] = frozenset()
    category_prefix: str = ""  # a cause code or its top level (C01)
    complaint_types: frozenset[str] = frozenset()  # service / product / system / policy
    business_codes: frozenset[str] = frozenset()  # JR/T 0169 business codes; "" stands for none given
    received_from: dt.datetime | None = None
    received_before: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    id: str
    kind: CaseEventKind
    at: dt.datetime
    actor: str
    status_to: CaseStatus | None
    text: str  # decrypted free text of the event ("" when none)
    data: Mapping[str, Any] = field(default_factory=dict)  # non-personal facts: department, score ...


@dataclass(frozen=True, slots=True)
class CaseDetail:
    id: str
    number: str
    version: int
    kind: CaseKind
    severity: Severity
    status: CaseStatus
    channel: Channel
    category_code: str
    business_code: str  # "" when not given
    received_at: dt.datetime
    customer_id: str | None
    masked_customer: Mapping[CustomerField, str]
    summary: str
    description: str
    desired_outcome: str
    products: str
    staff_complained_about: str
    agent: AgentDetails | None
    legal_representative: str
    owner: str
    department: str
    first_handler: str  # 首问负责: stays accountable across transfers
    escalated: bool
    reopen_count: int
    decision_days: int  # the regulatory decision period in force (15, 30 or 60)
    clocks: tuple[ClockView, ...]
    binding: ClockView | None
    timeline: tuple[TimelineEntry, ...]
    allowed: tuple[CaseStatus, ...]  # statuses change_status may move to now
    # The customer was erased: the personal text went with their key; the case's facts remain.
    customer_erased: bool = False


@dataclass(frozen=True, slots=True)
class RemedyDraft:
    kind: RemedyKind
    amount: Decimal | None
    details: str


@dataclass(frozen=True, slots=True)
class AnswerDraft:
    """The written answer (书面答复): result, basis and reasons, remedies, the customer's options."""

    verification_result: str
    basis_and_reasons: str
    remedies: str
    options: frozenset[CustomerOption]


@dataclass(frozen=True, slots=True)
class CallbackDraft:
    reached: bool
    accepts_result: bool | None = None
    satisfaction: int | None = None  # 1..5
    comment: str = ""


@dataclass(frozen=True, slots=True)
class PromisedDeadline:
    clock: str
    due_at: dt.datetime
    estimated: bool


@dataclass(frozen=True, slots=True)
class Receipt:
    """The acceptance receipt (受理回执) handed to the customer."""

    case_number: str
    received_at: dt.datetime
    kind: CaseKind
    channel: Channel
    category_code: str
    summary: str
    promised: tuple[PromisedDeadline, ...]
    branch_name: str
    branch_phone: str
    hotline: str
    masked_customer: Mapping[CustomerField, str]
    staff_id: str
    business_code: str = ""  # the product or business complained of; "" when not given
