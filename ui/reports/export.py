"""Writes the period's report files (PDF, .xlsx, CSV) from one service call chain; the dashboard runs it on
the db lane with a progress bar and `branchdesk-admin report` runs it directly."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy.orm import Session

from app.context import ServiceContext
from app.report_domain import CaseLine, Figures, ReportFilter
from app.services import reports
from ui.cases.labels import channel_label, clock_label, kind_label, severity_label, status_label
from ui.dashboard.labels import business_name, category_name, text
from ui.formatting import format_legal
from ui.reports.document import write_report_pdf

Progress = Callable[[int, int], None]
CASE_COLUMNS = (
    "number",
    "received_at",
    "kind",
    "channel",
    "category_code",
    "category",
    "business_code",
    "business",
    "severity",
    "status",
    "owner",
    "department",
    "customer",
    "next_deadline",
    "due_at",
    "is_overdue",
    "reopened",
    "escalated",
    "response_minutes",
    "resolution_hours",
    "score",
)


def _row(line: CaseLine, ctx: ServiceContext, language: str) -> list[object]:
    yes, no = text("yes", language), text("no", language)
    rounded = lambda value: None if value is None else round(value, 1)  # noqa: E731
    return [
        line.number,
        format_legal(line.received_at),
        kind_label(line.kind, language),
        channel_label(line.channel, language),
        line.category_code,
        category_name(ctx.reference.taxonomy, line.category_code, language),
        line.business_code,
        business_name(ctx.reference.taxonomy, line.business_code, language),
        severity_label(line.severity, language),
        status_label(line.status, language),
        line.owner,
        line.department,
        line.masked_customer_name,
        clock_label(line.next_clock, language) if line.next_clock else "",
        format_legal(line.next_due_at) if line.next_due_at else "",
        yes if line.overdue else no,
        line.reopen_count,
        yes if line.escalated else no,
        rounded(line.first_response_minutes),
        rounded(line.resolution_hours),
        line.satisfaction,
    ]


def figure_rows(figures: Figures, language: str) -> list[tuple[str, object]]:
    """The KPIs as (name, value) pairs; rates as fractions so a spreadsheet can format them."""
    t = lambda key: text(key, language)  # noqa: E731
    s = figures.satisfaction
    rows: list[tuple[str, object]] = [
        (t("period"), figures.filter.period.label()),
        (t("open"), figures.snapshot.open),
        (t("due_today"), figures.snapshot.due_today),
        (t("warning"), figures.snapshot.warning),
        (t("overdue"), figures.snapshot.overdue),
        (t("received"), figures.received),
        (t("resolved"), figures.resolved),
        (t("reopen_rate"), figures.reopen_rate),
        (t("first_response") + " (min)", figures.median_first_response_minutes),
        (t("resolution_time") + " (h)", figures.median_resolution_hours),
        (t("callback_rate"), figures.callback_rate),
        (t("satisfaction"), s.rate),
        (t("nps"), s.nps),
    ]
    rows += [(f"{t('on_time')}: {clock_label(c.clock, language)}", c.rate) for c in figures.clocks]
    return rows


def export_report(
    session: Session,
    ctx: ServiceContext,
    flt: ReportFilter,
    folder: Path,
    language: str,
    progress: Progress | None = None,
) -> list[Path]:
    """`<prefix>-<period>.pdf`, `.xlsx` and `-cases.csv` in `folder`; the written paths."""
    advance: Progress = progress or (lambda _done, _total: None)
    folder.mkdir(parents=True, exist_ok=True)
    figures = reports.figures(session, ctx, flt)
    total = reports.count_case_lines(session, ctx, flt)
    steps = total + 2  # the cases, then the figures sheet, then the PDF
    advance(0, steps)
    stem = f"{text('file_prefix', language)}-{flt.period.label().replace(' ', '')}"
    xlsx_path, csv_path, pdf_path = (
        folder / f"{stem}.xlsx",
        folder / f"{stem}-cases.csv",
        folder / f"{stem}.pdf",
    )
    headers = [text(column, language) for column in CASE_COLUMNS]
    workbook = Workbook(write_only=True)
    cases_sheet = workbook.create_sheet(text("cases_sheet", language))
    cases_sheet.append(headers)
    done = 0
    # utf-8-sig: Excel on Chinese Windows opens the CSV with the right encoding only with the BOM
    with csv_path.open("w", encoding="utf-8-sig", newline="") as csv_file:
        writer = csv.writer(csv_file)
        writer.writerow(headers)
        for page in reports.case_lines(session, ctx, flt):
            for line in page:
                row = _row(line, ctx, language)
                cases_sheet.append(row)
                writer.writerow(["" if value is None else value for value in row])
            done += len(page)
            advance(done, steps)
    figures_sheet = workbook.create_sheet(text("figures_sheet", language))
    figures_sheet.append([text("figure", language), text("value", language)])
    for name, value in figure_rows(figures, language):
        figures_sheet.append([name, value])
    _append_counts(
        figures_sheet,
        text("by_category", language),
        [(category_name(ctx.reference.taxonomy, c.key, language), c.count) for c in figures.by_category],
    )
    _append_counts(
        figures_sheet,
        text("by_business", language),
        [(business_name(ctx.reference.taxonomy, c.key, language), c.count) for c in figures.by_business],
    )
    _append_counts(
        figures_sheet, text("by_channel", language), [(c.key, c.count) for c in figures.by_channel]
    )
    _append_counts(figures_sheet, text("by_staff", language), [(c.key, c.count) for c in figures.by_staff])
    workbook.save(xlsx_path)
    advance(total + 1, steps)
    attention = reports.attention_lines(session, ctx, flt)
    branch = ctx.actor.branch if flt.branch == "" else (flt.branch or text("all_branches", language))
    write_report_pdf(pdf_path, figures, attention, ctx.reference.taxonomy, language, branch)
    advance(steps, steps)
    return [pdf_path, xlsx_path, csv_path]


def _append_counts(sheet: object, title: str, counts: Sequence[tuple[str, int]]) -> None:
    sheet.append([])  # type: ignore[attr-defined]
    sheet.append([title])  # type: ignore[attr-defined]
    for key, count in counts:
        sheet.append([key, count])  # type: ignore[attr-defined]
