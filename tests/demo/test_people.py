"""Demo data: deterministic, valid, realistically spelled; added in bulk, never twice."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db.base import Base
from app.demo import people as demo_people
from app.demo import register as demo_register
from app.demo.branch import ensure_demo_seeded
from app.demo.register import add_demo_people, generate_people, seed_demo_people
from app.domain.accounts import Role
from app.domain.arabic import normalize_arabic
from app.domain.beneficiary import (
    BeneficiaryData,
    BeneficiaryDraft,
    IdentifierType,
    validate_beneficiary,
)
from app.domain.household import HouseholdDraft, validate_household
from app.domain.people import Sex
from app.domain.text_rules import has_control
from app.services.context import CurrentUser
from app.services.setup import AppServices, open_branch
from tests.conftest import FAST_HASHER, TODAY

CODES = frozenset({"LY021104", "LY010304", "LY021401", "LY031901", "LY010102"})


def as_draft(p: BeneficiaryData) -> BeneficiaryDraft:
    ids = {i.type: i.number for i in p.identifiers}
    return BeneficiaryDraft(
        first_name=p.first_name,
        father_name=p.father_name,
        grandfather_name=p.grandfather_name,
        family_name=p.family_name,
        mother_name=p.mother_name,
        latin_name=p.latin_name,
        sex=p.sex.value,
        birth_date=p.birth_date.strftime("%d/%m/%Y"),
        national_number=ids.get(IdentifierType.NATIONAL_NUMBER, ""),
        admin_number=ids.get(IdentifierType.ADMIN_NUMBER, ""),
        passport_number=ids.get(IdentifierType.PASSPORT, ""),
        family_booklet_number=ids.get(IdentifierType.FAMILY_BOOKLET, ""),
        nationality=p.nationality,
        municipality_code=p.municipality_code or "",
        address=p.address,
        phones=["0" + e.removeprefix("+218") for e in p.phones],
        marital_status=p.marital_status.value if p.marital_status else "",
        disability_type=p.disability_type.value,
        disability_degree=p.disability_degree.value if p.disability_degree else "",
        displacement_status=p.displacement_status.value,
        monthly_income=""
        if p.monthly_income_dirhams is None
        else f"{p.monthly_income_dirhams / 1000:.3f}",
        notes=p.notes,
    )


def test_same_seed_same_people_other_seed_other_people() -> None:
    first = list(generate_people(500, seed=11, today=TODAY, municipality_codes=CODES))
    assert first == list(generate_people(500, seed=11, today=TODAY, municipality_codes=CODES))
    other = list(generate_people(500, seed=12, today=TODAY, municipality_codes=CODES))
    assert sum(a == b for a, b in zip(first, other, strict=True)) == 0
    # Person i is the same whether the sequence starts at 0 or later (mid-block too).
    assert (
        list(generate_people(20, seed=11, today=TODAY, start=1500, municipality_codes=CODES))
        == list(generate_people(1520, seed=11, today=TODAY, municipality_codes=CODES))[1500:]
    )


def test_every_generated_person_passes_validation() -> None:
    people = list(generate_people(3000, seed=3, today=TODAY, municipality_codes=CODES))
    for person in people:
        assert validate_beneficiary(as_draft(person), TODAY, CODES) == person
    numbers = [p.national_number for p in people if p.national_number]
    assert len(numbers) == len(set(numbers)) > 0.85 * len(people)
    for p in people:
        age = (TODAY - p.birth_date).days / 365.25
        assert 0 <= age < 97
        if p.national_number:
            assert p.national_number[0] == ("1" if p.sex is Sex.MALE else "2")
            assert p.national_number[1:5] == f"{p.birth_date.year}"
        for phone in p.phones:
            assert age >= 18 and re.fullmatch(r"\+2189[1245]\d{7}", phone)
        assert p.municipality_code in CODES
    ages = Counter(int((TODAY - p.birth_date).days / 365.25) // 20 for p in people)
    assert ages[0] > ages[2] > ages[4] > 0  # a young population, some old people
    assert 0.45 < sum(p.sex is Sex.MALE for p in people) / len(people) < 0.55


def test_about_one_in_ten_has_a_latin_name_as_a_passport_writes_it() -> None:
    people = list(generate_people(20_000, seed=2026, today=TODAY, municipality_codes=CODES))
    latin = [p for p in people if p.latin_name]
    assert 0.08 < len(latin) / len(people) < 0.13
    assert all(re.fullmatch(r"[A-Z][a-z]+( [A-Z][a-z]+| (Al|El|Ben|Bin)[ -]?[A-Za-z]+)+",
                            p.latin_name) for p in latin)  # fmt: skip
    names = Counter(p.latin_name.split()[0] for p in latin if p.first_name == "محمد")
    assert {"Mohamed", "Mohammed", "Muhammad"} <= set(names)  # the usual variants, all met
    again = list(generate_people(20_000, seed=2026, today=TODAY, municipality_codes=CODES))
    assert [p.latin_name for p in again] == [p.latin_name for p in people]


def test_real_spelling_variation_is_present() -> None:
    people = list(generate_people(20_000, seed=2026, today=TODAY, municipality_codes=CODES))
    words = Counter(part for p in people for part in p.name_parts)
    for canonical, variant in (
        ("أحمد", "احمد"),
        ("فاطمة", "فاطمه"),
        ("عبد الله", "عبدالله"),
        ("إبراهيم", "ابراهيم"),
        ("مصطفى", "مصطفي"),
    ):
        assert words[canonical] > words[variant] > 0, (canonical, variant)
        assert normalize_arabic(canonical) == normalize_arabic(variant)
    harakat = [w for w in words if re.search("[\u064b-\u0652]", w)]
    assert harakat and all(normalize_arabic(w) != w for w in harakat)
    assert len({p.family_name for p in people}) > 250
    assert len({p.first_name for p in people if p.sex is Sex.MALE}) > 140


def _count(services: AppServices, sql: str) -> int:
    with services.ctx.db.read() as session:
        return int(session.execute(text(sql)).scalar_one())


def _login_admin(services: AppServices) -> None:
    admin = next(u for u in services.accounts.list_users() if u.username == "admin")
    services.ctx.user = CurrentUser(admin.id, admin.username, admin.display_name, Role(admin.role))


def test_adding_demo_people_twice_adds_more_never_the_same(
    services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_register, "CHUNK", 50)
    _login_admin(services)
    seen: list[tuple[int, int]] = []
    assert add_demo_people(services, 120, seed=5, progress=lambda d, t: seen.append((d, t))) == 120
    assert seen[-1] == (120, 120) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert add_demo_people(services, 30, seed=5) == 30
    assert _count(services, "SELECT count(*) FROM beneficiaries") == 150
    assert _count(
        services,
        "SELECT count(DISTINCT number) FROM beneficiary_identifiers "
        "WHERE id_type = 'national_number'",
    ) == _count(
        services, "SELECT count(*) FROM beneficiary_identifiers WHERE id_type = 'national_number'"
    )
    # One audit entry per transaction (50 + 50 + 20, then 30), never one per person.
    assert (
        _count(services, "SELECT count(*) FROM audit_log WHERE action = 'beneficiary.demo_data'")
        == 4
    )
    assert _count(services, "SELECT count(*) FROM outbox WHERE table_name = 'beneficiaries'") == 150
    # The people are the seed's people 0..149, in order.
    expected = list(
        generate_people(
            150, seed=5, today=TODAY, municipality_codes=services.reference.municipality_codes()
        )
    )
    with services.ctx.db.read() as session:
        stored = session.execute(
            text("SELECT first_name, birth_date FROM beneficiaries ORDER BY local_id")
        ).all()
    assert [(r[0], r[1]) for r in stored] == [
        (p.first_name, p.birth_date.isoformat()) for p in expected
    ]


def test_another_seed_skips_national_numbers_already_taken(
    services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    _login_admin(services)
    add_demo_people(services, 40, seed=1)
    taken = next(
        p
        for p in generate_people(
            40, seed=1, today=TODAY, municipality_codes=services.reference.municipality_codes()
        )
        if p.national_number
    )
    # Make seed 2's first person collide with a number seed 1 already registered.
    real = demo_people.national_number

    def colliding(seed: int, index: int, sex: Sex, year: int) -> str:
        if (seed, index) == (2, 0) and taken.national_number is not None:
            return taken.national_number
        return real(seed, index, sex, year)

    monkeypatch.setattr(demo_people, "national_number", colliding)
    assert add_demo_people(services, 10, seed=2) == 10
    assert _count(services, "SELECT count(*) FROM beneficiaries") == 50
    assert (
        _count(
            services,
            "SELECT count(*) - count(DISTINCT number) FROM "
            "beneficiary_identifiers WHERE id_type = 'national_number'",
        )
        == 0
    )


def _fresh_demo_branch(folder: Path, people: int) -> AppServices:
    """A demo branch's first start, as app.bootstrap makes it (fast hashes, the tests' today)."""
    services = open_branch(folder, hasher=FAST_HASHER, today=TODAY)
    ensure_demo_seeded(services, people)
    return services


def test_a_fresh_demo_branch_has_people_in_households(tmp_path: Path) -> None:
    services = _fresh_demo_branch(tmp_path / "demo", people=120)
    try:
        assert _count(services, "SELECT count(*) FROM beneficiaries") == 120
        with services.ctx.db.read() as session:  # numbered as registered: DEMO-P-000001…
            numbers = session.execute(
                text("SELECT person_number FROM beneficiaries ORDER BY local_id")
            ).scalars()
            assert list(numbers) == [f"DEMO-P-{n:06d}" for n in range(1, 121)]
        households = _count(services, "SELECT count(*) FROM households")
        assert 120 // 10 <= households <= 120 // 4
        with services.ctx.db.read() as session:
            household_id = session.execute(
                text("SELECT id FROM households ORDER BY local_id LIMIT 1")
            ).scalar_one()
            author = session.execute(text("SELECT DISTINCT created_by FROM beneficiaries")).all()
        household = services.households.get(household_id)
        head = services.beneficiaries.get(household.head_id)
        children = [m for m in household.members if m.relationship in ("son", "daughter")]
        for child in children:
            view = services.beneficiaries.get(child.beneficiary_id)
            assert (view.father_name, view.family_name) == (head.first_name, head.family_name)
        admin = next(u for u in services.accounts.list_users() if u.username == "admin")
        assert author == [(admin.id,)]
        assert services.ctx.user is None  # seeding does not log anyone in
        assert services.beneficiaries.search(head.first_name + " " + head.father_name)
    finally:
        services.close()


def test_everything_a_demo_branch_stores_is_storable_at_hq(tmp_path: Path) -> None:
    """Demo people, households, accounts and a year of cases: no control character, no text
    over its column, no integer over 2**31 - 1, and every household valid as if typed."""
    services = _fresh_demo_branch(tmp_path / "demo", people=120)
    try:
        with services.ctx.db.read() as session:
            assert _count(services, "SELECT count(*) FROM case_events") > 0
            for table in Base.metadata.sorted_tables:
                for row in session.execute(table.select()).mappings():
                    for column in table.columns:
                        value = row[column.name]
                        if isinstance(value, str):
                            assert not has_control(value), (table.name, column.name, value)
                            width = getattr(column.type, "length", None)
                            assert width is None or len(value) <= width, (table.name, column.name)
                        elif isinstance(value, int):
                            assert -(2**31) <= value < 2**31, (table.name, column.name)
            households = session.execute(
                text("SELECT head_id, municipality_code, address, housing_type, "
                     "monthly_income_dirhams, notes FROM households")
            ).all()  # fmt: skip
        codes = services.reference.municipality_codes()
        for head, municipality, address, housing, income, notes in households:
            draft = HouseholdDraft(
                head_id=head,
                municipality_code=municipality or "",
                address=address,
                housing_type=housing or "",
                monthly_income="" if income is None else f"{income / 1000:.3f}",
                notes=notes,
            )
            assert validate_household(draft, codes).monthly_income_dirhams == income
    finally:
        services.close()


def test_demo_data_after_the_first_start_seeding_continues_the_sequence(
    services: AppServices,
) -> None:
    assert services.ctx.user is None
    assert seed_demo_people(services, 30) == 30
    _login_admin(services)
    assert add_demo_people(services, 30) == 30
    assert _count(services, "SELECT count(*) FROM beneficiaries") == 60
    assert (
        _count(
            services,
            "SELECT count(*) - count(DISTINCT number) FROM "
            "beneficiary_identifiers WHERE id_type = 'national_number'",
        )
        == 0
    )
