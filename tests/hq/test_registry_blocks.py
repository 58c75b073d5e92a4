"""Which records sharing a birth date the registry match scores (`worth_scoring`): at national
scale a date is shared by a hundred strangers of each sex, so only those that also share the
name, the mother's name, or two of the name's first, second and last words are scored."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.arabic import normalize_arabic
from app.domain.duplicates import name_key
from app.hq.registry_matches import Person, worth_scoring

BORN = date(1990, 3, 7)


def record(names: tuple[str, str, str, str], mother: str, pid: str = "x") -> Person:
    return Person(pid, "BEN01", "M", BORN, name_key(*names), normalize_arabic(mother))


AHMED = record(("أحمد", "عبد الله", "مصطفى", "الورفلي"), "فاطمة إبراهيم", "a")


@pytest.mark.parametrize(
    ("names", "mother"),
    [
        (("احمد", "عبدالله", "مصطفي", "الورفلي"), "فاطمه ابراهيم"),  # folded alike: same key
        (("أحمد", "عبد الله", "مصطفى", "الورفلى"), "خديجة سالم"),  # a slip in the family name
        (("امحمد", "عبد الله", "مصطفى", "الورفلي"), "خديجة"),  # in the first name
        (("أحمد", "عبد الله", "مصطفا", "الورفلي"), "سالمة"),  # in the grandfather's
        (("سالم", "علي", "خليفة", "الزوي"), "فاطمة إبراهيم"),  # the same mother only
    ],
)
def test_a_record_differing_in_one_part_is_scored(
    names: tuple[str, str, str, str], mother: str
) -> None:
    assert worth_scoring(AHMED, record(names, mother))


@pytest.mark.parametrize(
    ("names", "mother"),
    [
        (("سالم", "علي", "خليفة", "الزوي"), "خديجة سالم"),  # a stranger born the same day
        (("أحمد", "علي", "خليفة", "الزوي"), "خديجة سالم"),  # who shares a first name
        (("سالم", "علي", "خليفة", "الورفلي"), "خديجة سالم"),  # or a family name
    ],
)
def test_a_stranger_sharing_only_the_date_is_not(
    names: tuple[str, str, str, str], mother: str
) -> None:
    assert not worth_scoring(AHMED, record(names, mother))
