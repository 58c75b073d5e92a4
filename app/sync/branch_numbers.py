"""Branch side: a person number HQ sends back that one of this branch's new people holds.

HQ never holds two people with one number, so such a collision at a branch is with a person
HQ does not have yet: one registered at a branch restored from an old copy, numbered before
HQ's fork answer brought back the people the copy had lost (docs/sync-protocol.md, "Forks").
HQ would refuse that person's insert (`person_number`). The branch gives them the next free
number instead, in the row and in the insert waiting in the outbox, before HQ's row goes in:
their number was never accepted anywhere, so nothing printed with it is known to HQ.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db.capture import changes_json
from app.db.models import BeneficiaryRow, OutboxRow
from app.db.person_numbers import next_person_number


def make_room(session: Session, incoming: dict[str, Any]) -> tuple[str, str] | None:
    """Before HQ's person `incoming` is written: clear its number from the other person
    holding it, if any; (their id, their branch) for `renumber`, or None."""
    number, row_id = incoming.get("person_number"), incoming.get("id")
    if not isinstance(number, str):
        return None
    holder = session.execute(
        select(BeneficiaryRow.id, BeneficiaryRow.origin_branch).where(
            BeneficiaryRow.person_number == number, BeneficiaryRow.id != row_id
        )
    ).first()
    if holder is None:
        return None
    # Out of the way first, so the counter sees HQ's number as used once it is written.
    session.execute(
        update(BeneficiaryRow).where(BeneficiaryRow.id == holder.id).values(person_number=None)
    )
    return str(holder.id), str(holder.origin_branch)


def renumber(session: Session, cleared: tuple[str, str]) -> str:
    """Give the person `make_room` cleared their new number (once HQ's row is in): in the
    row and in the insert waiting in the outbox. The new number."""
    person_id, branch = cleared
    number = next_person_number(session, branch)
    session.execute(
        update(BeneficiaryRow).where(BeneficiaryRow.id == person_id).values(person_number=number)
    )
    for line in session.scalars(
        select(OutboxRow).where(
            OutboxRow.table_name == "beneficiaries", OutboxRow.row_id == person_id
        )
    ):
        changes = json.loads(line.changes)
        if "person_number" in changes:
            changes["person_number"] = [changes["person_number"][0], number]
            line.changes = changes_json(changes)
    return number
