"""Households (HouseholdService): a head, members, conflicts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import AuditRow, OutboxRow
from app.domain.errors import DomainError, ErrorCode, ValidationFailed
from app.domain.household import HouseholdDraft, Relationship
from app.services.dto import HouseholdView
from app.services.setup import AppServices
from tests.services.people import numbered, row_counts

pytestmark = pytest.mark.db


@pytest.fixture
def people(worker: AppServices) -> list[str]:
    return [worker.beneficiaries.register(numbered(i)).id for i in range(5)]


def _create(services: AppServices, head: str, **fields: str) -> HouseholdView:
    return services.households.create(HouseholdDraft(head_id=head, **fields))


def _code(err: pytest.ExceptionInfo[DomainError]) -> tuple[ErrorCode, str | None]:
    return err.value.code, err.value.field


def test_create_with_a_head(worker: AppServices, people: list[str]) -> None:
    code = worker.reference.municipalities()[0].code
    view = _create(
        worker,
        people[0],
        municipality_code=code,
        address="شارع عمر المختار",
        housing_type="rented",
        monthly_income="900",
    )
    assert view.head_id == people[0]
    assert view.head_name == worker.beneficiaries.get(people[0]).full_name
    assert [(m.beneficiary_id, m.relationship) for m in view.members] == [(people[0], "head")]
    assert (view.municipality_code, view.housing_type, view.monthly_income_dirhams) == (
        code,
        "rented",
        900_000,
    )
    head = worker.beneficiaries.get(people[0])
    assert (head.household_id, head.household_relationship) == (view.id, "head")
    assert worker.households.get(view.id) == view
    with worker.ctx.db.read() as session:
        ops = session.execute(
            select(OutboxRow.table_name, OutboxRow.op).where(
                OutboxRow.row_id.in_([view.id, people[0]]), OutboxRow.op != "insert"
            )
        ).all()
        audit = session.scalars(select(AuditRow.action).where(AuditRow.entity_id == view.id)).all()
    assert ops == [("beneficiaries", "update")]  # the head now points at the household
    assert audit == ["household.create"]


def test_add_and_remove_members(worker: AppServices, people: list[str]) -> None:
    household = _create(worker, people[0])
    worker.households.add_member(household.id, people[1], Relationship.SPOUSE)
    view = worker.households.add_member(household.id, people[2], Relationship.SON)
    assert [(m.beneficiary_id, m.relationship) for m in view.members] == [
        (people[0], "head"),
        (people[1], "spouse"),
        (people[2], "son"),
    ]
    member = worker.beneficiaries.get(people[2])
    assert (member.household_id, member.household_relationship) == (household.id, "son")

    view = worker.households.remove_member(household.id, people[1])
    assert [m.beneficiary_id for m in view.members] == [people[0], people[2]]
    gone = worker.beneficiaries.get(people[1])
    assert (gone.household_id, gone.household_relationship) == (None, None)


def test_changing_a_members_relationship(worker: AppServices, people: list[str]) -> None:
    household = _create(worker, people[0])
    worker.households.add_member(household.id, people[1], Relationship.SON)
    view = worker.households.add_member(household.id, people[1], Relationship.GRANDCHILD)
    assert [(m.beneficiary_id, m.relationship) for m in view.members][1] == (
        people[1],
        "grandchild",
    )


def test_member_of_another_household_is_a_conflict(worker: AppServices, people: list[str]) -> None:
    first = _create(worker, people[0])
    worker.households.add_member(first.id, people[1], Relationship.SON)
    second = _create(worker, people[2])
    before = row_counts(worker)
    with pytest.raises(DomainError) as caught:
        worker.households.add_member(second.id, people[1], Relationship.SON)
    assert _code(caught) == (ErrorCode.HOUSEHOLD_MEMBER_CONFLICT, "beneficiary_id")
    with pytest.raises(DomainError) as caught:
        _create(worker, people[1])  # a member cannot head another household
    assert _code(caught) == (ErrorCode.HOUSEHOLD_MEMBER_CONFLICT, "head_id")
    assert row_counts(worker) == before
    assert worker.beneficiaries.get(people[1]).household_id == first.id


def test_head_cannot_be_removed(worker: AppServices, people: list[str]) -> None:
    household = _create(worker, people[0])
    before = row_counts(worker)
    with pytest.raises(DomainError) as caught:
        worker.households.remove_member(household.id, people[0])
    assert _code(caught) == (ErrorCode.HOUSEHOLD_MEMBER_CONFLICT, "beneficiary_id")
    assert row_counts(worker) == before
    assert worker.households.get(household.id) == household


def test_head_cannot_be_added_as_a_member(worker: AppServices, people: list[str]) -> None:
    household = _create(worker, people[0])
    with pytest.raises(DomainError) as caught:
        worker.households.add_member(household.id, people[1], Relationship.HEAD)
    assert _code(caught) == (ErrorCode.INVALID_CHOICE, "relationship")


def test_head_cannot_be_re_added_with_another_relationship(
    worker: AppServices, people: list[str]
) -> None:
    household = _create(worker, people[0])
    before = row_counts(worker)
    with pytest.raises(DomainError) as caught:
        worker.households.add_member(household.id, people[0], Relationship.SON)
    assert _code(caught) == (ErrorCode.HOUSEHOLD_MEMBER_CONFLICT, "beneficiary_id")
    assert row_counts(worker) == before
    assert worker.households.get(household.id).members[0].relationship == "head"
    assert worker.beneficiaries.get(people[0]).household_relationship == "head"


def test_removing_a_non_member(worker: AppServices, people: list[str]) -> None:
    household = _create(worker, people[0])
    with pytest.raises(DomainError) as caught:
        worker.households.remove_member(household.id, people[3])
    assert _code(caught) == (ErrorCode.NOT_FOUND, "beneficiary_id")


def test_unknown_records(worker: AppServices, people: list[str]) -> None:
    before = row_counts(worker)
    with pytest.raises(DomainError) as caught:
        _create(worker, "no-such-person")
    assert _code(caught) == (ErrorCode.NOT_FOUND, "head_id")
    with pytest.raises(DomainError) as caught:
        worker.households.add_member("no-such-household", people[1], Relationship.SON)
    assert _code(caught) == (ErrorCode.NOT_FOUND, "household_id")
    household = _create(worker, people[0])
    with pytest.raises(DomainError) as caught:
        worker.households.add_member(household.id, "no-such-person", Relationship.SON)
    assert _code(caught) == (ErrorCode.NOT_FOUND, "beneficiary_id")
    with pytest.raises(DomainError) as caught:
        worker.households.get("no-such-household")
    assert _code(caught) == (ErrorCode.NOT_FOUND, "household_id")
    assert row_counts(worker)["beneficiaries"] == before["beneficiaries"]


def test_bad_household_input_changes_nothing(worker: AppServices, people: list[str]) -> None:
    before = row_counts(worker)
    with pytest.raises(ValidationFailed) as caught:
        _create(worker, people[0], housing_type="palace", monthly_income="-1")
    assert {e.field for e in caught.value.errors} == {"housing_type", "monthly_income"}
    assert row_counts(worker) == before
    assert worker.beneficiaries.get(people[0]).household_id is None


def test_update_and_move_the_head(worker: AppServices, people: list[str]) -> None:
    household = _create(worker, people[0])
    worker.households.add_member(household.id, people[1], Relationship.SON)
    current = worker.households.get(household.id)
    view = worker.households.update(
        household.id,
        HouseholdDraft(head_id=people[1], address="حي الأندلس"),
        current.row_version,
    )
    assert view.head_id == people[1]
    assert view.address == "حي الأندلس"
    assert view.row_version == current.row_version + 1
    assert [(m.beneficiary_id, m.relationship) for m in view.members] == [
        (people[1], "head"),
        (people[0], "other_relative"),
    ]


def test_update_head_must_be_a_member(worker: AppServices, people: list[str]) -> None:
    household = _create(worker, people[0])
    before = row_counts(worker)
    with pytest.raises(DomainError) as caught:
        worker.households.update(
            household.id, HouseholdDraft(head_id=people[4]), household.row_version
        )
    assert _code(caught) == (ErrorCode.HOUSEHOLD_MEMBER_CONFLICT, "head_id")
    assert row_counts(worker) == before


def test_stale_household_update(worker: AppServices, people: list[str]) -> None:
    household = _create(worker, people[0])
    worker.households.update(
        household.id, HouseholdDraft(head_id=people[0], notes="أول"), household.row_version
    )
    before = row_counts(worker)
    with pytest.raises(DomainError) as caught:
        worker.households.update(
            household.id, HouseholdDraft(head_id=people[0], notes="ثاني"), household.row_version
        )
    assert caught.value.code is ErrorCode.STALE_RECORD
    assert worker.households.get(household.id).notes == "أول"
    assert row_counts(worker) == before
