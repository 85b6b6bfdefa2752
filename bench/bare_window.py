"""The floor for the start benchmark: a bare PySide6 main window, shown, then quit."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> None:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1200, 800)
    window.show()
    QTimer.singleShot(0, lambda: (print("main window shown", flush=True), app.quit()))
    app.exec()


if __name__ == "__main__":
    main()
