"""Small input widgets shared by the forms: coded combos, the municipality picker, the birth
date (a `DateInput`), and a field slot that shows its own error message under the widget."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, ValidationFailed
from app.services.dto import Municipality
from app.ui.common import messages
from app.ui.common.date_input import DateInput

ERROR_STYLE = "color: #b00020;"


class ChoiceCombo(QComboBox):
    """A non-editable combo over (code, text) pairs; an optional empty first entry."""

    def __init__(
        self,
        choices: list[tuple[str, str]],
        empty_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if empty_text is not None:
            self.addItem(empty_text, "")
        for code, text in choices:
            self.addItem(text, code)

    def code(self) -> str:
        value = self.currentData()
        return value if isinstance(value, str) else ""

    def set_code(self, code: str | None) -> None:
        index = self.findData(code or "")
        if index < 0 and code:
            self.addItem(code, code)  # a value this version does not know: keep it visible
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


class MunicipalityCombo(QComboBox):
    """Type any part of a municipality's or district's name to narrow the list."""

    def __init__(
        self,
        municipalities: list[Municipality],
        english: bool,
        empty_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem(empty_text, "")
        self._empty_text = empty_text
        for m in municipalities:
            name, district = (m.name_en, m.district_en) if english else (m.name_ar, m.district_ar)
            self.addItem(f"{name} — {district}", m.code)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)

    def code(self) -> str:
        """The chosen code; typed text matching no entry is returned as is (and rejected)."""
        text = self.currentText().strip()
        if not text or text == self._empty_text:
            return ""
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            value = self.itemData(index)
            return value if isinstance(value, str) else ""
        return text

    def set_code(self, code: str | None) -> None:
        index = self.findData(code or "")
        if index < 0 and code:
            self.addItem(code, code)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


class BirthDateEdit(DateInput):
    """A birth date: typed or picked, may be an estimate (a year or an age); the calendar
    opens thirty years back while the field is empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        today = date.today()
        super().__init__(date(today.year - 30, 1, 1), estimable=True, parent=parent)


class FieldSlot(QWidget):
    """A widget (or a row of them) with room for its error message right under it.

    `edited` is emitted whenever the user changes one of its widgets. With a check set
    (`set_check`: returns the field's current error, "" when valid), a shown error is
    re-checked on every change: it goes as soon as the value is fixed, and is never shown
    for a field that had none (typing is not nagged).
    """

    edited = Signal()

    def __init__(self, *widgets: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if len(widgets) == 1:
            layout.addWidget(widgets[0])
        else:
            row = QHBoxLayout()
            row.setSpacing(6)
            for widget in widgets:
                row.addWidget(widget)
            layout.addLayout(row)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.widgets = widgets
        self._check: Callable[[], str] | None = None
        for widget in widgets:
            _on_change(widget, self.edited.emit)
        self.edited.connect(self.recheck)

    def set_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def error(self) -> str:
        return "" if self.error_label.isHidden() else self.error_label.text()

    def set_check(self, check: Callable[[], str] | None) -> None:
        self._check = check

    def recheck(self) -> None:
        """Re-check a shown error against the current value (cleared when now valid)."""
        if self._check is not None and self.error():
            self.set_error(self._check())


def _on_change(widget: QWidget, slot: Callable[[], None]) -> None:
    """Call `slot` when `widget`'s value changes, whatever kind of input it is; a composite
    one (the date input) through its own line edits, so a value set by the form counts too."""
    if isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(lambda *_a: slot())
        if widget.isEditable():
            widget.editTextChanged.connect(lambda *_a: slot())
    elif isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.textChanged.connect(lambda *_a: slot())
    else:
        for line in widget.findChildren(QLineEdit):
            line.textChanged.connect(lambda *_a: slot())
        if isinstance(widget, DateInput):
            widget.edited.connect(slot)  # "Estimated" ticked or not


def field_errors(check: Callable[[], object]) -> dict[str, list[str]]:
    """Run a domain validation; its errors by field, translated ({} when it passes)."""
    try:
        check()
    except ValidationFailed as err:
        return messages.by_field(err)
    except DomainError as err:
        return {err.field or "": [messages.describe(err)]}
    return {}


def date_edit(day: date, display_format: str) -> QDateEdit:
    """A date edit that reads left to right as on paper ("12/2025", "01/11/2026").

    QDateTimeEdit reverses the sections of its format when the application is right to left
    (MM/yyyy would show as 2025/12): it is given the reversed format then (as BirthDateEdit).
    Read it with `.date()`, never `.text()`.
    """
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    edit.setDisplayFormat("/".join(reversed(display_format.split("/"))) if rtl else display_format)
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    return edit
