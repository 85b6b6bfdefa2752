"""The Chinese catalogue is complete, compiled from its source, and loaded by the app."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.domain import IdType
from ui.customers.labels import id_type_label
from ui.events import AppEvents
from ui.i18n import ENGLISH, TRANSLATIONS_DIR, install_translators, resolve_language
from ui.main_window import MainWindow
from ui.ops import OpRunner

ROOT = Path(__file__).resolve().parents[2]
TS = TRANSLATIONS_DIR / "branchdesk_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def _sources(ts: Path) -> set[tuple[str, str]]:
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    }


def test_every_entry_is_translated() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from update_translations import unfinished
    finally:
        sys.path.pop(0)
    assert unfinished(TS) == []


def test_every_ui_string_is_in_the_catalogue(tmp_path: Path) -> None:
    lupdate = _tool("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate not available")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(path) for path in (ROOT / "ui").rglob("*.py"))
    subprocess.run([lupdate, "-silent", *sources, "-ts", str(fresh)], check=True)
    missing = _sources(fresh) - _sources(TS)
    assert missing == set(), "run scripts/update_translations.py and translate the new texts"


def test_the_compiled_catalogue_matches_its_source(tmp_path: Path) -> None:
    lrelease = _tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease not available")
    compiled = tmp_path / "check.qm"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(compiled)], check=True)
    assert compiled.read_bytes() == QM.read_bytes()


def test_chinese_is_the_default_and_english_locales_get_english() -> None:
    assert resolve_language("auto", QLocale(QLocale.Language.Chinese, QLocale.Country.China)) == "zh_CN"
    assert resolve_language("auto", QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)) == "en"
    assert resolve_language("auto", QLocale(QLocale.Language.French, QLocale.Country.France)) == "zh_CN"
    assert resolve_language("en") == "en" and resolve_language("zh_CN") == "zh_CN"


def test_the_main_window_speaks_chinese_and_english(
    qtbot: QtBot, qapp: QApplication, runner: OpRunner, events: AppEvents, settings: Settings
) -> None:
    window = MainWindow(runner, events, settings)
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["文件(&F)", "客户(&C)", "帮助(&H)"]
    assert window.customers.register_button.text() == "登记客户…"
    assert id_type_label(IdType.RESIDENT_ID) == "居民身份证"

    install_translators(qapp, ENGLISH)
    english = MainWindow(runner, events, settings)
    qtbot.addWidget(english)
    assert [action.text() for action in english.menuBar().actions()] == [
        "&File",
        "&Customer",
        "&Help",
    ]
