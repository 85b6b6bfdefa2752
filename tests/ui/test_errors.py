"""Error mapping and the crash dialog: translated texts, no personal data, one dialog per crash."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.errors import KeyUnavailable, ValidationError
from app.messages import Message
from ui import errors
from ui.i18n import ENGLISH, install_translators

SECRET = "11010519491231002X"


def _raise_with_personal_value() -> None:
    try:
        int(SECRET)
    except ValueError as exc:
        raise RuntimeError(f"could not handle {SECRET}") from exc


def _exc_info() -> tuple[type[BaseException], BaseException, object]:
    try:
        _raise_with_personal_value()
    except RuntimeError:
        kind, value, tb = sys.exc_info()
        assert kind is not None and value is not None
        return kind, value, tb
    raise AssertionError("no exception")


def test_messages_follow_the_interface_language(qapp: QApplication) -> None:
    assert errors.message_for(KeyUnavailable()) == KeyUnavailable().render("zh_CN")
    install_translators(qapp, ENGLISH)
    assert errors.message_for(KeyUnavailable()) == KeyUnavailable().render("en")
    exc = ValidationError({"name": Message("too_long", {"max": 50})})
    assert errors.field_message(exc.field_errors["name"]) == "Must be at most 50 characters."


def test_crash_details_hold_types_and_frames_but_no_values() -> None:
    kind, value, tb = _exc_info()
    details = errors.crash_details(kind, value, tb)  # type: ignore[arg-type]
    assert SECRET not in details  # neither message carries through; source lines are code only
    assert "builtins.ValueError" in details and "builtins.RuntimeError" in details
    assert "_raise_with_personal_value" in details
    assert details.index("ValueError") < details.index("RuntimeError")  # cause first, like Python


def test_one_dialog_per_distinct_crash_with_copyable_details(qtbot: QtBot) -> None:
    reporter = errors.CrashReporter()
    kind, value, tb = _exc_info()
    reporter.excepthook(kind, value, tb)  # type: ignore[arg-type]
    dialog = reporter.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == dialog.details
    assert SECRET not in dialog.details_view.toPlainText()

    dialog.close()
    reporter.excepthook(kind, value, tb)  # type: ignore[arg-type]
    assert reporter.dialog is dialog and not dialog.isVisible()  # the same crash: not again


def test_excepthook_install_and_uninstall(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    reporter = errors.CrashReporter()
    reporter.install()
    assert sys.excepthook == reporter.excepthook
    reporter.uninstall()
    assert sys.excepthook is sys.__excepthook__


def test_show_error_uses_the_rendered_message(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    errors.show_error(None, KeyUnavailable())
    assert shown == [KeyUnavailable().render("zh_CN")]
