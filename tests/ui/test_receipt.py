"""The acceptance receipt: the PDF carries the case number and the promised deadlines; print and save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from app.case_domain import Receipt
from app.context import ServiceContext
from app.services.receipts import receipt_for
from app.store import OpenedStore
from tests.ui.conftest import activate, wait_idle
from tests.ui.test_case_support import (
    complaint,
    ctx,  # noqa: F401 - the fixed-clock context fixture
    make_case,
)
from ui.cases.labels import clock_label, format_due
from ui.cases.reference import CaseReference
from ui.i18n import CHINESE, ENGLISH
from ui.ops import OpRunner
from ui.receipt import dialog as receipt_dialog
from ui.receipt.dialog import ReceiptDialog, ReceiptPresenter
from ui.receipt.document import default_file_name, receipt_html, write_receipt_pdf


@pytest.fixture
def receipt(known_customer: str, store: OpenedStore, ctx: ServiceContext) -> Receipt:  # noqa: F811
    ref = make_case(store, ctx, complaint(known_customer))
    with store.transaction() as session:
        return receipt_for(session, ctx, ref.id)


def pdf_text(path: Path) -> str:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    text = "\n".join(document.getAllText(page).text() for page in range(document.pageCount()))
    document.close()
    return text


def test_the_pdf_names_the_case_and_every_promised_deadline(receipt: Receipt, tmp_path: Path) -> None:
    assert receipt.promised  # a complaint promises several deadlines
    path = write_receipt_pdf(receipt, tmp_path / "receipt.pdf", CHINESE)
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    flat = text.replace("\n", "").replace(" ", "")
    assert receipt.case_number in flat
    for promise in receipt.promised:
        assert format_due(promise.due_at).replace(" ", "") in flat
    assert "受理回执" in flat and clock_label(receipt.promised[0].clock, CHINESE) in flat
    assert "欧阳明轩" not in flat and receipt.masked_customer  # masked values only


def test_the_english_receipt_uses_english_labels(receipt: Receipt, tmp_path: Path) -> None:
    text = pdf_text(write_receipt_pdf(receipt, tmp_path / "en.pdf", ENGLISH))
    assert "Acceptance receipt" in text and receipt.case_number in text.replace("\n", "")
    html = receipt_html(receipt, ENGLISH, "Staff attitude (C0101)")
    assert "Staff attitude (C0101)" in html and "Counter" in html


def test_the_dialog_saves_a_pdf_under_the_case_number(
    qtbot: QtBot, receipt: Receipt, runner: OpRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = CaseReference(runner)
    reference.load()
    wait_idle(qtbot, runner)
    dialog = ReceiptDialog(receipt, reference)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    assert receipt.case_number in dialog.preview.toPlainText()
    suggested: list[str] = []

    def save_name(_parent: object, _title: str, name: str, _filter: str) -> tuple[str, str]:
        suggested.append(name)
        return str(tmp_path / "saved"), "PDF"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.pdf_button.click()
    assert Path(suggested[0]).name == default_file_name(receipt) and receipt.case_number in suggested[0]
    assert saved.args == [str(tmp_path / "saved.pdf")]
    assert receipt.case_number in pdf_text(tmp_path / "saved.pdf").replace("\n", "")


def test_print_goes_through_the_print_dialog(
    qtbot: QtBot, receipt: Receipt, runner: OpRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "printed.pdf"

    class FakePrintDialog:
        """The user picks a printer (here: a PDF file) and presses Print."""

        def __init__(self, printer: QPrinter, _parent: object) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(target))

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(receipt_dialog, "QPrintDialog", FakePrintDialog)
    dialog = ReceiptDialog(receipt, CaseReference(runner))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.printed):
        assert dialog.print_receipt()
    assert receipt.case_number in pdf_text(target).replace("\n", "")


def test_the_presenter_loads_the_receipt_off_the_gui_thread(
    qtbot: QtBot,
    receipt: Receipt,
    runner: OpRunner,
    store: OpenedStore,
    ctx: ServiceContext,  # noqa: F811
) -> None:
    from app.case_domain import CaseFilter, CaseSort
    from app.services.cases import case_ids

    with store.transaction() as session:
        (case_id,) = case_ids(session, ctx, CaseFilter(), CaseSort.NEWEST)
    presenter = ReceiptPresenter(runner, CaseReference(runner))
    with qtbot.waitSignal(presenter.opened, timeout=5000) as opened:
        presenter.show_for(case_id)
    shown = opened.args[0]
    assert shown.receipt.case_number == receipt.case_number
    shown.close()
