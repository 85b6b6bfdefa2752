"""The conflicts dialog without a central database: empty for a supervisor, refused for a teller.
(A real conflict between two workstations is in tests/integration/test_sync_ui.py.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.context import ServiceContext
from app.errors import PermissionDenied
from app.permissions import Permission
from app.store import OpenedStore
from ui.events import AppEvents
from ui.i18n import current_language
from ui.ops import OpRunner
from ui.sync.conflicts_dialog import ConflictsDialog


@pytest.fixture
def supervisor_runner(
    events: AppEvents, store: OpenedStore, supervisor_ctx: ServiceContext
) -> Iterator[OpRunner]:
    op_runner = OpRunner(events)
    op_runner.attach(store, supervisor_ctx)
    yield op_runner
    assert op_runner.shutdown(timeout_ms=10_000)


def test_no_conflicts_says_so(qtbot: QtBot, supervisor_runner: OpRunner) -> None:
    dialog = ConflictsDialog(supervisor_runner)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.loaded, timeout=5000) as blocker:
        dialog.load()
    assert blocker.args == [0]
    assert dialog.empty_label.isVisible() and not dialog.tree.isVisible()
    assert not dialog.apply_button.isEnabled() and not dialog.dismiss_button.isEnabled()


def test_a_teller_is_told_why_nothing_is_listed(qtbot: QtBot, runner: OpRunner) -> None:
    dialog = ConflictsDialog(runner)  # the plain ctx acts as a teller
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load()
    qtbot.waitUntil(lambda: bool(dialog.message.message), timeout=5000)
    expected = PermissionDenied(Permission.CONFLICT_RESOLVE.value).render(current_language())
    assert dialog.message.message == expected
