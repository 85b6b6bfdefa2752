"""The counter's hot path with key presses only: find the customer, take in a complaint, print the receipt."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.context import ServiceContext
from tests.ui.conftest import activate
from tests.ui.test_case_support import (
    CATEGORY,
    ctx,  # noqa: F401 - the fixed-clock context fixture
    find_and_start_intake,
    focused,
    open_window,
    press,
    type_text,
)
from ui.events import AppEvents
from ui.ops import OpRunner

CTRL = Qt.KeyboardModifier.ControlModifier


class PrintToFile:
    """Stands in for the system print dialog (modal boxes are patched, never clicked): OK to a PDF file."""

    printed: list[Path] = []  # noqa: RUF012 - shared by the instances one test makes
    target = Path()

    def __init__(self, printer: QPrinter, _parent: object) -> None:
        self.printer = printer

    def exec(self) -> QDialog.DialogCode:
        path = PrintToFile.target / f"receipt-{len(PrintToFile.printed)}.pdf"
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(str(path))
        PrintToFile.printed.append(path)
        return QDialog.DialogCode.Accepted


@pytest.fixture
def print_to_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> type[PrintToFile]:
    PrintToFile.printed = []
    PrintToFile.target = tmp_path
    monkeypatch.setattr("ui.receipt.dialog.QPrintDialog", PrintToFile)
    return PrintToFile


def test_intake_to_printed_receipt_with_the_keyboard_only(
    qtbot: QtBot,
    known_customer: str,
    runner: OpRunner,
    events: AppEvents,
    settings: Settings,
    ctx: ServiceContext,  # noqa: F811
    print_to_file: type[PrintToFile],
) -> None:
    window = open_window(qtbot, runner, events, settings)

    # Ctrl+F, the customer's mobile number, Enter, then Ctrl+N: the form on its first field, that customer
    # chosen; Tab order follows the form top to bottom
    find_and_start_intake(qtbot, window, runner, "13912345678", known_customer)
    form = window.intake
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.channel_combo
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, CATEGORY)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.business_picker and form.category_picker.code() == CATEGORY
    type_text(qtbot, "B030102")  # the product: debit card fees
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.severity_combo and form.business_picker.code() == "B030102"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.summary_edit
    type_text(qtbot, "Card fee charged twice")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.description_edit
    type_text(qtbot, "The annual fee was taken twice in October.")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.outcome_edit
    type_text(qtbot, "Refund the second charge.")

    # Ctrl+Enter saves; the receipt opens at once with the new case number
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.receipts.dialog is not None and window.receipts.dialog.isVisible())
    receipt = window.receipts.dialog
    ref = form.last_ref
    assert ref is not None and ref.number in receipt.preview.toPlainText()
    activate(qtbot, receipt)

    # Ctrl+P prints it (to a PDF through the patched print dialog); Esc closes it
    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: len(print_to_file.printed) == 1 and print_to_file.printed[0].exists())
    assert print_to_file.printed[0].read_bytes().startswith(b"%PDF")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.receipts.dialog is None)
    assert form.is_empty()

    # back in the window, Ctrl+P reprints the receipt of the case just taken in
    activate(qtbot, window)
    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: len(print_to_file.printed) == 2 and print_to_file.printed[1].exists())
    reprinted = window.receipts.dialog
    assert reprinted is not None and ref.number in reprinted.preview.toPlainText()
    reprinted.reject()
