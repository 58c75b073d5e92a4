"""Typing a family into the household form's rows, as a worker does."""

from __future__ import annotations

from datetime import date

from app.domain.family import NewMemberDraft
from app.ui.households.household_form import HouseholdForm
from app.ui.households.new_people import NewPersonRow


def fill_row(row: NewPersonRow, member: NewMemberDraft) -> None:
    p = member.person
    for key in ("first_name", "father_name", "grandfather_name", "family_name"):
        row.names[key].setText(getattr(p, key))
    row.mother.setText(p.mother_name)
    row.sex.set_code(p.sex)
    born = p.birth_date
    row.birth_date.set_value(born if isinstance(born, date) else date.fromisoformat(born))
    row.national_number.setText(p.national_number)
    row.relationship.set_code(member.relationship)


def type_family(form: HouseholdForm, members: list[NewMemberDraft]) -> list[NewPersonRow]:
    """Fill the form's first row, then one new row per further person."""
    rows = list(form.new_people.rows)
    while len(rows) < len(members):
        rows.append(form.add_row())
    for row, member in zip(rows, members, strict=False):
        fill_row(row, member)
    return rows
