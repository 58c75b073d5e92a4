"""Checking at HQ the audit chains the branches sent: every entry's hash, and each link.

A branch's entries arrive in its own order (the sequence of the changes that carried them).
Each entry's hash is recomputed from its content (`app.db.audit.entry_hash`) and its
`prev_hash` must be the hash of the entry before it. Entries made before the first one HQ
holds (a branch that kept an audit log before its entries travelled) are not here: the chain
starts from the first entry's own `prev_hash`. The first entry that fails is named.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.audit import GENESIS, entry_hash
from app.db.sync_models import HqAuditRow, HqBranchRow


class Break(StrEnum):
    HASH = "hash"  # the entry's content does not give its hash: it was changed
    LINK = "link"  # its prev_hash is not the hash before it: an entry removed or moved


@dataclass(frozen=True, slots=True)
class ChainReport:
    """One branch's chain as HQ holds it."""

    branch: str
    entries: int
    first_seq: int | None  # the branch's sequence of the first entry HQ holds
    from_genesis: bool  # that first entry is the branch's very first (else entries before
    # it never reached HQ, and the chain is checked from its prev_hash)
    broken_id: str | None = None  # the first entry that fails, if any
    broken_seq: int | None = None
    broken_action: str = ""
    why: Break | None = None

    @property
    def intact(self) -> bool:
        return self.broken_id is None


def check_entries(branch: str, rows: Iterable[HqAuditRow]) -> ChainReport:
    """Check `rows`, one branch's entries in its sequence order."""
    count = 0
    first_seq: int | None = None
    from_genesis = False
    previous: str | None = None
    broken: tuple[HqAuditRow, Break] | None = None
    for row in rows:
        count += 1
        if first_seq is None:
            first_seq, from_genesis = row.seq, row.prev_hash == GENESIS
        if broken is not None:
            continue  # keep counting; the first break is the one named
        expected = entry_hash(
            row.prev_hash,
            row.id,
            row.at,
            row.user_id,
            row.action,
            row.entity,
            row.entity_id,
            row.details,
        )
        if row.hash != expected:
            broken = (row, Break.HASH)
        elif previous is not None and row.prev_hash != previous:
            broken = (row, Break.LINK)
        previous = row.hash
    if broken is None:
        return ChainReport(branch, count, first_seq, from_genesis)
    row, why = broken
    return ChainReport(branch, count, first_seq, from_genesis, row.id, row.seq, row.action, why)


def _entries(session: Session, branch: str) -> Iterator[HqAuditRow]:
    stmt = select(HqAuditRow).where(HqAuditRow.branch == branch).order_by(HqAuditRow.seq)
    yield from session.scalars(stmt.execution_options(yield_per=1000))


def known_branches(session: Session) -> list[str]:
    """Every branch HQ enrolled or holds audit entries from, sorted."""
    enrolled = set(session.scalars(select(HqBranchRow.code)))
    sending = set(session.scalars(select(HqAuditRow.branch).distinct()))
    return sorted(enrolled | sending)


def verify_chains(session: Session, branch: str | None = None) -> list[ChainReport]:
    """The report of every branch's chain (or of `branch` only)."""
    branches = [branch] if branch is not None else known_branches(session)
    return [check_entries(code, _entries(session, code)) for code in branches]
