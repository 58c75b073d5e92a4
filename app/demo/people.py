"""Deterministic, realistic demo beneficiaries: who they are (writing them: `app.demo.register`).

People are drawn from Libyan name lists (`app.demo.names`) with the spelling variation
that real registers contain (أحمد/احمد, فاطمة/فاطمه, عبد الله/عبدالله, مصطفى/مصطفي, harakat),
a plausible age pyramid, national numbers consistent with sex and birth year (Law 8/2014) and
unique per seed, Libyan mobile numbers, municipalities weighted towards the big cities.

Person number `i` of a seed is always the same person (given the same `today` and municipality
list), whether the sequence is started at 0 or at `i`: people are made in blocks, each with its
own seeded random generator.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import islice

from app.demo import names as demo_names
from app.demo.latin_names import latin_name
from app.domain.beneficiary import (
    BeneficiaryData,
    DisabilityDegree,
    DisabilityType,
    DisplacementStatus,
    Identifier,
    IdentifierType,
    MaritalStatus,
)
from app.domain.people import Sex

_BLOCK = 1024  # people per RNG seeding: person i is found without generating 0..i-1
TABLE_BITS = 13

# Municipality weights (rough population shares); every other municipality weighs 1.
_CITY_WEIGHTS = {
    "LY021104": 40,
    "LY021101": 25,
    "LY021102": 18,
    "LY021103": 15,
    "LY021105": 20,
    "LY021106": 10,
    "LY021206": 12,
    "LY010304": 45,
    "LY021401": 25,
    "LY021301": 15,
    "LY031901": 10,
    "LY021402": 10,
    "LY010504": 9,
    "LY010602": 8,
    "LY010403": 7,
    "LY020803": 7,
    "LY021001": 7,
    "LY021606": 7,
    "LY010102": 6,
    "LY010202": 5,
    "LY021503": 5,
    "LY021502": 4,
    "LY021404": 4,
    "LY021005": 4,
}
_MOBILE_PREFIXES = ("91", "92", "94", "95")
_FOREIGN = ("EG", "SD", "TN", "TD", "NE", "SY", "PS")
_DISABILITIES = (
    DisabilityType.PHYSICAL,
    DisabilityType.PHYSICAL,
    DisabilityType.PHYSICAL,
    DisabilityType.VISUAL,
    DisabilityType.HEARING,
    DisabilityType.SPEECH,
    DisabilityType.INTELLECTUAL,
    DisabilityType.PSYCHOSOCIAL,
    DisabilityType.MULTIPLE,
)
_DEGREES = tuple(DisabilityDegree)
_VOWELLED = {
    "محمد": "مُحَمَّد",
    "أحمد": "أَحْمَد",
    "علي": "عَلِيّ",
    "فاطمة": "فَاطِمَة",
    "عمر": "عُمَر",
    "مريم": "مَرْيَم",
    "خديجة": "خَدِيجَة",
    "حسن": "حَسَن",
}


def vary_spelling(name: str, rng: random.Random) -> str:
    """One of the ways people really write `name` (every one normalizes to the same key)."""
    if name in _VOWELLED and rng.random() < 0.05:
        return _VOWELLED[name]
    if rng.random() < 0.3:
        name = name.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    if name.startswith(("عبد ال", "أبو ", "ابو ", "نور ال", "عز ال")) and rng.random() < 0.4:
        name = name.replace(" ", "", 1)
    if name.endswith("ة") and rng.random() < 0.2:
        name = name[:-1] + "ه"
    if name.endswith("ى") and rng.random() < 0.35:
        name = name[:-1] + "ي"
    if rng.random() < 0.01:
        name = name[0] + "َ" + name[1:]  # a stray fatha
    return name


def _weighted_table(
    items: Sequence[str], weights: Sequence[float], vary: bool, rng: random.Random
) -> tuple[str, ...]:
    """2**TABLE_BITS entries, each item as often as its weight: picking is one getrandbits."""
    cumulative: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    size = 1 << TABLE_BITS
    table = []
    for j in range(size):
        item = items[min(bisect(cumulative, (j + 0.5) / size * total), len(items) - 1)]
        table.append(vary_spelling(item, rng) if vary else item)
    return tuple(table)


@dataclass(frozen=True, slots=True)
class _Tables:
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    ages: tuple[int, ...]
    addresses: tuple[str, ...]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    rng = random.Random("sanad demo spelling")
    male = demo_names.MALE_FIRST_NAMES
    female = demo_names.FEMALE_FIRST_NAMES
    family = demo_names.FAMILY_NAMES
    ages = list(range(96))
    # A young population: flat to 20, then thinning out to 95.
    age_weights = [1.0 if a < 20 else max(0.02, 1.0 - (a - 20) * 0.0125) for a in ages]
    return _Tables(
        male=_weighted_table(male, [1 / (i + 2) for i in range(len(male))], True, rng),
        female=_weighted_table(female, [1 / (i + 2) for i in range(len(female))], True, rng),
        family=_weighted_table(family, [1 / (i + 12) for i in range(len(family))], True, rng),
        ages=tuple(
            int(a) for a in _weighted_table([str(a) for a in ages], age_weights, False, rng)
        ),
        addresses=tuple(f"{n}، {s}" for n in demo_names.NEIGHBOURHOODS for s in demo_names.STREETS),
    )


def _municipality_table(codes: Collection[str] | None) -> tuple[str, ...]:
    chosen = sorted(codes) if codes is not None else sorted(_CITY_WEIGHTS)
    if not chosen:
        return ("",)
    return _weighted_table(
        chosen, [_CITY_WEIGHTS.get(c, 1) for c in chosen], False, random.Random(0)
    )


def national_number(seed: int, index: int, sex: Sex, year: int) -> str:
    """Digit 1 the sex, 2-5 the birth year, 6-12 a serial unique per (seed, index < 10**7)."""
    serial = (index * 2654435761 + seed * 40503) % 10_000_000  # a bijection of index mod 10**7
    return f"{1 if sex is Sex.MALE else 2}{year:04d}{serial:07d}"


class PersonMaker:
    """Makes person `index` of a seed from an RNG positioned for it."""

    def __init__(self, seed: int, today: date, codes: Collection[str] | None) -> None:
        self.seed = seed
        self.today = today
        self.today_ordinal = today.toordinal()
        self.t = _tables()
        self.municipalities = _municipality_table(codes)

    def person(
        self,
        rng: random.Random,
        index: int,
        *,
        sex: Sex | None = None,
        age: int | None = None,
        names: tuple[str, str, str, str] | None = None,
        mother: str | None = None,
        place: tuple[str | None, str] | None = None,
        marital: MaritalStatus | None = None,
    ) -> BeneficiaryData:
        r = rng.random
        bits = rng.getrandbits
        t = self.t
        if sex is None:
            sex = Sex.MALE if r() < 0.5 else Sex.FEMALE
        male = sex is Sex.MALE
        if names is None:
            first = (t.male if male else t.female)[bits(TABLE_BITS)]
            names = (
                first,
                t.male[bits(TABLE_BITS)],
                t.male[bits(TABLE_BITS)],
                t.family[bits(TABLE_BITS)],
            )
        if mother is None:
            mother = f"{t.female[bits(TABLE_BITS)]} {t.family[bits(TABLE_BITS)]}"
        if age is None:
            age = t.ages[bits(TABLE_BITS)]
        born = date.fromordinal(self.today_ordinal - age * 365 - int(r() * 365))
        if born > self.today:  # pragma: no cover - age 0 is at most 364 days back
            born = self.today
        libyan = r() >= 0.03
        identifiers: list[Identifier] = []
        if libyan:
            nationality = "LY"
            if r() < 0.95:
                identifiers.append(
                    Identifier(
                        IdentifierType.NATIONAL_NUMBER,
                        national_number(self.seed, index, sex, born.year),
                    )
                )
            if age >= 18 and r() < 0.1:
                identifiers.append(
                    Identifier(IdentifierType.FAMILY_BOOKLET, str(100000 + int(r() * 900000)))
                )
        else:
            nationality = _FOREIGN[int(r() * len(_FOREIGN))]
            identifiers.append(
                Identifier(
                    IdentifierType.PASSPORT, f"{nationality}{10000000 + int(r() * 89999999)}"
                )
            )
        phones: tuple[str, ...] = ()
        if age >= 18 and r() < 0.85:
            phones = (self._mobile(r),) if r() >= 0.1 else (self._mobile(r), self._mobile(r))
            if phones[-1] == phones[0] and len(phones) == 2:  # pragma: no cover - 1 in 10**7
                phones = phones[:1]
        if place is None:
            municipality = self.municipalities[bits(TABLE_BITS)] or None
            address = t.addresses[int(r() * len(t.addresses))] if r() < 0.7 else ""
        else:
            municipality, address = place
        if marital is None:
            marital = _marital(age, male, r())
        disability, degree = DisabilityType.NONE, None
        if r() < 0.04:
            disability = _DISABILITIES[int(r() * len(_DISABILITIES))]
            degree = _DEGREES[int(r() * len(_DEGREES))]
        u = r()
        displacement = (
            DisplacementStatus.DISPLACED
            if u < 0.08
            else DisplacementStatus.RETURNEE
            if u < 0.11
            else DisplacementStatus.RESIDENT
        )
        income = (250 + 50 * int(r() * 65)) * 1000 if age >= 18 and r() < 0.55 else None
        return BeneficiaryData(
            first_name=names[0],
            father_name=names[1],
            grandfather_name=names[2],
            family_name=names[3],
            mother_name=mother,
            # From the index, not the RNG: the rest of the demo stays as it was.
            latin_name=latin_name(self.seed, index, names[0], names[1], names[3]),
            sex=sex,
            birth_date=born,
            identifiers=tuple(identifiers),
            nationality=nationality,
            municipality_code=municipality,
            address=address,
            phones=phones,
            marital_status=marital,
            disability_type=disability,
            disability_degree=degree,
            displacement_status=displacement,
            monthly_income_dirhams=income,
            notes="",
        )

    @staticmethod
    def _mobile(r: Callable[[], float]) -> str:
        return f"+218{_MOBILE_PREFIXES[int(r() * 4)]}{int(r() * 10_000_000):07d}"


def _marital(age: int, male: bool, u: float) -> MaritalStatus | None:
    if age < 16:
        return None
    if age < 25:
        return MaritalStatus.SINGLE if u < (0.9 if male else 0.7) else MaritalStatus.MARRIED
    if age < 35:
        return (
            MaritalStatus.SINGLE
            if u < 0.4
            else MaritalStatus.MARRIED
            if u < 0.96
            else MaritalStatus.DIVORCED
        )
    if u < 0.06:
        return MaritalStatus.SINGLE
    if u < 0.1:
        return MaritalStatus.DIVORCED
    widowed = (0.05 if male else 0.12) + max(0, age - 55) * (0.004 if male else 0.012)
    return MaritalStatus.WIDOWED if u < 0.1 + widowed else MaritalStatus.MARRIED


def block_rng(seed: int, block: int) -> random.Random:
    return random.Random(seed * 1_000_003 + block)


def generate_people(
    count: int,
    seed: int = 2026,
    today: date | None = None,
    *,
    start: int = 0,
    municipality_codes: Collection[str] | None = None,
) -> Iterator[BeneficiaryData]:
    """People `start` .. `start + count - 1` of `seed`: the same seed gives the same people."""
    maker = PersonMaker(seed, today or date.today(), municipality_codes)
    return (person for _, person in islice(stream(maker, seed, start), max(0, count)))


def stream(maker: PersonMaker, seed: int, start: int) -> Iterator[tuple[int, BeneficiaryData]]:
    """(index, person) from `start` on, for ever."""
    index = start
    while True:
        block = index // _BLOCK
        rng = block_rng(seed, block)
        for i in range(block * _BLOCK, (block + 1) * _BLOCK):
            person = maker.person(rng, i)
            if i >= index:
                yield i, person
        index = (block + 1) * _BLOCK
