"""The case reference data the views label with (taxonomy, departments), fetched once off the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ui.i18n import current_language
from ui.ops import OpRunner

if TYPE_CHECKING:
    from app.reference import ReferenceData
    from app.taxonomy import Category, Department


def reference_data(_session: Any, ctx: Any) -> ReferenceData:
    """Run on the db lane: the immutable reference data the services were built with."""
    return ctx.reference


class CaseReference(QObject):
    """One per window: the views ask it for labels; ``loaded`` fires when the data arrived."""

    loaded = Signal()

    def __init__(self, runner: OpRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.data: ReferenceData | None = None
        self._loading = False

    def load(self) -> None:
        if self.data is not None or self._loading:
            return
        self._loading = True
        self.runner.run_db(reference_data, on_success=self._arrived)

    def set_data(self, data: ReferenceData) -> None:
        self._arrived(data)

    def _arrived(self, data: ReferenceData) -> None:
        self._loading = False
        self.data = data
        self.loaded.emit()

    @property
    def ready(self) -> bool:
        return self.data is not None

    # --- labels ---------------------------------------------------------------------------

    def causes(self) -> list[Category]:
        return self.data.taxonomy.causes() if self.data is not None else []

    def businesses(self) -> list[Category]:
        return self.data.taxonomy.businesses() if self.data is not None else []

    def category_label(self, code: str, language: str | None = None) -> str:
        """The cause (or business category) with its parents ("Service attitude and quality / Other"),
        without the code."""
        if self.data is None or not code or code not in self.data.taxonomy:
            return code
        return self.data.taxonomy.path_label(code, language or current_language())

    def category_text(self, code: str, language: str | None = None) -> str:
        """Label and code, as lists and the receipt show it."""
        label = self.category_label(code, language)
        return f"{label} ({code})" if label != code else code

    def departments(self) -> list[Department]:
        return self.data.departments() if self.data is not None else []

    def department_label(self, code: str, language: str | None = None) -> str:
        department = self.data.department(code) if self.data is not None and code else None
        return department.label(language or current_language()) if department is not None else code
