"""The subject access export laid out as a PDF: the customer's fields, change history and cases with their
timelines, under Chinese and English headings.

HTML laid out by QTextDocument and written by QPdfWriter, like the monthly report, so the bundle carries no
second PDF library; Qt picks an installed CJK font for the Chinese text (scripts/setup.sh installs
fonts-wqy-microhei). Rendered wholly in memory, so a failure leaves no file behind. Needs a QApplication;
safe on the db lane (no widgets).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.errors import BranchDeskError

PDF_RESOLUTION = 300
TITLE = "个人信息查阅导出 Subject access export"
HEADER_FIELDS = ("customer_id", "exported_at", "exported_by", "approved_by")
NONE = "无 none"


class ExportFontMissing(BranchDeskError):
    """No CJK font installed: the PDF would print the customer's Chinese data as empty boxes."""

    def __init__(self) -> None:
        super().__init__("export_font_missing")


def cjk_families() -> list[str]:
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def require_cjk_font() -> None:
    """Refuse up front rather than hand the customer a PDF of empty boxes."""
    if not cjk_families():
        raise ExportFontMissing()


def render_subject_pdf(record: Mapping[str, Any]) -> bytes:
    """The export record (app.services.subject_export.subject_record) as PDF bytes."""
    require_cjk_font()
    document = QTextDocument()
    font = QFont()
    font.setPointSizeF(9.5)
    document.setDefaultFont(font)
    document.setHtml(subject_html(record))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle("Subject access export")  # metadata stays free of personal values
    writer.setCreator("BranchDesk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),  # QTextDocument.print_ adds its own margins
            QPageLayout.Unit.Millimeter,
        )
    )
    document.print_(writer)
    del writer  # the PDF is complete once the writer is gone
    content = bytes(buffer.data().data())
    buffer.close()
    return content


def subject_html(record: Mapping[str, Any]) -> str:
    changes = record.get("changes") or []
    cases = record.get("cases") or []
    return f"""<html><head><style>
h1 {{ font-size: 15pt; margin-bottom: 8px; }}
h3 {{ font-size: 12pt; margin-top: 14px; }}
h4 {{ font-size: 10.5pt; margin-top: 6px; margin-bottom: 2px; }}
td.label {{ color: #444444; padding-right: 8px; }}
</style></head><body>
<h1>{escape(TITLE)}</h1>
{_rows({key: record.get(key) for key in HEADER_FIELDS})}
<h3>客户信息 Customer</h3>
{_rows(record.get("customer") or {})}
<h3>变更记录 Change history</h3>
{_items(changes) if changes else _none()}
<h3>案件 Cases</h3>
{"".join(_case(case) for case in cases) if cases else _none()}
</body></html>"""


def _text(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, Sequence) and not isinstance(value, str):
        return ", ".join(_text(item) for item in value) or "-"
    return str(value)


def _label(key: object) -> str:
    return escape(str(key).replace("_", " "))


def _none() -> str:
    return f"<p>{escape(NONE)}</p>"


def _rows(values: Mapping[str, Any]) -> str:
    """Scalar fields as label / value rows; a long value wraps within its own column."""
    rows = "".join(
        f'<tr><td class="label" width="25%">{_label(key)}</td><td>{escape(_text(value))}</td></tr>'
        for key, value in values.items()
    )
    return f'<table width="100%" cellspacing="0" cellpadding="2">{rows}</table>'


def _items(entries: Sequence[Mapping[str, Any]]) -> str:
    return "<ul>" + "".join(f"<li>{escape(_text(entry))}</li>" for entry in entries) + "</ul>"


def _case(case: Mapping[str, Any]) -> str:
    """A case's fields, then each list it holds (its timeline) entry by entry, under a rule."""
    scalars = {key: value for key, value in case.items() if not _is_list_of_records(value)}
    lists = "".join(
        f"<h4>{_label(key)}</h4>{_items(entries)}"
        for key, entries in case.items()
        if _is_list_of_records(entries)
    )
    return f"<hr/>{_rows(scalars)}{lists}"


def _is_list_of_records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, Mapping) for item in value)
