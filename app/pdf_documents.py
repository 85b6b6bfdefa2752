"""Where the branchdesk-admin commands find the PDF writers. PDFs are laid out by Qt's document classes,
which live in ui/ (ui/reports, ui/privacy); app/ never imports Qt or ui/. The entry point that carries
the ui layer (ui/admin.py, the `branchdesk-admin` program) installs the writers here at start."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import BranchDeskError


class PdfUnavailable(BranchDeskError):
    """A PDF command run without the ui layer's writers (e.g. through app.cli directly)."""

    def __init__(self) -> None:
        super().__init__("pdf_unavailable")


@dataclass(frozen=True, slots=True)
class PdfWriters:
    # Start Qt headless in this language; refuse before anything happens when no CJK font is installed.
    prepare: Callable[[str], None]
    # (session, ctx, report filter, folder, language) -> the report's files (PDF, .xlsx, CSV)
    monthly_report: Callable[..., list[Path]]
    # a subject-access record -> PDF bytes
    subject_export: Callable[[Mapping[str, Any]], bytes]


_installed: list[PdfWriters] = []


def install(writers: PdfWriters) -> None:
    _installed[:] = [writers]


def writers() -> PdfWriters:
    if not _installed:
        raise PdfUnavailable()
    return _installed[0]
