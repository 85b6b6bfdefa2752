"""Retranslates the widgets already on screen after a language switch, so no window needs rebuilding.

Views set their texts once with tr(); instead of every view keeping a retranslate method, each text
on screen is traced back to its source through the catalogue (and app/messages.py for texts raised in
app/) and translated again. Texts composed at run time (numbers, names) are refreshed by their views.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from functools import cache

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from app.messages import TEXTS
from ui.i18n import CATALOGUE, CHINESE, ENGLISH, TRANSLATIONS_DIR

REQUIRED_MARK = " *"
_PLACEHOLDER = re.compile(r"\{\w+\}")
Source = tuple[str, str]  # (context, English source text); context "" for app/ messages


@cache
def _tables() -> tuple[dict[str, list[Source]], dict[str, list[Source]]]:
    """English source -> where it is used, and Chinese translation -> its sources."""
    by_source: dict[str, list[Source]] = {}
    by_chinese: dict[str, list[Source]] = {}
    ts = TRANSLATIONS_DIR / f"{CATALOGUE}_{CHINESE}.ts"
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            chinese = message.findtext("translation") or ""
            by_source.setdefault(source, []).append((name, source))
            if chinese:
                by_chinese.setdefault(chinese, []).append((name, source))
    for chinese, english in TEXTS.values():
        if _PLACEHOLDER.search(english):
            continue  # filled in at run time: only the view that filled it can redo it
        by_source.setdefault(english, []).append(("", english))
        by_chinese.setdefault(chinese, []).append(("", english))
    return by_source, by_chinese


def _message_text(english: str, language: str) -> str:
    if language == ENGLISH:
        return english
    for chinese, source in TEXTS.values():
        if source == english:
            return chinese
    return english


def translate_text(text: str, language: str, contexts: Iterable[str] = ()) -> str | None:
    """``text`` (in either language) in ``language``; None when it is not a catalogue text."""
    if not text:
        return None
    suffix = ""
    if text.endswith(REQUIRED_MARK):  # the intake form marks required captions
        text, suffix = text[: -len(REQUIRED_MARK)], REQUIRED_MARK
    by_source, by_chinese = _tables()
    candidates = by_source.get(text) or by_chinese.get(text)
    if not candidates:
        return None
    preferred = list(contexts)
    candidates = sorted(candidates, key=lambda c: preferred.index(c[0]) if c[0] in preferred else 999)
    context, source = candidates[0]
    if context == "":
        return _message_text(source, language) + suffix
    if language == ENGLISH:
        return source + suffix
    return QCoreApplication.translate(context, source) + suffix


def _contexts(obj: QObject) -> list[str]:
    """Class names of the object and its parents: the contexts its texts most likely came from."""
    names: list[str] = []
    current: QObject | None = obj
    while current is not None:
        for cls in type(current).__mro__:
            if cls.__module__.startswith(("ui.", "__main__")) and cls.__name__ not in names:
                names.append(cls.__name__)
        current = current.parent()
    return names


def _redo(
    getter: Callable[[], str], setter: Callable[[str], None], language: str, contexts: list[str]
) -> None:
    new = translate_text(getter(), language, contexts)
    if new is not None and new != getter():
        setter(new)


def _retranslate_action(action: QAction, language: str, contexts: list[str]) -> None:
    _redo(action.text, action.setText, language, contexts)
    _redo(action.toolTip, action.setToolTip, language, contexts)
    _redo(action.statusTip, action.setStatusTip, language, contexts)


def _retranslate_model(model: QAbstractItemModel | None) -> None:
    if model is None:
        return
    root = QModelIndex()
    columns = model.columnCount(root) if not isinstance(model, QAbstractListModel) else 1
    rows = model.rowCount(root)
    if columns == 0:
        return
    # Our models translate headers and cells when asked: tell the views to ask again.
    model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
    if rows > 0:
        last = model.index(rows - 1, columns - 1)
        model.dataChanged.emit(model.index(0, 0), last)


def retranslate_widget(widget: QWidget, language: str) -> None:
    """One widget's own texts (not its children's)."""
    contexts = _contexts(widget)
    if widget.isWindow():
        _redo(widget.windowTitle, widget.setWindowTitle, language, contexts)
    _redo(widget.toolTip, widget.setToolTip, language, contexts)
    caption = widget.property("caption")
    if isinstance(caption, str):
        _redo(
            lambda: str(widget.property("caption")),
            lambda t: widget.setProperty("caption", t),
            language,
            contexts,
        )
    if isinstance(widget, QMenu):
        _redo(widget.title, widget.setTitle, language, contexts)
    rich = isinstance(widget, QLabel) and widget.textFormat() == Qt.TextFormat.RichText
    if isinstance(widget, QAbstractButton | QLabel) and not rich:
        _redo(widget.text, widget.setText, language, contexts)
    if isinstance(widget, QGroupBox):
        _redo(widget.title, widget.setTitle, language, contexts)
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        _redo(widget.placeholderText, widget.setPlaceholderText, language, contexts)
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            _redo(lambda i=i: widget.itemText(i), lambda t, i=i: widget.setItemText(i, t), language, contexts)
        if widget.isEditable() and widget.lineEdit() is not None:
            _redo(widget.lineEdit().placeholderText, widget.lineEdit().setPlaceholderText, language, contexts)
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            _redo(lambda i=i: widget.tabText(i), lambda t, i=i: widget.setTabText(i, t), language, contexts)
            _redo(
                lambda i=i: widget.tabToolTip(i),
                lambda t, i=i: widget.setTabToolTip(i, t),
                language,
                contexts,
            )
    if isinstance(widget, QTableWidget):
        for column in range(widget.columnCount()):
            item = widget.horizontalHeaderItem(column)
            if item is not None:
                _redo(item.text, item.setText, language, contexts)
    elif isinstance(widget, QAbstractItemView):
        _retranslate_model(widget.model())
    for action in QWidget.actions(widget):  # unbound: some views name an attribute "actions"
        _retranslate_action(action, language, contexts)


def retranslate_all(language: str, roots: Iterable[QWidget] | None = None) -> None:
    """Every open window and everything in it; menus and actions included."""
    windows = list(roots) if roots is not None else QApplication.topLevelWidgets()
    for window in windows:
        for widget in [window, *window.findChildren(QWidget)]:
            retranslate_widget(widget, language)
        for action in window.findChildren(QAction):
            _retranslate_action(action, language, _contexts(action))
