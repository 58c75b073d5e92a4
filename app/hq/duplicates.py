"""The registry officer's duplicate pairs at HQ: list them, see one, dismiss one with a reason.

Pairs are found as batches arrive (app.hq.registry_matches). Showing a pair shows both records
side by side with what matched; dismissing says "two different people" and records who and
why; the pair stays dismissed until a value that matched changes. Confirming (the merge, with
its redirect sent to both branches) and undoing a merge are app.hq.merges; every decision is
recorded in HQ's decision log (app.hq.decisions) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.clock import utcnow
from app.db.models import BeneficiaryRow, IdentifierRow
from app.db.registry_models import HqMergeRow
from app.db.sync_models import HqDuplicatePairRow
from app.hq.decisions import record_decision
from app.hq.enrollment import HqError
from app.hq.flags import dispatch_flags
from app.hq.merges import MergeOutcome, confirm_pair, unmerge

STATUSES = ("open", "confirmed", "dismissed")
MIN_REASON = 5
MAX_REASON = 2000
MAX_LIST = 500

Sessions = Callable[[], AbstractContextManager[Session]]


@dataclass(frozen=True, slots=True)
class PairLine:
    """One line of the list: which records, where, how sure, what matched."""

    id: int
    status: str
    kind: str
    score: float
    matched: tuple[str, ...]
    person_a: str
    branch_a: str
    person_b: str
    branch_b: str
    found_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "status": self.status, "kind": self.kind, "score": self.score,
            "matched": list(self.matched), "person_a": self.person_a, "branch_a": self.branch_a,
            "person_b": self.person_b, "branch_b": self.branch_b,
            "found_at": self.found_at.isoformat(),
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Record:
    """One side of a pair as the officer compares it."""

    id: str
    branch: str
    full_name: str
    mother_name: str
    birth_date: date
    sex: str
    identifiers: tuple[tuple[str, str], ...]
    person_number: str = ""  # TRP01-P-000123, as the branch's desk shows and prints it

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "person_number": self.person_number, "branch": self.branch,
            "full_name": self.full_name,
            "mother_name": self.mother_name, "birth_date": self.birth_date.isoformat(),
            "sex": self.sex, "identifiers": [list(i) for i in self.identifiers],
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class PairDetail:
    line: PairLine
    a: Record | None  # None: the record was deleted since
    b: Record | None
    decided_at: datetime | None
    decided_by: str | None
    reason: str
    merge: int | None = None  # the newest merge of the pair (active or undone)
    merge_status: str | None = None
    survivor: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            **self.line.to_json(), "merge": self.merge, "merge_status": self.merge_status,
            "survivor": self.survivor,
            "a": self.a.to_json() if self.a else None,
            "b": self.b.to_json() if self.b else None,
            "decided_at": self.decided_at.isoformat() if self.decided_at else None,
            "decided_by": self.decided_by, "reason": self.reason,
        }  # fmt: skip


def _line(row: HqDuplicatePairRow) -> PairLine:
    return PairLine(
        row.id, row.status, row.kind, row.score, tuple(filter(None, row.matched.split(","))),
        row.person_a, row.branch_a, row.person_b, row.branch_b, row.found_at,
    )  # fmt: skip


def _record(session: Session, person_id: str) -> Record | None:
    row = session.get(BeneficiaryRow, person_id)
    if row is None or row.deleted_at is not None:
        return None
    identifiers = session.execute(
        select(IdentifierRow.id_type, IdentifierRow.number)
        .where(IdentifierRow.beneficiary_id == person_id, IdentifierRow.deleted_at.is_(None))
        .order_by(IdentifierRow.id_type, IdentifierRow.number)
    )
    name = " ".join((row.first_name, row.father_name, row.grandfather_name, row.family_name))
    return Record(
        row.id, row.origin_branch, name, row.mother_name, row.birth_date, row.sex,
        tuple((t, n) for t, n in identifiers), row.person_number or "",
    )  # fmt: skip


def _who_and_why(by: str, reason: str) -> tuple[str, str]:
    reason, by = (reason or "").strip(), (by or "").strip()
    if len(reason) < MIN_REASON or len(reason) > MAX_REASON:
        raise HqError("bad_reason", f"give a reason of {MIN_REASON} to {MAX_REASON} characters")
    if not by or len(by) > 60:
        raise HqError("bad_reason", "say who decides (1 to 60 characters)")
    return by, reason


class DuplicateDesk:
    """The duplicate-pair commands over HQ's database, each in one transaction."""

    def __init__(self, write: Sessions, read: Sessions) -> None:
        self._write = write
        self._read = read

    @classmethod
    def of(cls, service: Any) -> DuplicateDesk:
        """Over an `HqService`: its transactions (on SQLite they take the write lock first)."""
        return cls(service._write, service._read)

    def pairs(self, status: str | None = "open", limit: int = 100) -> list[PairLine]:
        """Newest first; `status` None for every pair."""
        if status is not None and status not in STATUSES:
            raise HqError("bad_status", f"unknown status {status!r}: one of {', '.join(STATUSES)}")
        query = select(HqDuplicatePairRow).order_by(HqDuplicatePairRow.id.desc())
        if status is not None:
            query = query.where(HqDuplicatePairRow.status == status)
        with self._read() as session:
            rows = session.scalars(query.limit(max(1, min(limit, MAX_LIST))))
            return [_line(r) for r in rows]

    def pair(self, pair_id: int) -> PairDetail:
        with self._read() as session:
            row = self._get(session, pair_id)
            merge = session.scalars(
                select(HqMergeRow)
                .where(HqMergeRow.pair_id == pair_id)
                .order_by(HqMergeRow.id.desc())
                .limit(1)
            ).first()
            return PairDetail(
                _line(row), _record(session, row.person_a), _record(session, row.person_b),
                row.decided_at, row.decided_by, row.reason,
                merge.id if merge else None, merge.status if merge else None,
                merge.survivor if merge else None,
            )  # fmt: skip

    def dismiss(self, pair_id: int, by: str, reason: str) -> PairLine:
        """Two different people: the pair stays dismissed until a matched value changes."""
        by, reason = _who_and_why(by, reason)
        with self._write() as session:
            row = self._get(session, pair_id)
            if row.status != "open":
                raise HqError(
                    "decided", f"pair {pair_id} is already {row.status}: nothing was changed"
                )
            row.status, row.decided_at, row.decided_by = "dismissed", utcnow(), by
            row.reason = reason
            row.version += 1  # both branches drop their flag at their next sync
            row.unsent = True
            line = _line(row)
            record_decision(
                session, by=by, action="dismiss", subject=f"pair {pair_id}", reason=reason,
                detail=line.to_json(),
            )  # fmt: skip
        dispatch_flags(self._write)
        return line

    def confirm(self, pair_id: int, by: str, reason: str, keep: str | None = None) -> MergeOutcome:
        """The same person: merge the two records (`keep` "a" or "b"; default the older)."""
        by, reason = _who_and_why(by, reason)
        if keep is not None and keep not in ("a", "b"):
            raise HqError("bad_keep", "--keep is a or b (the pair's first or second record)")
        with self._write() as session:
            outcome = confirm_pair(session, pair_id, keep, by, reason)
        dispatch_flags(self._write)
        return outcome

    def unmerge(self, merge_id: int, by: str, reason: str) -> MergeOutcome:
        """Undo a merge: the moved references go back, the pair is open again."""
        by, reason = _who_and_why(by, reason)
        with self._write() as session:
            outcome = unmerge(session, merge_id, by, reason)
        dispatch_flags(self._write)
        return outcome

    @staticmethod
    def _get(session: Session, pair_id: int) -> HqDuplicatePairRow:
        row = session.get(HqDuplicatePairRow, pair_id)
        if row is None:
            raise HqError("no_pair", f"no duplicate pair {pair_id}")
        return row
