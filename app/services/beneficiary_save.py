"""The write step of a registration: one new person, saved in a few driver statements.

`save_new_person` stores what `app.services.beneficiaries.insert_person` (the ORM path, with
change capture) stores — the person, identifier and phone rows, their outbox lines, the search
index row, the audit entry and its outbox line — through the bulk writer (`app.db.bulk`, whose
rows and outbox lines are those of the ORM path, checked by tests) and the audit log's driver
path, and answers with the saved person built from what was written, not read back. The ORM's
flushes, change-capture inspection and re-reads cost a registration ten times the SQL itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.db import bulk
from app.db.audit import append_audit_entry
from app.db.capture import Actor
from app.db.engine import driver_cursor
from app.db.models import DuplicateDecisionRow
from app.db.name_keys import DirectKeys
from app.domain.beneficiary import BeneficiaryData, Identifier
from app.services.dto import BeneficiaryView, DuplicateCandidate, IdentifierView


def save_new_person(
    session: Session,
    actor: Actor,
    data: BeneficiaryData,
    decided: Sequence[DuplicateCandidate] = (),
) -> BeneficiaryView:
    """Write a validated new person in the caller's unit of work; the person as saved."""
    written = bulk.write_people(session, [data], actor, keys=DirectKeys())
    (person_id,) = written.ids
    if decided:  # a worker said "different person": recorded like every change (captured)
        session.add_all(
            DuplicateDecisionRow(
                beneficiary_id=person_id,
                other_id=c.id,
                decision="different_person",
                score=round(c.score),
            )
            for c in decided
        )
    cursor = driver_cursor(session)  # flushes the decisions first, as the ORM path does
    append_audit_entry(
        cursor,
        "beneficiary.create",
        user_id=actor.user_id,
        entity="beneficiary",
        entity_id=person_id,
    )
    return BeneficiaryView(
        id=person_id,
        person_number=written.person_numbers[0],
        first_name=data.first_name,
        father_name=data.father_name,
        grandfather_name=data.grandfather_name,
        family_name=data.family_name,
        mother_name=data.mother_name,
        latin_name=data.latin_name,
        sex=data.sex.value,
        birth_date=data.birth_date,
        birth_date_estimated=data.birth_date_estimated,
        # In the order the rows were written (by type, then number), as a re-read gives them.
        identifiers=tuple(
            IdentifierView(i.type.value, i.number) for i in sorted(data.identifiers, key=_order)
        ),
        nationality=data.nationality,
        municipality_code=data.municipality_code,
        address=data.address,
        phones=data.phones,
        marital_status=data.marital_status.value if data.marital_status else None,
        disability_type=data.disability_type.value,
        disability_degree=data.disability_degree.value if data.disability_degree else None,
        displacement_status=data.displacement_status.value,
        monthly_income_dirhams=data.monthly_income_dirhams,
        notes=data.notes,
        household_id=None,
        household_relationship=None,
        origin_branch=actor.branch_code,
        row_version=1,
        created_at=written.at,
        updated_at=written.at,
    )


def _order(ident: Identifier) -> tuple[str, str]:
    return (ident.type.value, ident.number)
