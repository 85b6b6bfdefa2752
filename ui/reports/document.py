"""The monthly report as HTML with bar-chart images, laid out by QTextDocument and written by QPdfWriter.

Runs on the db lane: charts are painted on QImage (thread-safe), not with Qt Charts (GUI thread only).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from app.domain import Channel
from app.report_domain import CaseLine, Figures
from app.taxonomy import Taxonomy
from ui.cases.labels import channel_label, clock_label, kind_label, status_label
from ui.dashboard.labels import (
    business_name,
    category_name,
    hours_text,
    minutes_text,
    percent,
    text,
    type_label,
)
from ui.formatting import format_datetime, period_label

PDF_RESOLUTION = 300
CHART_SIZE = (900, 300)
BAR = QColor("#2e6da4")
TARGET = QColor("#b03a2e")


def bar_chart_image(
    title: str, items: Sequence[tuple[str, float]], target: float | None = None, maximum: float | None = None
) -> QImage:
    """A plain bar chart: labels under the bars, values above them, an optional dashed target line."""
    width, height = CHART_SIZE
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(16)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, width, 28), Qt.AlignmentFlag.AlignCenter, title)
    top, bottom, left, right = 40.0, height - 60.0, 20.0, width - 20.0
    painter.setPen(QPen(QColor("#888888"), 1))
    painter.drawLine(int(left), int(bottom), int(right), int(bottom))
    peak = maximum if maximum is not None else max([value for _label, value in items] + [1.0]) * 1.15
    slot = (right - left) / max(len(items), 1)
    small = QFont()
    small.setPixelSize(13)
    painter.setFont(small)
    for index, (label, value) in enumerate(items):
        bar_height = (bottom - top) * value / peak
        x = left + slot * index + slot * 0.15
        painter.fillRect(QRectF(x, bottom - bar_height, slot * 0.7, bar_height), BAR)
        painter.setPen(QColor("#222222"))
        painter.drawText(
            QRectF(x - 10, bottom - bar_height - 20, slot * 0.7 + 20, 18),
            Qt.AlignmentFlag.AlignCenter,
            f"{value:g}",
        )
        painter.drawText(
            QRectF(left + slot * index, bottom + 4, slot, 52),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            label,
        )
    if target is not None:
        y = bottom - (bottom - top) * target / peak
        painter.setPen(QPen(TARGET, 2, Qt.PenStyle.DashLine))
        painter.drawLine(int(left), int(y), int(right), int(y))
    painter.end()
    return image


def _table(rows: Sequence[Sequence[str]], head: bool = True) -> str:
    cells = []
    for index, row in enumerate(rows):
        tag = "th" if head and index == 0 else "td"
        cells.append("<tr>" + "".join(f"<{tag}>{escape(cell)}</{tag}>" for cell in row) + "</tr>")
    return f'<table width="100%" cellspacing="0" cellpadding="3" border="1">{"".join(cells)}</table>'


def _charts(figures: Figures, taxonomy: Taxonomy | None, language: str) -> dict[str, QImage]:
    rates = [
        (clock_label(c.clock, language), round(100 * c.rate, 1)) for c in figures.clocks if c.rate is not None
    ]
    if figures.callback_rate is not None:
        rates.append((text("callback_rate", language), round(100 * figures.callback_rate, 1)))
    if figures.satisfaction.rate is not None:
        rates.append((text("satisfaction", language), round(100 * figures.satisfaction.rate, 1)))
    return {
        "rates": bar_chart_image(text("rates", language), rates, target=90.0, maximum=110.0),
        "category": bar_chart_image(
            text("by_category", language),
            [(category_name(taxonomy, c.key, language), c.count) for c in figures.by_category_group],
        ),
        "business": bar_chart_image(
            text("by_business", language),
            [(business_name(taxonomy, c.key, language), c.count) for c in figures.by_business_group],
        ),
        "channel": bar_chart_image(
            text("by_channel", language),
            [(channel_label(Channel(c.key), language), c.count) for c in figures.by_channel],
        ),
        "trend": bar_chart_image(
            text("trend_monthly", language), [(c.key, c.count) for c in figures.trend_monthly]
        ),
    }


def report_html(
    figures: Figures, attention: Sequence[CaseLine], taxonomy: Taxonomy | None, language: str, branch: str
) -> str:
    """The whole report; the case table holds masked names only and no free text."""
    t = lambda key: text(key, language)  # noqa: E731
    s = figures.satisfaction
    period = figures.filter.period
    heading = [
        (t("branch"), branch),
        (t("period"), period_label(period, language)),
        (t("staff"), figures.filter.owner or t("everyone")),
        (t("as_of"), format_datetime(figures.as_of, language)),
    ]
    kpis = [
        (t("open"), str(figures.snapshot.open)),
        (t("due_today"), str(figures.snapshot.due_today)),
        (t("warning"), str(figures.snapshot.warning)),
        (t("overdue"), str(figures.snapshot.overdue)),
        (t("received"), str(figures.received)),
        (t("resolved"), str(figures.resolved)),
        (t("reopen_rate"), percent(figures.reopen_rate, language)),
        (t("first_response"), minutes_text(figures.median_first_response_minutes, language)),
        (t("resolution_time"), hours_text(figures.median_resolution_hours, language)),
        (t("callback_rate"), percent(figures.callback_rate, language)),
        (t("satisfaction"), percent(s.rate, language)),
        (t("nps"), t("none") if s.nps is None else f"{s.nps:+.0f}"),
    ]
    clocks = [[t("clock"), t("met"), t("late"), t("breached"), t("rate")]] + [
        [clock_label(c.clock, language), str(c.met), str(c.late), str(c.breached), percent(c.rate, language)]
        for c in figures.clocks
    ]
    categories = [[t("category"), t("count")]] + [
        [category_name(taxonomy, c.key, language), str(c.count)] for c in figures.by_category
    ]
    businesses = [[t("business"), t("count")]] + [
        [business_name(taxonomy, c.key, language), str(c.count)] for c in figures.by_business
    ]
    types = [[t("by_type"), t("count")]] + [
        [type_label(c.key, language), str(c.count)] for c in figures.by_type
    ]
    staff = [[t("staff"), t("count")]] + [[c.key, str(c.count)] for c in figures.by_staff]
    hot = [[t("category"), t("previous"), t("current"), t("change")]] + [
        [category_name(taxonomy, h.category_code, language), str(h.previous), str(h.current), f"+{h.change}"]
        for h in figures.hot_spots
    ]
    cases = [
        [
            t("number"),
            t("received_at"),
            t("kind"),
            t("category_code"),
            t("business_code"),
            t("status"),
            t("owner"),
            t("customer"),
            t("due_at"),
            t("reopened"),
        ]
    ] + [
        [
            line.number,
            format_datetime(line.received_at, language),
            kind_label(line.kind, language),
            line.category_code,
            line.business_code,
            status_label(line.status, language),
            line.owner,
            line.masked_customer_name,
            format_datetime(line.next_due_at, language) if line.overdue else "",
            str(line.reopen_count),
        ]
        for line in attention
    ]
    hot_html = _table(hot) if figures.hot_spots else f"<p>{escape(t('no_hot_spots'))}</p>"
    cases_html = _table(cases) if attention else f"<p>{escape(t('no_attention'))}</p>"
    return f"""<html><head><style>
h1 {{ font-size: 18pt; text-align: center; }}
h3 {{ font-size: 12pt; margin-top: 12px; }}
th {{ background-color: #eeeeee; }}
p.small {{ font-size: 8pt; color: #444444; }}
</style></head><body>
<h1>{escape(t("title"))}</h1>
{_table([[k, v] for k, v in heading], head=False)}
<h3>{escape(t("now"))} / {escape(t("in_period"))}</h3>
{_table([[k, v] for k, v in kpis], head=False)}
<p><img src="chart://rates" width="600"></p>
<h3>{escape(t("on_time"))}</h3>
{_table(clocks)}
<p><img src="chart://category" width="600"></p>
<p><img src="chart://business" width="600"></p>
<p><img src="chart://channel" width="600"></p>
<p><img src="chart://trend" width="600"></p>
<h3>{escape(t("by_category"))}</h3>
{_table(categories)}
<h3>{escape(t("by_business"))}</h3>
{_table(businesses)}
<h3>{escape(t("by_type"))}</h3>
{_table(types)}
<h3>{escape(t("by_staff"))}</h3>
{_table(staff)}
<h3>{escape(t("hot_spots"))}</h3>
{hot_html}
<h3>{escape(t("attention"))}</h3>
{cases_html}
<p class="small">{escape(t("masked_note"))} {escape(t("definitions"))}</p>
</body></html>"""


def report_document(
    figures: Figures, attention: Sequence[CaseLine], taxonomy: Taxonomy | None, language: str, branch: str
) -> QTextDocument:
    document = QTextDocument()
    font = QFont()
    font.setPointSize(9)
    document.setDefaultFont(font)
    for name, image in _charts(figures, taxonomy, language).items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart://{name}"), image)
    document.setHtml(report_html(figures, attention, taxonomy, language, branch))
    return document


def write_report_pdf(
    path: Path,
    figures: Figures,
    attention: Sequence[CaseLine],
    taxonomy: Taxonomy | None,
    language: str,
    branch: str,
) -> Path:
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(f"{text('title', language)} {figures.filter.period.label()}")
    writer.setCreator("BranchDesk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),  # QTextDocument.print_ adds its own margins
            QPageLayout.Unit.Millimeter,
        )
    )
    report_document(figures, attention, taxonomy, language, branch).print_(writer)
    del writer  # the file is complete once the writer is gone
    return path
