"""Sync in the GUI: the controller that decides when to sync, its status-bar widget, the conflicts dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from app.permissions import Permission, has_permission
from ui.events import AppEvents
from ui.ops import OpRunner
from ui.sync.conflicts_dialog import ConflictsDialog
from ui.sync.controller import SyncController
from ui.sync.status import SyncStatusWidget

if TYPE_CHECKING:
    from app.config import Settings
    from app.context import ServiceContext
    from app.domain import Actor
    from app.sync.engine import SyncReport

__all__ = [
    "ConflictsDialog",
    "SyncController",
    "SyncStatusWidget",
    "SyncUi",
    "connect_status",
    "install_sync",
    "sync_ui_of",
]


class SyncUi(QObject):
    """What install_sync adds to a window, kept together so the window needs no attributes of its own."""

    def __init__(
        self,
        window: QMainWindow,
        runner: OpRunner,
        controller: SyncController,
        status: SyncStatusWidget,
        may_resolve: bool,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.controller = controller
        self.status = status
        self.conflicts_dialog: ConflictsDialog | None = None
        self.sync_now_action = QAction(self.tr("S&ync now"), window)
        self.sync_now_action.setShortcut(QKeySequence("F5"))
        self.sync_now_action.setToolTip(self.tr("Send and receive changes with the central database now"))
        self.sync_now_action.triggered.connect(controller.sync_now)
        self.conflicts_action = QAction(self.tr("Sync &conflicts…"), window)
        self.conflicts_action.setToolTip(self.tr("Review edits that lost a concurrent change (supervisors)"))
        self.conflicts_action.setEnabled(may_resolve)
        self.conflicts_action.triggered.connect(self.show_conflicts)
        controller.report_ready.connect(self._report_ready)
        window.installEventFilter(self)

    def actor_changed(self, actor: Actor) -> None:
        """Someone else signed in: the conflicts action follows their permission."""
        self.conflicts_action.setEnabled(has_permission(actor, Permission.CONFLICT_RESOLVE))

    def show_conflicts(self) -> ConflictsDialog:
        dialog = self.conflicts_dialog
        if dialog is None:
            dialog = ConflictsDialog(self.runner, self.window)
            self.conflicts_dialog = dialog
            dialog.finished.connect(self._conflicts_closed)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.load()
        return dialog

    def _report_ready(self, report: SyncReport) -> None:
        # A pull may bring conflicts found at another workstation of the branch.
        if self.conflicts_dialog is not None and report.pulled:
            self.conflicts_dialog.load()

    def _conflicts_closed(self, _result: int) -> None:
        dialog, self.conflicts_dialog = self.conflicts_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Closing the window stops syncing before the op runner drains its lanes at quit.
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.controller.shutdown()
        return False


def sync_ui_of(window: QMainWindow) -> SyncUi | None:
    """The sync actions and widgets install_sync added to ``window``."""
    return window.findChild(SyncUi)


def _file_menu(window: QMainWindow) -> QMenu:
    actions = window.menuBar().actions()
    menu = actions[0].menu() if actions else None
    if not isinstance(menu, QMenu):
        raise RuntimeError("install_sync expects the window's File menu to exist")
    return menu


def _before_exit(menu: QMenu) -> QAction | None:
    """The separator above Exit, so the sync actions sit with the other commands."""
    actions = menu.actions()
    for index, action in enumerate(actions):
        if action.menuRole() == QAction.MenuRole.QuitRole:
            return actions[index - 1] if index and actions[index - 1].isSeparator() else action
    return None


def connect_status(controller: SyncController, status: SyncStatusWidget) -> None:
    """The widget shows what the controller reports; its Cancel button cancels the running round."""
    controller.round_started.connect(status.round_started)
    controller.report_ready.connect(status.show_report)
    controller.round_failed.connect(status.show_failure)
    controller.progress.connect(status.show_progress)
    status.cancel_requested.connect(controller.cancel)


def install_sync(
    window: QMainWindow,
    runner: OpRunner,
    events: AppEvents,
    store: object,
    ctx: ServiceContext,
    settings: Settings,
) -> SyncController:
    """Adds the status widget and the File menu's sync actions to ``window``; starts syncing.

    Call it once the store is open. The controller stops when the window closes or the app quits.
    """
    controller = SyncController(
        runner, events, store, ctx, str(settings.central_url), float(settings.sync_interval_seconds), window
    )
    status = SyncStatusWidget()
    connect_status(controller, status)
    window.statusBar().addPermanentWidget(status)

    ui = SyncUi(window, runner, controller, status, has_permission(ctx.actor, Permission.CONFLICT_RESOLVE))
    menu = _file_menu(window)
    anchor = _before_exit(menu)
    menu.insertActions(anchor, [ui.sync_now_action, ui.conflicts_action])
    menu.insertSeparator(ui.sync_now_action)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(controller.shutdown)
    controller.start()
    return controller
