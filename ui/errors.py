"""The one mapping from app errors to translated messages, and the crash dialog for the unexpected."""

from __future__ import annotations

import logging
import platform
import re
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import BranchDeskError, KeyringFailure
from app.messages import Message
from ui.i18n import current_language

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


# KeyringFailure("reading the key failed (KeyringLocked)"): the backend's exception type at the end.
_KEYRING_READ = re.compile(r"\((?P<kind>\w+)\)$")


def message_for(exc: BranchDeskError) -> str:
    """The user's-language text of a typed error; it already says how to recover."""
    if isinstance(exc, KeyringFailure):
        # A locked or unavailable keyring: what to do, not the backend's own wording.
        found = _KEYRING_READ.search(str(exc.message.params.get("detail", "")))
        if found:
            return Message("keyring_locked", {"detail": found["kind"]}).render(current_language())
    return exc.render(current_language())


def expected_failure(exc: BaseException) -> BranchDeskError | None:
    """An ordinary PC failure that reached the op runner untyped (a full disk during a save), as the
    typed error whose message says that nothing was lost and what to do; None for a real bug."""
    # Imported only on failure: keeps SQLAlchemy off the first paint.
    from app.store_guard import DiskFull, is_disk_full

    return DiskFull() if is_disk_full(exc) else None


def field_message(message: Message) -> str:
    """The user's-language text of one per-field validation message."""
    return message.render(current_language())


def show_error(parent: QWidget | None, exc: BranchDeskError) -> None:
    """Tell the user about an expected failure (nothing was changed unless the text says so)."""
    QMessageBox.warning(parent, QCoreApplication.translate("Errors", "BranchDesk"), message_for(exc))


def show_fatal(parent: QWidget | None, exc: BranchDeskError) -> None:
    """Tell the user why the application cannot continue (start-up failures)."""
    QMessageBox.critical(
        parent, QCoreApplication.translate("Errors", "BranchDesk cannot start"), message_for(exc)
    )


# --- unexpected exceptions ---------------------------------------------------------------


def crash_details(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """What may leave the machine: exception types and code locations, never values.

    An exception's message can quote user input (``invalid literal for int(): '张三'``), so only
    the type names are kept; frames carry file, line, function and source line but no locals.
    """
    lines = [f"BranchDesk crash report (Python {platform.python_version()}, {platform.system()})"]
    seen: set[int] = set()
    chain: list[tuple[type[BaseException], TracebackType | None]] = []
    current: BaseException | None = exc
    current_type: type[BaseException] = exc_type
    current_tb = tb
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current_type, current_tb))
        current = current.__cause__ or current.__context__
        if current is not None:
            current_type, current_tb = type(current), current.__traceback__
    for index, (kind, frames_tb) in enumerate(reversed(chain)):
        if index:
            lines.append("During handling of the above, another exception occurred:")
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(frames_tb):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        lines.append(f"{kind.__module__}.{kind.__qualname__}")
    return "\n".join(lines)


def crash_signature(exc_type: type[BaseException], tb: TracebackType | None) -> tuple[object, ...]:
    """Identifies "the same crash again" so the user sees it once per session."""
    frames = tuple((f.filename, f.lineno, f.name) for f in traceback.extract_tb(tb))
    return (exc_type.__qualname__, frames)


class CrashDialog(QDialog):
    """Says something went wrong, shows the sanitised details and offers to copy them."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.details = details
        intro = QLabel(
            self.tr(
                "BranchDesk ran into an unexpected problem. Your last action may not have been "
                "completed; check the result before continuing.\n"
                "Please copy the details below and send them to branch IT. "
                "They contain no customer data."
            )
        )
        intro.setWordWrap(True)
        self.details_view = QPlainTextEdit(details)
        self.details_view.setReadOnly(True)
        self.details_view.setMinimumSize(560, 220)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details_view)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)


class CrashReporter(QObject):
    """Receives every unexpected exception (via sys.excepthook) and shows one dialog per kind."""

    _from_other_thread = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._seen: set[tuple[object, ...]] = set()
        self.dialog: CrashDialog | None = None
        self._previous_hook: Callable[..., object] | None = None
        self._from_other_thread.connect(self._report)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        sys.excepthook = self.excepthook

    def uninstall(self) -> None:
        if self._previous_hook is not None and sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook
        self._previous_hook = None

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        info = (exc_type, exc, tb)
        if QThread.currentThread() is self.thread():
            self._report(info)
        else:
            self._from_other_thread.emit(info)

    def _report(self, info: ExcInfo) -> None:
        exc_type, exc, tb = info
        details = crash_details(exc_type, exc, tb)
        log.error("unexpected exception\n%s", details)
        signature = crash_signature(exc_type, tb)
        if signature in self._seen or QApplication.instance() is None:
            return
        self._seen.add(signature)
        if self.dialog is not None and self.dialog.isVisible():
            return  # one crash window at a time; the log has every report
        self.dialog = CrashDialog(details, QApplication.activeWindow())
        self.dialog.show()


def report_unexpected(exc: BaseException) -> None:
    """Send an exception caught by the op runner down the same path as an uncaught one."""
    sys.excepthook(type(exc), exc, exc.__traceback__)
