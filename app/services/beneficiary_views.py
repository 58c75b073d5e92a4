"""A person's rows as the plain views the desk gets (never ORM rows)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.db import beneficiary_repo as repo
from app.db.models import BeneficiaryRow
from app.services.dto import BeneficiaryView, DuplicateCandidate, IdentifierView, SearchHit


def candidate(
    row: BeneficiaryRow, national_number: str | None, score: float, *, exact: bool
) -> DuplicateCandidate:
    return DuplicateCandidate(
        id=row.id,
        person_number=row.person_number or "",
        full_name=" ".join(
            p for p in (row.first_name, row.father_name, row.grandfather_name, row.family_name) if p
        ),
        mother_name=row.mother_name,
        birth_date=row.birth_date,
        sex=row.sex,
        national_number=national_number,
        score=score,
        exact=exact,
    )


def candidate_of(row: repo.CandidateRow, score: float) -> DuplicateCandidate:
    """A likely duplicate (not an exact national-number match) from its plain row."""
    bid, number, first, father, grandfather, family, mother, born, sex, national = row
    return DuplicateCandidate(
        id=bid,
        person_number=number or "",
        full_name=" ".join(p for p in (first, father, grandfather, family) if p),
        mother_name=mother,
        birth_date=born,
        sex=sex,
        national_number=national,
        score=score,
        exact=False,
    )


def hit(row: repo.HitRow) -> SearchHit:
    (bid, first, father, grandfather, family, mother, sex, born, municipality, idents,
     phones, number, estimated) = row  # fmt: skip
    views = tuple(IdentifierView(t, n) for t, n in idents)
    return SearchHit(
        id=bid,
        first_name=first,
        father_name=father,
        grandfather_name=grandfather,
        family_name=family,
        mother_name=mother,
        sex=sex,
        birth_date=born,
        national_number=next((v.number for v in views if v.type == "national_number"), None),
        identifiers=views,
        phones=tuple(phones),
        municipality_code=municipality,
        person_number=number,
        birth_date_estimated=estimated,
    )


def view(session: Session, row: BeneficiaryRow) -> BeneficiaryView:
    idents = repo.identifiers_of(session, [row.id])[row.id]
    phones = repo.phones_of(session, [row.id])[row.id]
    return BeneficiaryView(
        id=row.id,
        person_number=row.person_number or "",
        first_name=row.first_name,
        father_name=row.father_name,
        grandfather_name=row.grandfather_name,
        family_name=row.family_name,
        mother_name=row.mother_name,
        latin_name=row.latin_name,
        sex=row.sex,
        birth_date=row.birth_date,
        birth_date_estimated=row.birth_date_estimated,
        identifiers=tuple(IdentifierView(i.id_type, i.number) for i in idents),
        nationality=row.nationality,
        municipality_code=row.municipality_code,
        address=row.address,
        phones=tuple(p.e164 for p in phones),
        marital_status=row.marital_status,
        disability_type=row.disability_type,
        disability_degree=row.disability_degree,
        displacement_status=row.displacement_status,
        monthly_income_dirhams=row.monthly_income_dirhams,
        notes=row.notes,
        household_id=row.household_id,
        household_relationship=row.household_relationship,
        origin_branch=row.origin_branch,
        row_version=row.row_version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
