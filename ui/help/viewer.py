"""The user guide viewer: local HTML in the interface language, a contents list, back and home."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import ENGLISH, RESOURCES_DIR, current_language

HELP_DIR = RESOURCES_DIR / "help"
_SECTION = re.compile(r'<h2 id="(?P<anchor>[\w-]+)">(?:<a name="[\w-]+"></a>)?(?P<title>[^<]+)</h2>')
TOPICS = ("start", "customers", "intake", "receipt", "deadlines", "callbacks", "sync", "keys", "settings")


def guide_file(language: str) -> Path:
    """The guide in ``language``; English when a language has none (it is the source language)."""
    path = HELP_DIR / f"guide_{language}.html"
    return path if path.exists() else HELP_DIR / f"guide_{ENGLISH}.html"


def sections(language: str) -> list[tuple[str, str]]:
    """(anchor, title) of each chapter, in order."""
    text = guide_file(language).read_text(encoding="utf-8")
    return [(match["anchor"], match["title"].strip()) for match in _SECTION.finditer(text)]


class HelpViewer(QDialog):
    """Non-modal, so the guide can stay open beside the form it explains."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.contents = QListWidget()
        self.contents.setMaximumWidth(220)
        self.contents.currentItemChanged.connect(self._section_chosen)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(HELP_DIR)])
        self.back_button = QPushButton()
        self.back_button.setShortcut(QKeySequence.StandardKey.Back)
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.home_button = QPushButton()
        self.home_button.clicked.connect(lambda: self.show_topic("start"))
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.home_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.back_button.setEnabled(False)
        self.language = ""
        self._retranslate()
        self.resize(900, 640)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("BranchDesk user guide"))
        self.back_button.setText(self.tr("&Back"))
        self.home_button.setText(self.tr("&Contents"))
        self.close_button.setText(self.tr("Close"))
        self.contents.setAccessibleName(self.tr("Chapters"))
        self.browser.setAccessibleName(self.tr("User guide"))
        self._load(current_language())

    def _load(self, language: str) -> None:
        if language == self.language:
            return
        self.language = language
        self.browser.setSource(QUrl.fromLocalFile(str(guide_file(language))))
        self.contents.blockSignals(True)
        self.contents.clear()
        for anchor, title in sections(language):
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, anchor)
            self.contents.addItem(item)
        self.contents.blockSignals(False)

    def show_topic(self, topic: str) -> None:
        """Open at a chapter (F1 on the intake form opens "intake")."""
        self._load(current_language())
        self.browser.scrollToAnchor(topic)
        for row in range(self.contents.count()):
            if self.contents.item(row).data(Qt.ItemDataRole.UserRole) == topic:
                self.contents.blockSignals(True)
                self.contents.setCurrentRow(row)
                self.contents.blockSignals(False)

    def current_topic(self) -> str:
        item = self.contents.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else "start"

    def _section_chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.browser.scrollToAnchor(str(item.data(Qt.ItemDataRole.UserRole)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            topic = self.current_topic()
            self._retranslate()
            self.show_topic(topic)
        super().changeEvent(event)
