"""Who is in a generated national registry (bench.registry_generator): families of Libyan
four-part names written the many ways people write them, and planted copies of people at a
second branch, each with the kind of difference that made it a copy.

Names come from `app.demo.names` (weighted like a Zipf law, so common names are shared by very
many people). Every name is *written* in one of the usual variants that normalize alike
(`app.demo.people.vary_spelling`: hamza on alef, ة/ه, ى/ي, "عبد ال…" joined or apart, stray
harakat), drawn afresh for each record. Siblings share father, grandfather, family name and
mother; twins share a birth date too (the realistic source of false likely matches).

A planted copy is the same person registered again at another branch:

| kind | national number | names | birth date |
|---|---|---|---|
| `exact_nn` | the same | written anew (variants) | the same |
| `spelling` | missing | written anew (variants) | the same |
| `typo` | missing | anew, and one part misspelled in a way normalization does not fold (ؤ/و, ئ/ي, a dropped ء or long vowel, ض/ظ, س/ص, ت/ط, ذ/ز, امحمد/محمد) | the same |
| `swapped` | missing | anew, one part misspelled half the time | day and month swapped |
| `day` | missing | written anew (variants) | another day of the same month |
| `typo_day` | missing | anew, one part misspelled | another day of the same month |

`typo_day` is beyond what the registry's blocks are built for (neither the date nor the
normalized name is the same): it shows what blocking loses against a brute-force comparison.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from app.demo import names as demo_names
from app.demo.people import national_number, vary_spelling
from app.domain.people import Sex

TABLE_BITS = 14
FORM_BITS = 3  # 8 written forms per canonical name
KINDS = ("exact_nn", "spelling", "typo", "swapped", "day", "typo_day")
# Shares of the kinds drawn (a swap needs a day ≤ 12, so about 4 in 10 falls back to
# `spelling`).
KIND_WEIGHTS = (0.25, 0.15, 0.15, 0.30, 0.10, 0.05)
_CONFUSED = {
    "ض": "ظ", "ظ": "ض", "س": "ص", "ص": "س", "ت": "ط", "ط": "ت", "ذ": "ز", "ز": "ذ",
    "ث": "ت", "ح": "ه", "ق": "ك", "ؤ": "و", "ئ": "ي",
}  # fmt: skip
_FIRST_STRIP = {"محمد": "امحمد", "امحمد": "محمد", "مبارك": "امبارك", "امباركة": "مباركة"}


@dataclass(frozen=True, slots=True)
class Person:
    """One record of the registry, as written at its branch (names as typed)."""

    sex: Sex
    born: date
    first: str
    father: str
    grandfather: str
    family: str
    mother: str
    national_number: str | None
    passport: str | None

    @property
    def parts(self) -> tuple[str, str, str, str]:
        return (self.first, self.father, self.grandfather, self.family)


@dataclass(frozen=True, slots=True)
class Canon:
    """A person's canonical names (indexes into the name lists) and facts: what copies are
    written from."""

    sex: Sex
    born: date
    first: int
    father: int
    grandfather: int
    family: int
    mother_first: int
    mother_family: int
    national_number: str | None
    passport: str | None


def _zipf(count: int, offset: int) -> tuple[int, ...]:
    """2**TABLE_BITS indexes into a list of `count`, index i weighing 1 / (i + offset)."""
    cumulative: list[float] = []
    total = 0.0
    for i in range(count):
        total += 1 / (i + offset)
        cumulative.append(total)
    size = 1 << TABLE_BITS
    return tuple(min(bisect(cumulative, (j + 0.5) / size * total), count - 1) for j in range(size))


def _forms(names: Sequence[str], rng: random.Random) -> tuple[tuple[str, ...], ...]:
    """Each name's 2**FORM_BITS written forms (the canonical one about half the time)."""
    return tuple(
        tuple(name if k % 2 == 0 else vary_spelling(name, rng) for k in range(1 << FORM_BITS))
        for name in names
    )


def misspell(word: str, rng: random.Random) -> str:
    """`word` with one slip that `normalize_arabic` does not fold (never the same key)."""
    if word in _FIRST_STRIP and rng.random() < 0.5:
        return _FIRST_STRIP[word]
    letters = list(word)
    spots = [i for i, ch in enumerate(letters) if ch in _CONFUSED]
    choice = rng.random()
    if word.endswith("ء") and choice < 0.5:
        return word[:-1]
    if spots and choice < 0.6:
        i = spots[rng.randrange(len(spots))]
        letters[i] = _CONFUSED[letters[i]]
        return "".join(letters)
    vowels = [i for i, ch in enumerate(letters) if ch in "اوي" and 0 < i < len(letters) - 1]
    if vowels and choice < 0.85:
        del letters[vowels[rng.randrange(len(vowels))]]
        return "".join(letters)
    i = rng.randrange(1, len(letters)) if len(letters) > 1 else 0
    return "".join([*letters[:i], letters[i - 1], *letters[i:]])  # a doubled letter


def swapped(day: date) -> date | None:
    if day.day > 12 or day.day == day.month:
        return None
    return date(day.year, day.day, day.month)


def other_day(day: date, rng: random.Random) -> date:
    """Another day of the same month and year, never the swap of `day`."""
    while True:
        d = rng.randint(1, 28)
        if d != day.day and swapped(day) != date(day.year, day.month, d):
            return date(day.year, day.month, d)


class PeopleMaker:
    """Deterministic people of one seed; write a Canon out as a Person with `written`."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.today = today.toordinal()
        spelling = random.Random(f"registry spelling {seed}")
        self.male = demo_names.MALE_FIRST_NAMES
        self.female = demo_names.FEMALE_FIRST_NAMES
        self.family = demo_names.FAMILY_NAMES
        self.male_forms = _forms(self.male, spelling)
        self.female_forms = _forms(self.female, spelling)
        self.family_forms = _forms(self.family, spelling)
        self.male_table = _zipf(len(self.male), 2)
        self.female_table = _zipf(len(self.female), 2)
        self.family_table = _zipf(len(self.family), 12)
        ages = list(range(96))
        weights = [1.0 if a < 20 else max(0.02, 1.0 - (a - 20) * 0.0125) for a in ages]
        total = sum(weights)
        cumulative = [sum(weights[: i + 1]) / total for i in ages]
        size = 1 << TABLE_BITS
        self.age_table = tuple(min(bisect(cumulative, (j + 0.5) / size), 95) for j in range(size))

    def family_of(self, index: int, size: int) -> list[Canon]:
        """`size` siblings (people `index` ..): one father's line, one mother, births two
        years or so apart, twins now and then. `index` makes the national numbers."""
        rng = self.rng
        bits = rng.getrandbits
        father = self.male_table[bits(TABLE_BITS)]
        grandfather = self.male_table[bits(TABLE_BITS)]
        family = self.family_table[bits(TABLE_BITS)]
        mother_first = self.female_table[bits(TABLE_BITS)]
        mother_family = self.family_table[bits(TABLE_BITS)]
        eldest = self.age_table[bits(TABLE_BITS)]
        out: list[Canon] = []
        born = self.today - eldest * 365 - rng.randrange(365)
        for k in range(size):
            if k and rng.random() >= 0.03:  # 3 % twins: the same birth date
                born += 300 + rng.randrange(900)
                if born > self.today:
                    break  # the family is complete
            sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
            first = (self.male_table if sex is Sex.MALE else self.female_table)[bits(TABLE_BITS)]
            day = date.fromordinal(born)
            libyan = rng.random() >= 0.03
            nn = (
                national_number(self.seed, index + k, sex, day.year)
                if libyan and rng.random() < 0.95
                else None
            )
            passport = None if libyan else f"EG{10000000 + rng.randrange(89999999)}"
            out.append(
                Canon(
                    sex, day, first, father, grandfather, family, mother_first, mother_family,
                    nn, passport,
                )
            )  # fmt: skip
        return out

    def written(self, c: Canon) -> Person:
        """The record as a clerk writes it: each name in one of its usual forms."""
        bits = self.rng.getrandbits
        firsts = self.male_forms if c.sex is Sex.MALE else self.female_forms
        return Person(
            c.sex,
            c.born,
            firsts[c.first][bits(FORM_BITS)],
            self.male_forms[c.father][bits(FORM_BITS)],
            self.male_forms[c.grandfather][bits(FORM_BITS)],
            self.family_forms[c.family][bits(FORM_BITS)],
            f"{self.female_forms[c.mother_first][bits(FORM_BITS)]} "
            f"{self.family_forms[c.mother_family][bits(FORM_BITS)]}",
            c.national_number,
            c.passport,
        )

    def pick_kind(self) -> str:
        u = self.rng.random()
        total = 0.0
        for kind, weight in zip(KINDS, KIND_WEIGHTS, strict=True):
            total += weight
            if u < total:
                return kind
        return KINDS[-1]

    def copy(self, c: Canon, kind: str) -> tuple[Person, str]:
        """The person registered again, differing as `kind` says; (record, kind) — `swapped`
        becomes `spelling` when the date cannot be swapped, `exact_nn` when there is no
        national number becomes `spelling` too."""
        rng = self.rng
        if kind == "exact_nn" and c.national_number is None:
            kind = "spelling"
        if kind == "swapped" and swapped(c.born) is None:
            kind = "spelling"
        person = self.written(c)
        born = c.born
        if kind == "swapped":
            born = swapped(c.born) or born
        elif kind in ("day", "typo_day"):
            born = other_day(c.born, rng)
        if kind in ("typo", "typo_day") or (kind == "swapped" and rng.random() < 0.5):
            person = self._misspelled(person)
        return (
            replace(
                person,
                born=born,
                national_number=c.national_number if kind == "exact_nn" else None,
                passport=c.passport if kind == "exact_nn" else None,
            ),
            kind,
        )

    def _misspelled(self, p: Person) -> Person:
        rng = self.rng
        which = rng.randrange(5)
        if which == 4:
            mother_first, _, mother_family = p.mother.partition(" ")
            return replace(p, mother=f"{misspell(mother_first, rng)} {mother_family}")
        parts = list(p.parts)
        # A compound ("عبد الله") is misspelled in its last word, as people do.
        head, _, last = parts[which].rpartition(" ")
        parts[which] = f"{head} {misspell(last, rng)}" if head else misspell(last, rng)
        first, father, grandfather, family = parts
        return replace(p, first=first, father=father, grandfather=grandfather, family=family)

    def family_size(self) -> int:
        u = self.rng.random()
        for size, share in ((1, 0.30), (2, 0.50), (3, 0.70), (4, 0.85), (5, 0.95)):
            if u < share:
                return size
        return 6


def batch_people(
    maker: PeopleMaker, targets: Sequence[tuple[str, Canon]], size: int, first_index: int
) -> list[dict[str, object]]:
    """`size` people for the new branch: copies of the registry people `targets` (id, canonical facts)
    (their kinds drawn as for the registry's own copies), the rest new families."""
    out: list[dict[str, object]] = []
    for identity, canon in targets[:size]:
        person, kind = maker.copy(canon, maker.pick_kind())
        out.append(_entry(person, kind, identity))
    index = first_index
    while len(out) < size:
        for canon in maker.family_of(index, maker.family_size()):
            index += 1
            if len(out) < size:
                out.append(_entry(maker.written(canon), None, None))
    random.Random(maker.seed + 2).shuffle(out)
    return out


def _entry(p: Person, kind: str | None, identity: str | None) -> dict[str, object]:
    return {
        "sex": p.sex.value, "born": p.born.isoformat(), "first": p.first, "father": p.father,
        "grandfather": p.grandfather, "family": p.family, "mother": p.mother,
        "national_number": p.national_number, "passport": p.passport, "kind": kind,
        "identity": identity,
    }  # fmt: skip
