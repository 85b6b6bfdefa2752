"""A damaged store at start: never written to; the newest verified backup is offered, restored in a worker.

The integrity check and the search for a backup that verifies whole run on the db lane before the store
is opened (check_before_opening); the GUI thread only shows the offer and the progress. A restore marks
the store for a re-sync, so the next sync also brings back this PC's own work done after the backup.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from app.config import Settings
from app.errors import BranchDeskError, StoreCorrupt
from app.messages import Message
from ui import errors
from ui.formatting import format_datetime
from ui.ops import Lane, OpRunner

if TYPE_CHECKING:
    from app.backup import RestoreResult, VerifiedBackup

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DamagedStore:
    """The store failed its integrity check; what can be offered instead."""

    corrupt: StoreCorrupt
    offer: VerifiedBackup | None
    no_offer: BranchDeskError | None  # why nothing is offered (no backup verifies, no key ...)


def check_before_opening(settings: Settings) -> DamagedStore | None:
    """Runs on the db lane: PRAGMA quick_check read-only; for a damaged store, the newest verified backup."""
    from app.backup import newest_verified, organisation_crypto
    from app.store_guard import check_integrity

    try:
        check_integrity(settings.data_paths.store)
    except StoreCorrupt as corrupt:
        log.error("store failed its integrity check: %s", corrupt.message.params.get("detail"))
        try:
            return DamagedStore(corrupt, newest_verified(settings, organisation_crypto(settings)), None)
        except BranchDeskError as exc:
            return DamagedStore(corrupt, None, exc)
    return None


def restore_newest(settings: Settings, backup: VerifiedBackup) -> RestoreResult:
    """Runs on the db lane: verify again and replace the damaged store (which is kept, not deleted)."""
    from app.backup import organisation_crypto, restore_backup

    return restore_backup(settings, organisation_crypto(settings), backup.info.path)


class StoreRecovery(QObject):
    """Shows the offer; restores on request. `restored` then the store opens as usual; `declined`
    leaves the app closed to writes."""

    restored = Signal(object)  # RestoreResult
    declined = Signal()

    def __init__(self, runner: OpRunner, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.dialog: QMessageBox | None = None
        self.restore_button: QPushButton | None = None
        self.progress: QProgressDialog | None = None

    def offer(self, damaged: DamagedStore, parent: QWidget | None) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("The data file is damaged"))
        box.setAccessibleName(self.tr("The data file is damaged"))
        offer = damaged.offer
        if offer is None:
            text = errors.message_for(damaged.corrupt)
            if damaged.no_offer is not None:
                text += "\n\n" + errors.message_for(damaged.no_offer)
            box.setText(text)
            box.addButton(QMessageBox.StandardButton.Close)
            self.restore_button = None
        else:
            params = {
                "detail": damaged.corrupt.message.params.get("detail", ""),
                "created": format_datetime(offer.info.created_at),
                "customers": offer.customers,
                "cases": offer.cases,
            }
            box.setText(errors.field_message(Message("store_damaged_offer", params)))
            self.restore_button = box.addButton(
                self.tr("Restore and re-sync"), QMessageBox.ButtonRole.AcceptRole
            )
            self.restore_button.setAccessibleName(self.tr("Restore and re-sync"))
            later = box.addButton(self.tr("Do not restore"), QMessageBox.ButtonRole.RejectRole)
            later.setAccessibleName(self.tr("Do not restore"))
            box.setDefaultButton(self.restore_button)
        box.finished.connect(lambda _result: self._answered(box, damaged))
        self.dialog = box
        box.open()

    def _answered(self, box: QMessageBox, damaged: DamagedStore) -> None:
        chosen = box.clickedButton()
        self.dialog = None
        box.deleteLater()
        if damaged.offer is not None and chosen is not None and chosen is self.restore_button:
            self._restore(damaged.offer, box.parentWidget())
        else:
            log.warning("damaged store: no restore; the app stays closed to writes")
            self.declined.emit()

    def _restore(self, backup: VerifiedBackup, parent: QWidget | None) -> None:
        progress = QProgressDialog(self.tr("Checking and restoring the backup…"), "", 0, 0, parent)
        progress.setCancelButton(None)  # a half-done restore is never left behind, but it cannot stop midway
        progress.setWindowTitle(self.tr("Restoring"))
        progress.setAccessibleName(self.tr("Restoring the backup"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.show()
        self.progress = progress
        self.runner.run_task(
            restore_newest,
            self.settings,
            backup,
            lane=Lane.DB,
            on_success=self._restored,
            on_failure=self._restore_failed,
        )

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _restored(self, result: RestoreResult) -> None:
        self._close_progress()
        self.restored.emit(result)

    def _restore_failed(self, exc: BranchDeskError) -> None:
        self._close_progress()
        errors.show_error(None, exc)
        self.declined.emit()
