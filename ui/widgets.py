"""Small widgets shared by the feature folders: the inline per-field error label, a self-eliding label."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

ERROR_MARK = "⚠ "  # the state is in a symbol and words, never in the colour alone
WARNING_MARK = ERROR_MARK


class FieldError(QLabel):
    """A message under one input; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")  # coloured by the theme, readable in light and dark
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        self.setText(ERROR_MARK + text if text else "")
        self.setAccessibleName(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")

    @property
    def message(self) -> str:
        return self.text().removeprefix(ERROR_MARK) if not self.isHidden() else ""


class ElidedLabel(QLabel):
    """One line that shortens itself with "…" when the space runs out, instead of pushing its neighbours
    out of a status bar; the whole text stays in ``text()``, the tooltip and the accessible description."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
        minimum_chars: int = 8,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._tip = ""  # a tooltip of its own; otherwise an elided label shows its whole text there
        self.mode = mode
        self.minimum_chars = minimum_chars
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def text(self) -> str:  # type: ignore[override]
        return self._full

    def setText(self, text: str) -> None:  # type: ignore[override]
        self._full = text
        self.setAccessibleDescription(text)
        self.updateGeometry()
        self._elide()

    def toolTip(self) -> str:  # type: ignore[override]
        return self._tip

    def setToolTip(self, tip: str) -> None:  # type: ignore[override]
        self._tip = tip
        self._elide()

    @property
    def elided(self) -> bool:
        return QLabel.text(self) != self._full

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right() + 2
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        shortest = self.fontMetrics().horizontalAdvance("M" * self.minimum_chars)
        return QSize(min(self.sizeHint().width(), shortest), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, self.mode, max(self.contentsRect().width(), 0))
        QLabel.setText(self, shown)
        tip = self._tip or (self._full if shown != self._full else "")
        if self._tip and shown != self._full and self._full not in self._tip:
            tip = f"{self._full}\n{self._tip}"
        QLabel.setToolTip(self, tip)
