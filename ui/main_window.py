"""The main window: composes the views, the menus and the status bar; no business logic."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QProgressBar, QWidget

from app.config import Settings
from ui.customers.panel import CustomerPanel
from ui.events import AppEvents
from ui.ops import OpRunner

STATUS_MESSAGE_MS = 8000
BUSY_DELAY_MS = 300


class MainWindow(QMainWindow):
    """Hosts the customer panel; actions call the panel's public methods, nothing else."""

    def __init__(
        self,
        runner: OpRunner,
        events: AppEvents,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.events = events
        self.setWindowTitle(
            self.tr("BranchDesk — branch %1, workstation %2")
            .replace("%1", str(settings.branch))
            .replace("%2", str(settings.workstation))
        )
        self.customers = CustomerPanel(runner, events, int(settings.reveal_seconds), self)
        self.setCentralWidget(self.customers)
        self._build_menus()
        self._build_status_bar(str(settings.data_paths.store))
        events.status_message.connect(self.show_status_message)
        events.busy_changed.connect(self._busy_changed)
        self.customers.current_changed.connect(self.edit_action.setEnabled)
        self.resize(1180, 720)

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(self.tr("&File"))
        exit_action = QAction(self.tr("E&xit"), self)
        exit_action.setShortcut(QKeySequence.StandardKey.Quit)
        exit_action.setMenuRole(QAction.MenuRole.QuitRole)
        exit_action.triggered.connect(self.close)
        file_menu.addAction(exit_action)

        customer_menu = menu_bar.addMenu(self.tr("&Customer"))
        self.find_action = QAction(self.tr("&Find customer"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.customers.focus_search)
        self.register_action = QAction(self.tr("&Register customer…"), self)
        self.register_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.register_action.triggered.connect(self.customers.register_customer)
        self.edit_action = QAction(self.tr("&Edit customer…"), self)
        self.edit_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_action.setEnabled(False)
        self.edit_action.triggered.connect(self.customers.edit_current)
        for action in (self.find_action, self.register_action, self.edit_action):
            customer_menu.addAction(action)
        self.find_action.setEnabled(False)  # until the store is open
        self.register_action.setEnabled(False)

        help_menu = menu_bar.addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About BranchDesk"), self)
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def store_opened(self, keyring_warning: str | None = None) -> None:
        """The store is open: the panel comes alive; an insecure keyring stays visible all the time."""
        self.opening_label.setVisible(False)
        self.keyring_label.setText(keyring_warning or "")
        self.keyring_label.setToolTip(keyring_warning or "")
        self.keyring_label.setVisible(bool(keyring_warning))
        self.find_action.setEnabled(True)
        self.register_action.setEnabled(True)
        self.customers.activate()
        self.customers.focus_search()

    def _build_status_bar(self, store_path: str) -> None:
        bar = self.statusBar()
        self.opening_label = QLabel(self.tr("Opening the customer data store…"))
        self.keyring_label = QLabel()
        self.keyring_label.setStyleSheet("color: #b03a2e; font-weight: bold;")
        self.keyring_label.setVisible(False)
        self.keyring_label.setWordWrap(False)
        self.store_label = QLabel(self.tr("Store: %1").replace("%1", store_path))
        self.store_label.setToolTip(store_path)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate: "working"
        self.busy_bar.setMaximumWidth(90)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setVisible(False)
        self.busy_bar.setToolTip(self.tr("Working…"))
        self._busy_delay = QTimer(self)
        self._busy_delay.setSingleShot(True)
        self._busy_delay.setInterval(BUSY_DELAY_MS)
        self._busy_delay.timeout.connect(lambda: self.busy_bar.setVisible(True))
        bar.addPermanentWidget(self.opening_label)
        bar.addPermanentWidget(self.keyring_label)
        bar.addPermanentWidget(self.store_label)
        bar.addPermanentWidget(self.busy_bar)

    def show_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    def _busy_changed(self, busy: bool) -> None:
        # short ops would only make it flicker: show it when work takes noticeably long
        if busy:
            self._busy_delay.start()
        else:
            self._busy_delay.stop()
            self.busy_bar.setVisible(False)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About BranchDesk"),
            self.tr(
                "BranchDesk — customer information and case handling for branch counter staff.\n"
                "Personal data is stored encrypted and shown masked; every reveal is logged."
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.customers.detail_view.clear()  # no plain value outlives the window
        super().closeEvent(event)
