"""Erase a customer / export a customer's data: says exactly what will happen, then asks a second
supervisor to approve with their own user name and password. The work runs on the db lane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.errors import BranchDeskError, SignInRefused
from ui import errors
from ui.customers.privacy_ops import erase_approved, erase_everywhere_here, export_approved
from ui.ops import Lane, OpRunner

ERASE = "erase"
EXPORT = "export"


def export_format(target: Path) -> str:
    """The file name's ending picks the format: a .pdf is laid out for reading, anything else is JSON."""
    return "pdf" if target.suffix.lower() == ".pdf" else "json"


class PrivacyDialog(QDialog):
    """One erasure or one export of the customer shown; a refusal is shown here and changes nothing."""

    completed = Signal(str, str)  # action, customer id or the file written

    def __init__(
        self,
        runner: OpRunner,
        action: str,
        customer_id: str,
        customer_label: str,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.action = action
        self.customer_id = customer_id
        self.settings = settings
        erase = action == ERASE
        self.setWindowTitle(self.tr("Erase customer") if erase else self.tr("Export customer data"))
        what = QLabel(
            self.tr(
                "Erase all personal data of %1. The customer's data key is destroyed: name, ID number, "
                "mobile, address and accounts can never be read again, on this PC, in the backups here "
                "and on the share, and at head office after the next sync. Cases are kept without their "
                "personal text. Only the record that an erasure happened remains.\n\n"
                "This cannot be undone. It is refused while the customer is under a legal hold or has "
                "open cases."
            )
            if erase
            else self.tr(
                "Everything held on this PC about %1 (personal fields, change history, cases with their "
                "timelines) is written, decrypted, to the PDF or JSON file you choose (the file name's "
                "ending decides which). Hand it only to the customer and keep it safe. The export is "
                "recorded in the operation log."
            )
        )
        what.setText(what.text().replace("%1", customer_label))
        self.what_label = what
        what.setWordWrap(True)
        what.setAccessibleName(self.tr("What will happen"))
        self.approver_edit = QLineEdit()
        self.approver_edit.setAccessibleName(self.tr("Approving supervisor's user name"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Approving supervisor's password"))
        form = QFormLayout()
        form.addRow(self.tr("Approving supervisor"), self.approver_edit)
        form.addRow(self.tr("Their password"), self.password_edit)
        self.confirm_box = QCheckBox(self.tr("I understand the erasure cannot be undone"))
        self.confirm_box.setAccessibleName(self.confirm_box.text())
        self.confirm_box.setVisible(erase)
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(self.tr("Export file"))
        self.browse_button = QPushButton(self.tr("Choose…"))
        self.browse_button.setAccessibleName(self.tr("Choose the export file"))
        self.browse_button.clicked.connect(self.choose_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        if not erase:
            form.addRow(self.tr("Export file"), path_row)
        else:
            self.path_edit.setVisible(False)
            self.browse_button.setVisible(False)
        self.problem = QLabel()
        self.problem.setProperty("role", "alert")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("Why it was not done"))
        self.problem.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go_button = self.buttons.addButton(
            self.tr("Erase for ever") if erase else self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.go_button.setAccessibleName(self.go_button.text())
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.approver_edit, self.password_edit, self.path_edit):
            edit.textChanged.connect(self._update_go)
        self.confirm_box.toggled.connect(self._update_go)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.confirm_box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._update_go()

    def _update_go(self) -> None:
        ready = bool(self.approver_edit.text().strip() and self.password_edit.text())
        if self.action == ERASE:
            ready = ready and self.confirm_box.isChecked()
        else:
            ready = ready and bool(self.path_edit.text().strip())
        self.go_button.setEnabled(ready)

    def choose_file(self) -> None:
        pdf_filter, json_filter = self.tr("PDF files (*.pdf)"), self.tr("JSON files (*.json)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export customer data"), self.path_edit.text(), f"{pdf_filter};;{json_filter}"
        )
        if path:
            suffix = ".json" if chosen == json_filter else ".pdf"
            self.path_edit.setText(path if path.lower().endswith((".pdf", ".json")) else path + suffix)

    def submit(self) -> None:
        if not self.go_button.isEnabled():
            return
        self.go_button.setEnabled(False)
        self.problem.setVisible(False)
        approver, password = self.approver_edit.text().strip(), self.password_edit.text()
        if self.action == ERASE:
            self.runner.run_db(
                erase_approved,
                self.customer_id,
                approver,
                password,
                on_success=self._erased,
                on_failure=self._refused,
            )
        else:
            target = Path(self.path_edit.text().strip()).expanduser()
            self.runner.run_db(
                export_approved,
                self.customer_id,
                approver,
                password,
                target,
                export_format(target),
                on_success=self._exported,
                on_failure=self._refused,
            )

    def _erased(self, result: tuple[str, object]) -> None:
        approved_by = result[0]
        # The WAL and the backups are cleaned after the commit, still on the db lane.
        self.runner.run_with_store(
            erase_everywhere_here,
            self.settings,
            self.customer_id,
            approved_by,
            lane=Lane.DB,
            on_failure=lambda exc: errors.show_error(self.parentWidget(), exc),
        )
        self.completed.emit(ERASE, self.customer_id)
        self.accept()

    def _exported(self, path: Path) -> None:
        self.written_to = path
        self.completed.emit(EXPORT, str(path))
        self.accept()

    def _refused(self, exc: BranchDeskError) -> None:
        self.password_edit.clear()  # a password is typed again for every attempt
        self.problem.setText(errors.message_for(exc))
        self.problem.setVisible(True)
        (self.approver_edit if isinstance(exc, SignInRefused) else self.password_edit).setFocus()
        self._update_go()
