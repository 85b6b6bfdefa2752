"""Composition root of the `branchdesk` GUI: settings, logging, translators, store, main window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from app.config import SETTINGS_BY_NAME, Settings, load_settings
from app.errors import BranchDeskError, StoreUnwritable
from app.instance_lock import InstanceLock
from app.logging_setup import configure_logging
from app.messages import Message
from ui import errors
from ui.events import AppEvents
from ui.i18n import RESOURCES_DIR, install_translators, resolve_language
from ui.main_window import MainWindow
from ui.ops import Lane, OpRunner
from ui.store_recovery import DamagedStore, StoreRecovery, check_before_opening
from ui.theme import STYLE, apply_style_sheet, apply_theme

if TYPE_CHECKING:
    from app.backup import RestoreResult
    from app.context import ServiceContext
    from app.store import OpenedStore

log = logging.getLogger(__name__)

ICON = RESOURCES_DIR / "icons" / "branchdesk.svg"
EXIT_STORE_FAILED = 1
EXIT_BAD_SETTINGS = 2


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options; whatever is left over is handed to Qt (e.g. -platform, -style)."""
    parser = argparse.ArgumentParser(prog="branchdesk", description="BranchDesk counter client")
    parser.add_argument("--data-dir", help="folder for the local store, logs and backups")
    parser.add_argument("--language", choices=("auto", "zh_CN", "en"), help="interface language")
    parser.add_argument(
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set any setting for this run (see `branchdesk-admin config show`)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the store and the main window, report, close everything and exit (0 when all worked)",
    )
    args, rest = parser.parse_known_args(list(argv))
    for assignment in args.assignments:
        name, sep, _value = assignment.partition("=")
        if not sep or name.strip() not in SETTINGS_BY_NAME:
            parser.error(f"--set expects NAME=VALUE with a known setting name, got {assignment!r}")
    return args, rest


def overrides_from(args: argparse.Namespace) -> dict[str, str]:
    overrides: dict[str, str] = {}
    for assignment in args.assignments:
        name, _sep, value = assignment.partition("=")
        overrides[name.strip()] = value
    if args.data_dir is not None:
        overrides["data_dir"] = args.data_dir
    if args.language is not None:
        overrides["language"] = args.language
    return overrides


@dataclass(frozen=True, slots=True)
class _Unexpected:
    """An unexpected exception while opening: reported as a crash, then the app exits."""

    exc: BaseException


def open_store_and_context(
    settings: Settings, lock: InstanceLock | None = None
) -> tuple[OpenedStore, ServiceContext] | DamagedStore | _Unexpected:
    """Runs on the db lane: keyring access, migrations and key checks never block the GUI.

    The store and service modules are imported here, not at start, so the main window shows first.
    One app per data folder (StoreInUse otherwise); a store failing its integrity check is not opened.
    """
    from app.store import build_context, open_store
    from ui.services import load_services

    if lock is not None and not lock.held:
        lock.acquire()
    damaged = check_before_opening(settings)
    if damaged is not None:
        return damaged
    try:
        load_services()
        store = open_store(settings)
    except BranchDeskError:
        raise
    except Exception as exc:
        return _Unexpected(exc)
    try:
        return store, build_context(store, settings)
    except BranchDeskError:
        store.close()
        raise
    except Exception as exc:
        store.close()
        return _Unexpected(exc)


class StoreOpener(QObject):
    """Opens the store through the op runner; says clearly why it could not."""

    opened = Signal(object, object)  # OpenedStore, ServiceContext
    failed = Signal(int)  # exit code
    closed_to_writes = Signal()  # the store is damaged and was not restored: nothing opens
    restored = Signal(object)  # RestoreResult, before the restored store opens

    def __init__(self, runner: OpRunner, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.dialog_parent: QWidget | None = None
        # --self-test: nobody is there to answer a dialog, so a failure is printed and the app exits.
        self.headless = False
        self.lock = InstanceLock(settings.data_paths.root)  # taken on the db lane, held until exit
        self.recovery = StoreRecovery(runner, settings, self)
        self.recovery.restored.connect(self._restored)
        self.recovery.declined.connect(self.closed_to_writes)

    def start(self) -> None:
        self.runner.run_task(
            open_store_and_context,
            self.settings,
            self.lock,
            lane=Lane.DB,
            on_success=self._done,
            on_failure=self._failed,
        )

    def release(self) -> None:
        self.lock.release()

    def _restored(self, result: RestoreResult) -> None:
        self.restored.emit(result)
        self.start()  # the restored store opens like any other, marked for the re-sync

    def _done(self, result: tuple[OpenedStore, ServiceContext] | DamagedStore | _Unexpected) -> None:
        if isinstance(result, DamagedStore):
            if self.headless:
                _self_test_report("self-test: store damaged; not opened", error=True)
                self.closed_to_writes.emit()
                return
            self.recovery.offer(result, self.dialog_parent)
            return
        if isinstance(result, _Unexpected):
            if self.headless:
                _self_test_report(f"self-test: store not opened: {type(result.exc).__name__}", error=True)
            else:
                errors.report_unexpected(result.exc)
            self.failed.emit(EXIT_STORE_FAILED)
            return
        store, ctx = result
        self.runner.attach(store, ctx)
        if store.keyring_warning:
            log.warning("keyring: %s", store.keyring_warning.render("en"))
        self.opened.emit(store, ctx)

    def _failed(self, exc: BranchDeskError) -> None:
        log.error("store could not be opened: %s", type(exc).__name__)
        if self.headless:
            _self_test_report(f"self-test: store not opened: {exc.render('en')}", error=True)
        else:
            errors.show_fatal(self.dialog_parent, exc)
        self.failed.emit(EXIT_STORE_FAILED)


def _application(qt_args: list[str], style: str | None = None) -> tuple[QApplication, bool]:
    """The application, and whether it was created here with ``style`` (see apply_theme)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app, styled = existing, False
    else:
        # last: ours wins over a -style among the user's arguments, as apply_theme's setStyle does
        style_args = ["-style", style] if style else []
        app = QApplication([sys.argv[0] if sys.argv else "branchdesk", *qt_args, *style_args])
        styled = style is not None
    app.setApplicationName("BranchDesk")
    app.setOrganizationName("BranchDesk")
    app.setWindowIcon(QIcon(str(ICON)))
    return app, styled


def _name_controls(app: QApplication) -> None:
    """Accessible names from now on, and for a focus that arrived before (imported after the first paint:
    the names are derived when the focus enters a window, which needs the window on screen)."""
    from ui.accessibility import install_accessible_names

    namer = install_accessible_names(app)
    focus = app.focusWidget()
    if focus is not None:
        namer.focus_changed(None, focus)


SELF_TEST_SHOWN = "self-test: main window shown"
SELF_TEST_OPENED = "self-test: store opened"


def _self_test_report(line: str, error: bool = False) -> None:
    # Printed for IT scripts and bench/, which wait for these lines.
    print(line, file=sys.stderr if error else sys.stdout, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """The `branchdesk` entry point; returns the process exit code."""
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        settings = load_settings(overrides_from(args))  # app/ only: no Qt needed yet
    except BranchDeskError as exc:
        app, _styled = _application(qt_args)  # unthemed, as before any setting is known
        app.setQuitOnLastWindowClosed(False)
        install_translators(app, resolve_language("auto"))
        errors.show_fatal(None, exc)
        return EXIT_BAD_SETTINGS
    app, styled = _application(qt_args, STYLE)
    app.setQuitOnLastWindowClosed(False)  # until the main window exists
    install_translators(app, resolve_language(settings.language))
    # the style sheet follows the window's build
    apply_theme(app, str(settings.theme), with_style_sheet=False, set_style=not styled)
    paths = settings.data_paths
    try:
        paths.ensure()
    except OSError as exc:
        apply_style_sheet(app)
        errors.show_fatal(None, StoreUnwritable(str(paths.root), exc.strerror or type(exc).__name__))
        return EXIT_STORE_FAILED
    configure_logging(paths, settings.log_level)
    crash_reporter = errors.CrashReporter(app)
    crash_reporter.install()

    events = AppEvents()
    runner = OpRunner(events)
    app.aboutToQuit.connect(lambda: shutdown())
    # The window appears at once; the store opens behind it on the db lane.
    window = MainWindow(runner, events, settings)
    apply_style_sheet(app)  # once, over the whole window: see apply_theme
    opener = StoreOpener(runner, settings)
    opener.dialog_parent = window
    opener.headless = args.self_test
    session: dict[str, object] = {}

    def opened(store: OpenedStore, ctx: ServiceContext) -> None:
        session["store"] = store
        warning = store.keyring_warning
        app.setQuitOnLastWindowClosed(True)
        if args.self_test:
            window.store_opened(warning, settings.central_url)  # a Message: redrawn in a new language
            _self_test_report(SELF_TEST_OPENED)
            QTimer.singleShot(0, lambda: app.exit(0))
            return
        window.store_opened(warning, settings.central_url, activate=False)
        start_watch()
        if not settings.welcome_shown:
            # first run for this user: the setup check comes before the first sign-in
            welcome = window.help.show_welcome()
            welcome.finished.connect(lambda _result: start_session(store, ctx))
        else:
            start_session(store, ctx)

    def start_watch() -> None:
        # The file deleted, the clock moved back, the scheduled backup and retention: all on the db lane.
        from ui.maintenance import Maintenance
        from ui.store_watch import StoreWatch

        watch = StoreWatch(runner, events, window)
        maintenance = Maintenance(runner, events, settings, window)
        session["watch"], session["maintenance"] = watch, maintenance
        watch.start()
        maintenance.start()

    def start_session(store: OpenedStore, ctx: ServiceContext) -> None:
        # Imported now, not at start: the first paint should not wait for what only a signed-in user needs.
        from ui.auth import install_auth
        from ui.sync import install_sync, sync_ui_of

        session["sync"] = install_sync(window, runner, events, store, ctx, settings)
        staff = install_auth(window, runner, events, ctx, settings, store=store)
        session["staff"] = staff
        staff.views_reset.connect(window.reset_views)
        staff.signed_in.connect(
            lambda actor: (sync_ui_of(window).actor_changed(actor), window.activate_views(actor))
        )

    def shutdown() -> None:
        for name in ("watch", "maintenance"):
            timer_owner = session.get(name)
            if timer_owner is not None:
                timer_owner.stop()  # type: ignore[attr-defined]
        sync = session.get("sync")
        if sync is not None:
            sync.shutdown()  # type: ignore[attr-defined]  # cancel a running round before draining
        runner.shutdown()

    def failed(code: int) -> None:
        window.close()
        app.exit(code)

    def closed_to_writes() -> None:
        # The window stays so the user can read why; with no store open nothing can be written.
        app.setQuitOnLastWindowClosed(True)
        window.opening_label.setText(
            QCoreApplication.translate(
                "Startup", "Damaged data file: nothing is saved on this PC. Ask IT to restore a backup."
            )
        )
        if args.self_test:
            app.exit(EXIT_STORE_FAILED)

    def restored(result: RestoreResult) -> None:
        replaced = str(result.replaced) if result.replaced is not None else "-"
        events.status_message.emit(errors.field_message(Message("restored_resync", {"replaced": replaced})))

    opener.opened.connect(opened)
    opener.failed.connect(failed)
    opener.closed_to_writes.connect(closed_to_writes)
    opener.restored.connect(restored)
    if args.self_test:
        window.first_painted.connect(lambda: _self_test_report(SELF_TEST_SHOWN))
    window.first_painted.connect(lambda: _name_controls(app))
    # Started once the window is painted: the imports it does would otherwise hold the GIL meanwhile.
    window.first_painted.connect(opener.start)
    window.show()
    log.info("BranchDesk starting; data dir %s", paths.root)
    code = app.exec()
    shutdown()
    store = session.get("store")
    if store is not None:
        store.close()  # type: ignore[attr-defined]
    opener.release()
    crash_reporter.uninstall()
    log.info("BranchDesk stopped (exit code %s)", code)
    return code


if __name__ == "__main__":
    sys.exit(main())
