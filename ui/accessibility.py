"""Accessible names and descriptions for every input and button, derived from what sighted users read.

Screen readers announce a field by its accessible name. Views label their fields with captions,
buddies and button texts already; this fills in the name from those (and the description from the
tooltip or placeholder) when the focus first enters its window, and again after a language switch. A name a
view sets explicitly is left alone.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

AUTO = "branchdeskAutoName"  # marks a name this module derived, so it may be derived again
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QAbstractSlider,
    QTabBar,
)
_CJK_MNEMONIC = re.compile(r"\s*\(&\w\)")


def plain(text: str) -> str:
    """A caption as spoken: no mnemonic marker ("&File", "文件(&F)"), no trailing colon or star."""
    text = _CJK_MNEMONIC.sub("", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip(" *:：…").replace("…", "").strip()


def is_interactive(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox):
        return False  # the combo box or spin box it belongs to carries the name
    if isinstance(widget, QHeaderView | QScrollBar):
        return False  # part of its table or scroll area, which carries the name
    if type(widget).__name__.startswith("Qt") or widget.objectName().startswith("qt_"):
        return False  # Qt's internal parts (scroll bar arrows, calendar popups...)
    return isinstance(widget, INTERACTIVE)


def _form_caption(widget: QWidget) -> str:
    """The caption of the form row the widget (or the composite it belongs to) sits in."""
    current: QWidget | None = widget
    while current is not None and not current.isWindow():
        parent = current.parentWidget()
        layouts = parent.findChildren(QFormLayout) if parent is not None else []
        if parent is not None and isinstance(parent.layout(), QFormLayout):
            layouts.insert(0, parent.layout())
        for layout in layouts:
            label = layout.labelForField(current)
            if isinstance(label, QLabel | QAbstractButton) and label.text():  # a check box may caption
                return plain(label.text())
        current = parent
    return ""


def _buddy_caption(widget: QWidget) -> str:
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget and label.text():
            return plain(label.text())
    return ""


def _label_before(widget: QWidget) -> str:
    """A caption placed just left of (or above) the widget in a box layout, as in "Language [combo]"."""
    parent = widget.parentWidget()
    if parent is None or parent.layout() is None:
        return ""
    pending: list[QLayout] = [parent.layout()]
    while pending:
        layout = pending.pop()
        previous: QWidget | None = None
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item.layout() is not None:
                pending.append(item.layout())
            current = item.widget()
            if current is widget and isinstance(previous, QLabel) and previous.text():
                return plain(previous.text())
            if current is not None:
                previous = current
    return ""


def _group_title(widget: QWidget) -> str:
    """A list or text pane that fills a titled group box is named by the title."""
    parent = widget.parentWidget()
    if isinstance(parent, QGroupBox) and parent.title():
        return plain(parent.title())
    return ""


def derive_name(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton) and widget.text():
        return plain(widget.text())
    name = _buddy_caption(widget) or _form_caption(widget) or _label_before(widget)
    if not name and isinstance(widget, QAbstractItemView | QTextEdit | QPlainTextEdit):
        name = _group_title(widget)
    if name:
        return name
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) and widget.placeholderText():
        return plain(widget.placeholderText())
    line = widget.lineEdit() if isinstance(widget, QComboBox) and widget.isEditable() else None
    if line is not None and line.placeholderText():
        return plain(line.placeholderText())
    if widget.toolTip():
        return plain(widget.toolTip())
    if isinstance(widget, QTabBar):
        return plain(widget.window().windowTitle())
    return ""


def derive_description(widget: QWidget, name: str) -> str:
    for text in (widget.toolTip(), getattr(widget, "placeholderText", lambda: "")()):
        if text and plain(text) != name:
            return text
    return ""


def name_widget(widget: QWidget, refresh: bool = False) -> None:
    """Give ``widget`` a name (and a description) unless its view chose one."""
    if not is_interactive(widget):
        return
    explicit = widget.accessibleName() and not widget.property(AUTO)
    if explicit:
        return
    if widget.accessibleName() and not refresh:
        return
    name = derive_name(widget)
    if name:
        widget.setAccessibleName(name)
        widget.setProperty(AUTO, True)
    if not widget.accessibleDescription() or widget.property(AUTO):
        description = derive_description(widget, name)
        if description:
            widget.setAccessibleDescription(description)


def name_tree(root: QWidget, refresh: bool = False) -> None:
    for widget in [root, *root.findChildren(QWidget)]:
        name_widget(widget, refresh)


def name_all(refresh: bool = False) -> None:
    for window in QApplication.topLevelWidgets():
        name_tree(window, refresh)


class AccessibleNamer(QObject):
    """Application-wide: names a window's widgets whenever the keyboard focus enters it, whoever built it.

    Focus changes, not an application event filter: a Python filter would see every event of every
    object, including objects still under construction, which PySide cannot safely wrap.
    """

    def focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            name_tree(new.window())


def install_accessible_names(app: QApplication) -> AccessibleNamer:
    namer = AccessibleNamer(app)
    app.focusChanged.connect(namer.focus_changed)
    return namer
