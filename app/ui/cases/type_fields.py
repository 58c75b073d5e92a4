"""The inputs a case type asks for (court, institution, guardian...), built from its FieldSpec
list: reading and loading their values, read-only mode. Errors use the service's field names
(`extra.<key>`), so they land beside the right input of the FormRows they were added to.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from app.domain.case_types import FieldSpec
from app.ui.cases.form import DateField, FormRows, text_box
from app.ui.common import case_labels
from app.ui.common.inputs import ChoiceCombo

translate = QCoreApplication.translate


def field_label(spec: FieldSpec, english: bool) -> str:
    text = spec.label_en if english else spec.label_ar
    return text + (" *" if spec.required else "")


def display_value(spec: FieldSpec, value: object) -> str:
    """A stored value as read-only text (timeline, screenshots of read-only cases)."""
    if spec.kind == "bool":
        return translate("CaseTypeFields", "Yes") if value else translate("CaseTypeFields", "No")
    if spec.kind == "date":
        return case_labels.day(str(value) if value else None)
    if spec.kind == "choice":
        return case_labels.field_choice(str(value or "")) or case_labels.NONE_TEXT
    return str(value) if value not in (None, "") else case_labels.NONE_TEXT


class TypeFields(QObject):
    """One input per FieldSpec, added as rows of `form`; emits `edited` on any change."""

    edited = Signal()

    def __init__(
        self, specs: Sequence[FieldSpec], form: FormRows, today: date, english: bool
    ) -> None:
        super().__init__(form)
        self.specs = tuple(specs)
        self.inputs: dict[str, QWidget] = {}
        for spec in self.specs:
            widget = self._make(spec, today)
            self.inputs[spec.key] = widget
            form.add(f"extra.{spec.key}", field_label(spec, english), widget)

    def _make(self, spec: FieldSpec, today: date) -> QWidget:
        if spec.kind == "bool":
            box = QCheckBox()
            box.toggled.connect(self.edited)
            return box
        if spec.kind == "date":
            day = DateField(today)
            day.edited.connect(self.edited)
            return day
        if spec.kind == "choice":
            combo = ChoiceCombo(
                [(c, case_labels.field_choice(c)) for c in spec.choices],
                translate("CaseTypeFields", "— choose —"),
            )
            combo.activated.connect(self.edited)
            return combo
        if spec.kind == "textarea":
            area = text_box(80)
            area.textChanged.connect(self.edited)
            return area
        line = QLineEdit()
        line.setMaxLength(2000)
        line.textEdited.connect(self.edited)
        return line

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, QCheckBox):
                out[key] = widget.isChecked()
            elif isinstance(widget, DateField):
                out[key] = widget.text_value()
            elif isinstance(widget, ChoiceCombo):
                out[key] = widget.code()
            elif isinstance(widget, QPlainTextEdit):
                out[key] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                out[key] = widget.text()
        return out

    def load(self, extra: dict[str, object]) -> None:
        for key, widget in self.inputs.items():
            value = extra.get(key)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, DateField):
                try:
                    widget.set_value(date.fromisoformat(str(value)) if value else None)
                except ValueError:
                    widget.set_value(None)
            elif isinstance(widget, ChoiceCombo):
                widget.set_code(str(value or ""))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value or ""))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value or ""))

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.inputs.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)
