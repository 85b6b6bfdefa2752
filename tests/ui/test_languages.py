"""Both languages are complete on screen, and the language can be switched while windows are open."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.config import Settings, load_settings
from app.messages import TEXTS
from tests.ui.conftest import wait_idle
from tests.ui.test_case_support import open_window
from ui.events import AppEvents
from ui.help.viewer import TOPICS, sections
from ui.i18n import CHINESE, ENGLISH, current_language, install_translators
from ui.main_window import MainWindow
from ui.ops import OpRunner
from ui.retranslate import _tables

CJK = re.compile(r"[\u3400-\u9fff]")
LANGUAGE_NAMES = {"中文(简体)", "中文"}  # each language is offered in its own words


def visible_texts(root: QWidget) -> list[str]:
    """What a user reads: captions, buttons, menus, tabs, placeholders, tooltips, combo items."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        owner = widget.window()
        if owner is not root and not isinstance(owner, QMenu) and not owner.isVisible():
            continue  # a dialog closed earlier, waiting to be deleted
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox | QMenu):
            texts.append(widget.title())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        texts.append(widget.toolTip())
        texts += [action.text() for action in QWidget.actions(widget)]
    return [text for text in texts if text and text not in LANGUAGE_NAMES]


def untranslated(texts: list[str]) -> list[str]:
    """Catalogue source texts still shown as written (English) although they have a Chinese translation."""
    by_source, _by_chinese = _tables()
    return [text for text in texts if text in by_source and not CJK.search(text) and len(text) > 2]


@pytest.fixture
def user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Settings dialog writes here, never to the real user's config."""
    path = tmp_path / "user" / "branchdesk.ini"
    monkeypatch.setattr("app.paths.user_config_file", lambda: path)
    return path


@pytest.fixture
def chinese_after(qapp: QApplication) -> Iterator[None]:
    yield
    install_translators(qapp, CHINESE)


def _open_everything(window: MainWindow) -> list[QWidget]:
    return [
        window,
        window.help.show_settings(),
        window.help.show_about(),
        window.help.show_cheat_sheet(),
        window.help.show_guide(),
        window.help.show_welcome(),
    ]


def test_messages_of_app_exist_in_both_languages() -> None:
    for code, (chinese, english) in TEXTS.items():
        assert chinese.strip() and CJK.search(chinese), code
        assert english.strip() and not CJK.search(english), code


def test_the_catalogue_sources_are_english() -> None:
    by_source, _ = _tables()
    assert [text for text in by_source if CJK.search(text) and text not in LANGUAGE_NAMES] == []


def test_the_user_guide_has_the_same_chapters_in_both_languages() -> None:
    english = [anchor for anchor, _title in sections(ENGLISH)]
    chinese = [anchor for anchor, _title in sections(CHINESE)]
    assert english == chinese == list(TOPICS)
    assert all(CJK.search(title) for _anchor, title in sections(CHINESE))


def test_nothing_shows_in_english_on_the_chinese_screens(
    qtbot: QtBot, runner: OpRunner, events: AppEvents, settings: Settings, user_config: Path
) -> None:
    window = open_window(qtbot, runner, events, settings)
    for root in _open_everything(window):
        assert untranslated(visible_texts(root)) == [], type(root).__name__
    wait_idle(qtbot, runner)


def test_nothing_shows_in_chinese_on_the_english_screens(
    qtbot: QtBot,
    qapp: QApplication,
    runner: OpRunner,
    events: AppEvents,
    settings: Settings,
    user_config: Path,
    chinese_after: None,
) -> None:
    install_translators(qapp, ENGLISH)
    window = open_window(qtbot, runner, events, settings)
    for root in _open_everything(window):
        chinese = [text for text in visible_texts(root) if CJK.search(text)]
        assert chinese == [], type(root).__name__
    wait_idle(qtbot, runner)


def test_switching_language_in_settings_retranslates_open_windows(
    qtbot: QtBot,
    runner: OpRunner,
    events: AppEvents,
    settings: Settings,
    user_config: Path,
    chinese_after: None,
) -> None:
    window = open_window(qtbot, runner, events, settings)
    window.new_case()
    window.intake.summary_edit.setText("Fee charged twice")  # a draft in progress survives the switch
    guide = window.help.show_guide("intake")
    assert window.menuBar().actions()[0].text() == "文件(&F)"

    dialog = window.help.show_settings()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(ENGLISH))
    dialog.accept()

    assert current_language() == ENGLISH
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Customer", "&Help"]
    assert [window.tabs.tabText(i) for i in range(3)] == ["Customers", "New case", "Case queue"]
    assert window.intake.captions["summary"].text().startswith("Summary")
    assert window.intake.save_button.text() == "&Save case"
    assert window.queue.model.headerData(1, window.queue.table.horizontalHeader().orientation()) == (
        "Case number"
    )
    assert window.windowTitle().startswith("BranchDesk — branch")
    assert window.intake.summary_edit.text() == "Fee charged twice"
    assert guide.language == ENGLISH and guide.current_topic() == "intake"
    assert window.intake.summary_edit.accessibleName() == "Summary"
    assert not [t for t in visible_texts(window) if CJK.search(t)]
    # the choice is kept for the next start
    assert (
        load_settings(user_file=user_config, site_file=user_config.with_name("none.ini")).language == ENGLISH
    )

    back = window.help.show_settings()
    back.language_combo.setCurrentIndex(back.language_combo.findData(CHINESE))
    back.accept()
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    assert window.intake.save_button.text() == "保存案件(&S)"
    assert untranslated(visible_texts(window)) == []
    wait_idle(qtbot, runner)
