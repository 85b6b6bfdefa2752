"""The receipt dialog: preview, Print (Ctrl+P), Save as PDF; and the presenter that loads and opens it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.case_domain import Receipt
from app.errors import BranchDeskError
from ui import errors
from ui.cases.reference import CaseReference
from ui.i18n import CHINESE, ENGLISH, current_language
from ui.ops import OpRunner
from ui.receipt.document import default_file_name, receipt_document, receipt_html, write_receipt_pdf
from ui.services import receipts as receipt_service


class ReceiptDialog(QDialog):
    """Shows the receipt as the customer will get it; the language may differ from the interface."""

    saved = Signal(str)  # path of a written PDF
    printed = Signal()

    def __init__(self, receipt: Receipt, reference: CaseReference, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.receipt = receipt
        self.reference = reference
        self.setWindowTitle(self.tr("Acceptance receipt %1").replace("%1", receipt.case_number))
        self.language_combo = QComboBox()
        self.language_combo.addItem("中文", CHINESE)
        self.language_combo.addItem("English", ENGLISH)
        self.language_combo.setCurrentIndex(self.language_combo.findData(current_language()))
        self.language_combo.currentIndexChanged.connect(lambda _i: self._render())
        self.preview = QTextBrowser()
        self.preview.setMinimumSize(600, 560)
        self.preview.setAccessibleName(self.tr("Receipt preview"))
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setToolTip(self.tr("Print the receipt (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_receipt)
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"))
        self.pdf_button.setShortcut(QKeySequence.StandardKey.Save)
        self.pdf_button.setToolTip(self.tr("Save the receipt as a PDF file (Ctrl+S)"))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.status_label = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)

        top = QHBoxLayout()
        language_caption = QLabel(self.tr("Receipt &language"))
        language_caption.setBuddy(self.language_combo)
        top.addWidget(language_caption)
        top.addWidget(self.language_combo)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.pdf_button)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        layout.addLayout(bottom)
        self._render()

    @property
    def language(self) -> str:
        return str(self.language_combo.currentData())

    def category_text(self) -> str | None:
        if not self.reference.ready:
            return None  # the document falls back to the packaged taxonomy
        return self.reference.category_text(self.receipt.category_code, self.language)

    def _render(self) -> None:
        self.preview.setHtml(receipt_html(self.receipt, self.language, self.category_text()))

    def print_receipt(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(default_file_name(self.receipt, self.language))
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        receipt_document(self.receipt, self.language, self.category_text()).print_(printer)
        self.status_label.setText(self.tr("Sent to the printer."))
        self.printed.emit()
        return True

    def save_pdf(self) -> str | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / default_file_name(self.receipt, self.language))
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save receipt as PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            write_receipt_pdf(self.receipt, path, self.language, self.category_text())
        except OSError:
            self.status_label.setText(self.tr("The file could not be written."))
            return None
        self.status_label.setText(self.tr("Saved: %1").replace("%1", Path(path).name))
        self.saved.emit(path)
        return path


class ReceiptPresenter(QObject):
    """Loads a case's receipt off the GUI thread and opens the dialog (one at a time)."""

    opened = Signal(object)  # ReceiptDialog

    def __init__(self, runner: OpRunner, reference: CaseReference, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reference = reference
        self._parent = parent
        self.dialog: ReceiptDialog | None = None

    def show_for(self, case_id: str, print_now: bool = False) -> None:
        self.runner.run_db(
            receipt_service.receipt_for,
            case_id,
            on_success=lambda receipt: self._open(receipt, print_now),
            on_failure=self._failed,
        )

    def _failed(self, exc: BranchDeskError) -> None:
        errors.show_error(self._parent, exc)

    def _open(self, receipt: Receipt, print_now: bool) -> None:
        if self.dialog is not None:
            self.dialog.close()
        parent = self._parent.window() if self._parent is not None else None
        dialog = ReceiptDialog(receipt, self.reference, parent)
        self.dialog = dialog

        def finished(_result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        self.opened.emit(dialog)
        if print_now:
            dialog.print_receipt()
