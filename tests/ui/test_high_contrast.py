"""High contrast: a colour scheme in Settings with strong contrast and thick focus frames; colours of
states come from the theme in effect, never from a fixed value in a view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.config import Settings
from tests.ui.test_case_support import open_window
from tests.ui.test_main_window import WARNING
from ui import theme
from ui.events import AppEvents
from ui.ops import OpRunner


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    c = QColor(colour)
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def light_after(qapp: QApplication) -> Iterator[None]:
    yield
    theme.apply_theme(qapp, theme.LIGHT)


def test_the_high_contrast_palette_meets_wcag_aaa() -> None:
    c = theme.PALETTES[theme.HIGH_CONTRAST]
    for foreground in (c.text, c.muted, c.error, c.warning, c.ok, c.accent):
        assert contrast(foreground, c.window) >= 7.0, foreground
    assert contrast(c.accent_text, c.accent) >= 7.0  # selected rows
    assert c.focus_width >= 3 and "3px solid #ffff00" in theme.style_sheet(c)


def test_settings_offers_high_contrast_and_views_take_its_colours(
    qtbot: QtBot,
    qapp: QApplication,
    runner: OpRunner,
    events: AppEvents,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    light_after: None,
) -> None:
    monkeypatch.setattr("app.paths.user_config_file", lambda: tmp_path / "branchdesk.ini")
    window = open_window(qtbot, runner, events, settings)
    window.store_opened(WARNING)
    dialog = window.help.show_settings()
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData(theme.HIGH_CONTRAST))
    dialog.accept()
    assert theme.current_theme() == theme.HIGH_CONTRAST
    assert qapp.palette().window().color() == QColor("#000000")
    assert theme.qcolour("error") == QColor(theme.PALETTES[theme.HIGH_CONTRAST].error)
    # no view fixes a colour of its own: the keyring mark and everything else follow the theme
    fixed = [
        type(w).__name__
        for w in [window, *window.findChildren(QWidget)]
        if "#" in w.styleSheet() or "color" in w.styleSheet()
    ]
    assert fixed == []
    assert window.keyring_label.property("role") == "alert" and window.keyring_label.text().startswith("⚠")
