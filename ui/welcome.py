"""The first-run welcome: what BranchDesk is, and a check of this PC's setup before the first sign-in."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.config import Settings, save_user_settings
from app.errors import BranchDeskError
from ui.i18n import current_language
from ui.icons import icon
from ui.ops import Lane, OpRunner


def run_setup_checks(settings: Settings) -> list[object]:
    """On a worker: the same checks as `branchdesk-admin doctor` (keyring, key, store, schema)."""
    from app.doctor import run_checks  # loads the store modules; not needed before the first run

    return list(run_checks(settings))


class WelcomeDialog(QDialog):
    """Shown once per user; the findings say in words and a symbol what is fine and what IT must fix."""

    help_requested = Signal()
    checked = Signal(int)  # number of problems found

    def __init__(
        self,
        runner: OpRunner,
        settings: Settings,
        parent: QWidget | None = None,
        user_file: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.user_file = user_file or paths.user_config_file()
        self.findings: list[object] = []
        self.setWindowTitle(self.tr("Welcome to BranchDesk"))
        heading = QLabel(self.tr("Welcome to BranchDesk"))
        heading.setProperty("role", "value")
        intro = QLabel(
            self.tr(
                "BranchDesk records what customers bring to the counter and follows each case until it "
                "is resolved. Everything is saved on this PC first, so work goes on when the network "
                "is down. Below, BranchDesk checks that this PC is set up for it."
            )
        )
        intro.setWordWrap(True)
        self.checks_list = QListWidget()
        self.checks_list.setAccessibleName(self.tr("Setup checks"))
        self.checks_list.setWordWrap(True)
        self.summary_label = QLabel(self.tr("Checking this PC…"))
        self.summary_label.setWordWrap(True)
        self.help_button = QPushButton(icon("help"), self.tr("Open the &user guide"))
        self.help_button.setToolTip(self.tr("How to take in a case, deadlines, callbacks and sync (F1)"))
        self.help_button.clicked.connect(self.help_requested)
        self.start_button = QPushButton(self.tr("&Start"))
        self.start_button.setDefault(True)
        buttons = QDialogButtonBox()
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.help_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        icon_label = QLabel()
        icon_label.setPixmap(icon("welcome").pixmap(32, 32))
        top = QHBoxLayout()
        top.addWidget(icon_label)
        top.addWidget(heading, 1)
        layout.addLayout(top)
        layout.addWidget(intro)
        layout.addWidget(self.checks_list, 1)
        layout.addWidget(self.summary_label)
        layout.addLayout(row)
        self.resize(640, 460)

    def run_checks(self) -> None:
        self.runner.run_task(
            run_setup_checks,
            self.settings,
            lane=Lane.NETWORK,  # the db lane is opening the store meanwhile
            on_success=self._show_findings,
            on_failure=self._checks_failed,
        )

    def _show_findings(self, findings: list[object]) -> None:
        self.findings = findings
        self.checks_list.clear()
        language = current_language()
        problems = 0
        for finding in findings:
            ok = bool(getattr(finding, "ok", False))
            problems += not ok
            mark = "✔ " if ok else "✖ "
            item = QListWidgetItem(icon("ok" if ok else "error"), mark + finding.render(language))  # type: ignore[attr-defined]
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.checks_list.addItem(item)
        if problems:
            self.summary_label.setText(
                "⚠ "
                + self.tr(
                    "%1 problem(s) found. You can still work; please tell IT what is marked ✖."
                ).replace("%1", str(problems))
            )
        else:
            self.summary_label.setText("✔ " + self.tr("This PC is ready. Press Enter to start."))
        self.checked.emit(problems)

    def _checks_failed(self, exc: BranchDeskError) -> None:
        self.summary_label.setText("⚠ " + exc.render(current_language()))
        self.checked.emit(1)

    def accept(self) -> None:
        with contextlib.suppress(OSError, BranchDeskError):  # shown again next time: harmless
            save_user_settings({"welcome_shown": "true"}, self.user_file)
        super().accept()
