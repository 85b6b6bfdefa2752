"""Picks a complaint cause: an editable list of "code  label" items with a contains-filter completer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QWidget

from ui.i18n import current_language

if TYPE_CHECKING:
    from app.taxonomy import Category
    from ui.intake.form import IntakeForm


def item_text(category: Category, path_label: str) -> str:
    return f"{category.code}  {path_label}"


class CategoryPicker(QComboBox):
    """Type a code ("C0101") or any part of the label ("态度", "fees"); leaving the field settles it."""

    code_changed = Signal(str)  # "" when nothing valid is chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(self.tr("Type a code or words of the cause"))
        self.lineEdit().installEventFilter(self)
        # the completer's popup swallows the line edit's focus-out; the application still tells
        QApplication.instance().focusChanged.connect(self._focus_changed)  # type: ignore[union-attr]
        self.currentIndexChanged.connect(lambda _i: self.code_changed.emit(self.code()))
        self.lineEdit().textEdited.connect(lambda _t: self.code_changed.emit(self.code()))

    def set_categories(self, categories: list[tuple[Category, str]]) -> None:
        """(category, label in the interface language) pairs, in taxonomy order."""
        kept = self.code()
        self.blockSignals(True)
        self.clear()
        for category, label in categories:
            self.addItem(item_text(category, label), category.code)
        self.setCurrentIndex(-1)
        self.setEditText("")
        self.blockSignals(False)
        if kept:
            self.set_code(kept)

    def set_code(self, code: str) -> None:
        index = self.findData(code)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")

    def clear_choice(self) -> None:
        self.setCurrentIndex(-1)
        self.setEditText("")

    def code(self) -> str:
        """The chosen code: the exact item, a typed code, or the only item containing the text."""
        index = self._resolve(self.currentText())
        return str(self.itemData(index)) if index >= 0 else ""

    def _resolve(self, text: str) -> int:
        text = text.strip()
        if not text:
            return -1
        exact = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if exact >= 0:
            return exact
        by_code = self.findData(text.upper())
        if by_code >= 0:
            return by_code
        folded = text.casefold()
        matches = [row for row in range(self.count()) if folded in self.itemText(row).casefold()]
        return matches[0] if len(matches) == 1 else -1

    def settle(self) -> None:
        """Show the full item for whatever the typed text means (on leaving the field)."""
        index = self._resolve(self.currentText())
        if index >= 0 and (index != self.currentIndex() or self.currentText() != self.itemText(index)):
            self.setCurrentIndex(index)
            self.setEditText(self.itemText(index))

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old in (self, self.lineEdit()) and new not in (self, self.lineEdit(), self.completer().popup()):
            self.settle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.lineEdit() and event.type() == QEvent.Type.FocusOut:
            self.settle()
        return super().eventFilter(watched, event)


class BusinessPicker(CategoryPicker):
    """The same picker over the business categories (JR/T 0169 投诉业务类别): the product complained of."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lineEdit().setPlaceholderText(self.tr("Type a code or words of the product or business"))


def fill_pickers(form: IntakeForm) -> None:
    """Both pickers from the loaded taxonomy, labelled in the interface language."""
    reference = form.reference
    form.category_picker.set_categories([(c, reference.category_label(c.code)) for c in reference.causes()])
    businesses = reference.businesses()
    form.business_picker.set_categories([(c, reference.category_label(c.code)) for c in businesses])


def categories_for(causes: list[Category], label: object) -> list[tuple[Category, str]]:
    language = current_language()
    return [(category, label(category.code, language)) for category in causes]  # type: ignore[operator]
