"""Branch figures on people: how many beneficiaries by sex, by age band and by municipality,
each with how many of them have an open case. Aggregated in SQL (GROUP BY), never by loading
the people.

- registered: the beneficiaries of the branch's registry (tombstoned ones left out);
- with an open case: those of them with at least one case new, in assessment, plan or
  follow-up (a person with two open cases counts once);
- age: whole years on `today` (the day the figures are asked); the bands are 0-5, 6-17,
  18-59 and 60 and over (AGE_BANDS);
- municipality: the person's municipality; "" for people whose municipality is not given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from sqlalchemy import ColumnElement, case, exists, func, select
from sqlalchemy.orm import Session

from app.db.case_models import CaseRow
from app.db.models import BeneficiaryRow, MunicipalityRow
from app.services.worklist_dto import OPEN

# (key, first age, last age or None): whole years.
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-5", 0, 5),
    ("6-17", 6, 17),
    ("18-59", 18, 59),
    ("60+", 60, None),
)


@dataclass(frozen=True, slots=True)
class PeopleCount:
    """One group: its key (a sex "M"/"F", an age band "6-17", a municipality code) and its
    name where it has one (municipalities)."""

    key: str
    name_ar: str
    name_en: str
    registered: int
    with_open_case: int


@dataclass(frozen=True, slots=True)
class PeopleFigures:
    today: date
    registered: int
    with_open_case: int
    by_sex: tuple[PeopleCount, ...]  # M, F
    by_age: tuple[PeopleCount, ...]  # every band of AGE_BANDS, zeros included
    by_municipality: tuple[PeopleCount, ...]  # the most people first; "" (not given) last


def years_before(day: date, years: int) -> date:
    """The same day `years` years earlier (29 February: the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_band(today: date) -> ColumnElement[Any]:
    """The age band of a person, from the birth date (aged n or more: born on or before the
    day n years ago)."""
    whens = [
        (BeneficiaryRow.birth_date > years_before(today, first_next), key)
        for (key, _first, _last), (_k, first_next, _l) in pairwise(AGE_BANDS)
    ]
    return case(*whens, else_=AGE_BANDS[-1][0])


def _has_open_case() -> ColumnElement[bool]:
    return exists().where(
        CaseRow.beneficiary_id == BeneficiaryRow.id,
        CaseRow.status.in_(OPEN),
        CaseRow.deleted_at.is_(None),
    )


def _grouped(session: Session, group: Any) -> dict[str, tuple[int, int]]:
    label = group.label("grp")
    rows = session.execute(
        select(label, func.count(), func.count().filter(_has_open_case()))
        .where(BeneficiaryRow.deleted_at.is_(None))
        .group_by(label)
    )
    return {(key or ""): (registered, opened) for key, registered, opened in rows}


def people_figures(session: Session, today: date) -> PeopleFigures:
    sexes = _grouped(session, BeneficiaryRow.sex)
    ages = _grouped(session, age_band(today))
    places = _grouped(session, BeneficiaryRow.municipality_code)
    names = {
        r.code: (r.name_ar, r.name_en)
        for r in session.scalars(select(MunicipalityRow).where(MunicipalityRow.code.in_(places)))
    }

    def count(key: str, found: dict[str, tuple[int, int]], name: tuple[str, str]) -> PeopleCount:
        registered, opened = found.get(key, (0, 0))
        return PeopleCount(key, name[0], name[1], registered, opened)

    municipalities = sorted(places, key=lambda c: (c == "", -places[c][0], names.get(c, ("",))[0]))
    return PeopleFigures(
        today=today,
        registered=sum(v[0] for v in sexes.values()),
        with_open_case=sum(v[1] for v in sexes.values()),
        by_sex=tuple(count(s, sexes, ("", "")) for s in ("M", "F")),
        by_age=tuple(count(band[0], ages, ("", "")) for band in AGE_BANDS),
        by_municipality=tuple(count(c, places, names.get(c, ("", ""))) for c in municipalities),
    )
