"""A dialog cancelled by mistake gives back what was typed when it is opened again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import activate
from ui.customers.editor_dialog import CustomerEditorDialog
from ui.customers.panel import CustomerPanel
from ui.drafts import DraftKeeper


def _register(qtbot: QtBot, panel: CustomerPanel) -> CustomerEditorDialog:
    panel.register_customer()
    qtbot.waitUntil(lambda: panel.editor is not None and panel.editor.isVisible())
    editor = panel.editor
    activate(qtbot, editor)
    return editor


def test_escape_keeps_the_register_draft_for_the_next_opening(qtbot: QtBot, panel: CustomerPanel) -> None:
    editor = _register(qtbot, panel)
    editor.name_edit.setText("Zhang San")
    editor.mobile_edit.setText("13912345678")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.editor is None)

    again = _register(qtbot, panel)
    assert again.name_edit.text() == "Zhang San"
    assert again.mobile_edit.text() == "13912345678"
    again.reject()


def test_an_untouched_dialog_leaves_no_draft_and_signing_out_clears_them(
    qtbot: QtBot, panel: CustomerPanel
) -> None:
    editor = _register(qtbot, panel)
    editor.reject()
    qtbot.waitUntil(lambda: panel.editor is None)
    assert panel.drafts.drafts == {}

    editor = _register(qtbot, panel)
    editor.name_edit.setText("Li Si")
    editor.reject()
    assert "register" in panel.drafts.drafts
    panel.drafts.clear()
    fresh = _register(qtbot, panel)
    assert fresh.name_edit.text() == ""
    fresh.reject()


def test_the_keeper_ignores_a_draft_that_no_longer_fits(qtbot: QtBot, panel: CustomerPanel) -> None:
    keeper = DraftKeeper()
    keeper.drafts["register"] = [("text", "only one value")]
    editor = _register(qtbot, panel)
    assert keeper.watch(editor, "register") is False
    editor.reject()
