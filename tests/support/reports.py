"""A small fixed set of cases whose supervision figures are worked out by hand (tests/unit/test_reports.py).

All times China time (UTC+8); "now" is Tuesday 2026-10-20 10:00. October 2026:

A complaint  counter C0101 B030102 general  Mon 10-12 09:00; acknowledged 09:03, in progress 10:00, resolved
             10-13 09:00, callback reached (score 5) 10-14 09:00, closed.
B complaint  phone   C0101 B030102 urgent   Mon 10-12 10:00; acknowledged 12:00, resolved 10-14 11:00 (49 h),
             callback reached (score 3) 10-15 09:00, reopened 10-15 11:00; still in progress.
C inquiry    counter C0201 B030103 general  Tue 10-13 09:00; transferred to zhang.wei 10:00, nothing since.
F appointment counter C0102 (none)  general Tue 10-20 09:56; nothing yet (4 of its 5 minutes gone:
             warning). "(none)": taken without a business category.
D complaint  wechat  C0401 B04 general  Sun 2026-09-20 10:00 (September); withdrawn 09-21.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.calendar import CHINA_TZ
from app.case_domain import CallbackDraft, CaseDraft, CaseRef, DuplicateDecision
from app.context import ServiceContext
from app.domain import CaseKind, CaseStatus, Channel, Severity
from app.services import callbacks, case_actions, intake
from app.store import OpenedStore
from tests.support.cases import MovableClock, at_time

NOW = dt.datetime(2026, 10, 20, 10, 0, tzinfo=CHINA_TZ)
HANDLER = "zhang.wei"


def china(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=CHINA_TZ)


def _draft(
    customer_id: str, kind: CaseKind, channel: Channel, code: str, severity: Severity, business: str = ""
) -> CaseDraft:
    return CaseDraft(
        customer_id=customer_id,
        channel=channel,
        kind=kind,
        category_code=code,
        business_code=business,
        severity=severity,
        summary="Card fee charged twice",
        description="The annual fee was deducted twice.",
        desired_outcome="Refund the second fee",
        duplicate_decision=DuplicateDecision.SEPARATE,
    )


def build_report_cases(store: OpenedStore, ctx: ServiceContext, customer_id: str) -> ServiceContext:
    """Takes the five cases in and handles them as above; returns the context with its clock at NOW."""
    clock = MovableClock(china(9, 20, 10))
    timed = at_time(ctx, clock)
    refs: dict[str, CaseRef] = {}

    def at(moment: dt.datetime) -> None:
        clock.now = moment

    def take_in(name: str, *args: object) -> None:
        with store.transaction() as session:
            refs[name], _ = intake.submit_case(session, timed, _draft(customer_id, *args))  # type: ignore[arg-type]

    def act(name: str, action: object, *args: object) -> None:
        with store.transaction() as session:
            refs[name], _ = action(session, timed, refs[name], *args)  # type: ignore[operator]

    status = case_actions.change_status
    take_in("D", CaseKind.COMPLAINT, Channel.WECHAT, "C0401", Severity.GENERAL, "B04")
    at(china(9, 21, 10))
    act("D", case_actions.withdraw_case, "The customer settled it elsewhere")

    at(china(10, 12, 9))
    take_in("A", CaseKind.COMPLAINT, Channel.COUNTER, "C0101", Severity.GENERAL, "B030102")
    at(china(10, 12, 9, 3))
    act("A", status, CaseStatus.ACKNOWLEDGED)
    at(china(10, 12, 10))
    take_in("B", CaseKind.COMPLAINT, Channel.PHONE, "C0101", Severity.URGENT, "B030102")
    act("A", status, CaseStatus.IN_PROGRESS)
    at(china(10, 12, 12))
    act("B", status, CaseStatus.ACKNOWLEDGED)
    at(china(10, 13, 9))
    act("A", status, CaseStatus.RESOLVED)
    take_in("C", CaseKind.INQUIRY, Channel.COUNTER, "C0201", Severity.GENERAL, "B030103")
    at(china(10, 13, 10))
    department = timed.reference.departments()[1].code
    act("C", case_actions.transfer_case, department, HANDLER, "Needs the card department")
    at(china(10, 14, 9))
    act("A", callbacks.record_callback, CallbackDraft(reached=True, accepts_result=True, satisfaction=5))
    at(china(10, 14, 10))
    act("A", case_actions.close_case)
    at(china(10, 14, 11))
    act("B", status, CaseStatus.RESOLVED)
    at(china(10, 15, 9))
    act("B", callbacks.record_callback, CallbackDraft(reached=True, accepts_result=False, satisfaction=3))
    at(china(10, 15, 11))
    act("B", case_actions.reopen_case, "The customer does not accept the result")
    at(china(10, 20, 9, 56))
    take_in("F", CaseKind.APPOINTMENT, Channel.COUNTER, "C0102", Severity.GENERAL)
    at(NOW)
    return dataclasses.replace(timed, clock=lambda: NOW)
