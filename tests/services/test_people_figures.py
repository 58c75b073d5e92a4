"""Branch figures on people: beneficiaries by sex, age band (on the day asked) and
municipality, and how many of them have an open case, on a branch seeded here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.services.setup import AppServices
from tests.conftest import TODAY
from tests.services.case_desk import add_accounts, login, open_case, refused, request_closure
from tests.services.people import numbered

pytestmark = pytest.mark.db

TRIPOLI, MISRATA = "LY021104", "LY021401"

# (sex, birth date, municipality, case: None / "open" / "closing") as registered below.
# TODAY is 22/11/2026: born 22/11/2020 is 6 today, born 23/11/2020 still 5.
SEED = [
    ("M", date(2020, 11, 23), TRIPOLI, "open"),  # 5: 0-5
    ("F", date(2020, 11, 22), TRIPOLI, None),  # 6 today: 6-17
    ("F", date(2008, 11, 23), MISRATA, "open"),  # 17: 6-17
    ("M", date(2008, 11, 22), TRIPOLI, "closing"),  # 18 today: 18-59
    ("F", date(1966, 11, 23), "", "open"),  # 59: 18-59
    ("F", date(1966, 11, 22), MISRATA, None),  # 60 today: 60+
    ("M", date(1940, 1, 1), TRIPOLI, "open"),  # 86: 60+
]


FAMILIES = ["الورفلي", "الزاوي", "المصراتي", "البرعصي", "العبيدي", "الترهوني", "الفيتوري"]
MOTHERS = ["فاطمة", "عائشة", "مريم", "خديجة", "سعاد", "نجاة", "حليمة"]


@pytest.fixture
def seeded(services: AppServices) -> None:
    s = services
    add_accounts(s)
    login(s, "worker")
    for i, (sex, born, place, case) in enumerate(SEED):
        national = f"{1 if sex == 'M' else 2}{born.year}{i:07d}"  # sex and year agree
        draft = replace(
            numbered(i),
            sex=sex,
            birth_date=born,
            municipality_code=place,
            national_number=national,
            family_name=FAMILIES[i],
            mother_name=MOTHERS[i],
        )
        person = s.beneficiaries.register(draft).id
        if case:
            opened = open_case(s, person, date(2026, 10, 1))
            if i == 0:  # two open cases: the person counts once
                open_case(s, person, date(2026, 10, 2), "disability")
            if case == "closing":
                request_closure(s, opened.id, date(2026, 11, 1))


def counts(rows: tuple) -> dict[str, tuple[int, int]]:  # type: ignore[type-arg]
    return {r.key: (r.registered, r.with_open_case) for r in rows}


def test_people_by_sex_age_and_municipality(services: AppServices, seeded: None) -> None:
    login(services, "supervisor")
    figures = services.case_figures.people()
    assert figures.today == TODAY
    assert (figures.registered, figures.with_open_case) == (7, 4)
    assert counts(figures.by_sex) == {"M": (3, 2), "F": (4, 2)}
    assert counts(figures.by_age) == {
        "0-5": (1, 1),
        "6-17": (2, 1),
        "18-59": (2, 1),  # the one pending closure has no open case
        "60+": (2, 1),
    }
    assert [(r.key, r.registered, r.with_open_case) for r in figures.by_municipality] == [
        (TRIPOLI, 4, 2),
        (MISRATA, 2, 1),
        ("", 1, 1),  # not given: last
    ]
    assert figures.by_municipality[0].name_ar == "طرابلس المركز"


def test_people_figures_are_for_supervisors_and_auditors(
    services: AppServices, seeded: None
) -> None:
    login(services, "worker")
    refused(services.case_figures.people)
    login(services, "auditor")
    assert services.case_figures.people().registered == 7
