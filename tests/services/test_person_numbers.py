"""Person numbers at the branch: given at registration, import and seeding from one counter,
never reused (not after a restore from an old copy either), found by search."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.db.models import BeneficiaryRow, LocalMetaRow
from app.db.person_numbers import COUNTER_KEY, highest_used, next_person_number
from app.domain.person_numbers import format_person_number
from app.services.setup import AppServices
from tests.services.import_samples import importer
from tests.services.people import numbered

pytestmark = pytest.mark.db


def _counter(services: AppServices) -> str | None:
    with services.ctx.db.read() as session:
        meta = session.get(LocalMetaRow, COUNTER_KEY)
        return meta.value if meta else None


def test_registration_numbers_people_in_order(worker: AppServices) -> None:
    branch = worker.ctx.branch_code
    people = [worker.beneficiaries.register(numbered(i)) for i in range(3)]
    assert [p.person_number for p in people] == [format_person_number(branch, n) for n in (1, 2, 3)]
    assert _counter(worker) == "3"
    assert worker.beneficiaries.get(people[1].id).person_number == f"{branch}-P-000002"


def test_an_edit_never_changes_the_number(worker: AppServices) -> None:
    person = worker.beneficiaries.register(numbered(1))
    edited = worker.beneficiaries.update(person.id, numbered(2), person.row_version)
    assert edited.person_number == person.person_number


def test_the_counter_never_goes_below_a_number_used(worker: AppServices) -> None:
    """A copy restored from an old backup has an old counter; the people HQ sends back hold
    later numbers: the next one is beyond them all, never one of them."""
    branch = worker.ctx.branch_code
    first = worker.beneficiaries.register(numbered(1))
    back_from_hq = worker.beneficiaries.register(numbered(2))
    with worker.ctx.db.transaction(None) as session:
        session.execute(  # as a fork answer's rows bring a person the copy had lost
            update(BeneficiaryRow)
            .where(BeneficiaryRow.id == back_from_hq.id)
            .values(person_number=format_person_number(branch, 41))
        )
        session.merge(LocalMetaRow(key=COUNTER_KEY, value="1"))  # the old copy's counter
    following = worker.beneficiaries.register(numbered(3))
    assert following.person_number == format_person_number(branch, 42)
    assert first.person_number == format_person_number(branch, 1)


def test_a_counter_ahead_of_the_rows_is_kept(worker: AppServices) -> None:
    """A number given and then lost (its transaction rolled back, say) is not given again."""
    with worker.ctx.db.transaction(None) as session:
        session.merge(LocalMetaRow(key=COUNTER_KEY, value="9"))
    assert worker.beneficiaries.register(numbered(1)).person_number.endswith("-P-000010")


def test_past_a_million_the_number_grows_and_still_counts(worker: AppServices) -> None:
    branch = worker.ctx.branch_code
    with worker.ctx.db.transaction(None) as session:
        session.merge(LocalMetaRow(key=COUNTER_KEY, value="999999"))
    big = worker.beneficiaries.register(numbered(1))
    assert big.person_number == f"{branch}-P-1000000"
    with worker.ctx.db.transaction(None) as session:
        session.merge(LocalMetaRow(key=COUNTER_KEY, value="5"))  # an old copy's again
        assert highest_used(session, branch) == 1_000_000  # longer is higher, not "9" > "1"
        assert next_person_number(session, branch) == f"{branch}-P-1000001"


def test_other_branches_numbers_do_not_move_the_counter(worker: AppServices) -> None:
    other = worker.beneficiaries.register(numbered(1))
    with worker.ctx.db.transaction(None) as session:
        session.execute(  # a copy of another branch's person (a transfer, a merge)
            update(BeneficiaryRow)
            .where(BeneficiaryRow.id == other.id)
            .values(origin_branch="BEN01", person_number="BEN01-P-000500")
        )
    assert worker.beneficiaries.register(numbered(2)).person_number.endswith("-P-000002")


def test_import_and_demo_people_are_numbered_from_the_same_counter(
    worker: AppServices, mixed_csv: Path
) -> None:
    worker.beneficiaries.register(numbered(1))
    importer(worker).commit(mixed_csv)
    with worker.ctx.db.read() as session:
        numbers = list(
            session.scalars(select(BeneficiaryRow.person_number).order_by(BeneficiaryRow.local_id))
        )
    branch = worker.ctx.branch_code
    assert len(numbers) > 2
    assert numbers == [format_person_number(branch, n) for n in range(1, len(numbers) + 1)]
    after = worker.beneficiaries.register(numbered(2))
    assert after.person_number == format_person_number(branch, len(numbers) + 1)


@pytest.mark.parametrize(
    "typed",
    ["{n}", "{lower}", "{short}", "{arabic}", "  {n}  "],
)
def test_typing_a_number_finds_that_person_first(worker: AppServices, typed: str) -> None:
    people = [worker.beneficiaries.register(numbered(i)) for i in range(12)]
    wanted = people[10]
    n = wanted.person_number
    query = typed.format(
        n=n,
        lower=n.lower(),
        short=n.lower().replace("-p-0000", "-p-"),
        arabic=n.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
    )
    hits = worker.beneficiaries.search(query)
    assert hits and hits[0].id == wanted.id
    assert hits[0].person_number == n
    assert worker.beneficiaries.search(query, offset=1) == hits[1:]  # the next page: not again


def test_a_number_no_one_holds_finds_no_one(worker: AppServices) -> None:
    worker.beneficiaries.register(numbered(1))
    assert worker.beneficiaries.search("TRP99-P-000001") == []
