"""The sync status in the status bar: state in words and an icon, pending count, last success, problem."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from app.messages import Message
from ui.formatting import format_datetime, format_number, format_recent
from ui.i18n import current_language
from ui.icons import icon
from ui.widgets import ElidedLabel

if TYPE_CHECKING:
    from app.sync.engine import SyncReport

ICON_SIZE = 16
LARGE_PULL = 500  # rows; smaller pulls finish before a progress bar would be worth showing
SYNCING_DELAY_MS = 400  # automatic rounds are usually quick: no flicker for them
PROBLEM_WIDTH = 380


class SyncState(StrEnum):
    STARTING = "starting"
    NOT_CONFIGURED = "not_configured"
    ONLINE = "online"
    OFFLINE = "offline"
    PROBLEM = "problem"
    SYNCING = "syncing"


_ICONS: dict[SyncState, str] = {  # names in resources/icons: the app's one icon set
    SyncState.STARTING: "sync",
    SyncState.NOT_CONFIGURED: "info",
    SyncState.ONLINE: "ok",
    SyncState.OFFLINE: "warning",
    SyncState.PROBLEM: "error",
    SyncState.SYNCING: "sync",
}


def short_time(value: dt.datetime, now: dt.datetime | None = None) -> str:
    """HH:MM in China time; the date too when it was not today, so an old success is not mistaken."""
    return format_recent(value, now)


class SyncStatusWidget(QWidget):
    """Shows what the sync controller reports; asks it to cancel through ``cancel_requested``."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None, large_pull: int = LARGE_PULL) -> None:
        super().__init__(parent)
        self.large_pull = large_pull
        self.state = SyncState.STARTING
        self.last_success: dt.datetime | None = None
        self.problem = ""
        self._problem_source: Callable[[], str] | None = None
        self._pending = 0
        self.icon_label = QLabel()
        self.icon_label.setFixedSize(ICON_SIZE, ICON_SIZE)  # the state's icon never gives way
        self.icon_label.setStyleSheet("padding: 0;")  # the status bar's label padding would crop it
        self.icon_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.state_label = QLabel()
        self.state_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        # on a narrow screen these shorten with "…" and keep the whole text in their tooltip
        self.pending_label = ElidedLabel(minimum_chars=6)
        self.last_label = ElidedLabel(minimum_chars=6)
        self.problem_label = ElidedLabel(minimum_chars=6)
        self.problem_label.setMaximumWidth(PROBLEM_WIDTH)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(120)
        self.progress_bar.setMaximumHeight(14)
        self.progress_bar.setFormat("%p%")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this sync; what arrived so far is kept"))
        self.cancel_button.clicked.connect(self._cancel_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for widget in (
            self.icon_label,
            self.state_label,
            self.pending_label,
            self.last_label,
            self.problem_label,
            self.progress_bar,
            self.cancel_button,
        ):
            layout.addWidget(widget)
        self._syncing_delay = QTimer(self)
        self._syncing_delay.setSingleShot(True)
        self._syncing_delay.setInterval(SYNCING_DELAY_MS)
        self._syncing_delay.timeout.connect(lambda: self._set_state(SyncState.SYNCING))
        self._hide_progress()
        self.pending_label.setVisible(False)
        self.last_label.setVisible(False)
        self._show_problem("")
        self._set_state(SyncState.STARTING)

    # --- texts ------------------------------------------------------------------------------

    def state_text(self, state: SyncState) -> str:
        return {
            SyncState.STARTING: self.tr("Sync: starting"),
            SyncState.NOT_CONFIGURED: self.tr("Sync: not configured"),
            SyncState.ONLINE: self.tr("Online"),
            SyncState.OFFLINE: self.tr("Offline"),
            SyncState.PROBLEM: self.tr("Sync problem"),
            SyncState.SYNCING: self.tr("Syncing…"),
        }[state]

    def state_tooltip(self, state: SyncState) -> str:
        return {
            SyncState.STARTING: self.tr("The first sync with the central database has not finished yet."),
            SyncState.NOT_CONFIGURED: self.tr(
                "No central database is set up: everything is kept on this computer only."
            ),
            SyncState.ONLINE: self.tr("Connected to the central database (press F5 to sync now)."),
            SyncState.OFFLINE: self.tr(
                "The central database cannot be reached. Work on: everything is saved here and sent later."
            ),
            SyncState.PROBLEM: self.tr("The last sync did not complete; see the message next to it."),
            SyncState.SYNCING: self.tr("Sending and receiving changes…"),
        }[state]

    # --- slots (connected to SyncController) ------------------------------------------------

    def round_started(self, manual: bool) -> None:
        if manual:
            self._set_state(SyncState.SYNCING)
        else:
            self._syncing_delay.start()

    def show_progress(self, done: int, total: int) -> None:
        if total < self.large_pull:
            return
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.progress_bar.setToolTip(
            self.tr("Receiving changes: %1 of %2")
            .replace("%1", format_number(done))
            .replace("%2", format_number(total))
        )
        self.progress_bar.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)

    def show_report(self, report: SyncReport) -> None:
        self._round_over()
        error = report.error
        if error is not None and error.code == "central_not_configured":
            self._settle(SyncState.NOT_CONFIGURED)
            self.pending_label.setVisible(False)  # unknown: nothing counted it
            self._show_problem(lambda: error.render(current_language()))
            return
        self._show_pending(report.pending)
        if error is not None:
            unreachable = error.code == "central_unreachable"
            self._settle(SyncState.OFFLINE if unreachable else SyncState.PROBLEM)
            self._show_problem(lambda: error.render(current_language()))
            return
        self._settle(SyncState.ONLINE)
        if report.cancelled:
            self._show_problem(lambda: self.tr("Sync cancelled; the rest follows in the next round."))
            return
        self.last_success = report.finished_at
        self._show_last()
        if report.refused:
            refused = Message("central_refused_changes", {"count": report.refused})
            self._show_problem(lambda: refused.render(current_language()))
        elif report.conflicts:
            self._show_problem(
                lambda: self.tr(
                    "%1 edits conflicted with changes made elsewhere; a supervisor can review them."
                ).replace("%1", format_number(report.conflicts))
            )
        else:
            self._show_problem("")

    def show_failure(self, text: str) -> None:
        self._round_over()
        self._settle(SyncState.PROBLEM)
        self._show_problem(text)

    def _cancel_clicked(self) -> None:
        self.cancel_button.setEnabled(False)  # once is enough; the round stops at its next batch
        self.cancel_requested.emit()

    # --- drawing ----------------------------------------------------------------------------

    def _round_over(self) -> None:
        self._syncing_delay.stop()
        self._hide_progress()

    def _settle(self, state: SyncState) -> None:
        self._set_state(state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # every composed text again, in the new language
            self._set_state(self.state)
            if not self.pending_label.isHidden():
                self._show_pending(self._pending)
            if self.last_success is not None:
                self._show_last()
            if self._problem_source is not None:
                self._show_problem(self._problem_source)
        super().changeEvent(event)

    def _set_state(self, state: SyncState) -> None:
        self.state = state
        self.state_label.setText(self.state_text(state))
        tooltip = self.state_tooltip(state)
        for label in (self.state_label, self.icon_label):
            label.setToolTip(tooltip)
        self.icon_label.setPixmap(icon(_ICONS[state]).pixmap(ICON_SIZE, ICON_SIZE))
        self.icon_label.setAccessibleName(self.state_text(state))

    def _show_last(self) -> None:
        assert self.last_success is not None
        self.last_label.setText(self.tr("Last sync %1").replace("%1", short_time(self.last_success)))
        self.last_label.setToolTip(
            self.tr("Last successful sync: %1 (China time)").replace(
                "%1", format_datetime(self.last_success, seconds=True)
            )
        )
        self.last_label.setVisible(True)

    def _show_pending(self, pending: int) -> None:
        self._pending = pending
        if pending:
            text = self.tr("%1 changes waiting to be sent").replace("%1", format_number(pending))
        else:
            text = self.tr("All changes sent")
        self.pending_label.setText(text)
        self.pending_label.setVisible(True)

    def _show_problem(self, text: str | Callable[[], str]) -> None:
        """A text, or how to compose it: then it is composed again after a language switch."""
        self._problem_source = text if callable(text) else None
        text = text() if callable(text) else text
        self.problem = text
        self.problem_label.setText(text)
        self.problem_label.setToolTip(text)
        self.problem_label.setVisible(bool(text))

    def _hide_progress(self) -> None:
        self.progress_bar.setVisible(False)
        self.cancel_button.setVisible(False)

    @property
    def pending_text(self) -> str:
        return self.pending_label.text() if not self.pending_label.isHidden() else ""

    @property
    def progress_shown(self) -> bool:
        return not self.progress_bar.isHidden()
