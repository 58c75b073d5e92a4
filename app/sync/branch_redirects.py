"""At a branch: HQ's "redirect" answer lines. HQ merged a record of this branch into another
branch's record of the same person (app.hq.merges): opening the retired record opens the
survivor, and the person search shows the person once. An undone merge takes the redirect
away, and the survivor's branch forgets the rows it held only through the merge (documents and
phones of the other branch's record: never a row of its own, never one with a change of its
own still on the way to HQ).

The answer is signed by HQ, but a line is still checked before it is stored: a line of the
wrong shape is skipped, never written half.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from app.db import search_index
from app.db.clock import utcnow
from app.db.models import BeneficiaryRow, IdentifierRow, OutboxRow, PhoneRow
from app.db.registry_models import PersonRedirectRow

MAX_FORGET = 1000
CHUNK = 500
_FORGETTABLE: dict[str, Table] = {
    m.__tablename__: m.__table__  # type: ignore[misc]
    for m in (IdentifierRow, PhoneRow)
}


def _text(value: object, limit: int) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= limit else None


def apply_redirect(session: Session, line: dict[str, Any], branch: str, people: set[str]) -> bool:
    """Store or withdraw one redirect; False for a line of the wrong shape (nothing changed).
    `people` gets the records whose search entry must be redone."""
    merge = line.get("merge")
    retired = _text(line.get("retired"), 36)
    survivor = _text(line.get("survivor"), 36)
    survivor_branch = _text(line.get("survivor_branch"), 16)
    status = line.get("status")
    forget = line.get("forget", [])
    if (
        not isinstance(merge, int) or isinstance(merge, bool) or not 0 < merge < 2**31
        or retired is None or survivor is None or survivor_branch is None
        or status not in ("active", "undone")
        or not isinstance(forget, list) or len(forget) > MAX_FORGET
    ):  # fmt: skip
        return False
    people.update((retired, survivor))
    if status == "active":
        session.merge(
            PersonRedirectRow(
                retired_id=retired, survivor_id=survivor, survivor_branch=survivor_branch,
                merge_id=merge, received_at=utcnow(),
            )
        )  # fmt: skip
        return True
    session.execute(
        delete(PersonRedirectRow).where(
            PersonRedirectRow.retired_id == retired, PersonRedirectRow.merge_id == merge
        )
    )
    for item in forget:
        if isinstance(item, list) and len(item) == 2:
            _forget(session, str(item[0]), item[1], branch)
    return True


def _forget(session: Session, name: str, row_id: object, branch: str) -> None:
    table = _FORGETTABLE.get(name)
    if table is None or _text(row_id, 36) is None:
        return
    owner = session.scalar(select(table.c.origin_branch).where(table.c.id == row_id))
    pending = session.scalar(
        select(OutboxRow.seq).where(OutboxRow.table_name == name, OutboxRow.row_id == row_id)
    )
    if owner is None or owner == branch or pending is not None:
        return
    session.execute(delete(table).where(table.c.id == row_id))


def retired_people(session: Session, people: set[str]) -> set[str]:
    """Of these records, those HQ merged into another (they leave the person search)."""
    ordered = sorted(people)
    found: set[str] = set()
    for start in range(0, len(ordered), CHUNK):
        found.update(
            session.scalars(
                select(PersonRedirectRow.retired_id).where(
                    PersonRedirectRow.retired_id.in_(ordered[start : start + CHUNK])
                )
            )
        )
    return found


def drop_from_search(session: Session, retired: set[str]) -> None:
    ordered = sorted(retired)
    for start in range(0, len(ordered), CHUNK):
        for local_id in session.scalars(
            select(BeneficiaryRow.local_id).where(
                BeneficiaryRow.id.in_(ordered[start : start + CHUNK])
            )
        ):
            search_index.remove(session, local_id)


def survivor_of(session: Session, person_id: str) -> PersonRedirectRow | None:
    """The redirect of a record HQ merged into another, if the survivor is here to open."""
    redirect = session.get(PersonRedirectRow, person_id)
    if redirect is None:
        return None
    here = session.scalar(
        select(BeneficiaryRow.id).where(
            BeneficiaryRow.id == redirect.survivor_id, BeneficiaryRow.deleted_at.is_(None)
        )
    )
    return redirect if here is not None else None
