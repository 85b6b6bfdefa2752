"""The `branchdesk-admin` program: app.cli's commands, with the PDF writers of the ui layer installed
(app/pdf_documents.py), so the report and the subject-access PDF are laid out like the desktop's."""

from __future__ import annotations

import os
from collections.abc import Sequence

from app import cli
from app.pdf_documents import PdfWriters, install

_application: list[object] = []  # the headless QApplication lives as long as the command


def _prepare(language: str) -> None:
    # Offscreen unless told otherwise: the command runs on servers and in scripts without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_translators
    from ui.privacy.subject_pdf import require_cjk_font

    # A widgets application, not a bare QGuiApplication: a process may go on to show widgets (the
    # tests do), and Qt cannot turn one kind into the other.
    app = QApplication.instance() or QApplication(["branchdesk-admin"])
    _application[:] = [app]
    install_translators(app, language)  # type: ignore[arg-type]
    require_cjk_font()  # no font: refused before anything is approved, logged or written


def _monthly_report(*args: object, **kwargs: object) -> list:  # type: ignore[type-arg]
    from ui.reports.export import export_report

    return export_report(*args, **kwargs)  # type: ignore[arg-type]


def _subject_export(record: object) -> bytes:
    from ui.privacy.subject_pdf import render_subject_pdf

    return render_subject_pdf(record)  # type: ignore[arg-type]


def install_pdf_writers() -> None:
    install(PdfWriters(prepare=_prepare, monthly_report=_monthly_report, subject_export=_subject_export))


def main(argv: Sequence[str] | None = None) -> int:
    install_pdf_writers()
    return cli.main(argv)
