"""The beneficiary's input fields: building them, reading a draft, loading a record, and
showing each validation message beside its own field.

Field keys are the domain's field names (BeneficiaryDraft / FieldError.field), so an error
from the service lands next to the widget it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.beneficiary import BeneficiaryDraft, IdentifierType
from app.domain.people import local_phone
from app.services.dto import BeneficiaryView, Municipality
from app.ui.common import labels
from app.ui.common.date_input import DateInput
from app.ui.common.inputs import (
    BirthDateEdit,
    ChoiceCombo,
    FieldSlot,
    MunicipalityCombo,
    field_errors,
)
from app.ui.common.text_boxes import arabic_text_box

_TOP = Qt.AlignmentFlag.AlignTop
NAME_FIELDS = ("first_name", "father_name", "grandfather_name", "family_name")


def dinars_text(dirhams: int | None) -> str:
    if dirhams is None:
        return ""
    text = f"{Decimal(dirhams) / 1000:.3f}".rstrip("0").rstrip(".")
    return text or "0"


class BeneficiaryFields(QWidget):
    """Every field of a beneficiary, grouped; emits `edited` on any change by the user."""

    edited = Signal()

    def __init__(
        self, municipalities: list[Municipality], english: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.slots: dict[str, FieldSlot] = {}
        self._read_only = False

        self.names = {f: QLineEdit() for f in NAME_FIELDS}
        for key, placeholder in zip(
            NAME_FIELDS,
            (
                self.tr("First name"),
                self.tr("Father's name"),
                self.tr("Grandfather's name"),
                self.tr("Family name"),
            ),
            strict=True,
        ):
            self.names[key].setPlaceholderText(placeholder)
            self.names[key].setAccessibleName(placeholder)
        # No setMaxLength on names: a long paste would be cut silently; the domain refuses a
        # name over its limit with a message that says the limit.
        self.mother = QLineEdit()
        # The name as the passport writes it: typed left to right inside the right-to-left form.
        self.latin_name = QLineEdit()
        self.latin_name.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.latin_name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.latin_name.setAccessibleName(self.tr("Name in Latin letters (as on the passport)"))
        self.sex = ChoiceCombo(labels.choices(labels.SEX), self.tr("— choose —"))
        self.birth_date = BirthDateEdit()
        self.national_number = QLineEdit()
        self.national_number.setMaxLength(14)
        self.national_number.setPlaceholderText(self.tr("12 digits"))
        self.admin_number = QLineEdit()
        self.passport = QLineEdit()
        self.booklet = QLineEdit()
        self.nationality = ChoiceCombo(labels.choices(labels.NATIONALITY))
        self.municipality = MunicipalityCombo(municipalities, english, self.tr("— none —"))
        self.address = QLineEdit()
        self.address.setMaxLength(300)
        self.phones = [QLineEdit() for _ in range(3)]
        for phone in self.phones:
            phone.setPlaceholderText("09XXXXXXXX")
            phone.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        for ident in (self.admin_number, self.passport, self.booklet):
            ident.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            ident.setMaxLength(30)
        self.marital = ChoiceCombo(labels.choices(labels.MARITAL), self.tr("— not stated —"))
        self.disability = ChoiceCombo(labels.choices(labels.DISABILITY_TYPE))
        self.degree = ChoiceCombo(labels.choices(labels.DISABILITY_DEGREE), self.tr("— degree —"))
        self.displacement = ChoiceCombo(labels.choices(labels.DISPLACEMENT))
        self.income = QLineEdit()
        self.income.setPlaceholderText(self.tr("dinars"))
        self.notes = arabic_text_box(QPlainTextEdit())
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.disability.currentIndexChanged.connect(self._disability_changed)

        name_box = QGroupBox(self.tr("Name"))
        grid = QGridLayout(name_box)
        # In a right-to-left layout column 0 is the rightmost: the first name comes first.
        for column, key in enumerate(NAME_FIELDS):
            grid.addWidget(QLabel(labels.field(key)), 0, column)
            grid.addWidget(self._slot(key, self.names[key]), 1, column, _TOP)
        grid.addWidget(QLabel(self.tr("Mother's full name")), 2, 0, 1, 4)
        grid.addWidget(self._slot("mother_name", self.mother), 3, 0, 1, 4)
        latin_label = QLabel(self.tr("Name in Latin letters (as on the passport)"))
        latin_label.setBuddy(self.latin_name)
        grid.addWidget(latin_label, 4, 0, 1, 4)
        grid.addWidget(self._slot("latin_name", self.latin_name), 5, 0, 1, 4)

        identity = self._grid_box(
            self.tr("Identity"),
            [
                (self.tr("Sex"), self._slot("sex", self.sex)),
                (self.tr("Date of birth"), self._slot("birth_date", self.birth_date)),
                (self.tr("National number"), self._slot("national_number", self.national_number)),
                (self.tr("Nationality"), self._slot("nationality", self.nationality)),
                (self.tr("Administrative number"), self._slot("admin_number", self.admin_number)),
                (self.tr("Passport number"), self._slot("passport_number", self.passport)),
                (
                    self.tr("Family booklet number"),
                    self._slot("family_booklet_number", self.booklet),
                ),
            ],
        )
        contact = self._grid_box(
            self.tr("Address and phones"),
            [
                (self.tr("Municipality"), self._slot("municipality_code", self.municipality)),
                (self.tr("Address"), self._slot("address", self.address)),
                (self.tr("Phones"), self._slot("phones", *self.phones)),
            ],
            wide=True,
        )
        situation = self._grid_box(
            self.tr("Situation"),
            [
                (self.tr("Marital status"), self._slot("marital_status", self.marital)),
                (self.tr("Displacement"), self._slot("displacement_status", self.displacement)),
                (self.tr("Disability"), self._slot("disability_type", self.disability)),
                (self.tr("Disability degree"), self._slot("disability_degree", self.degree)),
                (self.tr("Monthly income (LYD)"), self._slot("monthly_income", self.income)),
            ],
        )
        notes_box = QGroupBox(self.tr("Notes"))
        QVBoxLayout(notes_box).addWidget(self._slot("notes", self.notes))

        layout = QVBoxLayout(self)
        for box in (name_box, identity, contact, situation, notes_box):
            layout.addWidget(box)
        layout.addStretch(1)
        self._chain_tab_order()
        self._connect_edits()
        self._disability_changed()

    # -- building ---------------------------------------------------------------------------

    def _slot(self, key: str, *widgets: QWidget) -> FieldSlot:
        slot = FieldSlot(*widgets)
        self.slots[key] = slot
        return slot

    def _grid_box(
        self, title: str, rows: list[tuple[str, QWidget]], wide: bool = False
    ) -> QGroupBox:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        per_row = 1 if wide else 2
        for i, (text, widget) in enumerate(rows):
            r, c = divmod(i, per_row)
            label = QLabel(text)
            field = widget.widgets[0] if isinstance(widget, FieldSlot) else widget
            label.setBuddy(field)
            # Level with the input, not with the error message that may appear under it.
            label.setMinimumHeight(field.sizeHint().height())
            grid.addWidget(label, r, c * 2, _TOP)
            grid.addWidget(widget, r, c * 2 + 1, _TOP)
        for c in range(per_row):
            grid.setColumnStretch(c * 2 + 1, 1)
        return box

    def input_widgets(self) -> list[QWidget]:
        """Every input in tab order."""
        return [
            *self.names.values(),
            self.mother,
            self.latin_name,
            self.sex,
            self.birth_date,
            self.national_number,
            self.nationality,
            self.admin_number,
            self.passport,
            self.booklet,
            self.municipality,
            self.address,
            *self.phones,
            self.marital,
            self.displacement,
            self.disability,
            self.degree,
            self.income,
            self.notes,
        ]

    def _chain_tab_order(self) -> None:
        widgets = self.input_widgets()
        for first, second in pairwise(widgets):
            QWidget.setTabOrder(first, second)

    def _connect_edits(self) -> None:
        for widget in self.input_widgets():
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self.edited)
            elif isinstance(widget, QComboBox):
                widget.activated.connect(self.edited)
                widget.editTextChanged.connect(self.edited)
            elif isinstance(widget, DateInput):
                widget.edited.connect(self.edited)
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(self.edited)

    def _disability_changed(self) -> None:
        has = self.disability.code() not in ("", "none")
        self.degree.setEnabled(has and not self._read_only)
        if not has:
            self.degree.set_code("")

    # -- reading and loading ------------------------------------------------------------------

    def draft(self) -> BeneficiaryDraft:
        return BeneficiaryDraft(
            first_name=self.names["first_name"].text(),
            father_name=self.names["father_name"].text(),
            grandfather_name=self.names["grandfather_name"].text(),
            family_name=self.names["family_name"].text(),
            mother_name=self.mother.text(),
            latin_name=self.latin_name.text(),
            sex=self.sex.code(),
            birth_date=self.birth_date.text_value(),
            birth_date_estimated=self.birth_date.is_estimated(),
            national_number=self.national_number.text(),
            admin_number=self.admin_number.text(),
            passport_number=self.passport.text(),
            family_booklet_number=self.booklet.text(),
            nationality=self.nationality.code() or "LY",
            municipality_code=self.municipality.code(),
            address=self.address.text(),
            phones=[p.text() for p in self.phones if p.text().strip()],
            marital_status=self.marital.code(),
            disability_type=self.disability.code(),
            disability_degree=self.degree.code(),
            displacement_status=self.displacement.code(),
            monthly_income=self.income.text(),
            notes=self.notes.toPlainText(),
        )

    def load(self, view: BeneficiaryView) -> None:
        for key in NAME_FIELDS:
            self.names[key].setText(getattr(view, key))
        self.mother.setText(view.mother_name)
        self.latin_name.setText(view.latin_name)
        self.sex.set_code(view.sex)
        self.birth_date.set_value(view.birth_date, estimated=view.birth_date_estimated)
        self.national_number.setText(view.identifier(IdentifierType.NATIONAL_NUMBER.value))
        self.admin_number.setText(view.identifier(IdentifierType.ADMIN_NUMBER.value))
        self.passport.setText(view.identifier(IdentifierType.PASSPORT.value))
        self.booklet.setText(view.identifier(IdentifierType.FAMILY_BOOKLET.value))
        self.nationality.set_code(view.nationality)
        self.municipality.set_code(view.municipality_code)
        self.address.setText(view.address)
        for i, edit in enumerate(self.phones):
            edit.setText(local_phone(view.phones[i]) if i < len(view.phones) else "")
        self.marital.set_code(view.marital_status)
        self.disability.set_code(view.disability_type)
        self.degree.set_code(view.disability_degree)
        self.displacement.set_code(view.displacement_status)
        self.income.setText(dinars_text(view.monthly_income_dirhams))
        self.notes.setPlainText(view.notes)
        self._disability_changed()
        self.clear_errors()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for widget in self.input_widgets():
            if isinstance(widget, QLineEdit | QPlainTextEdit | DateInput):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)
        self._disability_changed()

    # -- errors -------------------------------------------------------------------------------

    def set_validator(self, validate: Callable[[BeneficiaryDraft], object]) -> None:
        """The domain's check of a whole draft: a shown error is re-checked as its field (or,
        for the national number, the sex or birth date it must agree with) changes."""
        for key, slot in self.slots.items():
            slot.set_check(partial(self._current_error, validate, key))
        for key in ("sex", "birth_date"):
            self.slots[key].edited.connect(self.slots["national_number"].recheck)

    def _current_error(self, validate: Callable[[BeneficiaryDraft], object], key: str) -> str:
        draft = self.draft()
        return "\n".join(field_errors(lambda: validate(draft)).get(key, []))

    def clear_errors(self) -> None:
        for slot in self.slots.values():
            slot.set_error("")

    def show_errors(self, by_field: dict[str, list[str]]) -> list[str]:
        """Show each message under its field; returns the fields that had no slot."""
        self.clear_errors()
        unplaced = []
        for key, texts in by_field.items():
            slot = self.slots.get(key)
            if slot is None:
                unplaced.append(key)
                continue
            slot.set_error("\n".join(texts))
        first = next((k for k in self.slots if k in by_field), None)
        if first is not None:
            self.slots[first].widgets[0].setFocus()
        return unplaced

    def error_text(self, key: str) -> str:
        slot = self.slots.get(key)
        return slot.error() if slot is not None else ""
