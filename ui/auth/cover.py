"""Covers a main window: its views leave the widget tree, its dialogs hide, its menus stop answering."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox, QStackedWidget, QWidget
from shiboken6 import isValid


class WindowCover(QObject):
    """Puts ``screen`` where the window's central widget was.

    While covered, the central widget (the views) has no parent at all: it is neither painted nor
    reachable through the window's accessibility tree, and its window-context shortcuts are dead.
    The window's other top-level windows (dialogs, message boxes, menus) are hidden, also those an
    operation still running opens afterwards (a receipt after a save), and the menu bar is disabled,
    which also silences the shortcuts of its actions. ``uncover`` brings everything back
    for the same user; ``discard_hidden`` closes the hidden dialogs for good (another user comes).
    """

    def __init__(self, window: QMainWindow, screen: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.screen = screen
        self.exempt: set[QWidget] = set()  # e.g. the sign-in dialog
        content = window.takeCentralWidget()  # parentless from here on
        self.content: QWidget | None = content
        self._stack = QStackedWidget()
        self._stack.addWidget(screen)
        window.setCentralWidget(self._stack)
        self._covered = True
        self._hidden: list[QWidget] = []
        self._focus: QWidget | None = None
        self._watch_new_windows(True)
        window.menuBar().setEnabled(False)
        orphans = self._orphans = [content, screen]
        # Not a method of ours: this object is deleted with the window, possibly before the signal.
        window.destroyed.connect(lambda *_args: _delete_orphans(orphans))

    @property
    def covered(self) -> bool:
        return self._covered

    def cover(self) -> None:
        self._hide_other_windows()
        self.window.statusBar().clearMessage()  # "Customer registered." is not for the next person
        if self._covered:
            return
        self._covered = True
        self._watch_new_windows(True)
        focus = QApplication.focusWidget()
        content = self.content
        inside = content is not None and focus is not None and content.isAncestorOf(focus)
        self._focus = focus if inside else None
        self.window.menuBar().setEnabled(False)
        self._stack.setCurrentWidget(self.screen)
        if content is not None:
            self._stack.removeWidget(content)
            content.setParent(None)  # out of the window: nothing of it can be painted or read

    def uncover(self) -> None:
        if not self._covered:
            return
        self._covered = False
        self._watch_new_windows(False)
        content = self.content
        if content is not None:
            self._stack.insertWidget(0, content)
            self._stack.setCurrentWidget(content)
        self.window.menuBar().setEnabled(True)
        for widget in self._hidden:
            if isValid(widget):
                widget.show()
        self._hidden.clear()
        focus, self._focus = self._focus, None
        if focus is not None and isValid(focus) and focus.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def discard_hidden(self) -> None:
        """The dialogs hidden by ``cover`` belonged to a user who is gone: close them for good."""
        hidden, self._hidden = self._hidden, []
        self._focus = None
        for widget in hidden:
            if not isValid(widget):
                continue
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()

    def _hide_other_windows(self) -> None:
        popup = QApplication.activePopupWidget()
        while popup is not None:  # open menus and completers
            popup.close()
            next_popup = QApplication.activePopupWidget()
            popup = None if next_popup is popup else next_popup
        for widget in QApplication.topLevelWidgets():
            if (
                widget is self.window
                or widget in self.exempt
                or not widget.isVisible()
                or widget.windowType() == Qt.WindowType.Popup
                or not self._belongs(widget)
            ):
                continue
            widget.hide()
            self._hidden.append(widget)

    def _watch_new_windows(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched is not self.window
            and watched not in self.exempt
            and not isinstance(watched, QMessageBox)  # messages never hold personal values
            and watched.windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
            and self._belongs(watched, parentless=False)  # other main windows are not ours to hide
            and isValid(self.window)
            and self.window.isVisible()
        ):
            # Hiding inside its own show event leaves Qt half-way (modality, native window): next turn.
            QTimer.singleShot(0, lambda widget=watched: self._hide_late(widget))
        return False

    def _hide_late(self, widget: QWidget) -> None:
        if self._covered and isValid(widget) and widget.isVisible() and widget not in self.exempt:
            widget.hide()
            self._hidden.append(widget)

    def _belongs(self, widget: QWidget, parentless: bool = True) -> bool:
        """A window opened over ours (its parent chain reaches the window or the views), or, when
        covering, one with no parent at all (a message box shown without a parent)."""
        parent = widget.parentWidget()
        if parent is None:
            return parentless
        content = self.content
        return (
            parent is self.window
            or self.window.isAncestorOf(parent)
            or (content is not None and (parent is content or content.isAncestorOf(parent)))
        )


def _delete_orphans(widgets: list[QWidget | None]) -> None:
    """The views (parentless while covered) go with the window."""
    for widget in widgets:
        if widget is not None and isValid(widget) and widget.parentWidget() is None:
            widget.deleteLater()
    widgets.clear()
