"""Every decision an officer takes at HQ, kept append-only with who, why and when.

A decision (a duplicate pair confirmed or dismissed, a merge undone, a conflict decided,
reference data published, a staff account created or disabled) is recorded in the same
transaction as what it decides. Entries are numbered 1, 2, 3 … and each holds the SHA-256 of
the previous one, so a changed, removed or inserted entry breaks the chain (`verify_chain`).
Recording locks the chain's counter row, so two officers deciding at once on PostgreSQL get
consecutive entries, never two with the same predecessor.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.clock import utcnow
from app.db.registry_models import HqDecisionRow
from app.db.sync_models import HqCounterRow

ZERO = "0" * 64
_COUNTER = "decisions"


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    at: datetime
    by: str
    action: str
    subject: str
    reason: str
    detail: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "at": self.at.isoformat(timespec="seconds"), "by": self.by,
            "action": self.action, "subject": self.subject, "reason": self.reason,
            "detail": self.detail,
        }  # fmt: skip


def decision_hash(prev_hash: str, row: HqDecisionRow) -> str:
    canonical = json.dumps(
        [prev_hash, row.id, row.at.isoformat(timespec="microseconds"), row.by, row.action,
         row.subject, row.reason, row.detail],
        ensure_ascii=False, separators=(",", ":"),
    )  # fmt: skip
    return hashlib.sha256(canonical.encode()).hexdigest()


def record_decision(
    session: Session,
    *,
    by: str,
    action: str,
    subject: str,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> HqDecisionRow:
    """Append one decision in the caller's transaction."""
    counter = session.scalar(
        select(HqCounterRow).where(HqCounterRow.name == _COUNTER).with_for_update()
    )
    if counter is None:
        counter = HqCounterRow(name=_COUNTER, value=0)
        session.add(counter)
        session.flush()
    last = session.get(HqDecisionRow, counter.value) if counter.value else None
    counter.value += 1
    row = HqDecisionRow(
        id=counter.value, at=utcnow(), by=by[:60], action=action, subject=subject[:80],
        reason=reason, detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True),
        prev_hash=last.hash if last is not None else ZERO, hash="",
    )  # fmt: skip
    row.hash = decision_hash(row.prev_hash, row)
    session.add(row)
    session.flush()
    return row


def decisions(session: Session, subject: str | None = None, limit: int = 100) -> list[Decision]:
    """The newest decisions first (of one subject, e.g. "pair 3", if given)."""
    query = select(HqDecisionRow).order_by(HqDecisionRow.id.desc()).limit(limit)
    if subject is not None:
        query = query.where(HqDecisionRow.subject == subject)
    return [
        Decision(r.id, r.at, r.by, r.action, r.subject, r.reason, json.loads(r.detail))
        for r in session.scalars(query)
    ]


def verify_chain(session: Session) -> int | None:
    """The id of the first entry that does not follow from its predecessor, or None."""
    prev, expected = ZERO, 1
    for row in session.scalars(select(HqDecisionRow).order_by(HqDecisionRow.id)):
        if row.id != expected or row.prev_hash != prev or decision_hash(prev, row) != row.hash:
            return row.id
        prev, expected = row.hash, expected + 1
    return None
