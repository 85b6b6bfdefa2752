"""What the branchdesk-admin commands share: the language their messages are printed in."""

from __future__ import annotations

import os

from app.config import Settings


def language_for(settings: Settings) -> str:
    if settings.language != "auto":
        return settings.language
    system = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "en" if system.lower().startswith("en") else "zh_CN"
