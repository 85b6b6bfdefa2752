"""The floor for the start benchmark: a bare PySide6 main window, shown, painted, then quit."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class _Painted(QObject):
    """Reports on the turn after the window's first paint, as BranchDesk's --self-test does
    (ui/first_paint.py): a zero timer armed at show() would fire before Qt paints."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.reported = False

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.reported:
            self.reported = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print("main window shown", flush=True)
        self.app.quit()


def main() -> None:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1200, 800)
    painted = _Painted(app)
    window.installEventFilter(painted)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
