"""The shortcut cheat sheet: read from the menus themselves, so it never disagrees with them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.accessibility import plain


def _form_keys() -> list[tuple[str, str]]:
    """Keys that work inside forms and dialogs rather than from a menu (literal texts for lupdate)."""
    translate = QCoreApplication.translate
    return [
        ("Ctrl+Enter", translate("ShortcutSheet", "Save the form or dialog")),
        (
            "Esc",
            translate("ShortcutSheet", "Close a dialog, discard a draft (after asking), back to the queue"),
        ),
        ("Tab / Shift+Tab", translate("ShortcutSheet", "Next / previous field")),
        (
            "Alt+" + translate("ShortcutSheet", "letter"),
            translate("ShortcutSheet", "The button or field whose caption has that letter underlined"),
        ),
        ("Enter", translate("ShortcutSheet", "Search (in the search field); open the case (in the queue)")),
        (
            "Alt+N · Alt+T · Alt+S · Alt+B · Alt+L",
            translate("ShortcutSheet", "Case page: note, transfer, status, callback, close"),
        ),
    ]


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command that has a shortcut."""
    found: list[tuple[str, str, str]] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in menu.actions():
            if isinstance(action, QAction) and not action.isSeparator() and not action.shortcut().isEmpty():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                found.append((plain(menu.title()), plain(action.text()), keys))
    return found


class ShortcutSheet(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = [(keys, f"{menu} › {command}") for menu, command, keys in menu_shortcuts(window)]
        rows += _form_keys()
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What it does")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        for row, (keys, what) in enumerate(rows):
            key_item = QTableWidgetItem(keys)
            font = key_item.font()
            font.setBold(True)
            key_item.setFont(font)
            self.table.setItem(row, 0, key_item)
            self.table.setItem(row, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(640, 520)
