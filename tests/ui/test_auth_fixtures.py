"""Shared by the auth tests: staff accounts, a main window with the session installed, helpers."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.auth.passwords import Argon2Params
from app.config import Settings
from app.context import ServiceContext
from app.domain import Actor, Role
from app.services.audit_log import AuditFilter, search_entries
from app.services.staff import add_staff
from app.store import OpenedStore
from tests.support.customers import with_role
from tests.ui.conftest import activate, wait_idle
from ui.auth import StaffSession, install_auth
from ui.events import AppEvents
from ui.main_window import MainWindow
from ui.ops import OpRunner

PASSWORD = "Counter2026"
WRONG = "Wrong2026x"


def add_account(store: OpenedStore, ctx: ServiceContext, username: str, name: str, role: Role) -> str:
    """An account hashed at a cheap Argon2id cost (the check uses the hash's own cost)."""
    cheap = dataclasses.replace(
        ctx, reference=dataclasses.replace(ctx.reference, password_params=Argon2Params(8192, 1, 1))
    )
    with store.transaction() as session:
        return add_staff(session, with_role(cheap, Role.ADMIN), username, name, role, PASSWORD)


@pytest.fixture
def teller_id(store: OpenedStore, ctx: ServiceContext) -> str:
    return add_account(store, ctx, "zhang.san", "张三", Role.TELLER)


@pytest.fixture
def supervisor_id(store: OpenedStore, ctx: ServiceContext) -> str:
    return add_account(store, ctx, "li.si", "李四", Role.SUPERVISOR)


@pytest.fixture
def window(qtbot: QtBot, runner: OpRunner, events: AppEvents, settings: Settings) -> MainWindow:
    main = MainWindow(runner, events, settings)
    qtbot.addWidget(main)
    main.store_opened()
    main.show()
    activate(qtbot, main)
    wait_idle(qtbot, runner)
    return main


@pytest.fixture
def session(
    qtbot: QtBot,
    window: MainWindow,
    runner: OpRunner,
    events: AppEvents,
    ctx: ServiceContext,
    settings: Settings,
    store: OpenedStore,
) -> Iterator[StaffSession]:
    staff = install_auth(window, runner, events, ctx, settings, store=store)
    yield staff
    staff.idle.stop()


def sign_in_as(qtbot: QtBot, session: StaffSession, username: str, password: str = PASSWORD) -> None:
    dialog = session.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    with qtbot.waitSignal(session.state_changed, timeout=10_000):
        dialog.submit()


def unlock_with(qtbot: QtBot, runner: OpRunner, session: StaffSession, password: str) -> None:
    session.lock_screen.password_edit.setText(password)
    session.lock_screen.submit()
    wait_idle(qtbot, runner, timeout=10_000)


def acting_for(qtbot: QtBot, runner: OpRunner) -> Actor:
    """Whom the runner's ctx names: asked through an op, as every view would."""
    seen: list[Actor] = []
    runner.run_db(lambda _session, ctx: ctx.actor, on_success=seen.append)
    qtbot.waitUntil(lambda: bool(seen))
    return seen[0]


def accessible_texts(widget: QWidget) -> str:
    texts: list[str] = []

    def walk(node: QAccessibleInterface | None, depth: int) -> None:
        if node is None or not node.isValid() or depth > 40:
            return
        for kind in (QAccessible.Text.Name, QAccessible.Text.Value, QAccessible.Text.Description):
            texts.append(node.text(kind) or "")
        for child in range(node.childCount()):
            walk(node.child(child), depth + 1)

    walk(QAccessible.queryAccessibleInterface(widget), 0)
    return "\n".join(texts)


def log_of(store: OpenedStore, ctx: ServiceContext, action: str) -> list[tuple[str, str, str]]:
    with store.transaction() as session:
        entries = search_entries(session, with_role(ctx, Role.AUDITOR), AuditFilter(action=action))
    return [(entry.staff_id, entry.result, entry.detail) for entry in reversed(entries)]


def locked_out(window: MainWindow, session: StaffSession) -> bool:
    return (
        session.lock_screen.isVisible()
        and not window.customers.isVisible()
        and not window.isAncestorOf(window.tabs)
        and not window.menuBar().isEnabled()
    )
