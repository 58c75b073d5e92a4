"""Duplicate recall: the blocked check finds exactly what scoring everyone would find.

A seeded registry of near-identical names (so most probes have more than ten likely matches),
birth dates on the edges of their year, mothers named in part, tombstones and shared
national numbers; every probe's candidates must equal a brute force that scores every living
person with `match_score` and keeps the best ten (ties by id), scores included.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import text

from app.db import beneficiary_repo, bulk
from app.domain.arabic import normalize_arabic
from app.domain.beneficiary import BeneficiaryData, BeneficiaryDraft
from app.domain.duplicates import PersonKey, is_likely_duplicate, match_score, name_key
from app.domain.people import Sex
from app.services.beneficiaries import MAX_CANDIDATES
from app.services.setup import AppServices

pytestmark = pytest.mark.db

FIRSTS = ["أحمد", "احمد", "محمد", "محمود", "حمد", "أسامة", "اسامه", "سالم", "سليم", "علي"]
FATHERS = ["عبدالله", "عبد الله", "عبداللة", "مصطفى", "مصطفي"]
GRANDFATHERS = ["إبراهيم", "ابراهيم", "خليل"]
FAMILIES = ["الورفلي", "ورفلي", "الورفلى", "المقريف"]
MOTHERS = ["فاطمة إبراهيم", "فاطمه ابراهيم", "فاطمة", "خديجة علي", "زينب"]
YEARS = (1984, 1985, 1986)


def _draft(rng: random.Random) -> BeneficiaryDraft:
    year = rng.choice(YEARS)
    edge = rng.random()
    if edge < 0.1:
        born = f"{year}-01-01"
    elif edge < 0.2:
        born = f"{year}-12-31"
    else:
        born = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return BeneficiaryDraft(
        first_name=rng.choice(FIRSTS),
        father_name=rng.choice(FATHERS),
        grandfather_name=rng.choice(GRANDFATHERS),
        family_name=rng.choice(FAMILIES),
        mother_name=rng.choice(MOTHERS),
        sex=rng.choice("MF"),
        birth_date=born,
    )


def _numbered(draft: BeneficiaryDraft, i: int) -> BeneficiaryDraft:
    """The draft with a national number of its own (digit 1 the sex, 2-5 the birth year)."""
    number = f"{1 if draft.sex == 'M' else 2}{draft.birth_date[:4]}{i:07d}"
    return replace(draft, national_number=number)


@pytest.fixture
def registry(worker: AppServices) -> list[BeneficiaryData]:
    """1,500 people written by the bulk writer (as demo data and imports are), one in four
    with a national number, every 13th one tombstoned. Returns probes: new registrations
    drawn from the same pools."""
    rng = random.Random(1414)
    drafts = [_draft(rng) for _ in range(1500)]
    drafts = [_numbered(d, i) if i % 4 == 0 else d for i, d in enumerate(drafts)]
    people = [worker.beneficiaries.validate(d) for d in drafts]
    with worker.ctx.db.transaction(worker.ctx.actor()) as session:
        bulk.write_beneficiaries(session, people, worker.ctx.actor())
        session.execute(
            text("UPDATE beneficiaries SET deleted_at = created_at WHERE local_id % 13 = 0")
        )
    probes = [_draft(rng) for _ in range(60)]
    # Someone registered again under other names with their national number: an exact match
    # (never also "likely"); the number of a tombstoned person matches nobody.
    for i in range(0, 100, 4):
        other = _draft(rng)
        probes.append(
            replace(
                other,
                sex=drafts[i].sex,
                national_number=drafts[i].national_number,
                birth_date=drafts[i].birth_date[:4] + other.birth_date[4:],
            )
        )
    return [worker.beneficiaries.validate(p) for p in probes]


Everyone = list[tuple[str, PersonKey]]


def _brute_force(
    everyone: Everyone, data: BeneficiaryData, skip: set[str]
) -> list[tuple[str, float]]:
    key = PersonKey(
        name_key(*data.name_parts), normalize_arabic(data.mother_name), data.birth_date, data.sex
    )
    scored = []
    for pid, other in everyone:
        if pid in skip:
            continue
        score = match_score(key, other)
        if is_likely_duplicate(score):
            scored.append((pid, score))
    scored.sort(key=lambda s: (-s[1], s[0]))
    return scored[:MAX_CANDIDATES]


def _everyone(worker: AppServices) -> tuple[Everyone, dict[str, str]]:
    """Every living person's key, from their stored names; national number -> holder."""
    with worker.ctx.db.read() as session:
        rows = session.execute(
            text(
                "SELECT id, first_name, father_name, grandfather_name, family_name,"
                " mother_name, sex, birth_date FROM beneficiaries WHERE deleted_at IS NULL"
            )
        ).all()
        numbers = dict(
            session.execute(
                text(
                    "SELECT i.number, i.beneficiary_id FROM beneficiary_identifiers i"
                    " JOIN beneficiaries b ON b.id = i.beneficiary_id"
                    " WHERE i.id_type = 'national_number' AND i.deleted_at IS NULL"
                    " AND b.deleted_at IS NULL"
                )
            ).all()
        )
    everyone = [
        (
            pid,
            PersonKey(
                name_key(first, father, grandfather, family),
                normalize_arabic(mother),
                date.fromisoformat(born),
                Sex(sex),
            ),
        )
        for pid, first, father, grandfather, family, mother, sex, born in rows
    ]
    return everyone, numbers


@pytest.mark.parametrize(("in_chunk", "sep"), [(None, None), (7, None), (None, "ا")])
def test_blocked_check_equals_brute_force_top_ten(
    worker: AppServices,
    registry: list[BeneficiaryData],
    monkeypatch: pytest.MonkeyPatch,
    in_chunk: int | None,
    sep: str | None,
) -> None:
    if in_chunk is not None:  # the survivors' rows read a few names at a time
        monkeypatch.setattr(beneficiary_repo, "_IN_CHUNK", in_chunk)
    if sep is not None:  # the block's joined names do not split back: read row by row
        monkeypatch.setattr(beneficiary_repo, "_SEP", sep)
    everyone, numbers = _everyone(worker)
    full, edges, exacts = 0, 0, 0
    for data in registry:
        found = worker.beneficiaries.check_duplicates(data)
        exact = [c.id for c in found if c.exact]
        holder = numbers.get(data.national_number or "")
        assert exact == ([holder] if holder else [])
        likely = [(c.id, c.score) for c in found if not c.exact]
        assert likely == _brute_force(everyone, data, set(exact)), data
        full += len(likely) == MAX_CANDIDATES
        exacts += bool(exact)
        edges += any(c.birth_date.strftime("%m-%d") in ("01-01", "12-31") for c in found)
    # The data exercise what they are meant to: the top-ten cut, exact matches, year edges.
    assert full >= 20
    assert exacts >= 5
    assert edges >= 10


def test_candidates_show_the_persons_own_record(
    worker: AppServices, registry: list[BeneficiaryData]
) -> None:
    shown = 0
    for data in registry:
        for c in worker.beneficiaries.check_duplicates(data):
            view = worker.beneficiaries.get(c.id)
            parts = (view.first_name, view.father_name, view.grandfather_name, view.family_name)
            assert c.full_name == " ".join(p for p in parts if p)
            assert (c.mother_name, c.birth_date, c.sex) == (
                view.mother_name,
                view.birth_date,
                view.sex,
            )
            assert c.person_number == view.person_number != ""
            assert c.national_number == (view.identifier("national_number") or None)
            shown += c.national_number is not None
    assert shown >= 20  # people with a national number are among the candidates


def test_excluded_person_is_left_out(worker: AppServices, registry: list[BeneficiaryData]) -> None:
    for data in registry[:20]:
        found = worker.beneficiaries.check_duplicates(data)
        if not found:
            continue
        first = found[0].id
        again = worker.beneficiaries.check_duplicates(data, exclude_id=first)
        assert first not in {c.id for c in again}
        assert [c.id for c in again][: len(found) - 1] == [c.id for c in found[1:]]
