"""The main window: composes the views, the menus and the status bar; no business logic."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QSizePolicy, QTabWidget, QWidget

from app.config import Settings
from app.messages import Message
from app.permissions import Permission, has_permission
from ui.cases.reference import CaseReference
from ui.customers.panel import CustomerPanel
from ui.deferred_tabs import DeferredTabs
from ui.empty_state import attach_empty_state
from ui.events import AppEvents
from ui.first_paint import FirstPaint
from ui.help.actions import HelpActions
from ui.i18n import current_language
from ui.icons import icon
from ui.ops import OpRunner
from ui.widgets import WARNING_MARK, ElidedLabel

if TYPE_CHECKING:
    # The case panels and their modules load after the first paint (see DeferredTabs).
    from app.case_domain import CaseFilter, CaseRef
    from app.domain import Actor
    from ui.cases.queue_panel import CaseQueuePanel
    from ui.empty_state import EmptyState
    from ui.intake.form import IntakeForm
    from ui.receipt.dialog import ReceiptPresenter

STATUS_MESSAGE_MS = 8000
BUSY_DELAY_MS = 300


class MainWindow(QMainWindow):
    """Hosts the customer panel, the intake form and the case queue in tabs; actions call their
    public methods and the window wires their signals, nothing else.

    Only the Customers tab (the first one shown) is built before the first paint. The New case and
    Case queue pages, their modules and the receipt presenter follow right after it (``first_painted``),
    or earlier when something asks for ``intake``, ``queue`` or ``receipts``; their tabs are there from
    the start, with their titles, icons and tooltips.
    """

    first_painted = Signal()  # the tab bar and the Customers page are on screen

    def __init__(
        self,
        runner: OpRunner,
        events: AppEvents,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.events = events
        self.settings = settings
        self._set_title()
        self.reference = CaseReference(runner, self)
        self.customers = CustomerPanel(runner, events, int(settings.reveal_seconds), self, settings=settings)
        self._receipts: ReceiptPresenter | None = None
        self.queue_empty: EmptyState | None = None  # with the queue page
        self.runner = runner
        self.dashboard: QWidget | None = None  # built for supervisors and auditors when they sign in
        self.tabs = QTabWidget()
        self.tabs.addTab(self.customers, icon("customers"), self.tr("Customers"))
        self.pages = DeferredTabs(self.tabs, self)
        self.pages.add("intake", self._build_intake, icon("new_case"), self.tr("New case"))
        self.pages.add("queue", self._build_queue, icon("queue"), self.tr("Case queue"))
        self.tabs.setAccessibleName(self.tr("Main screens"))
        self.tabs.setTabToolTip(1, self.tr("Take in a complaint, inquiry, request or appointment (Ctrl+N)"))
        self.tabs.setTabToolTip(2, self.tr("Cases and their deadlines (Ctrl+Shift+Q)"))
        self.setCentralWidget(self.tabs)
        self.help = HelpActions(self, settings, runner, self.help_topic)
        self._build_menus()
        self._build_empty_states()
        self._build_status_bar(str(settings.data_paths.store))
        events.status_message.connect(self.show_status_message)
        events.busy_changed.connect(self._busy_changed)
        self.customers.current_changed.connect(self.edit_action.setEnabled)
        self.customers.detail_shown.connect(lambda customer_id: self.intake.set_customer(customer_id))
        self._first_paint = FirstPaint((self.tabs.tabBar(), self.customers), self)
        self._first_paint.done.connect(self.first_painted)
        # A turn later, so whoever waits for the paint (the store opener, --self-test) goes first.
        self._first_paint.done.connect(lambda: QTimer.singleShot(0, self.pages, self.pages.build_in_turns))
        self._fit_to_screen(1280, 800)

    # --- the pages built after the first paint ----------------------------------------------

    @property
    def intake(self) -> IntakeForm:
        return cast("IntakeForm", self.pages.page("intake"))

    @property
    def queue(self) -> CaseQueuePanel:
        return cast("CaseQueuePanel", self.pages.page("queue"))

    @property
    def receipts(self) -> ReceiptPresenter:
        if self._receipts is None:
            from ui.receipt.dialog import ReceiptPresenter

            self._receipts = ReceiptPresenter(self.runner, self.reference, self)
        return self._receipts

    def _build_intake(self) -> IntakeForm:
        from ui.intake.form import IntakeForm

        form = IntakeForm(self.runner, self.events, self.reference, self)
        form.find_customer_requested.connect(self.find_customer)
        form.case_submitted.connect(self._case_submitted)
        form.receipt_wanted.connect(lambda case_id: self.receipts.show_for(case_id))
        if self.customers.detail_view.customer_id:  # a customer shown before the form existed
            form.set_customer(self.customers.detail_view.customer_id)
        return form

    def _build_queue(self) -> CaseQueuePanel:
        from ui.cases.queue_panel import CaseQueuePanel

        queue = CaseQueuePanel(self.runner, self.events, self.reference, parent=self)
        queue.detail.receipt_requested.connect(lambda case_id: self.receipts.show_for(case_id))
        self.queue_empty = attach_empty_state(
            queue.table,
            self.tr("No cases here. Press Ctrl+N to take in a new case, or change the filters above."),
        )
        return queue

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._first_paint.start_fallback()

    def _fit_to_screen(self, width: int, height: int) -> None:
        """At 150% or 200% scaling a small screen has fewer logical pixels: never open larger than it."""
        screen = self.screen()
        # the offscreen platform (tests) reports a nominal 800x600 screen: keep the design size there
        if screen is not None and QGuiApplication.platformName() != "offscreen":
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.95))
            height = min(height, int(available.height() * 0.95))
        self.resize(width, height)

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(self.tr("&File"))
        self.new_case_action = QAction(icon("new_case"), self.tr("&New case"), self)
        self.new_case_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_case_action.triggered.connect(self.new_case)
        self.queue_action = QAction(self.tr("Case &queue"), self)
        self.queue_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.queue_action.triggered.connect(self.show_queue)
        self.print_action = QAction(icon("print"), self.tr("&Print receipt…"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_receipt)
        for action in (self.new_case_action, self.queue_action, self.print_action):
            action.setEnabled(False)  # until the store is open
            file_menu.addAction(action)
        file_menu.insertSeparator(self.print_action)
        file_menu.addSeparator()
        # in File, not a menu of its own: Alt+T and Alt+O already open case actions
        file_menu.addAction(self.help.settings_action)
        file_menu.addSeparator()
        exit_action = QAction(icon("exit"), self.tr("E&xit"), self)
        exit_action.setShortcut(QKeySequence.StandardKey.Quit)
        exit_action.setMenuRole(QAction.MenuRole.QuitRole)
        exit_action.triggered.connect(self.close)
        file_menu.addAction(exit_action)

        customer_menu = menu_bar.addMenu(self.tr("&Customer"))
        self.find_action = QAction(icon("find"), self.tr("&Find customer"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.find_customer)
        self.register_action = QAction(self.tr("&Register customer…"), self)
        self.register_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.register_action.triggered.connect(self.register_customer)
        self.edit_action = QAction(self.tr("&Edit customer…"), self)
        self.edit_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_action.setEnabled(False)
        self.edit_action.triggered.connect(self.edit_customer)
        for action in (self.find_action, self.register_action, self.edit_action):
            customer_menu.addAction(action)
        self.find_action.setEnabled(False)  # until the store is open
        self.register_action.setEnabled(False)

        help_menu = menu_bar.addMenu(self.tr("&Help"))
        self.help.fill(help_menu)

    def _build_empty_states(self) -> None:
        """Blank lists say what to do next (the queue's comes with its page)."""
        self.customers_empty = attach_empty_state(
            self.customers.table,
            self.tr(
                "No customer shown yet. Press Ctrl+F, type a full ID, mobile or card number and press "
                "Enter. Not registered? Ctrl+Shift+N."
            ),
        )

    def help_topic(self) -> str:
        """The guide chapter for the screen in view (F1)."""
        current = self.tabs.currentWidget()
        page = self.pages.key_of(current)
        if page == "intake":
            return "intake"
        if page == "queue":
            return "deadlines"
        if current is self.customers:
            return "customers"
        return "start"

    def store_opened(
        self, keyring_warning: str | Message | None = None, central_url: str = "", activate: bool = True
    ) -> None:
        """The store is open: the panels come alive (now, or once a staff member signs in when
        `activate` is False); an insecure keyring stays visible all the time."""
        self.opening_label.setVisible(False)
        self.customers.enable_remote_lookup(central_url)
        self._keyring_warning = keyring_warning
        self._show_keyring_warning()
        for action in (
            self.find_action,
            self.register_action,
            self.new_case_action,
            self.queue_action,
            self.print_action,
        ):
            action.setEnabled(True)
        if activate:
            self.activate_views()

    def activate_views(self, actor: Actor | None = None) -> None:
        """Load every view for the staff member the runner now acts for."""
        self.reference.load()
        self.customers.activate()
        self.intake.activate()
        self.queue.activate()
        self._show_dashboard(actor is not None and has_permission(actor, Permission.DASHBOARD))
        self.customers.focus_search()

    def _show_dashboard(self, allowed: bool) -> None:
        """The Dashboard tab exists only while a supervisor or an auditor is signed in."""
        if self.dashboard is not None:
            self.tabs.removeTab(self.tabs.indexOf(self.dashboard))
            self.dashboard.deleteLater()
            self.dashboard = None
        if not allowed:
            return
        from ui.dashboard.panel import DashboardPanel  # Qt Charts loads only for those who use it

        dashboard = DashboardPanel(self.runner, self.events, self.reference, self)
        dashboard.cases_requested.connect(self.show_cases)
        self.tabs.addTab(dashboard, icon("dashboard"), self.tr("Dashboard"))
        self.tabs.setTabToolTip(
            self.tabs.indexOf(dashboard), self.tr("Service-quality figures and the monthly report")
        )
        self.dashboard = dashboard
        dashboard.activate()

    def show_dashboard(self) -> None:
        if self.dashboard is not None:
            self.tabs.setCurrentWidget(self.dashboard)

    def show_cases(self, flt: CaseFilter, description: str) -> None:
        """The queue with the cases behind a dashboard figure."""
        self.tabs.setCurrentWidget(self.queue)
        self.queue.show_cases(flt, description)

    def reset_views(self) -> None:
        """A staff member left: nothing of theirs stays on screen for the next one."""
        self.customers.detail_view.clear()
        self.customers.model.set_rows([])
        # a page not built yet holds nothing of anybody's
        if self.pages.is_built("intake"):
            self.intake.clear_draft()
        self.customers.drafts.clear()
        if self.pages.is_built("queue"):
            self.queue.detail.actions.drafts.clear()
        self._show_dashboard(False)

    # --- navigation -----------------------------------------------------------------------

    def find_customer(self) -> None:
        self.tabs.setCurrentWidget(self.customers)
        self.customers.focus_search()

    def register_customer(self) -> None:
        self.tabs.setCurrentWidget(self.customers)
        self.customers.register_customer()

    def edit_customer(self) -> None:
        self.tabs.setCurrentWidget(self.customers)
        self.customers.edit_current()

    def new_case(self) -> None:
        self.tabs.setCurrentWidget(self.intake)
        self.intake.focus_first()

    def show_queue(self) -> None:
        self.tabs.setCurrentWidget(self.queue)
        self.queue.focus_list()

    def print_receipt(self) -> None:
        """The receipt of the case in view: the one just taken in, or the queue's current case."""
        case_id = None
        page = self.pages.key_of(self.tabs.currentWidget())
        if page == "intake" and self.intake.last_ref is not None:
            case_id = self.intake.last_ref.id
        elif page == "queue":
            case_id = self.queue.current_case_id()
        if case_id is None:
            self.show_status_message(self.tr("Open a case first to print its receipt."))
            return
        self.receipts.show_for(case_id, print_now=True)

    def _case_submitted(self, ref: CaseRef) -> None:
        self.queue.select_case(ref.id)

    def _build_status_bar(self, store_path: str) -> None:
        bar = self.statusBar()
        self.opening_label = QLabel(self.tr("Opening the customer data store…"))
        # a compact mark that always fits; the whole warning is in its tooltip and accessible description
        self.keyring_label = QLabel()
        self.keyring_label.setProperty("role", "alert")  # the theme's error colour, with the ⚠ mark
        self.keyring_label.setVisible(False)
        self.keyring_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self._keyring_warning: str | Message | None = None
        # the path is the least needed text here: it gives way first, keeping its ends readable
        self.store_label = ElidedLabel(
            self.tr("Store: %1").replace("%1", store_path), mode=Qt.TextElideMode.ElideMiddle
        )
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
        bar.addPermanentWidget(self.store_label, 1)
        bar.addPermanentWidget(self.busy_bar)

    def _show_keyring_warning(self) -> None:
        warning = self._keyring_warning
        full = warning.render(current_language()) if isinstance(warning, Message) else (warning or "")
        self.keyring_label.setText(WARNING_MARK + self.tr("Keyring not secure") if full else "")
        self.keyring_label.setToolTip(full)
        self.keyring_label.setAccessibleName(self.tr("Keyring not secure"))
        self.keyring_label.setAccessibleDescription(full)
        self.keyring_label.setVisible(bool(full))

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
        self.help.show_about()

    def _set_title(self) -> None:
        self.setWindowTitle(
            self.tr("BranchDesk — branch %1, workstation %2")
            .replace("%1", str(self.settings.branch))
            .replace("%2", str(self.settings.workstation))
        )

    def changeEvent(self, event: QEvent) -> None:
        # texts composed at run time; the fixed ones are retranslated from the catalogue
        if event.type() == QEvent.Type.LanguageChange:
            self._set_title()
            self.store_label.setText(self.tr("Store: %1").replace("%1", str(self.settings.data_paths.store)))
            self._show_keyring_warning()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.customers.detail_view.clear()  # no plain value outlives the window
        super().closeEvent(event)
