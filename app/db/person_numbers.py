"""Giving a person their readable number (app.domain.person_numbers) at this branch.

Here in the data layer (not a service) because the bulk writer (app.db.bulk) numbers the
people it writes too; services call it inside their own transactions.

A local counter (`local_meta` "person_seq"), never below the highest number this branch's
rows have held: a branch restored from an old copy takes its lost people back from HQ
(app.sync.branch_recovery) and numbers on after them, and an old counter never hands out a
number its rows hold. That highest number is kept by triggers on `beneficiaries` as
`local_meta` "person_seq_used" (migration 0016), so giving a number reads two rows, never
the branch's numbers. Called inside the transaction that adds the person (registration, an
import, the demo seeder), so two desks never get the same number (the database has one writer).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.db.engine import driver_cursor
from app.domain.person_numbers import format_person_number

COUNTER_KEY = "person_seq"
USED_KEY = "person_seq_used"  # kept by the triggers of migration 0016

_READ = (
    "SELECT"
    " (SELECT value FROM local_meta WHERE key = 'person_seq'),"
    " (SELECT value FROM local_meta WHERE key = 'person_seq_used')"
)
_WRITE = (
    "INSERT INTO local_meta (key, value) VALUES ('person_seq', ?)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


def _number(value: object) -> int:
    return int(value) if isinstance(value, str) and value.isdigit() else 0


def highest_used(session: Session, branch: str) -> int:
    """The highest sequence of this branch's numbers its rows hold or have held (0 if none).

    `branch` is the branch of this database: the triggers keep the mark for its code.
    """
    del branch  # the triggers read the branch's code from local_meta
    return _number(driver_cursor(session).execute(_READ).fetchone()[1])


def next_person_numbers(session: Session, branch: str, count: int = 1) -> list[str]:
    """The next `count` numbers of `branch`, reserved at once (the counter moves past them)."""
    cursor = driver_cursor(session)  # a branch's SQLite file: two statements, no ORM
    counter, used = cursor.execute(_READ).fetchone()
    start = max(_number(counter), _number(used)) + 1
    cursor.execute(_WRITE, (str(start + count - 1),))
    return [format_person_number(branch, seq) for seq in range(start, start + count)]


def next_person_number(session: Session, branch: str) -> str:
    """The next `<branch>-P-<seq>` of this branch."""
    return next_person_numbers(session, branch, 1)[0]
