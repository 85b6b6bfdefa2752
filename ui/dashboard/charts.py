"""Bar charts of the dashboard (Qt Charts): one series, labelled bars, an optional target line, clicks."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QWidget

from ui.formatting import format_number, locale
from ui.i18n import current_language
from ui.retranslate import translate_text
from ui.theme import qcolour

MAX_LABEL = 14  # characters of a category axis label; the tooltip has the whole name


class BarChart(QChartView):
    """Bars for (key, label, value) items; bar_clicked(key) when one is clicked."""

    bar_clicked = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys: list[str] = []
        self.labels: list[str] = []
        self.values: list[float] = []
        self.bar_set: QBarSet | None = None
        self.suffix = ""
        self.target: float | None = None
        chart = QChart()
        chart.setTitle(title)
        self.setAccessibleName(title)
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self._describe()

    def set_items(
        self,
        items: Sequence[tuple[str, str, float]],
        maximum: float | None = None,
        target: float | None = None,
        suffix: str = "",
    ) -> None:
        """``suffix`` follows each figure in the tooltip and the description ("%" for rates)."""
        self.suffix = suffix
        self.target = target
        chart = self.chart()
        # axis ticks and bar labels in the interface language's digits, redone on every redraw
        chart.setLocalizeNumbers(True)
        chart.setLocale(locale())
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.keys = [key for key, _label, _value in items]
        self.labels = [label for _key, label, _value in items]
        self.values = [value for _key, _label, value in items]
        bar_set = QBarSet("")
        bar_set.setColor(qcolour("accent"))  # the theme's: strong in high contrast, calm otherwise
        bar_set.append(self.values)
        bar_set.setLabelColor(qcolour("text"))
        bar_set.clicked.connect(self._clicked)
        bar_set.hovered.connect(self._hovered)
        self.bar_set = bar_set
        series = QBarSeries()
        series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append([_short(label) for label in self.labels] or [""])
        y_axis = QValueAxis()
        top = maximum if maximum is not None else max([*self.values, 1.0]) * 1.2
        y_axis.setRange(0, top)
        y_axis.applyNiceNumbers()  # round ticks (0, 20, 40 …) rather than fractions of the maximum
        y_axis.setLabelFormat("%.0f")  # "%d" shows nothing once numbers are localised: values are reals
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        if target is not None and self.values:
            line = QLineSeries()
            line.setPen(QPen(qcolour("error"), 2, Qt.PenStyle.DashLine))
            # across the whole plot: category i sits at x = i on a bar series' hidden value scale
            line.append([QPointF(-0.5, target), QPointF(len(self.values) - 0.5, target)])
            chart.addSeries(line)
            hidden_x = QValueAxis()
            hidden_x.setRange(-0.5, len(self.values) - 0.5)
            hidden_x.setVisible(False)
            chart.addAxis(hidden_x, Qt.AlignmentFlag.AlignBottom)
            line.attachAxis(hidden_x)
            line.attachAxis(y_axis)

        self._describe()

    def _describe(self) -> None:
        """Screen readers cannot see the bars: the description says every figure, in the bars' order."""
        title = self.chart().title()
        self.setAccessibleName(title)
        if not self.values:
            self.setAccessibleDescription(self.tr("No figures to show"))
            return
        parts = [
            f"{label} {self._figure(value)}" for label, value in zip(self.labels, self.values, strict=True)
        ]
        if self.target is not None:
            parts.append(self.tr("target %1").replace("%1", self._figure(self.target)))
        self.setAccessibleDescription(self.tr("; ").join(parts))

    def _figure(self, value: float) -> str:
        return format_number(value, _decimals(value)) + self.suffix

    def changeEvent(self, event: QEvent) -> None:
        # the title is a catalogue text the widget walk cannot reach inside the chart; the figures'
        # labels are redrawn by the dashboard
        if event.type() == QEvent.Type.LanguageChange:
            title = translate_text(self.chart().title(), current_language(), ["Report"])
            if title is not None:
                self.chart().setTitle(title)
            self._describe()
        super().changeEvent(event)

    def click_bar(self, index: int) -> None:
        """The same as a mouse click on bar `index` (keyboard users and tests)."""
        self._clicked(index)

    def _clicked(self, index: int) -> None:
        if 0 <= index < len(self.keys):
            self.bar_clicked.emit(self.keys[index])

    def _hovered(self, status: bool, index: int) -> None:
        self.setToolTip(
            f"{self.labels[index]}: {self._figure(self.values[index])}"
            if status and index < len(self.labels)
            else ""
        )


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else 1


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
