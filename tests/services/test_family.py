"""A family in one pass (HouseholdService.save_family) and moving a person between households."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import AuditRow, DuplicateDecisionRow, OutboxRow
from app.domain.errors import DomainError, ErrorCode, ValidationFailed
from app.domain.family import NewMemberDraft
from app.domain.household import HouseholdDraft, Relationship
from app.services.duplicate_errors import FamilyDuplicates
from app.services.family import ExistingMember, MemberOfOtherHousehold, household_number
from app.services.setup import AppServices
from tests.services.families import FATHER, family_of_five, with_person
from tests.services.people import numbered, row_counts

pytestmark = pytest.mark.db


def test_a_family_of_five_in_one_pass(worker: AppServices) -> None:
    code = worker.reference.municipalities()[0].code
    view = worker.households.save_family(
        None, HouseholdDraft(municipality_code=code, address="حي الفويهات"), family_of_five()
    )
    rels = [(m.full_name.split()[0], m.relationship) for m in view.members]
    assert rels[0] == ("عادل", "head")
    assert sorted(rels[1:]) == sorted(
        [("نجاة", "spouse"), ("سليمان", "son"), ("هدى", "daughter"), ("يوسف", "son")]
    )
    head = worker.beneficiaries.get(view.head_id)
    assert head.household_id == view.id
    for member in view.members:
        person = worker.beneficiaries.get(member.beneficiary_id)
        assert (person.household_id, person.municipality_code) == (view.id, code)
        assert person.address == "حي الفويهات"  # where the household lives
    with worker.ctx.db.read() as session:
        actions = session.scalars(select(AuditRow.action).order_by(AuditRow.seq)).all()
        inserts = session.scalars(
            select(OutboxRow.table_name).where(OutboxRow.op == "insert")
        ).all()
    assert actions.count("beneficiary.create") == 5
    assert (inserts.count("beneficiaries"), inserts.count("households")) == (5, 1)  # to sync
    assert "household.create" in actions and "household.members_register" in actions
    # Each new person got the branch's next readable number, none twice.
    numbers = sorted(worker.beneficiaries.get(m.beneficiary_id).person_number for m in view.members)
    prefix = f"{worker.ctx.branch_code}-P-"
    assert all(n.startswith(prefix) for n in numbers) and len(set(numbers)) == 5


def test_one_bad_row_saves_nothing(worker: AppServices) -> None:
    before = row_counts(worker)
    rows = family_of_five()
    rows[3] = with_person(rows[3], first_name="x" * 500, birth_date="2030-01-01")
    rows[4] = NewMemberDraft(rows[4].person, "")
    with pytest.raises(ValidationFailed) as err:
        worker.households.save_family(None, HouseholdDraft(), rows)
    fields = {(e.field, e.code) for e in err.value.errors}
    assert fields == {
        ("member.3.first_name", ErrorCode.NAME_TOO_LONG),
        ("member.3.birth_date", ErrorCode.BIRTH_IN_FUTURE),
        ("member.4.relationship", ErrorCode.REQUIRED),
    }
    assert row_counts(worker) == before


def test_exactly_one_head_and_one_number_per_person(worker: AppServices) -> None:
    rows = family_of_five()
    rows[1] = NewMemberDraft(rows[1].person, "head")
    rows[4] = with_person(rows[4], national_number="120080456781", birth_date="2008-05-05")
    with pytest.raises(ValidationFailed) as err:
        worker.households.save_family(None, HouseholdDraft(), rows)
    assert {(e.field, e.code, e.params.get("row")) for e in err.value.errors} == {
        ("member.1.relationship", ErrorCode.FAMILY_HEAD_COUNT, None),
        ("member.4.national_number", ErrorCode.NATIONAL_NUMBER_TWICE, "3"),
    }
    with pytest.raises(ValidationFailed) as err:
        worker.households.save_family(None, HouseholdDraft(), family_of_five()[1:])
    assert [(e.field, e.code) for e in err.value.errors] == [
        ("head_id", ErrorCode.FAMILY_HEAD_COUNT)
    ]


def test_a_registered_person_in_a_row_is_refused_then_confirmed(worker: AppServices) -> None:
    existing = worker.beneficiaries.register(FATHER)
    before = row_counts(worker)
    with pytest.raises(FamilyDuplicates) as err:
        worker.households.save_family(None, HouseholdDraft(), family_of_five())
    assert list(err.value.rows) == [0]
    assert err.value.rows[0][0].id == existing.id and err.value.rows[0][0].exact
    assert row_counts(worker) == before

    # The same man without his number: a likely duplicate, which the worker answers.
    rows = family_of_five()
    rows[0] = with_person(rows[0], national_number="", first_name="عادل")
    with pytest.raises(FamilyDuplicates) as err:
        worker.households.save_family(None, HouseholdDraft(), rows)
    assert [c.id for c in err.value.rows[0]] == [existing.id] and not err.value.rows[0][0].exact
    rows[0] = NewMemberDraft(rows[0].person, "head", (existing.id,))
    view = worker.households.save_family(None, HouseholdDraft(), rows)
    assert len(view.members) == 5
    with worker.ctx.db.read() as session:
        decision = session.execute(
            select(DuplicateDecisionRow.beneficiary_id, DuplicateDecisionRow.other_id)
        ).one()
    assert tuple(decision) == (view.head_id, existing.id)


def test_existing_head_and_picked_people(worker: AppServices) -> None:
    head = worker.beneficiaries.register(numbered(0))
    uncle = worker.beneficiaries.register(numbered(1))
    rows = family_of_five()[1:]
    view = worker.households.save_family(
        None,
        HouseholdDraft(head_id=head.id),
        rows,
        existing=[ExistingMember(uncle.id, Relationship.OTHER_RELATIVE)],
    )
    assert view.head_id == head.id
    assert len(view.members) == 6
    with pytest.raises(ValidationFailed) as err:  # a row may not be a second head
        worker.households.save_family(
            view.id, HouseholdDraft(head_id=head.id), [family_of_five()[0]]
        )
    assert err.value.errors[0].field == "member.0.relationship"


def test_move_between_households(worker: AppServices) -> None:
    people = [worker.beneficiaries.register(numbered(i)).id for i in range(4)]
    first = worker.households.create(HouseholdDraft(head_id=people[0]))
    worker.households.add_member(first.id, people[1], Relationship.SON)
    second = worker.households.create(HouseholdDraft(head_id=people[2]))

    where = worker.households.where_is(people[1])
    assert where is not None
    assert (where.household_id, where.number, where.person_is_head) == (
        first.id,
        household_number(first.id),
        False,
    )
    assert where.head_name == worker.beneficiaries.get(people[0]).full_name
    with pytest.raises(MemberOfOtherHousehold) as conflict:
        worker.households.save_family(
            second.id,
            HouseholdDraft(head_id=people[2]),
            existing=[ExistingMember(people[1], Relationship.BROTHER)],
        )
    assert conflict.value.other.household_id == first.id

    moved = worker.households.move_member(second.id, people[1], Relationship.BROTHER)
    assert [(m.beneficiary_id, m.relationship) for m in moved.members][1] == (
        people[1],
        "brother",
    )
    assert [m.beneficiary_id for m in worker.households.get(first.id).members] == [people[0]]
    with worker.ctx.db.read() as session:
        actions = session.scalars(
            select(AuditRow.action)
            .where(AuditRow.action.like("household.member%"))
            .order_by(AuditRow.seq)
        ).all()
    assert actions[-2:] == ["household.member_remove", "household.member_move"]

    # The head of a household with other members must be replaced there first.
    worker.households.add_member(first.id, people[3], Relationship.SON)
    with pytest.raises(DomainError) as refused:
        worker.households.move_member(second.id, people[0], Relationship.BROTHER)
    assert refused.value.code is ErrorCode.HEAD_OF_OTHER_HOUSEHOLD
    assert refused.value.params["number"] == household_number(first.id)
    # The last member of a household moves and that household is closed.
    alone = worker.beneficiaries.register(numbered(5)).id
    third = worker.households.create(HouseholdDraft(head_id=alone))
    worker.households.move_member(second.id, alone, Relationship.BROTHER)
    assert worker.beneficiaries.get(alone).household_id == second.id
    with pytest.raises(DomainError) as gone:
        worker.households.get(third.id)
    assert gone.value.code is ErrorCode.NOT_FOUND


def test_an_estimated_member_shows_as_such_in_the_household(worker: AppServices) -> None:
    from dataclasses import replace

    family = family_of_five()
    family[4] = replace(
        family[4], person=replace(family[4].person, birth_date="2015", birth_date_estimated=True)
    )
    view = worker.households.save_family(None, HouseholdDraft(), family)
    estimated = [m for m in view.members if m.birth_date_estimated]
    assert [(m.birth_date.year, m.birth_date.month, m.birth_date.day) for m in estimated] == [
        (2015, 7, 1)
    ]
