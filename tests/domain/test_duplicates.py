"""Duplicate scoring (app.domain.duplicates)."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.arabic import normalize_arabic
from app.domain.duplicates import (
    LIKELY_DUPLICATE_SCORE,
    PersonKey,
    date_closeness,
    is_likely_duplicate,
    match_score,
    name_key,
)
from app.domain.people import Sex

BORN = date(1985, 3, 15)


def key(
    name: tuple[str, str, str, str] = ("أحمد", "عبدالله", "مصطفى", "الورفلي"),
    mother: str = "فاطمة إبراهيم",
    born: date = BORN,
    sex: Sex = Sex.MALE,
) -> PersonKey:
    return PersonKey(name_key(*name), normalize_arabic(mother), born, sex)


def test_name_key_is_normalized_and_spacing_free() -> None:
    assert name_key("أحمد", "عبد الله", "مصطفي", "ورفلي") == name_key(
        "احمد", "عبدالله", "مُصطفى", "الورفلي"
    )
    assert name_key("أحمد", "عبدالله", "مصطفى", "الورفلي") == "احمد عبدالله مصطفي ورفلي"


def test_same_person_scores_100() -> None:
    assert match_score(key(), key()) == 100.0


def test_spelling_variants_score_100() -> None:
    variant = key(("احمد", "عبد الله", "مصطفي", "ورفلي"), mother="فاطمه ابراهيم")
    assert match_score(key(), variant) == 100.0


@pytest.mark.parametrize(
    "other",
    [
        key(sex=Sex.FEMALE),
        key(born=date(1986, 3, 15)),
        key(born=date(1984, 12, 31)),
    ],
)
def test_different_sex_or_birth_year_is_never_a_candidate(other: PersonKey) -> None:
    assert match_score(key(), other) == 0.0
    assert not is_likely_duplicate(match_score(key(), other))


@pytest.mark.parametrize(
    "other",
    [
        key(born=date(1985, 3, 16)),  # one day off
        key(born=date(1985, 8, 15)),  # same day of another month
        key(born=date(1985, 9, 20)),  # same year, far apart: name and mother carry it
        key(("احمد", "عبدالله", "مصطفى", "الورفلى")),
        key(("أحمد", "عبدالله", "مصطفى", "ورفل")),  # one letter dropped
        key(mother=""),  # mother unknown
    ],
)
def test_likely_duplicates(other: PersonKey) -> None:
    score = match_score(key(), other)
    assert is_likely_duplicate(score), score
    assert score == match_score(other, key())  # symmetric


@pytest.mark.parametrize(
    "other",
    [
        key(("محمد", "علي", "سالم", "التاجوري")),  # someone else, same sex and birth date
        key(("أحمد", "عبدالله", "مصطفى", "الورفلي"), mother="خديجة سالم", born=date(1985, 9, 20)),
        key(("أحمد", "محمد", "علي", "الورفلي"), mother="خديجة سالم"),  # brothers' sons
    ],
)
def test_not_likely(other: PersonKey) -> None:
    assert not is_likely_duplicate(match_score(key(), other))


def test_closer_evidence_scores_higher() -> None:
    same_day = match_score(key(), key(mother="فاطمة علي"))
    other_day = match_score(key(), key(mother="فاطمة علي", born=date(1985, 9, 20)))
    assert same_day > other_day


@pytest.mark.parametrize(
    ("a", "b", "score"),
    [
        (BORN, BORN, 100.0),
        (date(1985, 3, 4), date(1985, 4, 3), 90.0),  # day and month swapped
        (date(1985, 3, 15), date(1985, 3, 1), 70.0),  # same month
        (date(1985, 3, 15), date(1985, 7, 15), 70.0),  # same day of month
        (date(1985, 3, 30), date(1985, 4, 20), 60.0),  # within a month
        (date(1985, 1, 2), date(1985, 11, 20), 30.0),
        (date(1985, 12, 31), date(1986, 1, 1), 0.0),  # another year
    ],
)
def test_date_closeness(a: date, b: date, score: float) -> None:
    assert date_closeness(a, b) == score
    assert date_closeness(b, a) == score


def test_threshold() -> None:
    assert is_likely_duplicate(LIKELY_DUPLICATE_SCORE)
    assert not is_likely_duplicate(LIKELY_DUPLICATE_SCORE - 0.01)
