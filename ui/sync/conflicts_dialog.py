"""Supervisors review edits that lost a concurrent-edit conflict: apply the losing version or dismiss it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import ConsentPurpose, KycStatus, RiskLevel
from app.errors import BranchDeskError
from ui.customers.labels import field_label, format_time, kyc_label, purpose_label, risk_label
from ui.i18n import current_language
from ui.ops import OpRunner
from ui.widgets import FieldError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.changes import Changes
    from app.context import ServiceContext
    from app.services.conflicts import ConflictView, FieldDifference

ID_ROLE = Qt.ItemDataRole.UserRole
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 1


# The service module is imported on the db lane, where SQLAlchemy is already loaded (see ui/services.py).
def list_unresolved(session: Session, ctx: ServiceContext) -> list[ConflictView]:
    from app.services import conflicts

    return conflicts.list_conflicts(session, ctx)


def apply_losing(session: Session, ctx: ServiceContext, conflict_id: str) -> Changes:
    from app.services import conflicts

    return conflicts.apply_losing_version(session, ctx, conflict_id)


def dismiss(session: Session, ctx: ServiceContext, conflict_id: str) -> Changes:
    from app.services import conflicts

    return conflicts.dismiss_conflict(session, ctx, conflict_id)


class ConflictsDialog(QDialog):
    """Lists the unresolved conflicts with their masked differences; reloads after every decision."""

    loaded = Signal(int)  # number of conflicts shown

    def __init__(self, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.conflicts: list[ConflictView] = []
        self._busy = False
        self.setWindowTitle(self.tr("Sync conflicts"))
        intro = QLabel(
            self.tr(
                "Two workstations changed the same record at the same time: one change was kept, the "
                "other was set aside and is listed here. Apply the losing version to make it current, "
                "or dismiss it."
            )
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(6)
        self.tree.setHeaderLabels(
            [
                self.tr("Record"),
                self.tr("Detected"),
                self.tr("Lost edit from"),
                self.tr("Field"),
                self.tr("Kept (current)"),
                self.tr("Lost"),
            ]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.currentItemChanged.connect(lambda *_args: self._update_buttons())
        self.message = FieldError()
        self.empty_label = QLabel(self.tr("No unresolved conflicts."))
        self.empty_label.setVisible(False)
        self.apply_button = QPushButton(self.tr("&Apply losing version"))
        self.apply_button.setToolTip(
            self.tr(
                "Save the losing values as a new version; it syncs like any edit, with the reason recorded"
            )
        )
        self.dismiss_button = QPushButton(self.tr("&Dismiss"))
        self.dismiss_button.setToolTip(self.tr("Keep the current values and mark this conflict as reviewed"))
        self.apply_button.clicked.connect(self.apply_current)
        self.dismiss_button.clicked.connect(self.dismiss_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.dismiss_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(900, 480)
        self._update_buttons()

    # --- loading ----------------------------------------------------------------------------

    def load(self) -> None:
        self._set_busy(True)
        self.runner.run_db(list_unresolved, on_success=self._show, on_failure=self._failed)

    def _show(self, conflicts: list[ConflictView]) -> None:
        self._set_busy(False)
        self.conflicts = conflicts
        self.tree.clear()
        for conflict in conflicts:
            self.tree.addTopLevelItem(self._item_for(conflict))
        self.tree.expandAll()
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        if conflicts:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.tree.setVisible(bool(conflicts))
        self.empty_label.setVisible(not conflicts)
        self._update_buttons()
        self.loaded.emit(len(conflicts))

    def changeEvent(self, event: QEvent) -> None:
        # field names, values and times are composed per row: draw the rows again, same one current
        if event.type() == QEvent.Type.LanguageChange and self.tree.topLevelItemCount():
            current = self.current_conflict_id()
            self._show(self.conflicts)
            for index, conflict in enumerate(self.conflicts):
                if conflict.id == current:
                    self.tree.setCurrentItem(self.tree.topLevelItem(index))
        super().changeEvent(event)

    def _item_for(self, conflict: ConflictView) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [
                self._record_text(conflict),
                format_time(conflict.detected_at),
                conflict.losing_workstation,
                self.tr("%1 differences").replace("%1", str(len(conflict.differences)))
                if conflict.differences
                else "",
                "",
                "",
            ]
        )
        item.setToolTip(0, conflict.entity_id)
        item.setData(0, ID_ROLE, conflict.id)
        item.setData(0, ENTITY_ROLE, conflict.entity)
        for difference in conflict.differences:
            child = QTreeWidgetItem(["", "", "", field_label(difference.field), *self._values(difference)])
            child.setData(0, ID_ROLE, conflict.id)
            child.setData(0, ENTITY_ROLE, conflict.entity)
            item.addChild(child)
        return item

    def _record_text(self, conflict: ConflictView) -> str:
        kind = {"customer": self.tr("Customer"), "case": self.tr("Case")}.get(
            conflict.entity, conflict.entity
        )
        return f"{kind} {conflict.entity_id[:8]}"

    def _values(self, difference: FieldDifference) -> tuple[str, str]:
        return self._value(difference.field, difference.kept), self._value(difference.field, difference.lost)

    def _value(self, field: str, value: str) -> str:
        """Masked values are shown as they are; the plain settings get their translated names."""
        labels: dict[str, Any] = {
            "risk_level": lambda v: risk_label(RiskLevel(v)),
            "kyc_status": lambda v: kyc_label(KycStatus(v)),
            "consent_purpose": lambda v: purpose_label(ConsentPurpose(v)),
            "consent_given": lambda v: self.tr("Yes") if v == "True" else self.tr("No"),
        }
        if field not in labels or value in ("", "None"):
            return value if value != "None" else "—"
        try:
            return str(labels[field](value))
        except ValueError:
            return value

    # --- decisions --------------------------------------------------------------------------

    def current_conflict_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def apply_current(self) -> None:
        conflict_id = self.current_conflict_id()
        if conflict_id is None or self._busy:
            return
        self._set_busy(True)
        self.runner.run_db(apply_losing, conflict_id, on_success=self._decided, on_failure=self._failed)

    def dismiss_current(self) -> None:
        conflict_id = self.current_conflict_id()
        if conflict_id is None or self._busy:
            return
        self._set_busy(True)
        self.runner.run_db(dismiss, conflict_id, on_success=self._decided, on_failure=self._failed)

    def _decided(self, _changes: object) -> None:
        self.message.clear_message()
        self.load()

    def _failed(self, exc: BranchDeskError) -> None:
        self._set_busy(False)
        self.message.show_message(exc.render(current_language()))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.tree.currentItem()
        selected = item is not None and not self._busy
        # Case conflicts merge by the lifecycle rules: only a customer's losing edit can be applied.
        self.apply_button.setEnabled(selected and item.data(0, ENTITY_ROLE) == "customer")
        self.dismiss_button.setEnabled(selected)
