"""A family in one pass, and moving a person between households.

`save_family` creates (or updates) a household and registers all its new people in ONE
transaction: every row is validated as the person form validates a person, every row is
checked for duplicates (an exact national number, or likely matches the worker has not
answered) before anything is written; one bad row and nothing is saved. Existing people
picked into the family join in the same transaction; one who belongs to another household
joins only when the worker chose to move them (`ExistingMember.move`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import beneficiary_repo as repo
from app.db.audit import append_audit
from app.db.clock import utcnow
from app.db.models import BeneficiaryRow, HouseholdRow
from app.domain.collect import ErrorCollector
from app.domain.errors import DomainError, ErrorCode
from app.domain.family import NewMember, NewMemberDraft, member_field, validate_new_members
from app.domain.household import HouseholdData, HouseholdDraft, Relationship, validate_household
from app.services.beneficiaries import BeneficiaryService, insert_person
from app.services.context import ServiceContext
from app.services.dto import DuplicateCandidate
from app.services.duplicate_errors import FamilyDuplicates

# Stands for "the head is one of the new rows" while the household's own fields are checked.
_NEW_HEAD = "new-head"


def household_number(household_id: str) -> str:
    """How a household is named to a worker: the first eight characters of its id, as printed
    on the household form's file name."""
    return household_id[:8].upper()


@dataclass(frozen=True, slots=True)
class ExistingMember:
    """A registered person picked into the family; `move`: the worker chose to take them out
    of the household they are in now."""

    beneficiary_id: str
    relationship: Relationship
    move: bool = False


@dataclass(frozen=True, slots=True)
class PersonHousehold:
    """The household a person is in, as the move question names it."""

    household_id: str
    number: str
    head_id: str
    head_name: str
    member_count: int
    person_is_head: bool


class MemberOfOtherHousehold(DomainError):
    def __init__(self, other: PersonHousehold) -> None:
        super().__init__(
            ErrorCode.HOUSEHOLD_MEMBER_CONFLICT, field="beneficiary_id", number=other.number
        )
        self.other = other


@dataclass(frozen=True, slots=True)
class Checked:
    data: HouseholdData | None  # None: the head is a new row (head_id filled in when saved)
    members: list[NewMember]
    decided: dict[int, list[DuplicateCandidate]]


def check_family(
    people: BeneficiaryService,
    municipalities: set[str] | frozenset[str],
    today: date,
    draft: HouseholdDraft,
    rows: Sequence[NewMemberDraft],
) -> Checked:
    """Validate the household and every row, then look for each row's duplicates (a read
    snapshot, before any write). Raises ValidationFailed or FamilyDuplicates."""
    has_head = bool(draft.head_id.strip())
    c = ErrorCollector()
    household = replace(draft, head_id=draft.head_id if has_head else _NEW_HEAD)
    data = c.take(lambda: validate_household(household, municipalities), None)
    rows = [_with_household_address(row, draft) for row in rows]
    members: list[NewMember] = c.take(
        lambda: validate_new_members(rows, today, municipalities, has_head=has_head),
        [],
    )
    c.raise_if_any()
    found: dict[int, list[DuplicateCandidate]] = {}
    decided: dict[int, list[DuplicateCandidate]] = {}
    for index, member in enumerate(members):
        candidates = people.check_duplicates(member.data)
        exact = [x for x in candidates if x.exact]
        unresolved = [x for x in candidates if x.id not in set(member.confirmed_different)]
        if exact or unresolved:
            found[index] = exact or unresolved
        decided[index] = candidates
    if found:
        raise FamilyDuplicates(found)
    return Checked(data if has_head else None, members, decided)


def _with_household_address(row: NewMemberDraft, draft: HouseholdDraft) -> NewMemberDraft:
    """A new member lives where the household lives unless their row says otherwise."""
    person = row.person
    if person.municipality_code.strip() or person.address.strip():
        return row
    person = replace(person, municipality_code=draft.municipality_code, address=draft.address)
    return replace(row, person=person)


def where_is(session: Session, beneficiary_id: str) -> PersonHousehold | None:
    person = repo.get(session, beneficiary_id)
    if person is None:
        raise DomainError(ErrorCode.NOT_FOUND, field="beneficiary_id")
    if person.household_id is None:
        return None
    row = session.scalar(select(HouseholdRow).where(HouseholdRow.id == person.household_id))
    if row is None or row.deleted_at is not None:
        return None
    head = repo.get(session, row.head_id)
    count = session.scalar(
        select(func.count())
        .select_from(BeneficiaryRow)
        .where(BeneficiaryRow.household_id == row.id, BeneficiaryRow.deleted_at.is_(None))
    )
    return PersonHousehold(
        household_id=row.id,
        number=household_number(row.id),
        head_id=row.head_id,
        head_name=full_name(head) if head else "",
        member_count=int(count or 0),
        person_is_head=row.head_id == person.id,
    )


def join(
    session: Session,
    ctx: ServiceContext,
    household: HouseholdRow,
    member: BeneficiaryRow,
    relationship: Relationship,
    *,
    move: bool,
) -> None:
    """Put an existing person in `household`; out of their other household only if `move`.

    The head of another household moves only when they are its last member (that household
    is then closed); otherwise the worker must first choose a new head there.
    """
    if member.origin_branch != ctx.branch_code:  # HQ would refuse the change: say so now
        raise DomainError(ErrorCode.RECORD_OF_OTHER_BRANCH, branch=member.origin_branch)
    other = where_is(session, member.id)
    if other is not None and other.household_id != household.id:
        if not move:
            raise MemberOfOtherHousehold(other)
        if other.person_is_head and other.member_count > 1:
            raise DomainError(
                ErrorCode.HEAD_OF_OTHER_HOUSEHOLD, field="beneficiary_id", number=other.number
            )
        _leave(session, ctx, other, member)
    elif member.id == household.head_id:
        raise DomainError(ErrorCode.HOUSEHOLD_MEMBER_CONFLICT, field="beneficiary_id")
    member.household_id = household.id
    member.household_relationship = relationship.value
    details = {"beneficiary": member.id, "relationship": relationship.value}
    if other is not None and other.household_id != household.id:
        details["from_household"] = other.household_id
    append_audit(
        session,
        "household.member_move" if "from_household" in details else "household.member_add",
        user_id=ctx.actor().user_id,
        entity="household",
        entity_id=household.id,
        details=details,
    )


def _leave(
    session: Session, ctx: ServiceContext, other: PersonHousehold, member: BeneficiaryRow
) -> None:
    old = session.scalar(select(HouseholdRow).where(HouseholdRow.id == other.household_id))
    assert old is not None
    member.household_id = None
    member.household_relationship = None
    user = ctx.actor().user_id
    append_audit(
        session,
        "household.member_remove",
        user_id=user,
        entity="household",
        entity_id=old.id,
        details={"beneficiary": member.id, "moved": "true"},
    )
    if other.person_is_head:  # its only member: the household is closed
        old.deleted_at = utcnow()
        append_audit(session, "household.close", user_id=user, entity="household", entity_id=old.id)


def insert_new_members(
    session: Session, ctx: ServiceContext, checked: Checked
) -> list[tuple[BeneficiaryRow, Relationship]]:
    """Insert each new person, recording their "different person" decisions; the exact
    national-number check is repeated inside the transaction (two desks at once)."""
    inserted = []
    for index, member in enumerate(checked.members):
        number = member.data.national_number
        if number and repo.by_national_number(session, number):
            raise DomainError(
                ErrorCode.DUPLICATE_NATIONAL_NUMBER, field=member_field(index, "national_number")
            )
        decided = [x for x in checked.decided.get(index, []) if x.id in member.confirmed_different]
        inserted.append((insert_person(session, ctx, member.data, decided), member.relationship))
    return inserted


def place_new_members(
    session: Session,
    ctx: ServiceContext,
    household: HouseholdRow,
    inserted: list[tuple[BeneficiaryRow, Relationship]],
) -> None:
    for row, relationship in inserted:
        row.household_id = household.id
        row.household_relationship = relationship.value
    if inserted:
        append_audit(
            session,
            "household.members_register",
            user_id=ctx.actor().user_id,
            entity="household",
            entity_id=household.id,
            details={"members": ",".join(r.id for r, _ in inserted)},
        )


def full_name(m: BeneficiaryRow) -> str:
    return " ".join(
        p for p in (m.first_name, m.father_name, m.grandfather_name, m.family_name) if p
    )
