"""How well a registered person answers one query of a list (`app.domain.list_queries`).

The score is 0-100 and comes with its reasons, short codes a script or the report reads:

- `national_number:equal` — the query's national number is the person's: 100, certain;
  `national_number:differs` — the person holds another one: at most 95, never certain;
- `person_number:equal` — a plain query that is the person's number (TRP01-P-000123): 100;
  `document:equal` — one of the person's document numbers (passport, family booklet…): 100;
  `phone:equal` — one of the person's phones: 90 (a household shares its phone);
- `name:N` — the name's likeness. With all four name parts in their own columns it is the
  intake duplicate check's (`app.domain.duplicates`: `fuzz.ratio` of the `name_key`s); with
  a free name (a plain line, a `name` column, some parts only) it rewards a query whose words
  are all in the person's name, in any order, then one that reads as the name from its first
  part, then the likeness of the whole (`free_name_score`);
- `mother:N` — the mother's name (token order free, as the duplicate check);
- `birth_date:N` — `date_closeness` of the duplicate check (0 in another year); a year alone
  scores 100 in the same year and 0 otherwise.

With a mother's name or a birth date the score is the duplicate check's weighted sum
(`NAME_WEIGHT`, `MOTHER_WEIGHT`, `DATE_WEIGHT`) over the fields the query has, so a row with
name, mother and birth date scores as the intake check would (the sex aside: lists seldom give
it). A plain line may be a mother's name (the search finds people by it): it scores the better
of the person's own name and 0.7 × the mother's name (so it ranks below the same words as a
person's own name, as the search's tiers do), `mother:N` saying when the mother's won. A last
word typed short (ربيعة القر) is read as the person's word it begins, as in the search box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from app.domain.arabic import normalize_arabic, to_western_digits
from app.domain.duplicates import DATE_WEIGHT, MOTHER_WEIGHT, NAME_WEIGHT, date_closeness, name_key
from app.domain.errors import DomainError
from app.domain.list_queries import ListQuery
from app.domain.people import normalize_phone

CERTAIN = 100
SAME_PHONE = 90
DIFFERENT_NUMBER_CAP = 95
# A plain line read as the mother's name ranks below the same words as the person's own name
# (as the search's tiers do): at most 70.
MOTHER_READING = 0.7


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the scoring needs of a registered person."""

    name_parts: tuple[str, str, str, str]
    mother_name: str
    birth_date: date
    national_number: str | None
    documents: tuple[str, ...] = ()  # every identifier's number (passport, family booklet...)
    phones: tuple[str, ...] = ()  # E.164


@dataclass(frozen=True, slots=True)
class Score:
    value: int
    reasons: tuple[str, ...]


def free_name_score(query_key: str, person_key: str) -> float:
    """A free name against a person's full name: every query word in it (any order) counts
    most; then the name read in order from its first part (محمد علي is محمد علي سالم before
    it is سالم محمد علي), then the likeness of the whole."""
    if not query_key or not person_key:
        return 0.0
    query_key = _complete_last_word(query_key, person_key)
    return (
        0.6 * fuzz.token_set_ratio(query_key, person_key)
        + 0.2 * fuzz.ratio(query_key, person_key[: len(query_key)])
        + 0.2 * fuzz.token_sort_ratio(query_key, person_key)
    )


def _complete_last_word(query_key: str, person_key: str) -> str:
    """A last word typed short (ربيعة القر) read as the person's word it begins, as the
    search box reads it."""
    words = query_key.split()
    theirs = person_key.split()
    if words[-1] not in theirs:
        longer = next((w for w in theirs if w.startswith(words[-1])), None)
        if longer is not None:
            words[-1] = longer
    return " ".join(words)


def _name(query: ListQuery, person: Candidate) -> float:
    person_key = name_key(*person.name_parts)
    if query.parts is not None:
        return fuzz.ratio(name_key(*query.parts), person_key)
    return free_name_score(normalize_arabic(query.name), person_key)


def _birth(query: ListQuery, born: date) -> float | None:
    if query.birth_date is not None:
        return date_closeness(query.birth_date, born)
    if query.birth_year is not None:
        return 100.0 if query.birth_year == born.year else 0.0
    return None


def _number_reason(text: str, person: Candidate) -> Score | None:
    """A plain line that is one of the person's document numbers (100) or phones (90: a
    household shares a phone)."""
    compact = re.sub(r"[\s\-().]", "", to_western_digits(text)).upper()
    if compact and compact in {d.upper() for d in person.documents}:
        return Score(CERTAIN, ("document:equal",))
    try:
        phone = normalize_phone(text)
    except DomainError:
        return None
    return Score(SAME_PHONE, ("phone:equal",)) if phone in person.phones else None


def score(query: ListQuery, person: Candidate, *, person_number_equal: bool = False) -> Score:
    """The person's score for `query`, with its reasons (see the module docstring)."""
    if query.name and not query.structured and any(c.isdigit() for c in query.name):
        found = _number_reason(query.name, person)
        if found is not None:
            return found
    reasons: list[str] = []
    parts: list[tuple[float, float]] = []  # (weight, score)
    if query.name:
        name = _name(query, person)
        parts.append((NAME_WEIGHT, name))
        reasons.append(f"name:{round(name)}")
    mother_key = normalize_arabic(person.mother_name)
    if query.mother_name:
        mother = fuzz.token_sort_ratio(normalize_arabic(query.mother_name), mother_key)
        parts.append((MOTHER_WEIGHT, mother))
        reasons.append(f"mother:{round(mother)}")
    birth = _birth(query, person.birth_date)
    if birth is not None:
        parts.append((DATE_WEIGHT, birth))
        reasons.append(f"birth_date:{round(birth)}")
    total = sum(w * s for w, s in parts) / sum(w for w, _ in parts) if parts else 0.0
    if query.name and not query.structured:  # a plain line: maybe the mother's name
        as_mother = MOTHER_READING * free_name_score(normalize_arabic(query.name), mother_key)
        if as_mother > total:
            total = as_mother
            reasons.append(f"mother:{round(as_mother)}")
    value = round(total)
    if query.national_number and person.national_number:
        if query.national_number == person.national_number:
            return Score(CERTAIN, ("national_number:equal", *reasons))
        value = min(value, DIFFERENT_NUMBER_CAP)
        reasons.insert(0, "national_number:differs")
    if person_number_equal:
        return Score(CERTAIN, ("person_number:equal",))
    return Score(value, tuple(reasons))
