"""Putting a registered person into the household form's family, and answering the rows that
turned out to be someone already registered.

A picked person who is in another household raises the move question (move here, open the
other household, cancel). A row whose person is registered already (same national number) or
likely is (the duplicate check) opens the duplicates dialog: add the registered person
instead, open them, or (likely only) confirm a different person, recorded as the person form
records it; then the family is saved again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer

from app.domain.errors import ValidationFailed
from app.domain.family import split_member_field
from app.domain.household import Relationship
from app.services.dto import DuplicateCandidate, HouseholdMemberView, SearchHit
from app.services.duplicate_errors import FamilyDuplicates
from app.services.family import ExistingMember, PersonHousehold
from app.ui.common import messages
from app.ui.households.move_dialog import MOVE, OPEN_OTHER, MoveMemberDialog
from app.ui.households.new_people import NewPersonRow
from app.ui.people.duplicates_dialog import DuplicatesDialog

# The household form (not imported: it imports this module). Used: household, services,
# worker, pending, question, status, slots, scroll_area, new_people, the open_* signals, run,
# save, failed_call, member_saved, set_head, show_pending.
HouseholdForm = Any


@dataclass(frozen=True, slots=True)
class Pick:
    """A registered person chosen for this household, with their relationship to the head."""

    view: HouseholdMemberView

    @property
    def id(self) -> str:
        return self.view.beneficiary_id

    @property
    def relationship(self) -> Relationship:
        return Relationship(self.view.relationship)

    @classmethod
    def of_hit(cls, hit: SearchHit, relationship: Relationship) -> Pick:
        return cls(
            HouseholdMemberView(hit.id, hit.full_name, relationship, hit.birth_date, hit.sex)
        )

    @classmethod
    def of_candidate(cls, c: DuplicateCandidate, relationship: Relationship) -> Pick:
        return cls(HouseholdMemberView(c.id, c.full_name, relationship, c.birth_date, c.sex))


def place(form: HouseholdForm, pick: Pick, *, then_save: bool = False) -> None:
    """Where is the person now? Elsewhere: ask before moving them."""
    form.worker.submit(
        lambda: form.services.households.where_is(pick.id),
        lambda where: _placed(form, pick, where, then_save),
        form.failed_call,
        owner=form,
    )


def _placed(
    form: HouseholdForm, pick: Pick, where: PersonHousehold | None, then_save: bool
) -> None:
    here = form.household.id if form.household is not None else None
    if where is None or where.household_id == here:
        join(form, pick, move=False, then_save=then_save)
        return
    dialog = MoveMemberDialog(pick.view.full_name, where, form)
    form.question = dialog
    dialog.finished.connect(lambda _r: _move_answered(form, dialog, pick, then_save))
    dialog.open()


def _move_answered(
    form: HouseholdForm, dialog: MoveMemberDialog, pick: Pick, then_save: bool
) -> None:
    form.question = None
    if dialog.choice == MOVE:
        join(form, pick, move=True, then_save=then_save)
    elif dialog.choice == OPEN_OTHER:
        form.open_household.emit(dialog.other.household_id)
    dialog.deleteLater()


def join(form: HouseholdForm, pick: Pick, *, move: bool, then_save: bool = False) -> None:
    """A saved household: added (or moved) at once. A new one: held until Save."""
    if pick.relationship is Relationship.HEAD:  # a row typed as the head is someone registered
        form.set_head(pick.view)
    elif form.household is not None:
        hid, svc = form.household.id, form.services.households
        if move:
            call = lambda: svc.move_member(hid, pick.id, pick.relationship)  # noqa: E731
        else:
            call = lambda: svc.add_member(hid, pick.id, pick.relationship)  # noqa: E731
        form.run(call, lambda view: form.member_saved(view, then_save))
        return
    else:
        form.pending.append((ExistingMember(pick.id, pick.relationship, move), pick.view))
        form.show_pending()
    if then_save:
        form.save()
    else:
        form.status.setText(
            QCoreApplication.translate(
                "HouseholdForm", "%1 will join the household when you save."
            ).replace("%1", pick.view.full_name)
        )


def ask_about_rows(form: HouseholdForm, err: FamilyDuplicates, rows: list[NewPersonRow]) -> None:
    """Mark every row found registered, and ask about the first one."""
    for index, candidates in err.rows.items():
        if index >= len(rows):
            continue
        if candidates[0].exact:
            text = QCoreApplication.translate(
                "HouseholdForm", "%1 is already registered with this national number."
            ).replace("%1", candidates[0].full_name)
            rows[index].show_errors({"national_number": [text]})
        else:
            text = QCoreApplication.translate(
                "HouseholdForm", "This person may already be registered."
            )
            rows[index].show_errors({"first_name": [text]})
    first = min((i for i in err.rows if i < len(rows)), default=None)
    form.status.setText(QCoreApplication.translate("HouseholdForm", "Nothing was saved."))
    if first is None:
        return
    row = rows[first]
    dialog = DuplicatesDialog(err.rows[first], form, use_existing=True)
    form.question = dialog
    dialog.finished.connect(lambda _r: _row_answered(form, dialog, row))
    dialog.open()


def _row_answered(form: HouseholdForm, dialog: DuplicatesDialog, row: NewPersonRow) -> None:
    form.question = None
    dialog.deleteLater()
    if dialog.used_id is not None:
        chosen = next(c for c in dialog.candidates if c.id == dialog.used_id)
        relationship = Relationship(row.relationship.code())
        form.new_people.remove_row(row)
        place(form, Pick.of_candidate(chosen, relationship), then_save=True)
    elif dialog.chosen_id is not None:
        form.open_beneficiary.emit(dialog.chosen_id)
    elif dialog.different:
        row.confirmed_different = tuple(dialog.different_ids())
        row.show_errors({})
        form.save()


def show_errors(form: HouseholdForm, err: ValidationFailed, rows: list[NewPersonRow]) -> None:
    """Each message under its field: a row's on that row, the household's on its own; the
    first wrong row gets the focus and is scrolled into view."""
    by_row: dict[int, dict[str, list[str]]] = {}
    loose: list[str] = []
    for key, texts in messages.by_field(err).items():
        where = split_member_field(key)
        if where is not None and where[0] < len(rows):
            by_row.setdefault(where[0], {})[where[1]] = texts
        elif key in form.slots and key != "head_id":  # a new family's head is a row
            form.slots[key].set_error("\n".join(texts))
        else:
            loose.extend(texts)
    for index, fields in by_row.items():
        rows[index].show_errors(fields)
    text = QCoreApplication.translate(
        "HouseholdForm", "Nothing was saved: correct the fields marked in red."
    )
    form.status.setText("\n".join([text, *loose]))
    first = next((rows[i] for i in sorted(by_row)), None)
    if first is not None:
        slot = next(s for s in first.slots.values() if s.error())
        slot.widgets[0].setFocus()
        # Once the error labels are laid out, so that the message shows too.
        QTimer.singleShot(0, lambda: form.scroll_area.ensureWidgetVisible(slot, 20, 60))
