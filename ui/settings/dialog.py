"""The Settings dialog: language and colour scheme, applied at once to every open window and saved."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.config import save_user_settings
from app.errors import BranchDeskError
from ui import theme
from ui.i18n import CHINESE, ENGLISH, current_language, resolve_language, switch_language

log = logging.getLogger(__name__)
AUTO = "auto"


def apply_choices(language_setting: str, theme_setting: str) -> tuple[str, str]:
    """Language and look now, for every open window; returns what is in effect."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    language = resolve_language(language_setting)
    if language != current_language():
        switch_language(app, language)
    return language, theme.apply_theme(app, theme_setting)


class SettingsDialog(QDialog):
    """OK applies and saves; Cancel leaves everything as it was."""

    applied = Signal(str, str)  # language, theme in effect

    def __init__(
        self,
        language_setting: str,
        theme_setting: str,
        parent: QWidget | None = None,
        user_file: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.user_file = user_file or paths.user_config_file()
        self.setWindowTitle(self.tr("Settings"))
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("Follow the system"), AUTO)
        self.language_combo.addItem("中文(简体)", CHINESE)  # each language in its own words
        self.language_combo.addItem("English", ENGLISH)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language_setting)))
        self.theme_combo = QComboBox()
        self.theme_combo.addItem(self.tr("Follow the system"), theme.AUTO)
        self.theme_combo.addItem(self.tr("Light"), theme.LIGHT)
        self.theme_combo.addItem(self.tr("Dark"), theme.DARK)
        self.theme_combo.addItem(self.tr("High contrast"), theme.HIGH_CONTRAST)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(theme_setting)))
        language_caption = QLabel(self.tr("&Language:"))
        language_caption.setBuddy(self.language_combo)
        theme_caption = QLabel(self.tr("&Colours:"))
        theme_caption.setBuddy(self.theme_combo)
        self.language_combo.setToolTip(self.tr("Applies at once to every open window; no restart needed"))
        self.theme_combo.setToolTip(
            self.tr(
                "Light, dark or high contrast (black and white, thick focus frames); all keep text readable"
            )
        )
        where = QLabel(self.tr("Saved for you in %1").replace("%1", str(self.user_file)))
        where.setWordWrap(True)
        where.setProperty("role", "hint")
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        form = QFormLayout()
        form.addRow(language_caption, self.language_combo)
        form.addRow(theme_caption, self.theme_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(where)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    @property
    def language_setting(self) -> str:
        return str(self.language_combo.currentData())

    @property
    def theme_setting(self) -> str:
        return str(self.theme_combo.currentData())

    def accept(self) -> None:
        try:
            save_user_settings(
                {"language": self.language_setting, "theme": self.theme_setting}, self.user_file
            )
        except (OSError, BranchDeskError) as exc:
            # still applied for this run: the counter should not be stuck in a language it cannot read
            log.warning("user settings not saved: %s", type(exc).__name__)
            self.error_label.setText("⚠ " + self.tr("Applied, but could not be saved for the next start."))
            self.error_label.setVisible(True)
        language, scheme = apply_choices(self.language_setting, self.theme_setting)
        self.applied.emit(language, scheme)
        if not self.error_label.isVisible():
            super().accept()
