"""Small widgets shared by the feature folders: the inline per-field error label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

ERROR_MARK = "⚠ "  # the state is in a symbol and words, never in the colour alone


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
