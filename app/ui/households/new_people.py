"""The household form's inline rows: new people typed in one after another (the head, the
spouse, the children), registered together when the household is saved.

Each row holds what the person form's first lines hold (the four-part name, the mother's name,
sex, birth date, national number) and the relationship to the head. A row's errors are keyed
`member.<row>.<field>` by the service and shown under that row's field; a shown error is
re-checked by the domain's rules as the field changes, and goes once the field is fixed.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.domain.beneficiary import BeneficiaryDraft, validate_beneficiary
from app.domain.family import NewMemberDraft
from app.domain.household import Relationship, parse_relationship
from app.services.dto import DuplicateCandidate
from app.ui.common import labels
from app.ui.common.inputs import BirthDateEdit, ChoiceCombo, FieldSlot, field_errors

NAME_KEYS = ("first_name", "father_name", "grandfather_name", "family_name")
ROW_KEYS = (*NAME_KEYS, "mother_name", "sex", "birth_date", "national_number", "relationship")
_TOP = Qt.AlignmentFlag.AlignTop


class NewPersonRow:
    """The widgets of one new person; `slots` by the domain's field names."""

    def __init__(self, parent: QWidget, allow_head: bool) -> None:
        self.names = {key: QLineEdit(parent) for key in NAME_KEYS}
        for key, edit in self.names.items():
            edit.setAccessibleName(labels.field(key))
            edit.setMinimumWidth(90)
        self.mother = QLineEdit(parent)
        self.mother.setAccessibleName(labels.field("mother_name"))
        self.mother.setMinimumWidth(130)
        self.sex = ChoiceCombo(labels.choices(labels.SEX), "—", parent)
        self.birth_date = BirthDateEdit(parent)
        self.national_number = QLineEdit(parent)
        self.national_number.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.national_number.setMinimumWidth(120)
        choices = labels.choices(labels.RELATIONSHIP)
        if not allow_head:
            choices = [c for c in choices if c[0] != Relationship.HEAD.value]
        self.relationship = ChoiceCombo(choices, "—", parent)
        self.remove_button = QPushButton("×", parent)
        self.remove_button.setFixedWidth(28)
        self.remove_button.setAutoDefault(False)
        widgets: list[QWidget] = [
            *self.names.values(), self.mother, self.sex, self.birth_date,
            self.national_number, self.relationship,
        ]  # fmt: skip
        self.slots = {key: FieldSlot(w) for key, w in zip(ROW_KEYS, widgets, strict=True)}
        # The likely duplicates the worker said this person is not (recorded when saved).
        self.confirmed_different: tuple[str, ...] = ()
        # A registered person this row was found to be (exact national number): "use them".
        self.existing: DuplicateCandidate | None = None

    def person(self) -> BeneficiaryDraft:
        return BeneficiaryDraft(
            first_name=self.names["first_name"].text(),
            father_name=self.names["father_name"].text(),
            grandfather_name=self.names["grandfather_name"].text(),
            family_name=self.names["family_name"].text(),
            mother_name=self.mother.text(),
            sex=self.sex.code(),
            birth_date=self.birth_date.text_value(),
            birth_date_estimated=self.birth_date.is_estimated(),
            national_number=self.national_number.text(),
        )

    def draft(self) -> NewMemberDraft:
        return NewMemberDraft(self.person(), self.relationship.code(), self.confirmed_different)

    def is_blank(self) -> bool:
        """Nothing typed about the person (a relationship chosen ahead does not count)."""
        person = self.person()
        typed = (*(getattr(person, k) for k in NAME_KEYS), person.mother_name,
                 person.national_number, person.birth_date)  # fmt: skip
        return not any(str(value).strip() for value in typed)

    def widgets(self) -> list[QWidget]:
        return [*(s.widgets[0] for s in self.slots.values()), self.remove_button]

    def show_errors(self, by_field: dict[str, list[str]]) -> None:
        for key, slot in self.slots.items():
            slot.set_error("\n".join(by_field.get(key, [])))

    def has_errors(self) -> bool:
        return any(slot.error() for slot in self.slots.values())


class NewPeopleRows(QWidget):
    """The rows, one grid line each under column headings; `changed` on any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[NewPersonRow] = []
        self._allow_head = True
        self._today_and_codes: tuple[object, object] | None = None
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        headings = [labels.field(k) for k in (*NAME_KEYS, "mother_name")] + [
            self.tr("Sex"),
            self.tr("Date of birth"),
            self.tr("National number"),
            self.tr("Relationship to the head"),
        ]
        for column, text in enumerate(headings):
            heading = QLabel(text)
            heading.setWordWrap(True)
            self.grid.addWidget(heading, 0, column, Qt.AlignmentFlag.AlignBottom)
        for column in range(5):
            self.grid.setColumnStretch(column, 1)
        self.grid.setColumnStretch(4, 2)

    def set_allow_head(self, allow: bool) -> None:
        """A household that has its head takes no second one from the rows."""
        self._allow_head = allow

    def set_rules(self, today: object, municipalities: object) -> None:
        """What the live re-check needs: the same rules the service applies."""
        self._today_and_codes = (today, municipalities)

    def add_row(self) -> NewPersonRow:
        row = NewPersonRow(self, self._allow_head)
        line = len(self.rows) + 1
        for column, slot in enumerate(row.slots.values()):
            self.grid.addWidget(slot, line, column, _TOP)
        self.grid.addWidget(row.remove_button, line, len(ROW_KEYS), _TOP)
        row.remove_button.setToolTip(self.tr("Remove this row"))
        row.remove_button.clicked.connect(lambda: self.remove_row(row))
        for key, slot in row.slots.items():
            slot.set_check(partial(self._current_error, row, key))
            slot.edited.connect(self.changed)
            if key in ("sex", "birth_date"):
                slot.edited.connect(row.slots["national_number"].recheck)
        if not self.rows and self._allow_head:
            row.relationship.set_code(Relationship.HEAD.value)
        self.rows.append(row)
        self.changed.emit()
        return row

    def remove_row(self, row: NewPersonRow) -> None:
        if row not in self.rows:
            return
        self.rows.remove(row)
        for widget in (*row.slots.values(), row.remove_button):
            self.grid.removeWidget(widget)
            widget.deleteLater()
        # Re-lay the remaining rows so the grid has no holes.
        for line, kept in enumerate(self.rows, start=1):
            for column, slot in enumerate(kept.slots.values()):
                self.grid.addWidget(slot, line, column, _TOP)
            self.grid.addWidget(kept.remove_button, line, len(ROW_KEYS), _TOP)
        self.changed.emit()

    def clear(self) -> None:
        for row in list(self.rows):
            self.remove_row(row)

    def filled_rows(self) -> list[NewPersonRow]:
        """The rows the worker typed something in (blank rows are left out)."""
        return [row for row in self.rows if not row.is_blank()]

    def drafts(self) -> list[NewMemberDraft]:
        return [row.draft() for row in self.filled_rows()]

    def clear_errors(self) -> None:
        for row in self.rows:
            row.show_errors({})

    def _current_error(self, row: NewPersonRow, key: str) -> str:
        """The domain's verdict on one field of one row now (the live re-check)."""
        if self._today_and_codes is None:
            return ""
        today, codes = self._today_and_codes
        if key == "relationship":
            found = field_errors(lambda: parse_relationship(row.relationship.code()))
        else:
            person = row.person()
            found = field_errors(
                lambda: validate_beneficiary(person, today, codes)  # type: ignore[arg-type]
            )
        return "\n".join(found.get(key, []))
