"""At a branch: HQ's "duplicate_flag" answer lines put a flag on a record (the same person is
registered at another branch too) or take it away (HQ dismissed the pair).

The answer is signed by HQ, but a line is still checked before it is stored: a line of the
wrong shape is skipped, never written half.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.db.clock import utcnow
from app.db.models import DuplicateFlagRow

MAX_MATCHED = 10


def _text(value: object, limit: int) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= limit else None


def apply_flag(session: Session, line: dict[str, Any]) -> bool:
    """Store or drop one flag; False for a line of the wrong shape (nothing changed)."""
    pair = line.get("pair")
    if not isinstance(pair, int) or isinstance(pair, bool) or not 0 < pair < 2**31:
        return False
    if line.get("status") != "open":
        session.execute(delete(DuplicateFlagRow).where(DuplicateFlagRow.pair_id == pair))
        return True
    person = _text(line.get("person"), 36)
    other_branch = _text(line.get("other_branch"), 16)
    other_person = _text(line.get("other_person"), 36)
    matched = line.get("matched")
    if (
        person is None or other_branch is None or other_person is None
        or not isinstance(matched, list) or len(matched) > MAX_MATCHED
        or not all(_text(m, 20) for m in matched)
    ):  # fmt: skip
        return False
    session.merge(
        DuplicateFlagRow(
            pair_id=pair, beneficiary_id=person, other_branch=other_branch,
            other_person=other_person, matched=",".join(matched), received_at=utcnow(),
        )
    )  # fmt: skip
    return True
