"""The Help menu and the Settings command: the user guide (F1), the cheat sheet, setup check and About."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from app.config import Settings
from ui.icons import icon
from ui.ops import OpRunner

if TYPE_CHECKING:  # the viewer is imported when first opened, keeping the first paint quick
    from ui.help.viewer import HelpViewer

HELP_SHORTCUT = "F1"
CHEAT_SHEET_SHORTCUT = "Ctrl+/"
SETTINGS_SHORTCUT = "Ctrl+,"


class HelpActions(QObject):
    """Owns the dialogs it opens (one of each at a time); ``topic`` says which guide chapter F1 opens."""

    def __init__(
        self,
        window: QMainWindow,
        settings: Settings,
        runner: OpRunner,
        topic: Callable[[], str],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.runner = runner
        self.topic = topic
        self.language_setting = str(settings.language)
        self.theme_setting = str(settings.theme)
        self.viewer: HelpViewer | None = None
        self.dialog: QObject | None = None  # the last modal one opened (tests look at it)

        self.settings_action = QAction(icon("settings"), self.tr("&Settings…"), window)
        self.settings_action.setShortcut(QKeySequence(SETTINGS_SHORTCUT))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.setToolTip(self.tr("Language and colours (Ctrl+,)"))
        self.settings_action.triggered.connect(self.show_settings)
        self.guide_action = QAction(icon("help"), self.tr("&User guide"), window)
        self.guide_action.setShortcut(QKeySequence(HELP_SHORTCUT))
        self.guide_action.setToolTip(self.tr("The guide to the screen in front of you (F1)"))
        self.guide_action.triggered.connect(self.show_guide)
        self.cheat_action = QAction(icon("keyboard"), self.tr("&Keyboard shortcuts"), window)
        self.cheat_action.setShortcut(QKeySequence(CHEAT_SHEET_SHORTCUT))
        self.cheat_action.triggered.connect(self.show_cheat_sheet)
        self.check_action = QAction(icon("welcome"), self.tr("&Check setup…"), window)
        self.check_action.setToolTip(self.tr("Keyring, encryption key, local store and schema"))
        self.check_action.triggered.connect(self.show_welcome)
        self.about_action = QAction(icon("about"), self.tr("&About BranchDesk"), window)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

    def fill(self, help_menu: QMenu) -> None:
        """The Help menu; the window puts ``settings_action`` in its File menu."""
        for action in (self.guide_action, self.cheat_action, self.check_action):
            help_menu.addAction(action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def show_guide(self, topic: str | None = None) -> HelpViewer:
        if self.viewer is None:
            from ui.help.viewer import HelpViewer

            self.viewer = HelpViewer(self.window)
        self.viewer.show()
        self.viewer.raise_()
        self.viewer.activateWindow()
        self.viewer.show_topic(topic or self.topic())
        return self.viewer

    def show_cheat_sheet(self) -> QObject:
        from ui.help.shortcuts import ShortcutSheet

        return self._open(ShortcutSheet(self.window))

    def show_about(self) -> QObject:
        from ui.help.about import AboutDialog

        return self._open(AboutDialog(self.settings, self.window))

    def show_settings(self) -> QObject:
        from ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.language_setting, self.theme_setting, self.window)

        def applied(_language: str, _theme: str) -> None:
            self.language_setting = dialog.language_setting
            self.theme_setting = dialog.theme_setting

        dialog.applied.connect(applied)
        return self._open(dialog)

    def show_welcome(self) -> QObject:
        from ui.welcome import WelcomeDialog

        dialog = WelcomeDialog(self.runner, self.settings, self.window)
        dialog.help_requested.connect(lambda: self.show_guide("start"))
        self._open(dialog)
        dialog.run_checks()
        return dialog

    def _open(self, dialog: QObject) -> QObject:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]
        from ui.accessibility import name_tree  # not needed before the first paint

        name_tree(dialog)  # type: ignore[arg-type]
        return dialog
