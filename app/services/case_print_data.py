"""What the case forms read besides the case view: the person's address and phone numbers, the
planned visits due on a day in the cases a user may read, the current version of an event, and
a case type's field value in words on paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.case_models import CaseEventRow, CaseRow
from app.db.models import BeneficiaryRow, HouseholdRow, PhoneRow
from app.domain.accounts import Role
from app.domain.case_access import Access
from app.domain.case_events import EventKind, VisitState
from app.domain.case_types import FieldSpec
from app.domain.cases import CaseStatus
from app.services import case_gate as gate
from app.services.case_dto import CaseEventView, CaseView
from app.services.case_views import superseded_ids
from app.services.context import CurrentUser

# The words of a case type's choice fields on paper (the UI's Arabic, i18n/fill/case_ui.json).
FIELD_CHOICE_AR = {"regular": "منتظم", "irregular": "غير منتظم", "none": "لا يوجد"}


def type_field_text(spec: FieldSpec, value: object) -> str:
    if spec.kind == "bool":
        return "نعم" if value else "لا"
    if value in (None, ""):
        return ""
    if spec.kind == "date":
        try:
            return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    if spec.kind == "choice":
        return FIELD_CHOICE_AR.get(str(value), str(value))
    return str(value)


def current_event(events: Sequence[CaseEventView], event_id: str) -> CaseEventView | None:
    """The event, or the latest correction of its chain (what the case says now)."""
    found = next((e for e in events if e.id == event_id), None)
    if found is None:
        return None
    root = found.amends_id or found.id
    chain = [e for e in events if (e.amends_id or e.id) == root and not e.superseded]
    return chain[-1] if chain else found


def contact_of(session: Session, case: CaseView) -> tuple[str, list[str]]:
    """Where to find the case's person: their address and phone numbers."""
    person = session.execute(
        select(BeneficiaryRow.address, BeneficiaryRow.household_id).where(
            BeneficiaryRow.id == case.beneficiary_id
        )
    ).first()
    address = person.address if person is not None else ""
    household_id = case.household_id or (person.household_id if person is not None else None)
    if not address and household_id:
        # A member registered without an address lives at the household's.
        address = session.scalar(
            select(HouseholdRow.address).where(HouseholdRow.id == household_id)
        )
    phones = session.scalars(
        select(PhoneRow.e164)
        .where(PhoneRow.beneficiary_id == case.beneficiary_id, PhoneRow.deleted_at.is_(None))
        .order_by(PhoneRow.position)
    )
    return address or "", list(phones)


def due_visits(
    session: Session, user: CurrentUser, day: date
) -> list[tuple[CaseRow, Access, set[str]]]:
    """The cases the user may read that have planned visits due on `day` (case number order),
    each with the ids of those visits (current versions only).

    A visit due on `day` makes the case's next due date `day` or earlier, so the cases come
    from the (status, next_due_on) index; a worker's own cases and those opened with a reason.
    """
    where = [
        CaseRow.status != CaseStatus.CLOSED.value,
        CaseRow.next_due_on <= day,
        CaseRow.deleted_at.is_(None),
    ]
    if user.role == Role.SOCIAL_WORKER:
        granted = gate.granted_case_ids(session, user.id)
        where.append(or_(CaseRow.assigned_to == user.id, CaseRow.id.in_(granted)))
    rows = session.scalars(select(CaseRow).where(*where).order_by(CaseRow.number)).all()
    out: list[tuple[CaseRow, Access, set[str]]] = []
    for row in rows:
        access = gate.access_to(session, user, row)
        if access not in (Access.EDIT, Access.READ):
            continue
        events = list(
            session.scalars(
                select(CaseEventRow)
                .where(
                    CaseEventRow.case_id == row.id,
                    CaseEventRow.kind == EventKind.VISIT.value,
                    CaseEventRow.deleted_at.is_(None),
                )
                .order_by(CaseEventRow.created_at, CaseEventRow.id)
            )
        )
        gone = superseded_ids(events)
        due = {
            e.id
            for e in events
            if e.id not in gone and e.state == VisitState.PLANNED.value and e.due_on == day
        }
        if due:
            out.append((row, access, due))
    return out
