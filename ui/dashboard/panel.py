"""The supervisor dashboard: today's open work, the period's KPIs and charts, export of the monthly report."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.calendar import CHINA_TZ
from app.case_domain import CaseFilter
from app.changes import Changes
from app.domain import CaseKind, Channel
from app.errors import BranchDeskError
from app.report_domain import Figures, Period, ReportFilter
from ui import errors
from ui.cases.labels import channel_label, clock_label, kind_label
from ui.cases.reference import CaseReference
from ui.dashboard.charts import BarChart
from ui.dashboard.labels import (
    business_name,
    category_name,
    staff_name,
    text,
    type_label,
)
from ui.dashboard.tiles import TARGET_PERCENT, KpiTiles
from ui.events import AppEvents
from ui.formatting import format_date, format_number, period_label
from ui.i18n import current_language
from ui.ops import OpRunner
from ui.refresh import CoalescedRefresh
from ui.services import reports as report_service

MONTHS_OFFERED = 12


class ExportProgress(QObject):
    """Carries an export's progress from the db lane to the GUI thread (a queued signal)."""

    advanced = Signal(int, int)  # done, total


class DashboardPanel(QWidget):
    """Filters (period, branch, staff, kind), KPI tiles, charts; a bar click asks for its cases."""

    cases_requested = Signal(object, str)  # CaseFilter, a description for the queue
    figures_shown = Signal(object)  # Figures
    exported = Signal(object)  # list of written paths

    def __init__(
        self, runner: OpRunner, events: AppEvents, reference: CaseReference, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reference = reference
        self.figures: Figures | None = None
        self._serial = 0
        self._active = False
        self.period_combo = QComboBox()
        today = dt.datetime.now(CHINA_TZ).date()
        period = Period.month_of(today)
        for _ in range(MONTHS_OFFERED):
            self.period_combo.addItem(period_label(period), period)
            period = period.previous()
        self.branch_combo = QComboBox()
        self.branch_combo.addItem(self.tr("This branch"), "")
        self.branch_combo.addItem(text("all_branches"), None)
        self.staff_combo = QComboBox()
        self.staff_combo.addItem(text("everyone"), None)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Any kind"), None)
        for kind in CaseKind:
            self.kind_combo.addItem(kind_label(kind), kind.value)
        for combo in (self.period_combo, self.branch_combo, self.staff_combo, self.kind_combo):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.export_button = QPushButton(self.tr("&Export report…"))
        self.export_button.setToolTip(
            self.tr("Write the period's report as PDF, spreadsheet (.xlsx) and CSV")
        )
        self.export_button.clicked.connect(self.choose_export_folder)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("Report export progress"))
        self.export_progress = ExportProgress(self)
        self.export_progress.advanced.connect(self._export_advanced)

        filters = QHBoxLayout()
        for label, combo in (
            (text("period"), self.period_combo),
            (text("branch"), self.branch_combo),
            (text("staff"), self.staff_combo),
            (text("kind"), self.kind_combo),
        ):
            caption = QLabel(label)
            caption.setBuddy(combo)  # screen readers name the filter by its caption
            filters.addWidget(caption)
            filters.addWidget(combo)
        filters.addStretch(1)
        filters.addWidget(self.progress)
        filters.addWidget(self.export_button)

        self.kpi_tiles = KpiTiles()
        self.tiles = self.kpi_tiles.values
        self.hot_spots_label = QLabel()
        self.hot_spots_label.setWordWrap(True)
        self.hot_spots_label.setTextFormat(Qt.TextFormat.RichText)

        self.rates_chart = BarChart(text("rates"))
        self.category_chart = BarChart(text("by_category"))
        self.channel_chart = BarChart(text("by_channel"))
        self.type_chart = BarChart(text("by_type"))
        self.business_chart = BarChart(text("by_business"))  # the product: JR/T 0169 business category
        self.staff_chart = BarChart(text("by_staff"))
        self.weekly_chart = BarChart(text("trend_weekly"))
        self.monthly_chart = BarChart(text("trend_monthly"))
        charts = QGridLayout()
        placed = (
            self.rates_chart,
            self.category_chart,
            self.business_chart,
            self.channel_chart,
            self.staff_chart,
            self.type_chart,
            self.weekly_chart,
            self.monthly_chart,
        )
        for index, chart in enumerate(placed):
            charts.addWidget(chart, index // 2, index % 2)
        charts.addWidget(self.hot_spots_label, 4, 0, 1, 2, Qt.AlignmentFlag.AlignTop)
        self.category_chart.bar_clicked.connect(lambda key: self._drill("category", key))
        self.channel_chart.bar_clicked.connect(lambda key: self._drill("channel", key))
        self.type_chart.bar_clicked.connect(lambda key: self._drill("type", key))
        self.business_chart.bar_clicked.connect(lambda key: self._drill("business", key))
        self.staff_chart.bar_clicked.connect(lambda key: self._drill("staff", key))
        self.weekly_chart.bar_clicked.connect(lambda key: self._drill("week", key))
        self.monthly_chart.bar_clicked.connect(lambda key: self._drill("month", key))

        content = QWidget()
        body = QVBoxLayout(content)
        body.addWidget(self.kpi_tiles)
        body.addLayout(charts)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # no Tab stop of its own (it has no name): Tab goes on to the charts, which it scrolls into view
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(scroll, 1)
        self._refresh = CoalescedRefresh(self, self._changes_applied, delay_ms=1000)
        events.changes_applied.connect(self._refresh.add)

    # --- loading ----------------------------------------------------------------------------

    def activate(self) -> None:
        self._active = True
        self.runner.run_db(report_service.staff_in_scope, "", on_success=self._staff_loaded)
        self.reload()

    def _staff_loaded(self, staff: list[tuple[str, str]]) -> None:
        current = self.staff_combo.currentData()
        self.staff_combo.blockSignals(True)
        while self.staff_combo.count() > 1:
            self.staff_combo.removeItem(1)
        for staff_id, display_name in staff:
            self.staff_combo.addItem(staff_name(staff_id, display_name), staff_id)
        self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(current)))
        self.staff_combo.blockSignals(False)

    def set_period(self, period: Period) -> None:
        """Show `period` (offered in the list from now on, if it was not)."""
        index = self.period_combo.findData(period)
        if index < 0:
            self.period_combo.addItem(period_label(period), period)
            index = self.period_combo.count() - 1
        self.period_combo.setCurrentIndex(index)

    def report_filter(self) -> ReportFilter:
        kind = self.kind_combo.currentData()
        return ReportFilter(
            period=self.period_combo.currentData(),
            branch=self.branch_combo.currentData(),
            owner=self.staff_combo.currentData(),
            kinds=frozenset({CaseKind(kind)}) if kind else frozenset(),
        )

    def reload(self) -> None:
        if not self._active:
            return
        self._serial += 1
        serial = self._serial
        self.runner.run_db(
            report_service.figures,
            self.report_filter(),
            on_success=lambda figures: self._show(serial, figures),
            on_failure=lambda exc: errors.show_error(self, exc),
        )

    def changeEvent(self, event: QEvent) -> None:
        # figures, months and dates are composed here: redraw them in the new language
        if event.type() == QEvent.Type.LanguageChange:
            for index in range(self.period_combo.count()):
                self.period_combo.setItemText(index, period_label(self.period_combo.itemData(index)))
            self.kpi_tiles.retranslate_headings()
            if self.figures is not None:
                self._show(self._serial, self.figures)
        super().changeEvent(event)

    def _changes_applied(self, changes: Changes) -> None:
        if changes.cases:
            self.reload()

    # --- showing ----------------------------------------------------------------------------

    def _show(self, serial: int, figures: Figures) -> None:
        if serial != self._serial:
            return  # the filter changed meanwhile
        self.figures = figures
        language = current_language()
        satisfaction = figures.satisfaction
        self.kpi_tiles.show_figures(figures)
        rates = [
            ("", clock_label(c.clock), round(100 * c.rate, 1)) for c in figures.clocks if c.rate is not None
        ]
        if figures.callback_rate is not None:
            rates.append(("", text("callback_rate"), round(100 * figures.callback_rate, 1)))
        if satisfaction.rate is not None:
            rates.append(("", text("satisfaction"), round(100 * satisfaction.rate, 1)))
        self.rates_chart.set_items(rates, maximum=110, target=TARGET_PERCENT, suffix="%")
        taxonomy = self.reference.data.taxonomy if self.reference.data is not None else None
        self.category_chart.set_items(
            [(c.key, category_name(taxonomy, c.key, language), c.count) for c in figures.by_category_group]
        )
        self.channel_chart.set_items(
            [(c.key, channel_label(Channel(c.key)), c.count) for c in figures.by_channel]
        )
        self.type_chart.set_items([(c.key, type_label(c.key), c.count) for c in figures.by_type])
        self.business_chart.set_items(
            [(c.key, business_name(taxonomy, c.key, language), c.count) for c in figures.by_business_group]
        )
        self.staff_chart.set_items([(c.key, staff_name(c.key, c.name), c.count) for c in figures.by_staff])
        self.weekly_chart.set_items([(c.key, _week(c.key), c.count) for c in figures.trend_weekly])
        self.monthly_chart.set_items([(c.key, _month(c.key), c.count) for c in figures.trend_monthly])
        if figures.hot_spots:
            items = "".join(
                f"<li>{category_name(taxonomy, spot.category_code, language)}: "
                f"{format_number(spot.previous)} → {format_number(spot.current)} "
                f"(+{format_number(spot.change)})</li>"
                for spot in figures.hot_spots
            )
            self.hot_spots_label.setText(f"<b>{text('hot_spots')}</b><ul>{items}</ul>")
        else:
            self.hot_spots_label.setText(f"<b>{text('hot_spots')}</b><p>{text('no_hot_spots')}</p>")
        self.figures_shown.emit(figures)

    # --- drill-down ---------------------------------------------------------------------------

    def _drill(self, dimension: str, key: str) -> None:
        if self.figures is None or (not key and dimension != "business"):  # "": not classified
            return
        flt = self.figures.filter
        period = flt.period
        received_from, received_before = period.start, period.end
        extra: dict[str, object] = {}
        if dimension == "category":
            extra["category_prefix"] = key
        elif dimension == "channel":
            extra["channels"] = frozenset({Channel(key)})
        elif dimension == "type":
            extra["complaint_types"] = frozenset({key})
        elif dimension == "business":  # a top-level category stands for the business codes under it
            leaves = [c.code for c in self.reference.businesses() if key and c.code.startswith(key)]
            extra["business_codes"] = frozenset(leaves or [key])
        elif dimension == "staff":
            extra["owner"] = key
        elif dimension == "week":
            monday = dt.date.fromisoformat(key)
            received_from = dt.datetime.combine(monday, dt.time(), tzinfo=CHINA_TZ)
            received_before = received_from + dt.timedelta(days=7)
        elif dimension == "month":
            month = Period.month(key)
            received_from, received_before = month.start, month.end
        base = CaseFilter(
            kinds=flt.kinds,
            branch_only=flt.branch is not None,
            branch=flt.branch or "",
            owner=flt.owner or "",
            received_from=received_from,
            received_before=received_before,
        )
        last_day = (received_before - dt.timedelta(days=1)).date()
        description = f"{format_date(received_from.date())} – {format_date(last_day)}"
        shown = key or text("not_classified")
        self.cases_requested.emit(dataclasses.replace(base, **extra), f"{description} · {shown}")  # type: ignore[arg-type]

    # --- export -------------------------------------------------------------------------------

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the report files"))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        """Writes PDF, .xlsx and CSV in the background; the bar shows the progress."""
        from ui.reports.export import export_report  # Qt's PDF and openpyxl load when first needed

        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.runner.run_db(
            export_report,
            self.report_filter(),
            folder,
            current_language(),
            self.export_progress.advanced.emit,
            on_success=self._exported,
            on_failure=self._export_failed,
        )

    def _export_advanced(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _exported(self, paths: list[Path]) -> None:
        self.export_button.setEnabled(True)
        self.progress.setVisible(False)
        self.runner.events.status_message.emit(
            self.tr("Report written: %1").replace("%1", ", ".join(path.name for path in paths))
        )
        self.exported.emit(paths)

    def _export_failed(self, exc: BranchDeskError) -> None:
        self.export_button.setEnabled(True)
        self.progress.setVisible(False)
        errors.show_error(self, exc)


def _week(key: str) -> str:
    """A week's key (its Monday, ISO) as the language writes a day: 3月4日 / 4 Mar."""
    return format_date(dt.date.fromisoformat(key), kind="day_month")


def _month(key: str) -> str:
    """A trend key "2024-03" as the language names the month."""
    return format_date(dt.date.fromisoformat(key + "-01"), kind="month")
