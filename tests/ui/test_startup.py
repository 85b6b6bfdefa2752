"""Start-up: the app refuses to open a store whose key is gone, and says what to do."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.errors import KeyUnavailable
from app.store import open_store
from tests.conftest import MEMORY_KEYRING
from tests.support.memory_keyring import MemoryKeyring
from ui import bootstrap
from ui.bootstrap import EXIT_STORE_FAILED, StoreOpener, overrides_from, parse_args
from ui.events import AppEvents
from ui.i18n import current_language
from ui.ops import OpRunner


class CapturedBoxes:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def critical(self, _parent: QWidget | None, _title: str, text: str, *_args: object) -> int:
        self.texts.append(text)
        return int(QMessageBox.StandardButton.Ok.value)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> CapturedBoxes:
    captured = CapturedBoxes()
    monkeypatch.setattr(QMessageBox, "critical", captured.critical)
    return captured


@pytest.fixture
def store_without_key(settings: Settings) -> Settings:
    open_store(settings).close()  # a store with encrypted data's key check value
    MemoryKeyring.clear()  # ... and then the key disappears from the keyring
    return settings


def test_opener_refuses_a_store_whose_key_was_deleted(
    qtbot: QtBot, store_without_key: Settings, boxes: CapturedBoxes
) -> None:
    runner = OpRunner(AppEvents())
    opener = StoreOpener(runner, store_without_key)
    opened: list[object] = []
    opener.opened.connect(lambda *args: opened.append(args))
    with qtbot.waitSignal(opener.failed, timeout=10_000) as failed:
        opener.start()
    runner.shutdown()

    assert failed.args == [EXIT_STORE_FAILED]
    assert opened == []
    assert boxes.texts == [KeyUnavailable().render(current_language())]
    assert "branchdesk-admin enroll" in boxes.texts[0]  # the recovery step is in the text


def _remove_log_handlers() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "branchdesk", False):
            root.removeHandler(handler)
            handler.close()


def test_main_exits_non_zero_with_the_message_in_english(
    qtbot: QtBot, qapp: QApplication, store_without_key: Settings, boxes: CapturedBoxes
) -> None:
    argv = [
        "--data-dir",
        str(store_without_key.data_paths.root),
        "--language",
        "en",
        "--set",
        f"keyring_backend={MEMORY_KEYRING}",
    ]
    guard = QTimer()  # only ends a hung test; the refusal itself ends the event loop
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(20_000)
    try:
        code = bootstrap.main(argv)
    finally:
        guard.stop()
        qapp.setQuitOnLastWindowClosed(True)
        _remove_log_handlers()
    assert code == EXIT_STORE_FAILED
    assert boxes.texts == [KeyUnavailable().render("en")]
    assert (store_without_key.data_paths.log_file).exists()


def test_the_opener_opens_a_healthy_store(qtbot: QtBot, settings: Settings) -> None:
    runner = OpRunner(AppEvents())
    opener = StoreOpener(runner, settings)
    with qtbot.waitSignal(opener.opened, timeout=10_000) as opened:
        opener.start()
    store, ctx = opened.args
    try:
        assert ctx.actor.branch == settings.branch
        assert store.keyring_warning is None  # the memory keyring counts as secure
    finally:
        runner.shutdown()
        store.close()


def test_command_line_becomes_setting_overrides(tmp_path: Path) -> None:
    args, qt_args = parse_args(
        ["--data-dir", str(tmp_path), "--set", "reveal_seconds=5", "--set", "branch=0420", "-style", "x"]
    )
    assert overrides_from(args) == {
        "data_dir": str(tmp_path),
        "reveal_seconds": "5",
        "branch": "0420",
    }
    assert qt_args == ["-style", "x"]
    with pytest.raises(SystemExit):
        parse_args(["--set", "no_such_setting=1"])


def test_the_window_icon_ships_and_loads() -> None:
    assert bootstrap.ICON.exists()
    assert not QIcon(str(bootstrap.ICON)).pixmap(32, 32).isNull()
