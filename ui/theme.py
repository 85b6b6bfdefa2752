"""The look: one calm palette for light and one for dark, Fusion style, spacing and type that stay even.

Colours only ever reinforce what words and symbols already say (states are never told by colour
alone); both palettes keep text contrast at WCAG AA or better so high-contrast users are not lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

LIGHT = "light"
DARK = "dark"
HIGH_CONTRAST = "high_contrast"
AUTO = "auto"
STYLE = "Fusion"


@dataclass(frozen=True, slots=True)
class Colours:
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    button: str
    accent: str
    accent_text: str
    border: str
    error: str
    warning: str
    ok: str
    focus_width: int = 2  # px of the frame round the focused control


PALETTES: dict[str, Colours] = {
    LIGHT: Colours(
        window="#f4f5f7",
        base="#ffffff",
        alternate="#f0f2f5",
        text="#1f2328",
        muted="#57606a",
        button="#eceef1",
        accent="#1f5fa8",
        accent_text="#ffffff",
        border="#c8ccd2",
        error="#b42318",
        warning="#8a5a00",
        ok="#1a7f37",
    ),
    DARK: Colours(
        window="#1e2227",
        base="#16191d",
        alternate="#22262c",
        text="#e6e8eb",
        muted="#a8b0ba",
        button="#2b3037",
        accent="#6ea8ec",
        accent_text="#0d1117",
        border="#454c56",
        error="#ff8a80",
        warning="#f2c14e",
        ok="#6fd08c",
    ),
    # black and white with yellow for focus and selection: for low vision and Windows high-contrast users
    HIGH_CONTRAST: Colours(
        window="#000000",
        base="#000000",
        alternate="#1a1a1a",
        text="#ffffff",
        muted="#e0e0e0",
        button="#000000",
        accent="#ffff00",
        accent_text="#000000",
        border="#ffffff",
        error="#ff9090",
        warning="#ffd75e",
        ok="#8cff8c",
        focus_width=3,
    ),
}

_current = LIGHT


def resolve_theme(setting: str) -> str:
    """ "auto" follows the system's colour scheme where Qt can tell; light otherwise."""
    if setting in PALETTES:
        return setting
    hints = QGuiApplication.styleHints()
    return DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def current_theme() -> str:
    return _current


def colours() -> Colours:
    return PALETTES[_current]


def qcolour(name: str) -> QColor:
    """A colour of the theme in effect by its role ("error", "accent" …), where no style sheet reaches."""
    return QColor(getattr(colours(), name))


def set_state(widget: QWidget, state: str) -> None:
    """Sets the style sheet's [state="…"] of ``widget`` and redraws it (Qt does not on its own)."""
    if widget.property("state") != state:
        widget.setProperty("state", state)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def palette_for(c: Colours) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, c.window),
        (role.WindowText, c.text),
        (role.Base, c.base),
        (role.AlternateBase, c.alternate),
        (role.Text, c.text),
        (role.Button, c.button),
        (role.ButtonText, c.text),
        (role.ToolTipBase, c.base),
        (role.ToolTipText, c.text),
        (role.PlaceholderText, c.muted),
        (role.Highlight, c.accent),
        (role.HighlightedText, c.accent_text),
        (role.Link, c.accent),
        (role.BrightText, c.error),
    ):
        palette.setColor(r, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, r, QColor(c.muted))
    return palette


def style_sheet(c: Colours) -> str:
    """Spacing and a few accents; sizes in points/em so 150% and 200% scaling stay proportionate."""
    return f"""
QGroupBox {{ border: 1px solid {c.border}; border-radius: 6px; margin-top: 1.1em;
  padding: 0.6em 0.5em 0.4em; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 0.6em; padding: 0 0.3em; color: {c.muted}; }}
QTabWidget::pane {{ border: 1px solid {c.border}; border-radius: 4px; top: -1px; }}
QTabBar::tab {{ padding: 0.35em 1.1em; }}
QTabBar::tab:selected {{ font-weight: bold; }}
QPushButton {{ padding: 0.3em 1em; min-height: 1.4em; }}
QPushButton:default {{ border: 2px solid {c.accent}; border-radius: 4px; }}
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox {{ padding: 0.15em 0.3em; }}
QLabel[role="hint"] {{ color: {c.muted}; }}
QLabel[role="empty"] {{ color: {c.muted}; font-size: 11pt; padding: 1.5em; }}
QLabel[role="error"] {{ color: {c.error}; }}
QLabel[role="warning"] {{ color: {c.warning}; }}
QLabel[role="value"] {{ font-weight: bold; }}
QStatusBar QLabel {{ padding: 0 0.4em; }}
QLabel[role="alert"] {{ color: {c.error}; font-weight: bold; }}
QLabel[role="figure"] {{ font-size: 18pt; font-weight: bold; }}
QLabel[role="figure"][state="alert"] {{ color: {c.error}; }}
""" + (_FOCUS.format(c=c) if c.focus_width > 2 else "")


# Fusion's own focus frame is thin; high contrast draws a thick one in the accent colour instead
_FOCUS = """
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QAbstractSpinBox:focus,
QPushButton:focus, QToolButton:focus, QAbstractItemView:focus, QCheckBox:focus, QRadioButton:focus {{
  border: {c.focus_width}px solid {c.accent}; }}
"""


def apply_theme(
    app: QApplication, setting: str, with_style_sheet: bool = True, set_style: bool = True
) -> str:
    """Fusion style (the same on Windows and Linux) with our palette; returns the theme in effect.

    At start, bootstrap creates the application with ``-style Fusion`` (``set_style=False``: setting
    it here wraps a QStyle in Python, whose enums alone take 10 ms) and leaves the style sheet to
    ``apply_style_sheet`` once the main window is built: while a sheet is set, Qt polishes each widget
    again whenever it is added to a layout (half the window's build time).
    """
    global _current
    _current = resolve_theme(setting)
    if set_style:
        app.setStyle(STYLE)
    c = PALETTES[_current]
    app.setPalette(palette_for(c))
    if with_style_sheet:
        apply_style_sheet(app)
    return _current


def apply_style_sheet(app: QApplication) -> None:
    """The style sheet of the theme in effect."""
    app.setStyleSheet(style_sheet(colours()))
