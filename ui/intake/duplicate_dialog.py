"""Asks what to do when the customer already has an open complaint of the same category."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.case_domain import DuplicateCandidate, DuplicateDecision
from ui.cases.labels import format_due, status_label


class DuplicateDialog(QDialog):
    """Lists the open cases; the agent merges into one, adds new facts to one, or keeps it separate."""

    def __init__(self, candidates: list[DuplicateCandidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidates = list(candidates)
        self.setWindowTitle(self.tr("Open complaint of the same category"))
        intro = QLabel(
            self.tr(
                "This customer already has an open complaint of the same category within the processing "
                "period. The same complaint without new facts is merged into the open case; with new "
                "facts it is recorded there and its deadlines start again; a different matter gets a "
                "case of its own."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.candidates), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Case number"), self.tr("Received"), self.tr("Status"), self.tr("Summary")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for row, candidate in enumerate(self.candidates):
            cells = (
                candidate.number,
                format_due(candidate.received_at),
                status_label(candidate.status),
                candidate.summary,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.candidates:
            self.table.selectRow(0)
        self.table.setMaximumHeight(
            self.table.horizontalHeader().sizeHint().height()
            + self.table.verticalHeader().defaultSectionSize() * min(len(self.candidates), 5)
            + 6
        )

        self.merge_radio = QRadioButton(self.tr("&Merge: the same complaint, no new facts"))
        self.new_facts_radio = QRadioButton(
            self.tr("&New facts: record them on that case (deadlines restart)")
        )
        self.separate_radio = QRadioButton(self.tr("&Separate: a different matter, a case of its own"))
        self.merge_radio.setChecked(True)
        self.group = QButtonGroup(self)
        for radio, decision in (
            (self.merge_radio, DuplicateDecision.MERGE),
            (self.new_facts_radio, DuplicateDecision.NEW_FACTS),
            (self.separate_radio, DuplicateDecision.SEPARATE),
        ):
            self.group.addButton(radio)
            radio.setProperty("decision", decision.value)
        self.separate_radio.toggled.connect(lambda on: self.table.setEnabled(not on))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save case"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.merge_radio)
        layout.addWidget(self.new_facts_radio)
        layout.addWidget(self.separate_radio)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)
        self.merge_radio.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def decision(self) -> DuplicateDecision:
        checked = self.group.checkedButton()
        return DuplicateDecision(str(checked.property("decision"))) if checked else DuplicateDecision.MERGE

    @property
    def target_id(self) -> str | None:
        """The case to record it on (None for a separate case)."""
        if self.decision is DuplicateDecision.SEPARATE or not self.candidates:
            return None
        row = self.table.currentRow()
        return self.candidates[row if 0 <= row < len(self.candidates) else 0].id
