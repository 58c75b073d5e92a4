"""Changes a branch makes between syncs: many new people at once, edits, tombstones, households,
and case work (`tests.sync.case_changes`).

New people come in bulk (the demo-data road: the same rows and outbox rows the ORM writes) so a
batch holds thousands of changes; edits, tombstones and households go through the services or
through the ORM in a unit of work with an Actor, so change capture writes their outbox rows.
"""

from __future__ import annotations

import random

from sqlalchemy import select

from app.db.clock import utcnow
from app.db.models import BeneficiaryRow
from app.demo.register import add_demo_people
from app.domain.beneficiary import BeneficiaryDraft
from app.domain.household import HouseholdDraft, Relationship
from app.services.beneficiaries import PossibleDuplicates
from app.services.dto import BeneficiaryView
from tests.sync.case_changes import case_work
from tests.sync.world import SyncBranch

FIRST = ["سالم", "خالد", "عمر", "يوسف", "مراد", "نوري", "طارق", "هشام", "وليد", "أنور"]
FATHER = ["محمد", "علي", "حسن", "إبراهيم", "منصور", "عبدالله"]


def draft(n: int) -> BeneficiaryDraft:
    """Person number n: a unique national number; names repeat, so some look alike."""
    year = 1950 + n % 50
    return BeneficiaryDraft(
        first_name=FIRST[n % len(FIRST)],
        father_name=FATHER[n // len(FIRST) % len(FATHER)],
        grandfather_name="صالح",
        family_name="القماطي",
        mother_name="زينب",
        sex="M",
        birth_date=f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}",
        national_number=f"1{year}{n:07d}",
        phones=[f"091{n:07d}"],
    )


def register(branch: SyncBranch, n: int) -> BeneficiaryView:
    """Register person number n at the branch (a likely duplicate is confirmed different,
    as a worker would: that writes duplicate decisions too)."""
    people = branch.people
    try:
        return people.register(draft(n))
    except PossibleDuplicates as likely:
        return people.register(draft(n), [c.id for c in likely.candidates])


def live_people(branch: SyncBranch) -> list[str]:
    with branch.services.ctx.db.read() as session:
        return list(
            session.scalars(
                select(BeneficiaryRow.id)
                .where(BeneficiaryRow.deleted_at.is_(None))
                .order_by(BeneficiaryRow.id)
            )
        )


def loners(branch: SyncBranch) -> list[str]:
    """Living people in no household."""
    with branch.services.ctx.db.read() as session:
        return list(
            session.scalars(
                select(BeneficiaryRow.id)
                .where(BeneficiaryRow.deleted_at.is_(None), BeneficiaryRow.household_id.is_(None))
                .order_by(BeneficiaryRow.id)
            )
        )


def edit_rows(branch: SyncBranch, ids: list[str], note: str) -> None:
    """Change fields of these people in one unit of work (an update per row)."""
    ctx = branch.services.ctx
    with ctx.db.transaction(ctx.actor()) as session:
        for row in session.scalars(select(BeneficiaryRow).where(BeneficiaryRow.id.in_(ids))):
            row.notes = note
            row.address = f"{note} — {row.id[:6]}"


def tombstone_rows(branch: SyncBranch, ids: list[str]) -> None:
    ctx = branch.services.ctx
    with ctx.db.transaction(ctx.actor()) as session:
        for row in session.scalars(select(BeneficiaryRow).where(BeneficiaryRow.id.in_(ids))):
            row.deleted_at = utcnow()


def a_round_of_work(
    branch: SyncBranch, rng: random.Random, people: int, label: str, case_steps: int = 12
) -> None:
    """`people` new people, then edits, tombstones, a household or two, and case work."""
    add_demo_people(branch.services, people, seed=2026)
    alive = live_people(branch)
    edit_rows(branch, rng.sample(alive, min(40, len(alive))), f"تعديل {label}")
    edit_rows(branch, rng.sample(alive, min(10, len(alive))), f"ثان {label}")  # edited twice
    tombstone_rows(branch, rng.sample(alive, min(12, len(alive))))
    free = loners(branch)
    households = branch.services.households
    for _ in range(2):
        if len(free) < 3:
            break
        head, member = free.pop(rng.randrange(len(free))), free.pop(rng.randrange(len(free)))
        view = households.create(
            HouseholdDraft(head_id=head, housing_type="rented", monthly_income="350.5")
        )
        households.add_member(view.id, member, Relationship.SPOUSE)
    case_work(branch, rng, live_people(branch), case_steps)
