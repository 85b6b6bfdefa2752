"""An erased customer's closed case opens read-only, its personal text shown as erased, never a crash."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.case_domain import CaseRef
from app.context import ServiceContext
from app.domain import CaseKind, ComplaintType, Role
from app.errors import BranchDeskError
from app.services import case_actions, intake
from app.services.case_records import CustomerDataErased
from app.services.cases import get_case
from app.services.erasure import approve, erase_customer
from app.store import OpenedStore
from tests.support.approvals import APPROVER_PASSWORD, add_staff
from tests.support.cases import complaint_for
from tests.support.customers import with_role
from tests.ui.conftest import wait_idle
from tests.ui.test_case_detail import _view
from ui.events import AppEvents
from ui.ops import OpRunner


@pytest.fixture
def erased_case(store: OpenedStore, ctx: ServiceContext, known_customer: str) -> str:
    supervisor = with_role(ctx, Role.SUPERVISOR)
    code = next(c.code for c in ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE)
    draft = complaint_for(known_customer, code, kind=CaseKind.INQUIRY, summary="Card swallowed at ATM 7")
    with store.transaction() as session:
        ref = intake.submit_case(session, supervisor, draft)[0]
    with store.transaction() as session:
        case_actions.withdraw_case(session, supervisor, ref, "客户撤回")
    approver = add_staff(store, "sup-2", "wang.sup")
    with store.transaction() as session:
        erase_customer(
            session, supervisor, known_customer, approve(session, supervisor, approver, APPROVER_PASSWORD)
        )
    return ref.id


def test_the_service_returns_the_case_with_its_personal_text_gone(
    store: OpenedStore, ctx: ServiceContext, erased_case: str
) -> None:
    with store.transaction() as session:
        detail = get_case(session, ctx, erased_case)
    assert detail.customer_erased and detail.summary == "" and detail.masked_customer == {}
    assert detail.allowed == () and all(entry.text == "" for entry in detail.timeline)
    # Writing to it is refused with the erasure's own words, not a crash.
    with store.transaction() as session, pytest.raises(CustomerDataErased) as refused:
        case_actions.add_note(session, ctx, CaseRef(detail.id, detail.number, detail.version), "note")
    assert isinstance(refused.value, BranchDeskError) and "erased" in refused.value.render("en")


def test_opening_it_shows_a_clear_message_and_erased_fields(
    qtbot: QtBot, runner: OpRunner, events: AppEvents, erased_case: str
) -> None:
    view = _view(qtbot, runner, events, erased_case)
    wait_idle(qtbot, runner)
    assert view.erased_note.isVisible()
    assert "已按要求删除" in view.erased_note.text()
    assert view.header_labels["customer"].text() == view.tr("Erased on request")
    assert view.content_labels["summary"].text() == view.tr("(erased)")
    assert "ATM" not in view.content_labels["summary"].text()
    assert not view.receipt_button.isEnabled()
