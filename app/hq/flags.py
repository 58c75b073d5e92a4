"""Duplicate flags down to the branches: each branch hears of the pairs its records are in.

A pair's news (found, reopened, dismissed) becomes a "duplicate_flag" answer line in each of
its two branches' down queues. The batch's own branch gets it in the batch's transaction (its
ledger is locked there); the other branch right after, in a transaction of its own that locks
only that branch's ledger (`dispatch_flags`): two branches syncing at once never wait on each
other. Every answer HQ writes queues what is still owed first, so news a crash left behind goes
out with the next sync. A line names the branch's own record, the other branch and its record,
and what matched, never the other record's content: an open pair puts a flag on the record, a
dismissed one takes it away.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from app.db.sync_models import HqDuplicatePairRow, HqLedgerRow
from app.hq.ingest import lock_ledger, queue_down

FLAG = "duplicate_flag"
Pair = HqDuplicatePairRow


def flag_line(pair: Pair, side: str) -> dict[str, Any]:
    mine_a = side == "a"
    return {
        "kind": FLAG,
        "pair": pair.id,
        "person": pair.person_a if mine_a else pair.person_b,
        "other_branch": pair.branch_b if mine_a else pair.branch_a,
        "other_person": pair.person_b if mine_a else pair.person_a,
        "matched": [m for m in pair.matched.split(",") if m],
        "status": pair.status,
    }


def queue_flags(session: Session, ledger: HqLedgerRow) -> int:
    """Queue the news `ledger.branch` has not had (the caller holds its ledger lock)."""
    branch = ledger.branch
    rows = session.scalars(
        select(Pair)
        .where(Pair.unsent.is_(True), (Pair.branch_a == branch) | (Pair.branch_b == branch))
        .order_by(Pair.id)
    )
    queued = 0
    for pair in rows:
        for side in ("a", "b"):
            if getattr(pair, f"branch_{side}") == branch and getattr(pair, f"sent_{side}") < (
                pair.version
            ):
                queue_down(session, ledger, flag_line(pair, side))
                setattr(pair, f"sent_{side}", pair.version)
                queued += 1
        pair.unsent = pair.sent_a < pair.version or pair.sent_b < pair.version
    return queued


def owed_branches(session: Session) -> list[str]:
    unsent = Pair.unsent.is_(True)
    query = union(
        select(Pair.branch_a).where(unsent, Pair.sent_a < Pair.version),
        select(Pair.branch_b).where(unsent, Pair.sent_b < Pair.version),
    )
    return sorted({str(b) for b in session.scalars(query)})


def dispatch_flags(write: Callable[[], AbstractContextManager[Session]]) -> int:
    """Queue every branch's owed news, one branch (and one ledger lock) per transaction."""
    with write() as session:
        branches = owed_branches(session)
    queued = 0
    for branch in branches:
        with write() as session:
            queued += queue_flags(session, lock_ledger(session, branch))
    return queued
