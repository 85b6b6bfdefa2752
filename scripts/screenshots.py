"""Screenshots of the running app under Xvfb, on a temporary data dir filled with demo data.

    python scripts/screenshots.py [--out docs/screenshots] [--languages zh_CN en]

Starts `Xvfb :99`, fills a throw-away data dir with
`branchdesk-admin demo --customers 50 --cases 200 --seed 1` (the key goes into an explicitly chosen
plaintext keyring inside that temporary dir, so the status bar shows the keyring warning), then runs
the real `ui.bootstrap.main` once per language with a driver that clicks through the main window,
the edit form, the register form with inline messages, the reveal dialog, the intake form (filled,
then with its inline messages), the case queue, a case's detail, an action dialog and the
acceptance receipt and the supervisor dashboard, then the user guide, the shortcut cheat sheet, About,
Settings and the dark palette (with an empty queue), saving each with QWidget.grab(). Every run is a
first run for its user, so the welcome with the setup check is captured too, and the status bar at
1280x800 and 1024x768 (status_bar_1280, status_bar_1024); one more run per factor in
SCALES captures the main screens at 150% and 200% (QT_SCALE_FACTOR) as *_150.png and *_200.png.

Needs (Debian): xvfb, fonts-wqy-microhei (or fonts-noto-cjk) and the xcb libraries Qt loads
(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 ...; QT_DEBUG_PLUGINS=1 names missing ones).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYRING = "keyrings.alt.file.PlaintextKeyring"  # demo machines only; BranchDesk warns about it
STEP_TIMEOUT_S = 20.0
SCALES = ("1.5", "2")

Condition = Callable[[], bool]


def _environment(tmp: Path, display: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        XDG_DATA_HOME=str(tmp / "xdg-data"),  # where the plaintext keyring writes its file
        XDG_CONFIG_HOME=str(tmp / "xdg-config"),  # no user config of whoever runs this
        PYTHONPATH=str(ROOT),
    )
    env.pop("PYTHON_KEYRING_BACKEND", None)
    return env


def _settings_args(data_dir: Path) -> list[str]:
    return ["--data-dir", str(data_dir), "--set", f"keyring_backend={KEYRING}"]


def orchestrate(out: Path, languages: list[str], display: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="branchdesk-shots-") as name:
        tmp = Path(name)
        env = _environment(tmp, display)
        xvfb = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(1.0)
            if xvfb.poll() is not None:
                print(f"Xvfb {display} did not start (is another server using it?)", file=sys.stderr)
                return 1
            data_dir = tmp / "data"
            demo = [sys.executable, "-m", "app.cli", *_settings_args(data_dir)]
            demo += ["demo", "--customers", "50", "--cases", "200", "--seed", "1"]
            subprocess.run(demo, env=env, check=True, cwd=ROOT)
            runs = [(language, "") for language in languages]
            runs += [(languages[0], scale) for scale in SCALES]  # 150% and 200%: does everything still fit?
            for language, scale in runs:
                capture = [sys.executable, str(Path(__file__).resolve()), "--capture"]
                capture += ["--language", language, "--data-dir", str(data_dir), "--out", str(out)]
                # each run is a first run for its user: the welcome and setup check show every time
                run_env = dict(env, XDG_CONFIG_HOME=str(tmp / f"xdg-config-{language}-{scale or 1}"))
                if scale:
                    run_env["QT_SCALE_FACTOR"] = scale
                subprocess.run(capture, env=run_env, check=True, cwd=ROOT, timeout=240)
        finally:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    for path in sorted(out.glob("*.png")):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


# --- inside the app process ----------------------------------------------------------------


def capture(data_dir: Path, language: str, out: Path) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui import bootstrap

    app = QApplication([sys.argv[0]])
    steps = _drive(app, language, out)
    state = {"deadline": time.monotonic() + STEP_TIMEOUT_S, "waiting": next(steps)}

    def poll() -> None:
        try:
            while state["waiting"]():  # type: ignore[operator]
                state["waiting"] = next(steps)
                state["deadline"] = time.monotonic() + STEP_TIMEOUT_S
        except StopIteration:
            return
        if time.monotonic() > state["deadline"]:  # type: ignore[operator]
            print("screenshot driver: a step timed out", file=sys.stderr)
            app.exit(3)
            return
        QTimer.singleShot(100, poll)

    QTimer.singleShot(0, poll)
    return bootstrap.main([*_settings_args(data_dir), "--language", language])


def _drive(app: object, language: str, out: Path) -> Iterator[Condition]:
    """Each yield waits until its condition holds; the app keeps running in between."""
    from PySide6.QtWidgets import QApplication, QWidget

    from app.domain import CustomerField
    from ui.main_window import MainWindow

    def main_window() -> MainWindow | None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        return found[0] if found and found[0].isVisible() else None

    scale = os.environ.get("QT_SCALE_FACTOR", "")
    suffix = f"_{round(float(scale) * 100)}" if scale else ""

    def save(widget: QWidget, name: str) -> None:
        path = out / f"{name}_{language}{suffix}.png"
        widget.grab().save(str(path))

    yield lambda: main_window() is not None
    window = main_window()
    assert window is not None
    yield from _welcome(window, save)
    yield from _sign_in(window, language, save)
    if scale:
        yield from _drive_scaled(window, save)
        window.close()
        return
    panel = window.customers
    yield lambda: panel.model.rowCount() > 0 and not panel.runner.is_busy
    panel.table.selectRow(2)
    yield lambda: panel.detail_view.customer_id is not None and not panel.runner.is_busy
    yield _settled(0.6)
    save(window, "main_window")
    yield from _status_bar(window, save)

    panel.edit_current()
    yield lambda: panel.editor is not None and panel.editor.isVisible()
    editor = panel.editor
    assert editor is not None
    yield _settled(0.4)
    save(editor, "edit_customer")
    editor.reject()

    panel.register_customer()
    yield lambda: panel.editor is not None and panel.editor is not editor
    register = panel.editor
    assert register is not None
    register.name_edit.setText("张三丰")
    register.id_number_edit.setText("110105194912310021")  # wrong check digit
    register.mobile_edit.setText("2391234567")
    register.save()  # shows the inline messages; nothing is saved
    yield _settled(0.4)
    save(register, "register_customer_messages")
    register.reject()

    panel.ask_reveal(CustomerField.MOBILE)
    yield lambda: panel.reveal_dialog is not None and panel.reveal_dialog.isVisible()
    reveal = panel.reveal_dialog
    assert reveal is not None
    reveal.reason_edit.setText("客户要求核对手机号码" if language == "zh_CN" else "Customer asked")
    yield _settled(0.3)
    save(reveal, "reveal_reason")
    reveal.submit()
    yield lambda: panel.detail_view.is_revealed(CustomerField.MOBILE)
    yield _settled(0.4)
    save(window, "main_window_revealed")
    yield from _drive_cases(window, language, save)
    yield from _drive_help(window, save)
    window.close()


def _welcome(window: object, save: Callable[[object, str], None]) -> Iterator[Condition]:
    """A first run: the welcome with the setup check, before the sign-in."""
    from ui.main_window import MainWindow
    from ui.welcome import WelcomeDialog

    assert isinstance(window, MainWindow)
    help_actions = window.help
    yield lambda: isinstance(help_actions.dialog, WelcomeDialog) and help_actions.dialog.findings != []
    welcome = help_actions.dialog
    yield _settled(0.5)
    save(welcome, "welcome")
    welcome.accept()


def _drive_scaled(window: object, save: Callable[[object, str], None]) -> Iterator[Condition]:
    """At 150% and 200%: the customer panel and the intake form must still fit and read well."""
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    panel = window.customers
    yield lambda: panel.model.rowCount() > 0 and not panel.runner.is_busy
    panel.table.selectRow(2)
    yield lambda: panel.detail_view.customer_id is not None and not panel.runner.is_busy
    yield _settled(0.6)
    save(window, "main_window")
    window.new_case()
    yield _settled(0.6)
    save(window, "intake_form")


def _drive_help(window: object, save: Callable[[object, str], None]) -> Iterator[Condition]:
    """Help, cheat sheet, About, Settings, then the dark palette and an empty queue."""
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.theme import apply_theme

    assert isinstance(window, MainWindow)
    guide = window.help.show_guide("sync")
    yield _settled(0.6)
    save(guide, "help_guide")
    guide.close()
    for open_dialog, name in (
        (window.help.show_cheat_sheet, "shortcuts"),
        (window.help.show_about, "about"),
        (window.help.show_settings, "settings"),
    ):
        dialog = open_dialog()
        yield _settled(0.4)
        save(dialog, name)
        dialog.reject()  # type: ignore[attr-defined]

    app = QApplication.instance()
    apply_theme(app, "dark")  # type: ignore[arg-type]
    window.resize(1280, 800)
    window.find_customer()
    yield _settled(0.6)
    save(window, "main_window_dark")
    window.new_case()
    yield _settled(0.4)
    save(window, "intake_form_dark")
    window.show_queue()
    window.queue.search_edit.setText("0000-NONE")
    window.queue.reload()
    yield lambda: window.queue.model.rowCount() == 0 and not window.customers.runner.is_busy
    yield _settled(0.6)
    save(window, "case_queue_empty_dark")
    apply_theme(app, "light")  # type: ignore[arg-type]


def _sign_in(window: object, language: str, save: Callable[[object, str], None]) -> Iterator[Condition]:
    """The window starts locked: sign in with the demo supervisor account."""
    from PySide6.QtWidgets import QApplication

    from app.demo import DEMO_PASSWORD
    from ui.auth.sign_in import SignInDialog

    def dialog() -> SignInDialog | None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog) and w.isVisible()]
        return found[0] if found else None

    yield lambda: dialog() is not None
    yield _settled(0.4)
    save(window, "sign_in")
    sign_in = dialog()
    assert sign_in is not None
    sign_in.username_edit.setText("demo.supervisor")
    sign_in.password_edit.setText(DEMO_PASSWORD)
    sign_in.submit()
    yield lambda: dialog() is None


def _drive_cases(window: object, language: str, save: Callable[[object, str], None]) -> Iterator[Condition]:
    """The intake form, the queue, one case in detail, an action dialog and the receipt."""
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    chinese = language == "zh_CN"
    runner = window.customers.runner
    intake = window.intake
    window.new_case()
    yield lambda: intake.customer_box.customer_id is not None and intake.category_picker.count() > 0
    intake.save()  # nothing filled in yet: the inline messages say what a complaint needs
    yield lambda: not runner.is_busy
    yield _settled(0.4)
    save(window, "intake_messages")

    def fill() -> None:
        intake.category_picker.set_code("C0101")
        intake.business_picker.set_code("B030102")  # a complaint names its product: debit card fees
        intake.summary_edit.setText("柜员服务态度差" if chinese else "Teller was rude at window 3")
        intake.description_edit.setPlainText(
            "客户在3号窗口办理业务时,柜员拒绝解释收费项目并提高音量。"
            if chinese
            else "The teller refused to explain a fee and raised her voice."
        )
        outcome = "要求道歉并解释收费。" if chinese else "An apology and an explanation."
        intake.outcome_edit.setPlainText(outcome)
        intake.products_edit.setText("借记卡年费" if chinese else "Debit card annual fee")

    fill()
    yield _settled(0.3)
    save(window, "intake_form")
    intake.save()
    yield lambda: window.receipts.dialog is not None or intake.duplicate_dialog is not None
    if intake.duplicate_dialog is not None:  # an earlier run left the same complaint open
        intake.duplicate_dialog.separate_radio.setChecked(True)
        intake.duplicate_dialog.accept()
    yield lambda: window.receipts.dialog is not None and window.receipts.dialog.isVisible()
    receipt = window.receipts.dialog
    yield _settled(0.6)
    save(receipt, "receipt")
    receipt.close()

    fill()  # the same complaint again: the duplicate question
    intake.save()
    yield lambda: intake.duplicate_dialog is not None and intake.duplicate_dialog.isVisible()
    duplicate = intake.duplicate_dialog
    yield _settled(0.4)
    save(duplicate, "duplicate_dialog")
    duplicate.reject()
    intake.clear_draft()

    window.show_queue()
    queue = window.queue
    yield lambda: queue.model.rowCount() > 0 and queue.model.is_loaded(0) and not runner.is_busy
    yield _settled(0.6)
    save(window, "case_queue")
    rows = [queue.model.case_row(row) for row in range(min(queue.model.rowCount(), 60))]
    busiest = next((row for row in rows if row is not None and row.kind == "complaint"), rows[0])
    assert busiest is not None
    queue.open_case(busiest.id)
    yield lambda: queue.detail.detail is not None and not runner.is_busy
    yield _settled(0.6)
    save(window, "case_detail")
    dialog = queue.detail.actions.trigger("note")
    yield lambda: dialog is not None and dialog.isVisible()
    assert dialog is not None
    yield _settled(0.3)
    save(dialog, "case_note_dialog")
    dialog.reject()

    dashboard = window.dashboard  # demo.supervisor sees it
    if dashboard is not None:
        window.resize(1500, 1000)
        window.show_dashboard()
        yield lambda: dashboard.figures is not None and not runner.is_busy
        yield _settled(1.0)
        save(window, "dashboard")


def _status_bar(window: object, save: Callable[[object, str], None]) -> Iterator[Condition]:
    """The status bar on common counter screens: nothing squeezed, long texts elided with a tooltip."""
    size = window.size()  # type: ignore[attr-defined]
    for width, height in ((1280, 800), (1024, 768)):
        window.resize(width, height)  # type: ignore[attr-defined]
        yield _settled(0.5)
        save(window.statusBar(), f"status_bar_{width}")  # type: ignore[attr-defined]
    save(window, "main_window_1024")
    window.resize(size)  # type: ignore[attr-defined]
    yield _settled(0.3)


def _settled(seconds: float) -> Condition:
    """Lets layouts and repaints finish before a grab."""
    until = time.monotonic() + seconds
    return lambda: time.monotonic() >= until


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--languages", nargs="+", default=["zh_CN", "en"])
    parser.add_argument("--display", default=":99")
    parser.add_argument("--capture", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--language", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.capture:
        return capture(args.data_dir, args.language, args.out)
    return orchestrate(args.out.resolve(), args.languages, args.display)


if __name__ == "__main__":
    sys.exit(main())
