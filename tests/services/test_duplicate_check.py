"""The duplicate check before a new beneficiary is saved (BeneficiaryService.register)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import DuplicateDecisionRow, OutboxRow
from app.domain.errors import ErrorCode
from app.services.beneficiaries import DuplicateNationalNumber, PossibleDuplicates
from app.services.setup import AppServices
from tests.services.people import numbered, person, row_counts

pytestmark = pytest.mark.db

# Ahmed again, spelled differently, no national number or phone: only the fuzzy check sees him.
VARIANT = person(
    first_name="احمد",
    father_name="عبد الله",
    grandfather_name="مصطفي",
    family_name="ورفلي",
    mother_name="فاطمه ابراهيم",
    national_number="",
    phones=[],
    birth_date="15/03/1985",
)


@pytest.fixture
def ahmed(worker: AppServices) -> str:
    worker.beneficiaries.register(numbered(3))  # someone else in the registry
    return worker.beneficiaries.register(person()).id


@pytest.mark.parametrize("national_number", ["119850123456", "١١٩٨٥٠١٢٣٤٥٦", "1 1985 0123 456"])
def test_same_national_number_blocks_and_names_the_record(
    worker: AppServices, ahmed: str, national_number: str
) -> None:
    someone = person(
        first_name="محمود",
        father_name="سالم",
        grandfather_name="علي",
        family_name="التاجوري",
        mother_name="خديجة",
        birth_date="1985-10-01",
        national_number=national_number,
        phones=[],
    )
    before = row_counts(worker)
    with pytest.raises(DuplicateNationalNumber) as caught:
        worker.beneficiaries.register(someone)
    err = caught.value
    assert err.code is ErrorCode.DUPLICATE_NATIONAL_NUMBER
    assert err.field == "national_number"
    assert err.existing.id == ahmed
    assert err.existing.exact
    assert err.existing.full_name == "أحمد عبدالله مصطفى الورفلي"
    assert err.existing.national_number == "119850123456"
    assert row_counts(worker) == before


def test_confirming_does_not_override_a_national_number_match(
    worker: AppServices, ahmed: str
) -> None:
    before = row_counts(worker)
    with pytest.raises(DuplicateNationalNumber):
        worker.beneficiaries.register(person(), confirmed_different=[ahmed])
    assert row_counts(worker) == before


def test_spelling_variant_with_same_birth_and_sex_is_a_likely_duplicate(
    worker: AppServices, ahmed: str
) -> None:
    before = row_counts(worker)
    with pytest.raises(PossibleDuplicates) as caught:
        worker.beneficiaries.register(VARIANT)
    assert caught.value.code is ErrorCode.POSSIBLE_DUPLICATE
    (candidate,) = caught.value.candidates
    assert candidate.id == ahmed
    assert not candidate.exact
    assert candidate.score >= 82
    assert candidate.national_number == "119850123456"
    assert row_counts(worker) == before


@pytest.mark.parametrize(
    "changes",
    [
        {"mother_name": "فاطمة"},  # mother's name given only in part
        {"birth_date": "1985-03-16"},  # a day's slip
        {"birth_date": "1985-07-15"},  # same day, another month
        {"family_name": "الورفلى"},
        {"first_name": "أحمد", "father_name": "عبداللة"},  # ta marbuta slip
    ],
)
def test_other_likely_duplicates(worker: AppServices, ahmed: str, changes: dict[str, str]) -> None:
    draft = person(VARIANT, **changes)
    candidates = worker.beneficiaries.check_duplicates(worker.beneficiaries.validate(draft))
    assert [c.id for c in candidates] == [ahmed]


@pytest.mark.parametrize(
    "changes",
    [
        {"sex": "F"},
        {"birth_date": "1986-03-15"},
        {"birth_date": "1984-03-15"},
        {"first_name": "محمد", "father_name": "علي", "mother_name": "خديجة"},
    ],
)
def test_different_sex_birth_year_or_person_is_no_candidate(
    worker: AppServices, ahmed: str, changes: dict[str, str]
) -> None:
    draft = person(VARIANT, **changes)
    assert worker.beneficiaries.check_duplicates(worker.beneficiaries.validate(draft)) == []
    view = worker.beneficiaries.register(draft)
    assert view.id != ahmed


def test_check_duplicates_saves_nothing(worker: AppServices, ahmed: str) -> None:
    before = row_counts(worker)
    data = worker.beneficiaries.validate(person())
    (exact,) = worker.beneficiaries.check_duplicates(data)
    assert (exact.id, exact.exact, exact.score) == (ahmed, True, 100.0)
    assert worker.beneficiaries.check_duplicates(data, exclude_id=ahmed) == []
    assert row_counts(worker) == before


def test_confirming_a_different_person_saves_and_records_the_decision(
    worker: AppServices, ahmed: str
) -> None:
    before = row_counts(worker)
    view = worker.beneficiaries.register(VARIANT, confirmed_different=[ahmed])
    assert view.id != ahmed
    after = row_counts(worker)
    assert after["beneficiaries"] == before["beneficiaries"] + 1
    assert after["duplicate_decisions"] == before["duplicate_decisions"] + 1
    with worker.ctx.db.read() as session:
        decision = session.scalar(
            select(DuplicateDecisionRow).where(DuplicateDecisionRow.beneficiary_id == view.id)
        )
        assert decision is not None
        assert (decision.other_id, decision.decision) == (ahmed, "different_person")
        assert decision.score >= 82
        assert decision.created_by == worker.ctx.user.id  # type: ignore[union-attr]
        captured = session.scalar(select(OutboxRow.op).where(OutboxRow.row_id == decision.id))
        assert captured == "insert"  # the decision travels to HQ like any change
    # Both are findable; the new one is not flagged against Ahmed again.
    found = {h.id for h in worker.beneficiaries.search("احمد عبدالله")}
    assert {ahmed, view.id} <= found


def test_every_candidate_must_be_confirmed(worker: AppServices, ahmed: str) -> None:
    twin = worker.beneficiaries.register(VARIANT, confirmed_different=[ahmed]).id
    third = person(VARIANT, first_name="أحمد")
    with pytest.raises(PossibleDuplicates) as caught:
        worker.beneficiaries.register(third, confirmed_different=[ahmed])
    assert [c.id for c in caught.value.candidates] == [twin]
    view = worker.beneficiaries.register(third, confirmed_different=[ahmed, twin])
    with worker.ctx.db.read() as session:
        others = set(
            session.scalars(
                select(DuplicateDecisionRow.other_id).where(
                    DuplicateDecisionRow.beneficiary_id == view.id
                )
            )
        )
    assert others == {ahmed, twin}


def test_update_refuses_another_persons_national_number(worker: AppServices, ahmed: str) -> None:
    other = worker.beneficiaries.register(numbered(7))
    before = row_counts(worker)
    draft = person(numbered(7), national_number="119850123456", birth_date="1985-06-08")
    with pytest.raises(DuplicateNationalNumber) as caught:
        worker.beneficiaries.update(other.id, draft, other.row_version)
    assert caught.value.existing.id == ahmed
    assert row_counts(worker) == before
    assert worker.beneficiaries.get(other.id) == other


def test_update_keeps_its_own_national_number(worker: AppServices, ahmed: str) -> None:
    view = worker.beneficiaries.get(ahmed)
    updated = worker.beneficiaries.update(ahmed, person(notes="ملاحظة"), view.row_version)
    assert updated.notes == "ملاحظة"
    assert updated.identifier("national_number") == "119850123456"
