"""The dashboard's KPI tiles: right-now counts and the period's figures, each a caption over a value."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.report_domain import Figures
from ui.dashboard.labels import hours_text, minutes_text, percent, text
from ui.formatting import format_number, format_signed
from ui.theme import set_state

TARGET_PERCENT = 90.0
NOW_KEYS = ("open", "due_today", "warning", "overdue")
PERIOD_KEYS = ("received", "first_response", "resolution_time", "callback_rate", "satisfaction", "nps")
OVERDUE_MARK = "✖ "  # as the queue's deadline badge: overdue is said by a symbol, not only in red


class KpiTiles(QWidget):
    """``values[key]`` is the label showing a figure; ``show_figures`` fills them all in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        self.headings: list[QLabel] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, (heading, keys) in enumerate(((text("now"), NOW_KEYS), (text("in_period"), PERIOD_KEYS))):
            label = QLabel(f"<b>{heading}</b>")
            self.headings.append(label)
            grid.addWidget(label, row, 0)
            for column, key in enumerate(keys, start=1):
                grid.addWidget(self._tile(key), row, column)

    def _tile(self, key: str) -> QWidget:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        caption = QLabel(text(key))
        caption.setProperty("role", "hint")
        value = QLabel(text("none"))
        value.setProperty("role", "figure")  # size and the alert colour come from the theme
        box.addWidget(caption)
        box.addWidget(value)
        self.values[key] = value
        return frame

    def show_figures(self, figures: Figures) -> None:
        """Numbers as the interface language writes them; called again after a language switch."""
        snapshot = figures.snapshot
        satisfaction = figures.satisfaction
        values = {
            "open": format_number(snapshot.open),
            "due_today": format_number(snapshot.due_today),
            "warning": format_number(snapshot.warning),
            "overdue": format_number(snapshot.overdue),
            "received": format_number(figures.received),
            "first_response": minutes_text(figures.median_first_response_minutes),
            "resolution_time": hours_text(figures.median_resolution_hours),
            "callback_rate": percent(figures.callback_rate),
            "satisfaction": percent(satisfaction.rate),
            "nps": text("none") if satisfaction.nps is None else format_signed(satisfaction.nps),
        }
        below = satisfaction.rate is not None and satisfaction.rate * 100 < TARGET_PERCENT
        # a figure that needs attention says so with a symbol too, not only in red
        if below:
            values["satisfaction"] = "▼ " + values["satisfaction"]
        if snapshot.overdue:
            values["overdue"] = OVERDUE_MARK + values["overdue"]
        for key, value in values.items():
            self.values[key].setText(value)
        set_state(self.values["satisfaction"], "alert" if below else "")
        set_state(self.values["overdue"], "alert" if snapshot.overdue else "")

    def retranslate_headings(self) -> None:
        for label, key in zip(self.headings, ("now", "in_period"), strict=True):
            label.setText(f"<b>{text(key)}</b>")  # rich text: the catalogue walk leaves it alone
