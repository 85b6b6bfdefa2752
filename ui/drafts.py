"""Drafts kept across a cancelled dialog: Esc pressed by mistake must not cost the customer's story.

A dialog's inputs are read in creation order when it is rejected and written back, widget by widget,
the next time the same kind of dialog opens for the same record. An accepted dialog drops its draft.
Drafts live in memory only (never on disk: they may hold personal data) and go when the session ends.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

Value = tuple[str, Any]


def _inputs(dialog: QWidget) -> list[QWidget]:
    found = []
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox):
            continue  # part of a combo or spin box, which is read as a whole
        typed = isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) and not widget.isReadOnly()
        chosen = isinstance(widget, QComboBox | QSpinBox) or (
            isinstance(widget, QAbstractButton) and widget.isCheckable()
        )
        if typed or chosen:
            found.append(widget)
    return found


def _read(widget: QWidget) -> Value:
    if isinstance(widget, QLineEdit):
        return ("text", widget.text())
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return ("plain", widget.toPlainText())
    if isinstance(widget, QComboBox):
        return ("combo", widget.currentText() if widget.isEditable() else widget.currentIndex())
    if isinstance(widget, QSpinBox):
        return ("spin", widget.value())
    assert isinstance(widget, QAbstractButton)
    return ("check", widget.isChecked())


def _write(widget: QWidget, value: Value) -> None:
    kind, data = value
    if kind == "text" and isinstance(widget, QLineEdit):
        widget.setText(data)
    elif kind == "plain" and isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.setPlainText(data)
    elif kind == "combo" and isinstance(widget, QComboBox):
        if isinstance(data, str):
            widget.setEditText(data)
        elif 0 <= data < widget.count():
            widget.setCurrentIndex(data)
    elif kind == "spin" and isinstance(widget, QSpinBox):
        widget.setValue(data)
    elif kind == "check" and isinstance(widget, QAbstractButton):
        widget.setChecked(data)


def snapshot(dialog: QWidget) -> list[Value]:
    return [_read(widget) for widget in _inputs(dialog)]


class DraftKeeper(QObject):
    """One per view that opens dialogs; ``key`` names the dialog kind and the record it edits."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.drafts: dict[str, list[Value]] = {}

    def watch(self, dialog: QDialog, key: str) -> bool:
        """Restore a kept draft into ``dialog`` (True if there was one) and keep the next one."""
        initial = snapshot(dialog)
        restored = False
        kept = self.drafts.pop(key, None)
        widgets = _inputs(dialog)
        if kept is not None and len(kept) == len(widgets):
            for widget, value in zip(widgets, kept, strict=True):
                _write(widget, value)
            restored = True

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self.drafts.pop(key, None)
                return
            typed = snapshot(dialog)
            if typed != initial:  # something was typed: keep it for the next opening
                self.drafts[key] = typed

        dialog.finished.connect(finished)
        return restored

    def clear(self) -> None:
        """A staff member left: their drafts go with them."""
        self.drafts.clear()
