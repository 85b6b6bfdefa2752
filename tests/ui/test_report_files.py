"""The report files: expected figures inside, and no personal value in plain text anywhere in their bytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from app.context import ServiceContext
from app.domain import Role
from app.report_domain import Period, ReportFilter
from app.store import OpenedStore
from tests.support.customers import KNOWN, with_role
from tests.support.reports import build_report_cases
from ui.reports.export import export_report

PLAINTEXTS = [KNOWN.name, KNOWN.id_number, KNOWN.mobile, KNOWN.address, *KNOWN.accounts]


@pytest.fixture
def files(
    qapp: QApplication, store: OpenedStore, ctx: ServiceContext, known_customer: str, tmp_path: Path
) -> dict[str, Path]:
    supervisor = build_report_cases(store, with_role(ctx, Role.SUPERVISOR), known_customer)
    with store.transaction() as session:
        paths = export_report(session, supervisor, ReportFilter(Period.month("2026-10")), tmp_path, "en")
    return {path.suffix: path for path in paths}


def _all_bytes(path: Path) -> list[bytes]:
    """The file, and for the zip-based .xlsx every member inflated."""
    blobs = [path.read_bytes()]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            blobs += [archive.read(name) for name in archive.namelist()]
    return blobs


def test_no_personal_value_in_any_file(files: dict[str, Path]) -> None:
    pdf_text = "".join(page.extract_text() for page in PdfReader(files[".pdf"]).pages)
    for path in files.values():
        for blob in _all_bytes(path):
            for value in PLAINTEXTS:
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    assert value.encode(encoding) not in blob, (path.name, value)
    for value in PLAINTEXTS:
        assert value not in pdf_text
    assert KNOWN.name[0] in pdf_text  # the masked name is there: "欧*明轩"-style, first character kept


def test_pdf_has_the_figures_and_the_attention_table(files: dict[str, Path]) -> None:
    raw = "\n".join(page.extract_text() for page in PdfReader(files[".pdf"]).pages)
    # Qt's PDF spaces words with tabs and uses ligatures ("ﬀ"): compare on plain spaces
    text = " ".join(raw.replace("\ufb00", "ff").split())
    assert "Service-quality report" in text and "October 2026" in text  # the month as English names it
    for expected in (
        "Cases received",
        "Satisfaction (target 90%)",
        "50.0%",
        "Callback rate (complaints)",
        "100.0%",
    ):
        assert expected in text
    assert "Overdue and reopened cases" in text
    assert text.count("0001-") >= 2  # B and C in the table


def test_spreadsheet_and_csv_have_the_cases_and_figures(files: dict[str, Path]) -> None:
    workbook = load_workbook(files[".xlsx"], read_only=True)
    cases = list(workbook["Cases"].iter_rows(values_only=True))
    assert cases[0][0] == "Case number" and len(cases) == 5
    score = cases[0].index("Satisfaction (1-5)")
    # read-only rows end at their last filled cell
    assert [row[score] if len(row) > score else None for row in cases[1:]] == [5, 3, None, None]
    figures = {row[0]: row[1] for row in workbook["Figures"].iter_rows(values_only=True) if len(row) > 1}
    assert figures["Cases received"] == 4
    assert figures["Satisfaction (target 90%)"] == 0.5
    assert figures["Overdue"] == 2
    csv_lines = files[".csv"].read_text(encoding="utf-8-sig").splitlines()
    assert len(csv_lines) == 5 and csv_lines[0].startswith("Case number,")
