"""The File menu's staff actions (lock, switch user, sign out, operation log) and the status-bar name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

from app.permissions import Permission, has_permission
from ui.auth.labels import who_label
from ui.auth.session import StaffSession
from ui.ops import OpRunner

if TYPE_CHECKING:
    from ui.audit.viewer import AuditViewer

LOCK_SHORTCUT = "Ctrl+L"


def file_menu_of(window: QMainWindow) -> QMenu:
    """The first top-level menu; ours go there (the menu bar keeps its three menus)."""
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    return menu


class AuthActions(QObject):
    """Enabled only while someone is signed in; "Operation log…" also needs ``audit.read``."""

    def __init__(self, window: QMainWindow, session: StaffSession, runner: OpRunner) -> None:
        super().__init__(session)
        self.window = window
        self.session = session
        self.runner = runner
        self.audit_viewer: AuditViewer | None = None
        self.audit_action = QAction(self.tr("&Operation log…"), window)
        self.audit_action.triggered.connect(self.open_audit_viewer)
        self.lock_action = QAction(self.tr("&Lock"), window)
        self.lock_action.setShortcut(QKeySequence(LOCK_SHORTCUT))
        self.lock_action.setToolTip(self.tr("Hide all customer data until you enter your password (Ctrl+L)"))
        self.lock_action.triggered.connect(session.lock)
        self.switch_action = QAction(self.tr("S&witch user…"), window)
        self.switch_action.triggered.connect(session.switch_user)
        self.sign_out_action = QAction(self.tr("Si&gn out"), window)
        self.sign_out_action.triggered.connect(session.sign_out)
        self._insert_into(file_menu_of(window))
        self.user_label = QLabel()
        self.user_label.setToolTip(self.tr("Signed-in staff member"))
        window.statusBar().insertPermanentWidget(0, self.user_label)
        self.user_label.installEventFilter(self)  # its name and role are composed: redo on a language switch
        session.state_changed.connect(self.update_state)
        self.update_state()

    def _insert_into(self, menu: QMenu) -> None:
        """File: … | Operation log… | Lock, Switch user…, Sign out | Exit."""
        quit_actions = [a for a in menu.actions() if a.menuRole() == QAction.MenuRole.QuitRole]
        before = quit_actions[-1] if quit_actions else None
        items: list[QAction | None] = [self.audit_action, None, *self.actions[1:]]
        if before is None:
            menu.addSeparator()
        else:
            items.append(None)  # between Sign out and Exit
        for action in items:
            if before is None:
                menu.addSeparator() if action is None else menu.addAction(action)
            elif action is None:
                menu.insertSeparator(before)
            else:
                menu.insertAction(before, action)

    @property
    def actions(self) -> tuple[QAction, ...]:
        return (self.audit_action, self.lock_action, self.switch_action, self.sign_out_action)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.user_label and event.type() == QEvent.Type.LanguageChange:
            self.update_state()
        return False

    def update_state(self, _state: str = "") -> None:
        actor = self.session.actor
        active = self.session.is_active and actor is not None
        for action in (self.lock_action, self.switch_action, self.sign_out_action):
            action.setEnabled(active)
        self.audit_action.setEnabled(
            active and actor is not None and has_permission(actor, Permission.AUDIT_READ)
        )
        self.user_label.setText(who_label(actor) if actor is not None else self.tr("Not signed in"))
        if actor is None:
            self.audit_viewer = None  # closed with the session; the next one opens its own

    def open_audit_viewer(self) -> None:
        actor = self.session.actor
        if not self.session.is_active or actor is None or not has_permission(actor, Permission.AUDIT_READ):
            return
        from ui.audit.viewer import open_audit_viewer  # the viewer loads when first asked for

        self.audit_viewer = open_audit_viewer(self.window, self.runner, self.audit_viewer)
