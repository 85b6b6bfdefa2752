"""The acceptance receipt (受理回执) as printable HTML, as a QTextDocument, and as a PDF file."""

from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.case_domain import Receipt
from app.domain import CustomerField
from ui.cases.labels import (
    channel_label,
    clock_label,
    kind_label,
    translate_in,
)
from ui.formatting import format_legal

CONTEXT = "Receipt"
PDF_RESOLUTION = 300
TEXTS = {
    "title": QT_TRANSLATE_NOOP("Receipt", "Acceptance receipt"),
    "intro": QT_TRANSLATE_NOOP(
        "Receipt",
        "We have received your request and registered it under the case number below. "
        "Please keep this receipt and quote the case number whenever you contact us.",
    ),
    "number": QT_TRANSLATE_NOOP("Receipt", "Case number"),
    "received": QT_TRANSLATE_NOOP("Receipt", "Received (China time)"),
    "kind": QT_TRANSLATE_NOOP("Receipt", "Kind"),
    "channel": QT_TRANSLATE_NOOP("Receipt", "Channel"),
    "category": QT_TRANSLATE_NOOP("Receipt", "Category"),
    "business": QT_TRANSLATE_NOOP("Receipt", "Product / business"),
    "summary": QT_TRANSLATE_NOOP("Receipt", "Summary"),
    "customer": QT_TRANSLATE_NOOP("Receipt", "Customer"),
    "name": QT_TRANSLATE_NOOP("Receipt", "Name"),
    "id_number": QT_TRANSLATE_NOOP("Receipt", "ID number"),
    "mobile": QT_TRANSLATE_NOOP("Receipt", "Mobile"),
    "promised": QT_TRANSLATE_NOOP("Receipt", "Our deadlines"),
    "deadline": QT_TRANSLATE_NOOP("Receipt", "Step"),
    "due": QT_TRANSLATE_NOOP("Receipt", "By (China time)"),
    "estimated": QT_TRANSLATE_NOOP("Receipt", "(estimated)"),
    "estimated_note": QT_TRANSLATE_NOOP(
        "Receipt",
        "(estimated): the official holiday calendar for that year is not published yet; "
        "the date may move when it is.",
    ),
    "no_deadlines": QT_TRANSLATE_NOOP("Receipt", "We will answer you at once."),
    "follow_up": QT_TRANSLATE_NOOP("Receipt", "How to follow up"),
    "branch": QT_TRANSLATE_NOOP("Receipt", "Branch"),
    "branch_phone": QT_TRANSLATE_NOOP("Receipt", "Branch telephone"),
    "hotline": QT_TRANSLATE_NOOP("Receipt", "Customer service hotline"),
    "staff": QT_TRANSLATE_NOOP("Receipt", "Received by (staff ID)"),
    "not_set": QT_TRANSLATE_NOOP("Receipt", "ask at the counter"),
    "file_prefix": QT_TRANSLATE_NOOP("Receipt", "receipt"),
}


def text(key: str, language: str | None = None) -> str:
    return translate_in(language, CONTEXT, TEXTS[key])


def default_file_name(receipt: Receipt, language: str | None = None) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in receipt.case_number)
    return f"{text('file_prefix', language)}-{safe}.pdf"


@lru_cache(maxsize=1)
def _packaged_taxonomy() -> object:
    from app.taxonomy import Taxonomy

    return Taxonomy.load()


def packaged_category_text(code: str, language: str) -> str:
    """Label and code from the packaged taxonomy, for callers without the loaded reference data."""
    taxonomy = _packaged_taxonomy()
    if code not in taxonomy:  # type: ignore[operator]
        return code
    return f"{taxonomy.path_label(code, language)} ({code})"  # type: ignore[attr-defined]


def _table(pairs: list[tuple[str, str]]) -> str:
    """Every section is the same two-column grid, so the values line up down the page."""
    rows = "".join(
        f'<tr><td class="k" width="38%">{escape(key)}</td><td>{escape(value)}</td></tr>'
        for key, value in pairs
    )
    return f'<table width="100%" cellspacing="0" cellpadding="2" style="margin-bottom: 10px">{rows}</table>'


def receipt_html(receipt: Receipt, language: str, category: str | None = None) -> str:
    """The whole receipt; every value is escaped, personal values arrive masked."""
    category = category if category is not None else packaged_category_text(receipt.category_code, language)
    case = [
        (text("number", language), receipt.case_number),
        (text("received", language), format_legal(receipt.received_at)),
        (text("kind", language), kind_label(receipt.kind, language)),
        (text("channel", language), channel_label(receipt.channel, language)),
        (text("category", language), category),
        (text("business", language), packaged_category_text(receipt.business_code, language)),
        (text("summary", language), receipt.summary or "—"),
    ]
    case = [(key, value) for key, value in case if value]  # no business line when none was given
    masked = receipt.masked_customer
    customer = [
        (text(key, language), masked[field])
        for key, field in (
            ("name", CustomerField.NAME),
            ("id_number", CustomerField.ID_NUMBER),
            ("mobile", CustomerField.MOBILE),
        )
        if masked.get(field)
    ]
    promised = sorted(receipt.promised, key=lambda deadline: deadline.due_at)
    if promised:
        deadlines = _table(
            [(text("deadline", language), text("due", language))]
            + [
                (
                    clock_label(item.clock, language),
                    format_legal(item.due_at) + (f" {text('estimated', language)}" if item.estimated else ""),
                )
                for item in promised
            ]
        ).replace("<tr>", '<tr class="head">', 1)
        if any(item.estimated for item in promised):
            deadlines += f'<p class="small">{escape(text("estimated_note", language))}</p>'
    else:
        deadlines = f"<p>{escape(text('no_deadlines', language))}</p>"
    not_set = text("not_set", language)
    follow_up = [
        (text("branch", language), receipt.branch_name or not_set),
        (text("branch_phone", language), receipt.branch_phone or not_set),
        (text("hotline", language), receipt.hotline or not_set),
        (text("staff", language), receipt.staff_id),
    ]
    customer_html = f"<h3>{escape(text('customer', language))}</h3>{_table(customer)}" if customer else ""
    return f"""<html><head><style>
h1 {{ font-size: 18pt; text-align: center; margin-bottom: 6pt; }}
h3 {{ font-size: 12pt; margin-bottom: 4pt; }}
td {{ vertical-align: top; }}
td.k {{ color: #444444; }}
tr.head td {{ font-weight: bold; color: #000000; background-color: #eeeeee; }}
p.small {{ font-size: 8pt; color: #444444; }}
</style></head><body>
<h1>{escape(text("title", language))}</h1>
<p>{escape(text("intro", language))}</p>
{_table(case)}
{customer_html}
<h3>{escape(text("promised", language))}</h3>
{deadlines}
<h3>{escape(text("follow_up", language))}</h3>
{_table(follow_up)}
</body></html>"""


def receipt_document(receipt: Receipt, language: str, category: str | None = None) -> QTextDocument:
    document = QTextDocument()
    font = QFont()
    font.setPointSize(10)
    document.setDefaultFont(font)
    document.setHtml(receipt_html(receipt, language, category))
    document.setMetaInformation(
        QTextDocument.MetaInformation.DocumentTitle, f"{text('title', language)} {receipt.case_number}"
    )
    return document


def write_receipt_pdf(receipt: Receipt, path: Path | str, language: str, category: str | None = None) -> Path:
    """Write the receipt as an A4 PDF (no dialogs; the print dialog's Save as PDF uses it too)."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(f"{text('title', language)} {receipt.case_number}")
    writer.setCreator("BranchDesk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),  # QTextDocument.print_ adds its own 2 cm margins
            QPageLayout.Unit.Millimeter,
        )
    )
    receipt_document(receipt, language, category).print_(writer)
    del writer  # the file is complete once the writer is gone
    return path
