"""Empty states: a list with nothing in it says what to do next instead of showing a blank grid."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

VIEWPORT_NAME = "qt_scrollarea_viewport"  # the object name QAbstractScrollArea gives its own viewport


def _viewport(view: QAbstractItemView) -> QWidget:
    """The view's viewport. The first ``viewport()`` of a process makes PySide look the plain QWidget up
    among every QWidget subclass, creating all their enums (12 ms, on the way to the first paint);
    found by its object name it is the same object, without that search (later ``viewport()`` calls
    then return it as it is)."""
    found = view.findChild(QWidget, VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else view.viewport()


class EmptyState(QLabel):
    """Centred over the view's viewport while its model has no rows; follows resets and inserts."""

    def __init__(self, view: QAbstractItemView, text: str) -> None:
        viewport = _viewport(view)
        super().__init__(text, viewport)
        self.view = view
        self.setProperty("role", "empty")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        viewport.installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update_visibility)
        self.update_visibility()

    def update_visibility(self, *_args: object) -> None:
        model = self.view.model()
        self.setVisible(model is not None and model.rowCount() == 0)
        self.setGeometry(self.view.viewport().rect().adjusted(24, 24, -24, -24))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.view.viewport().rect().adjusted(24, 24, -24, -24))
        return False


def attach_empty_state(view: QAbstractItemView, text: str) -> EmptyState:
    return EmptyState(view, text)
