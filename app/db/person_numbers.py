"""Giving a person their readable number (app.domain.person_numbers) at this branch.

Here in the data layer (not a service) because the bulk writer (app.db.bulk) numbers the
people it writes too; services call it inside their own transactions.

A local counter (`local_meta` "person_seq"), never below the highest number this branch's
rows already hold: a branch restored from an old copy takes its lost people back from HQ
(app.sync.branch_recovery) and numbers on after them, and an old counter never hands out a
number its rows hold. Called inside the transaction that adds the person (registration, an
import, the demo seeder), so two desks never get the same number (the database has one writer).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import BeneficiaryRow, LocalMetaRow
from app.domain.person_numbers import format_person_number, person_number_prefix, sequence_of

COUNTER_KEY = "person_seq"


def highest_used(session: Session, branch: str) -> int:
    """The highest sequence among this branch's numbers its rows hold (0 if none)."""
    prefix = person_number_prefix(branch)
    # Longer is higher (a number past 999,999 has more digits), then by text.
    last = session.scalar(
        select(BeneficiaryRow.person_number)
        .where(BeneficiaryRow.person_number.like(f"{prefix}%"))
        .order_by(
            func.length(BeneficiaryRow.person_number).desc(),
            BeneficiaryRow.person_number.desc(),
        )
        .limit(1)
    )
    return (sequence_of(last, branch) or 0) if last else 0


def next_person_numbers(session: Session, branch: str, count: int = 1) -> list[str]:
    """The next `count` numbers of `branch`, reserved at once (the counter moves past them)."""
    meta = session.get(LocalMetaRow, COUNTER_KEY)
    counter = int(meta.value) if meta and meta.value.isdigit() else 0
    start = max(counter, highest_used(session, branch)) + 1
    session.merge(LocalMetaRow(key=COUNTER_KEY, value=str(start + count - 1)))
    return [format_person_number(branch, seq) for seq in range(start, start + count)]


def next_person_number(session: Session, branch: str) -> str:
    """The next `<branch>-P-<seq>` of this branch."""
    return next_person_numbers(session, branch, 1)[0]
