"""Is this the same person? Scoring of a new registration against existing ones.

A national number match is certain. Otherwise a *likely duplicate* has the same sex, a birth
date in the same year, and a score built from the normalized four-part name, the mother's name
and how close the birth dates are. Candidates are blocked by (sex, birth year) before scoring,
so the check never scans the whole registry; the scoring itself is this module's and nothing
else's (the benchmark compares the blocked search with a brute-force scan using this score).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from app.domain.arabic import normalize_arabic
from app.domain.people import Sex

LIKELY_DUPLICATE_SCORE = 82.0
NAME_WEIGHT = 0.6
MOTHER_WEIGHT = 0.25
DATE_WEIGHT = 0.15


@dataclass(frozen=True, slots=True)
class PersonKey:
    """The normalized facts that identify a person for matching."""

    name_key: str
    mother_key: str
    birth_date: date
    sex: Sex


# The widths of the stored keys (`beneficiaries.name_key`, `mother_key`). Normalizing can make a
# name longer (سليمن → سليمان, عبد رحمن → عبدالرحمن), so a name at its own limit could give a key
# past its column: a key is cut at its width, which loses nothing a match needs (the words past
# 250 / 60 letters weigh next to nothing in a score) and keeps HQ's columns from refusing it.
NAME_KEY_MAX_LENGTH = 250
MOTHER_KEY_MAX_LENGTH = 60


def name_key(first: str, father: str, grandfather: str, family: str) -> str:
    return normalize_arabic(f"{first} {father} {grandfather} {family}")[:NAME_KEY_MAX_LENGTH]


def mother_key(mother_name: str) -> str:
    return normalize_arabic(mother_name)[:MOTHER_KEY_MAX_LENGTH]


def date_closeness(a: date, b: date) -> float:
    """100 for the same date; partial credit for the usual clerical slips within a year."""
    if a == b:
        return 100.0
    if a.year != b.year:
        return 0.0
    if a.month == b.day and a.day == b.month:  # day and month swapped
        return 90.0
    if a.month == b.month or a.day == b.day:
        return 70.0
    if abs((a - b).days) <= 31:
        return 60.0
    return 30.0


def match_score(a: PersonKey, b: PersonKey) -> float:
    """0..100; LIKELY_DUPLICATE_SCORE and above is worth showing the worker."""
    if a.sex != b.sex or a.birth_date.year != b.birth_date.year:
        return 0.0
    name = fuzz.ratio(a.name_key, b.name_key)
    if a.mother_key and b.mother_key:
        mother = fuzz.token_sort_ratio(a.mother_key, b.mother_key)
    else:
        mother = 50.0  # unknown: neither evidence for nor against
    return round(
        NAME_WEIGHT * name
        + MOTHER_WEIGHT * mother
        + DATE_WEIGHT * date_closeness(a.birth_date, b.birth_date),
        2,
    )


def is_likely_duplicate(score: float) -> bool:
    return score >= LIKELY_DUPLICATE_SCORE
