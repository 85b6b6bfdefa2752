"""Icons from the one set in resources/icons (same grid, stroke and accent), looked up by name."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from ui.i18n import RESOURCES_DIR

ICONS_DIR = RESOURCES_DIR / "icons"


@cache
def icon(name: str) -> QIcon:
    """The named icon; an empty one (never an error) if a file is missing from a broken install."""
    path = ICONS_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
