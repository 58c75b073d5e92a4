"""Demo data in the branch database: `sanad demo-data --count N` and the first start of a demo
branch (people in households). Who the people are is `app.demo.people`'s business.

The next person index per seed is remembered in the branch database, so running
`demo-data` again adds N *more* people (new national numbers) instead of the same N again.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from itertools import islice
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import bulk
from app.db.audit import append_audit
from app.db.capture import Actor
from app.db.models import IdentifierRow, LocalMetaRow
from app.demo.people import TABLE_BITS, PersonMaker, block_rng, stream
from app.demo.people import generate_people as generate_people
from app.domain.accounts import Role
from app.domain.beneficiary import BeneficiaryData, MaritalStatus
from app.domain.household import HousingType, Relationship
from app.domain.people import Sex
from app.domain.storable import check_household, check_people
from app.services.gc_pause import paused_gc

if TYPE_CHECKING:
    from app.services.setup import AppServices

CHUNK = 50_000  # people per transaction
_NEXT_INDEX_KEY = "demo.next_index.{seed}"
_HOUSING = (
    HousingType.OWNED,
    HousingType.OWNED,
    HousingType.OWNED,
    HousingType.RENTED,
    HousingType.RENTED,
    HousingType.HOSTED,
    HousingType.INFORMAL,
    HousingType.COLLECTIVE_SHELTER,
)


@paused_gc()
def add_demo_people(
    services: AppServices,
    count: int,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Add `count` more demo people of `seed` (CHUNK per transaction); returns how many.

    Continues the seed's sequence where the last run stopped; if other people are registered
    already, any demo person whose national number is taken is skipped and replaced.
    """
    if count < 0:
        raise ValueError("the count cannot be negative")
    ctx = services.ctx
    actor = ctx.actor()
    key = _NEXT_INDEX_KEY.format(seed=seed)
    with ctx.db.read() as session:
        meta = session.get(LocalMetaRow, key)
        index = int(meta.value) if meta is not None else 0
        check_taken = session.scalar(select(IdentifierRow.local_id).limit(1)) is not None
    maker = PersonMaker(seed, ctx.today(), services.reference.municipality_codes())
    people_of_seed = stream(maker, seed, index)
    added = 0
    while added < count:
        want = min(CHUNK, count - added)
        with ctx.db.transaction(actor) as session:
            batch = list(islice(people_of_seed, want))
            index = batch[-1][0] + 1
            people = [p for _, p in batch]
            if check_taken:
                people = _without_taken(session, people)
            check_people(people)
            bulk.write_beneficiaries(
                session, people, actor, progress=_offset(progress, added, count)
            )
            session.merge(LocalMetaRow(key=key, value=str(index)))
            append_audit(
                session,
                "beneficiary.demo_data",
                user_id=actor.user_id,
                details={"count": len(people), "seed": seed, "next_index": index},
            )
        added += len(people)
        if progress is not None:
            progress(added, count)
    return added


def _without_taken(session: Session, people: list[BeneficiaryData]) -> list[BeneficiaryData]:
    numbers = [p.national_number for p in people if p.national_number]
    taken = bulk.registered_national_numbers(session, [n for n in numbers if n])
    return [p for p in people if p.national_number not in taken] if taken else people


def _offset(
    progress: Callable[[int, int], None] | None, before: int, total: int
) -> Callable[[int], None] | None:
    if progress is None:
        return None
    report = progress

    def written(done: int) -> None:
        report(before + done, total)

    return written


def seed_demo_people(services: AppServices, count: int, seed: int = 2026) -> int:
    """First start of a demo branch: `count` people, most of them in households (about
    count/6 of them), recorded under the demo branch admin."""
    ctx = services.ctx
    admin = next(
        (
            u
            for u in services.accounts.list_users()
            if u.role == Role.BRANCH_ADMIN.value and u.active
        ),
        None,
    )
    if admin is None or count <= 0:
        return 0
    actor = Actor(user_id=admin.id, branch_code=ctx.branch_code)
    maker = PersonMaker(seed, ctx.today(), services.reference.municipality_codes())
    people, plans, next_index = _families(maker, block_rng(seed, -1), count)
    check_people(people)
    for plan in plans:
        check_household(
            plan.municipality_code, plan.address, plan.monthly_income_dirhams, plan.notes
        )
    key = _NEXT_INDEX_KEY.format(seed=seed)
    with ctx.db.transaction(actor) as session:
        bulk.write_beneficiaries(session, people, actor, plans)
        session.merge(LocalMetaRow(key=key, value=str(next_index)))
        append_audit(
            session,
            "beneficiary.demo_data",
            user_id=actor.user_id,
            details={
                "count": len(people),
                "households": len(plans),
                "seed": seed,
                "next_index": next_index,
            },
        )
    return len(people)


def _families(
    maker: PersonMaker, rng: random.Random, count: int
) -> tuple[list[BeneficiaryData], list[bulk.HouseholdPlan], int]:
    """Households (head, spouse, children sharing the father's names) for ~5/6 of `count`."""
    t = maker.t
    bits = rng.getrandbits
    people: list[BeneficiaryData] = []
    plans: list[bulk.HouseholdPlan] = []
    while len(people) < count * 5 // 6:
        head_age = 25 + int(rng.random() * 50)
        head_names = (
            t.male[bits(TABLE_BITS)],
            t.male[bits(TABLE_BITS)],
            t.male[bits(TABLE_BITS)],
            t.family[bits(TABLE_BITS)],
        )
        municipality = maker.municipalities[bits(TABLE_BITS)] or None
        place = (municipality, t.addresses[int(rng.random() * len(t.addresses))])
        married = rng.random() < 0.9
        head_index = len(people)
        people.append(
            maker.person(
                rng,
                head_index,
                sex=Sex.MALE,
                age=head_age,
                names=head_names,
                place=place,
                marital=MaritalStatus.MARRIED if married else MaritalStatus.WIDOWED,
            )
        )
        members: list[tuple[int, Relationship]] = []
        wife_first, wife_family = t.female[bits(TABLE_BITS)], t.family[bits(TABLE_BITS)]
        mother_age = max(18, head_age - int(rng.random() * 10))
        room = count - len(people)
        if married and room > 0:
            wife_names = (
                wife_first,
                t.male[bits(TABLE_BITS)],
                t.male[bits(TABLE_BITS)],
                wife_family,
            )
            members.append((len(people), Relationship.SPOUSE))
            people.append(
                maker.person(
                    rng,
                    len(people),
                    sex=Sex.FEMALE,
                    age=mother_age,
                    names=wife_names,
                    place=place,
                    marital=MaritalStatus.MARRIED,
                )
            )
        children = min(int(rng.random() * 7), max(0, (mother_age - 18) // 2))
        for _ in range(max(0, min(children, count - len(people)))):
            child_sex = Sex.MALE if rng.random() < 0.51 else Sex.FEMALE
            child_first = (t.male if child_sex is Sex.MALE else t.female)[bits(TABLE_BITS)]
            child_age = int(rng.random() * max(1, min(mother_age - 18, 30)))
            members.append(
                (len(people), Relationship.SON if child_sex is Sex.MALE else Relationship.DAUGHTER)
            )
            people.append(
                maker.person(
                    rng,
                    len(people),
                    sex=child_sex,
                    age=child_age,
                    names=(child_first, head_names[0], head_names[1], head_names[3]),
                    mother=f"{wife_first} {wife_family}",
                    place=place,
                )
            )
        plans.append(
            bulk.HouseholdPlan(
                head=head_index,
                members=tuple(members),
                municipality_code=municipality,
                address=place[1],
                housing_type=_HOUSING[int(rng.random() * len(_HOUSING))],
                monthly_income_dirhams=people[head_index].monthly_income_dirhams,
            )
        )
    singles = count - len(people)
    start = len(people)
    people.extend(p for _, p in islice(stream(maker, maker.seed, start), singles))
    return people, plans, start + singles
