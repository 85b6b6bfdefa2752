"""Bar charts of the dashboard (Qt Charts): one series, labelled bars, an optional target line, clicks.

Keyboard users pick a bar too: the chart takes the focus, arrows move a current bar (outlined, not only
recoloured), Enter or Space opens it as a click does, and the description then says that bar's figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetricsF, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from ui.formatting import format_number, locale
from ui.i18n import current_language
from ui.retranslate import translate_text
from ui.theme import colours, qcolour

MAX_LABEL = 14  # characters of a category axis label; the tooltip has the whole name
STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}
OPEN_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}
OUTLINE_GAP = 3  # px between a bar and its outline, so the outline shows against any bar colour


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
        self.current = -1  # the keyboard's bar; -1 until the chart first takes the focus
        chart = QChart()
        chart.setTitle(title)
        self.setAccessibleName(title)
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches the bars, not only the mouse
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
        current_key = self.keys[self.current] if 0 <= self.current < len(self.keys) else ""
        self.keys = [key for key, _label, _value in items]
        self.labels = [label for _key, label, _value in items]
        self.values = [value for _key, _label, value in items]
        bar_set = QBarSet("")
        bar_set.setColor(qcolour("accent"))  # the theme's: strong in high contrast, calm otherwise
        bar_set.append(self.values)
        bar_set.setLabelColor(qcolour("text"))
        bar_set.setSelectedColor(qcolour("text"))  # the current bar; its outline says it without colour
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
        _theme(chart, (x_axis, y_axis))
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

        # a redraw (new period, new language) keeps the keyboard on the same bar where it still exists
        if current_key and current_key in self.keys:
            self.current = self.keys.index(current_key)
        elif self.current >= 0:
            self.current = min(self.current, len(self.values) - 1)
        self._show_current()

    def _describe(self) -> None:
        """Screen readers cannot see the bars: the description says every figure, in the bars' order.

        While the keyboard is on a bar it says that bar alone, so each arrow press is heard as one
        figure rather than the whole list again.
        """
        title = self.chart().title()
        self.setAccessibleName(title)
        if not self.values:
            self.setAccessibleDescription(self.tr("No figures to show"))
            return
        shown = [self.current] if self.hasFocus() and self.current >= 0 else range(len(self.values))
        parts = [f"{self.labels[index]} {self._figure(self.values[index])}" for index in shown]
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
            self.set_current(index)  # a mouse user who then turns to the keyboard goes on from here
            self.bar_clicked.emit(self.keys[index])

    # --- keyboard ---------------------------------------------------------------------------

    def set_current(self, index: int) -> None:
        """Makes bar `index` (clamped to the bars) the keyboard's current bar."""
        self.current = max(0, min(index, len(self.values) - 1)) if self.values else -1
        self._show_current()

    def _show_current(self) -> None:
        """Selects (recolours) the current bar while the chart has the focus; the outline is painted."""
        if self.bar_set is not None:
            self.bar_set.deselectAllBars()
            if self.hasFocus() and 0 <= self.current < len(self.values):
                self.bar_set.selectBar(self.current)
        self._describe()
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not self.values or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)  # Ctrl/Alt/Shift combinations stay the window's
        elif key in STEPS:
            self.set_current(self.current + STEPS[Qt.Key(key)])
        elif key == Qt.Key.Key_Home:
            self.set_current(0)
        elif key == Qt.Key.Key_End:
            self.set_current(len(self.values) - 1)
        elif key in OPEN_KEYS and self.current >= 0:
            self._clicked(self.current)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.current < 0 and self.values:
            self.current = 0
        self._show_current()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._show_current()  # no focus: no selected bar, and the description lists every figure again

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.hasFocus():
            return
        # the focus frame as the style sheet draws it round inputs: accent colour, the theme's width
        width = colours().focus_width
        painter = QPainter(self.viewport())
        painter.setPen(QPen(qcolour("accent"), width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = width / 2
        painter.drawRect(QRectF(self.viewport().rect()).adjusted(half, half, -half - 1, -half - 1))
        bar = self._bar_rect(self.current)
        if bar is not None and self.bar_set is not None:
            painter.setPen(QPen(qcolour("text"), width))
            # the bar's value label as Qt Charts writes it ("@value"), to be held inside the outline
            metrics = QFontMetricsF(self.bar_set.labelFont())
            text = format_number(self.values[self.current], _decimals(self.values[self.current]))
            painter.drawRect(
                outline_rect(bar, width, QSizeF(metrics.horizontalAdvance(text), metrics.height()))
            )
        painter.end()

    def _bar_rect(self, index: int) -> QRectF | None:
        """Bar `index` in viewport coordinates (a bar series puts category i at x = i, ± half its width)."""
        if self.bar_set is None or not 0 <= index < len(self.values):
            return None
        series = self.chart().series()[0]
        half = series.barWidth() / 2  # type: ignore[attr-defined]
        chart = self.chart()
        corners = (
            chart.mapToPosition(QPointF(index - half, self.values[index]), series),
            chart.mapToPosition(QPointF(index + half, 0), series),
        )
        top_left, bottom_right = (self.mapFromScene(chart.mapToScene(point)) for point in corners)
        return QRectF(top_left, bottom_right).normalized()

    def _hovered(self, status: bool, index: int) -> None:
        self.setToolTip(
            f"{self.labels[index]}: {self._figure(self.values[index])}"
            if status and index < len(self.labels)
            else ""
        )


def outline_rect(bar: QRectF, pen_width: float, label: QSizeF) -> QRectF:
    """The line the current bar's outline is drawn along: OUTLINE_GAP clear of the bar and of its value
    label, which Qt Charts centres just over the bar, so that the frame holds both and crosses neither."""
    gap = OUTLINE_GAP + pen_width / 2
    half = max(bar.width(), label.width()) / 2 + gap
    top = bar.top() - label.height() - gap
    return QRectF(bar.center().x() - half, top, 2 * half, bar.bottom() + gap - top)


def _theme(chart: QChart, axes: Sequence[QAbstractAxis]) -> None:
    """The theme's ground and text, not Qt Charts' white: the high-contrast outline of the current bar
    (text colour) and the bar labels must stand out from it in every theme."""
    chart.setBackgroundBrush(qcolour("base"))
    chart.setTitleBrush(qcolour("text"))
    for axis in axes:
        axis.setLabelsBrush(qcolour("text"))
        axis.setLinePenColor(qcolour("border"))
        axis.setGridLineColor(qcolour("border"))


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else 1


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
