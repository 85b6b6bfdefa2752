"""The subject access export laid out as a PDF: the customer's fields, change history and cases with their
timelines, in Chinese and English headings.

Laid out with fpdf2, not Qt (app/ runs without PySide6, e.g. in branchdesk-admin); Chinese text needs a
CJK font embedded in the file, taken from the ones installed on the PC (scripts/setup.sh installs
fonts-wqy-microhei). Rendering happens wholly in memory, before any file is opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF

from app.errors import BranchDeskError

# Searched in order; a .ttc collection's first face is the regular one in each of these.
CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)
_FAMILY = "cjk"
_LINE = 5.5


class ExportFontMissing(BranchDeskError):
    """No CJK font to embed: the PDF would print the customer's Chinese data as empty boxes."""

    def __init__(self) -> None:
        super().__init__("export_font_missing")


def find_cjk_font(candidates: Iterable[str] | None = None) -> Path:
    for candidate in CJK_FONTS if candidates is None else candidates:
        path = Path(candidate)
        if path.is_file():
            return path
    raise ExportFontMissing()


def render_pdf(record: Mapping[str, Any], font: Path | None = None) -> bytes:
    """The export record (app.services.subject_export.subject_record) as PDF bytes."""
    pdf = FPDF(format="A4")
    pdf.set_title("Subject access export")  # metadata stays free of personal values
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font(_FAMILY, "", str(font or find_cjk_font()))
    pdf.add_page()
    _heading(pdf, "个人信息查阅导出 Subject access export", 15)
    _rows(pdf, {k: record.get(k) for k in ("customer_id", "exported_at", "exported_by", "approved_by")})
    _heading(pdf, "客户信息 Customer")
    _rows(pdf, record.get("customer", {}))
    _heading(pdf, "变更记录 Change history")
    for change in record.get("changes", []) or [{"": "无 none"}]:
        _item(pdf, change)
    _heading(pdf, "案件 Cases")
    for case in record.get("cases", []) or [{"": "无 none"}]:
        _case(pdf, case)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str, size: float = 12) -> None:
    pdf.ln(2)
    pdf.set_font(_FAMILY, size=size)
    pdf.multi_cell(0, size * 0.6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FAMILY, size=9.5)


def _text(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, Sequence) and not isinstance(value, str):
        return ", ".join(_text(item) for item in value) or "-"
    return str(value)


def _rows(pdf: FPDF, values: Mapping[str, Any]) -> None:
    """Scalar fields as label / value lines (a long value wraps under itself)."""
    for key, value in values.items():
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(45, _LINE, str(key).replace("_", " "), new_x="RIGHT", new_y="TOP")
        pdf.multi_cell(0, _LINE, _text(value), new_x="LMARGIN", new_y="NEXT")


def _item(pdf: FPDF, values: Mapping[str, Any]) -> None:
    pdf.multi_cell(0, _LINE, "• " + _text(values), new_x="LMARGIN", new_y="NEXT")


def _case(pdf: FPDF, case: Mapping[str, Any]) -> None:
    """A case's fields, then each list it holds (its timeline) entry by entry."""
    pdf.ln(1)
    pdf.set_draw_color(160)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(1)
    scalars = {k: v for k, v in case.items() if not _is_list_of_records(v)}
    _rows(pdf, scalars)
    for key, entries in case.items():
        if _is_list_of_records(entries):
            pdf.set_font(_FAMILY, size=10.5)
            pdf.multi_cell(0, _LINE + 1, str(key).replace("_", " "), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(_FAMILY, size=9.5)
            for entry in entries:
                _item(pdf, entry)


def _is_list_of_records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, Mapping) for item in value)
