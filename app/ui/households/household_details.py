"""The household's own fields: its head, where it lives, housing, income, notes; each with its
error under it, re-checked by the domain's rules as it changes."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.domain.household import HouseholdDraft, validate_household
from app.services.dto import HouseholdView, Municipality
from app.ui.common import labels
from app.ui.common.inputs import ChoiceCombo, FieldSlot, MunicipalityCombo, field_errors
from app.ui.common.text_boxes import arabic_text_box
from app.ui.people.beneficiary_fields import dinars_text

# Stands for "the head is a new row" while the household's own fields are re-checked.
NEW_HEAD = "new-head"


class HouseholdDetails(QGroupBox):
    def __init__(
        self,
        municipalities: list[Municipality],
        english: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Household details"))
        self._codes = {m.code for m in municipalities}
        self.head_combo = ChoiceCombo([])
        self.municipality = MunicipalityCombo(municipalities, english, self.tr("— none —"))
        self.address = QLineEdit()
        self.address.setMaxLength(300)
        self.housing = ChoiceCombo(labels.choices(labels.HOUSING), self.tr("— not stated —"))
        self.income = QLineEdit()
        self.income.setPlaceholderText(self.tr("dinars"))
        self.notes = arabic_text_box(QPlainTextEdit())
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.slots = {
            "head_id": FieldSlot(self.head_combo),
            "municipality_code": FieldSlot(self.municipality),
            "address": FieldSlot(self.address),
            "housing_type": FieldSlot(self.housing),
            "monthly_income": FieldSlot(self.income),
            "notes": FieldSlot(self.notes),
        }
        for key, slot in self.slots.items():
            slot.set_check(partial(self.current_error, key))

        grid = QGridLayout(self)
        for i, (key, text) in enumerate(
            (
                ("head_id", self.tr("Head of household")),
                ("municipality_code", self.tr("Municipality")),
                ("address", self.tr("Address")),
                ("housing_type", self.tr("Housing")),
                ("monthly_income", self.tr("Household monthly income (LYD)")),
                ("notes", self.tr("Notes")),
            )
        ):
            label = QLabel(text)
            label.setBuddy(self.slots[key].widgets[0])
            if key != "notes":
                label.setMinimumHeight(self.slots[key].widgets[0].sizeHint().height())
            row, column = divmod(i, 2) if key != "notes" else (3, 0)
            span = 3 if key == "notes" else 1
            grid.addWidget(label, row, column * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.slots[key], row, column * 2 + 1, 1, span, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def draft(self) -> HouseholdDraft:
        return HouseholdDraft(
            head_id=self.head_combo.code(),
            municipality_code=self.municipality.code(),
            address=self.address.text(),
            housing_type=self.housing.code(),
            monthly_income=self.income.text(),
            notes=self.notes.toPlainText(),
        )

    def load(self, household: HouseholdView) -> None:
        self.head_combo.clear()
        for m in household.members:
            self.head_combo.addItem(m.full_name, m.beneficiary_id)
        self.head_combo.set_code(household.head_id)
        self.head_combo.setEnabled(True)
        self.municipality.set_code(household.municipality_code)
        self.address.setText(household.address)
        self.housing.set_code(household.housing_type)
        self.income.setText(dinars_text(household.monthly_income_dirhams))
        self.notes.setPlainText(household.notes)

    def clear_errors(self) -> None:
        for slot in self.slots.values():
            slot.set_error("")

    def current_error(self, key: str) -> str:
        """The domain's verdict on one field now (the live re-check of a shown error)."""
        draft = self.draft()
        draft.head_id = draft.head_id or NEW_HEAD  # the head is a row: checked with the rows
        found = field_errors(lambda: validate_household(draft, self._codes))
        return "\n".join(found.get(key, []))
