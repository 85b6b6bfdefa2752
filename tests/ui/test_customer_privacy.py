"""Erase customer… and Export customer data…: supervisors only, a second supervisor approves with their
own password, a legal hold refuses the erasure and says why."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.context import ServiceContext
from app.domain import CustomerField, Role
from app.errors import NotFound
from app.services.customers import find_customers, reveal_field
from app.services.retention import place_hold
from app.store import OpenedStore
from tests.support.approvals import APPROVER_PASSWORD, add_staff
from tests.support.customers import KNOWN, with_role
from tests.ui.conftest import activate, wait_idle
from ui.customers.panel import CustomerPanel
from ui.customers.privacy_dialog import PrivacyDialog
from ui.events import AppEvents
from ui.ops import OpRunner


def _panel(
    qtbot: QtBot, store: OpenedStore, ctx: ServiceContext, settings: Settings, role: Role
) -> Iterator[tuple[CustomerPanel, OpRunner]]:
    runner = OpRunner(AppEvents())
    runner.attach(store, with_role(ctx, role))
    view = CustomerPanel(runner, runner.events, int(settings.reveal_seconds), settings=settings)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.activate()
    qtbot.waitExposed(view)
    wait_idle(qtbot, runner)
    yield view, runner
    assert runner.shutdown(timeout_ms=10_000)


@pytest.fixture
def supervisor_panel(
    qtbot: QtBot, store: OpenedStore, ctx: ServiceContext, settings: Settings, known_customer: str
) -> Iterator[tuple[CustomerPanel, OpRunner]]:
    add_staff(store, "sup-2", "wangsup")
    yield from _panel(qtbot, store, ctx, settings, Role.SUPERVISOR)


def _open(
    qtbot: QtBot, view: CustomerPanel, runner: OpRunner, customer_id: str, action: str
) -> PrivacyDialog:
    view.load_detail(customer_id)
    qtbot.waitUntil(lambda: view.detail_view.customer_id == customer_id)
    button = view.erase_button if action == "erase" else view.export_button
    assert button.isVisible() and button.isEnabled()
    button.click()
    dialog = view.privacy_dialog
    assert dialog is not None
    activate(qtbot, dialog)
    qtbot.keyClicks(dialog.approver_edit, "wangsup")
    qtbot.keyClicks(dialog.password_edit, APPROVER_PASSWORD)
    return dialog


def test_a_supervisor_erases_a_customer_with_a_second_supervisors_approval(
    qtbot: QtBot, supervisor_panel: tuple[CustomerPanel, OpRunner], store: OpenedStore, ctx: ServiceContext,
    known_customer: str,
) -> None:  # fmt: skip
    view, runner = supervisor_panel
    dialog = _open(qtbot, view, runner, known_customer, "erase")
    assert "无法撤销" in dialog.what_label.text() and "法律保全" in dialog.what_label.text()
    assert not dialog.go_button.isEnabled()  # not before "cannot be undone" is ticked
    dialog.confirm_box.click()
    with qtbot.waitSignal(dialog.completed, timeout=10_000):
        dialog.go_button.click()
    wait_idle(qtbot, runner)
    assert view.detail_view.customer_id is None and view.model.row_of(known_customer) < 0
    supervisor = with_role(ctx, Role.SUPERVISOR)
    with store.transaction() as session:
        assert find_customers(session, supervisor, KNOWN.id_number) == []
        with pytest.raises(NotFound):
            reveal_field(session, supervisor, known_customer, CustomerField.NAME, "check")


def test_a_legal_hold_refuses_the_erasure_says_why_and_changes_nothing(
    qtbot: QtBot, supervisor_panel: tuple[CustomerPanel, OpRunner], store: OpenedStore, ctx: ServiceContext,
    known_customer: str,
) -> None:  # fmt: skip
    supervisor = with_role(ctx, Role.SUPERVISOR)
    with store.transaction() as session:
        place_hold(session, supervisor, "customer", known_customer, "Court order (2026) J0105-1")
    view, runner = supervisor_panel
    dialog = _open(qtbot, view, runner, known_customer, "erase")
    dialog.confirm_box.click()
    dialog.go_button.click()
    qtbot.waitUntil(dialog.problem.isVisible, timeout=10_000)
    assert "法律保全" in dialog.problem.text() and dialog.isVisible()
    assert dialog.password_edit.text() == ""  # typed again for another attempt
    dialog.reject()
    with store.transaction() as session:
        value, _ = reveal_field(session, supervisor, known_customer, CustomerField.NAME, "still here")
    assert value == KNOWN.name


def test_a_supervisor_exports_the_customers_data_to_the_chosen_file(
    qtbot: QtBot, supervisor_panel: tuple[CustomerPanel, OpRunner], tmp_path: Path, known_customer: str
) -> None:
    view, runner = supervisor_panel
    dialog = _open(qtbot, view, runner, known_customer, "export")
    target = tmp_path / "requests" / "subject.json"
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.completed, timeout=10_000):
        dialog.go_button.click()
    loaded = json.loads(target.read_text(encoding="utf-8"))
    assert loaded["customer"]["id_number"] == KNOWN.id_number and loaded["approved_by"] == "sup-2"


def test_a_pdf_file_name_gets_the_export_as_a_readable_pdf(
    qtbot: QtBot, supervisor_panel: tuple[CustomerPanel, OpRunner], tmp_path: Path, known_customer: str
) -> None:
    view, runner = supervisor_panel
    dialog = _open(qtbot, view, runner, known_customer, "export")
    assert "PDF" in dialog.what_label.text()
    target = tmp_path / "requests" / "subject.pdf"
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.completed, timeout=10_000):
        dialog.go_button.click()
    text = "".join("".join(page.extract_text() for page in PdfReader(target).pages).split())
    assert KNOWN.id_number in text and "".join(KNOWN.name.split()) in text
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_a_teller_does_not_see_the_actions(
    qtbot: QtBot, store: OpenedStore, ctx: ServiceContext, settings: Settings, known_customer: str
) -> None:
    for view, runner in _panel(qtbot, store, ctx, settings, Role.TELLER):
        view.load_detail(known_customer)
        qtbot.waitUntil(lambda: view.detail_view.customer_id == known_customer)  # noqa: B023
        assert not view.erase_button.isVisible() and not view.export_button.isVisible()
        wait_idle(qtbot, runner)
