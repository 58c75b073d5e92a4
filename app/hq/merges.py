"""Confirming a duplicate pair merges its two records at HQ, without deleting either; an
unmerge undoes it. Each runs in one transaction with its audit entry and its answers down.

Confirm: one record survives (by default the one registered first; the officer may choose),
the other is retired: it stays, whole, and becomes a redirect to the survivor. Its references
move to the survivor (app.hq.merge_moves). Down to the branches, parents first:
- the retired record's branch gets the survivor (person, identifiers, phones, household), every
  row the merge moved, then a `redirect` line: its app opens the survivor when the retired
  record is opened, and its search shows the person once;
- the survivor's branch gets the survivor's rows as they now are (with the identifiers and
  phones that came over) and the same `redirect` line (it tells the worker what was merged).
The retired record's branch may go on hanging cases, documents and phones on the survivor
(app.sync.merge_rules); the survivor itself stays its own branch's to edit.

Unmerge (with a reason): every moved value that is still what the merge wrote goes back, the
redirect is withdrawn (`redirect` line with status `undone`, and the survivor's branch forgets
the rows it held only through the merge) and the pair is open again for a new decision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.clock import utcnow
from app.db.models import BeneficiaryRow
from app.db.registry_models import HqMergeRow
from app.db.sync_models import HqDuplicatePairRow
from app.hq.decisions import record_decision
from app.hq.enrollment import HqError
from app.hq.ingest import lock_ledger, lock_ledgers, next_hq_version, queue_down
from app.hq.merge_moves import (
    IDENTIFIERS,
    PHONES,
    TABLES,
    Move,
    apply_moves,
    plan_moves,
    touched_rows,
)
from app.hq.transfers import row_line

REDIRECT = "redirect"
_CHILDREN = (IDENTIFIERS.name, PHONES.name)  # what the survivor's branch holds of a merge


@dataclass(frozen=True, slots=True)
class MergeOutcome:
    merge_id: int
    pair_id: int
    status: str  # active | undone
    survivor: str
    survivor_branch: str
    retired: str
    retired_branch: str
    moved: int  # values written (merge: moved over; unmerge: put back)
    left: int  # unmerge: values changed since the merge, left as they are

    def to_json(self) -> dict[str, Any]:
        return {
            "merge": self.merge_id, "pair": self.pair_id, "status": self.status,
            "survivor": self.survivor, "survivor_branch": self.survivor_branch,
            "retired": self.retired, "retired_branch": self.retired_branch,
            "moved": self.moved, "left": self.left,
        }  # fmt: skip


def _lock_pair(session: Session, pair_id: int) -> HqDuplicatePairRow:
    pair = session.scalar(
        select(HqDuplicatePairRow).where(HqDuplicatePairRow.id == pair_id).with_for_update()
    )
    if pair is None:
        raise HqError("no_pair", f"no duplicate pair {pair_id}")
    return pair


def _person(session: Session, person_id: str) -> BeneficiaryRow | None:
    row = session.get(BeneficiaryRow, person_id)
    return row if row is not None and row.deleted_at is None else None


def _active_merge_of(session: Session, person_id: str) -> HqMergeRow | None:
    return session.scalar(
        select(HqMergeRow).where(
            HqMergeRow.status == "active",
            or_(HqMergeRow.retired == person_id, HqMergeRow.survivor == person_id),
        )
    )


def confirm_pair(
    session: Session, pair_id: int, keep: str | None, by: str, reason: str
) -> MergeOutcome:
    """Confirm the pair as one person and merge (the caller commits)."""
    pair = session.get(HqDuplicatePairRow, pair_id)
    if pair is None:
        raise HqError("no_pair", f"no duplicate pair {pair_id}")
    lock_ledgers(session, (pair.branch_a, pair.branch_b))
    session.expire_all()
    pair = _lock_pair(session, pair_id)
    if pair.status != "open":
        raise HqError("decided", f"pair {pair_id} is already {pair.status}: nothing was changed")
    a, b = _person(session, pair.person_a), _person(session, pair.person_b)
    if a is None or b is None:
        raise HqError(
            "gone", f"a record of pair {pair_id} was deleted at its branch: dismiss the pair"
        )
    for person in (a, b):
        merge = _active_merge_of(session, person.id)
        if merge is not None:
            raise HqError(
                "merged",
                f"record {person.id} is already in merge {merge.id}: undo that merge first "
                f"(sanad hq duplicates unmerge {merge.id})",
            )
    if keep is None:  # the record registered first survives
        keep = "a" if (a.created_at, a.id) <= (b.created_at, b.id) else "b"
    if keep not in ("a", "b"):
        raise HqError("bad_keep", "--keep is a or b")
    survivor, retired = (a, b) if keep == "a" else (b, a)
    version = next_hq_version(session)
    now = utcnow()
    moves = plan_moves(session, survivor.id, retired.id)
    written, _left = apply_moves(session, moves, version, now, only_if_current=False)
    merge = HqMergeRow(
        pair_id=pair.id, survivor=survivor.id, survivor_branch=survivor.origin_branch,
        retired=retired.id, retired_branch=retired.origin_branch, status="active",
        moved=json.dumps([m.to_json() for m in written], ensure_ascii=False), at=now, by=by,
        reason=reason,
    )  # fmt: skip
    session.add(merge)
    session.flush()
    pair.status, pair.decided_at, pair.decided_by, pair.reason = "confirmed", now, by, reason
    pair.version += 1  # both branches drop their flag: the redirect says what became of it
    pair.unsent = True
    outcome = _outcome(merge, len(written), 0)
    record_decision(
        session, by=by, action="merge", subject=f"pair {pair.id}", reason=reason,
        detail=outcome.to_json(),
    )  # fmt: skip
    session.expire_all()
    _send(session, merge, written, undone=False)
    return outcome


def unmerge(session: Session, merge_id: int, by: str, reason: str) -> MergeOutcome:
    """Undo an active merge (the caller commits); the pair is open again."""
    merge = session.get(HqMergeRow, merge_id)
    if merge is None:
        raise HqError("no_merge", f"no merge {merge_id}")
    lock_ledgers(session, (merge.survivor_branch, merge.retired_branch))
    session.expire_all()
    merge = session.scalar(select(HqMergeRow).where(HqMergeRow.id == merge_id).with_for_update())
    assert merge is not None
    if merge.status != "active":
        raise HqError("undone", f"merge {merge_id} was already undone: nothing was changed")
    pair = _lock_pair(session, merge.pair_id)
    moves = [Move.from_json(m).undone() for m in reversed(json.loads(merge.moved))]
    version = next_hq_version(session)
    now = utcnow()
    written, left = apply_moves(session, moves, version, now, only_if_current=True)
    merge.status, merge.undone_at, merge.undone_by, merge.undo_reason = "undone", now, by, reason
    pair.status, pair.decided_at, pair.decided_by = "open", None, None
    pair.reason = ""
    pair.version += 1  # both branches get their flag back
    pair.unsent = True
    outcome = _outcome(merge, len(written), len(left))
    record_decision(
        session, by=by, action="unmerge", subject=f"merge {merge.id}", reason=reason,
        detail={**outcome.to_json(), "left": [m.to_json() for m in left]},
    )  # fmt: skip
    session.expire_all()
    _send(session, merge, written, undone=True)
    return outcome


def _outcome(merge: HqMergeRow, moved: int, left: int) -> MergeOutcome:
    return MergeOutcome(
        merge.id, merge.pair_id, merge.status, merge.survivor, merge.survivor_branch,
        merge.retired, merge.retired_branch, moved, left,
    )  # fmt: skip


def _survivor_rows(session: Session, survivor: str) -> list[tuple[str, str]]:
    """The survivor as its branch holds it: household, person, live identifiers, phones."""
    person = session.get(BeneficiaryRow, survivor)
    rows: list[tuple[str, str]] = []
    if person is not None and person.household_id is not None:
        rows.append(("households", person.household_id))
    rows.append(("beneficiaries", survivor))
    for table in (IDENTIFIERS, PHONES):
        rows += [
            (table.name, i)
            for i in session.scalars(
                select(table.c.id)
                .where(table.c.beneficiary_id == survivor, table.c.deleted_at.is_(None))
                .order_by(table.c.id)
            )
        ]
    return rows


def _send(session: Session, merge: HqMergeRow, written: list[Move], *, undone: bool) -> None:
    """Queue the rows and the redirect to both branches (their ledgers are locked)."""
    moved = touched_rows(written)
    redirect: dict[str, Any] = {
        "kind": REDIRECT, "merge": merge.id, "pair": merge.pair_id, "retired": merge.retired,
        "retired_branch": merge.retired_branch, "survivor": merge.survivor,
        "survivor_branch": merge.survivor_branch, "status": merge.status,
    }  # fmt: skip
    survivor_side = [r for r in _survivor_rows(session, merge.survivor) if r[0] != "households"]
    came = {(m.table, m.row_id) for m in written if m.column == "beneficiary_id"}
    to_retired = _unique(
        ([] if undone else _survivor_rows(session, merge.survivor)) + moved
        + [("beneficiaries", merge.retired)]
    )  # fmt: skip
    if undone:  # the survivor's branch forgets what it held only through the merge
        redirect_a = {**redirect, "forget": [list(r) for r in sorted(came)]}
        to_survivor = _unique(
            [r for r in moved if r[0] == "beneficiaries" or (r in came and r[0] in _CHILDREN)]
        )
    else:
        redirect_a = redirect
        to_survivor = _unique(
            [r for r in _survivor_rows(session, merge.survivor) if r[0] == "households"]
            + survivor_side
        )
    lines = {
        merge.retired_branch: [*(_line(session, r) for r in to_retired), redirect],
        merge.survivor_branch: [*(_line(session, r) for r in to_survivor), redirect_a],
    }
    for branch in sorted(lines):
        ledger = lock_ledger(session, branch)  # already locked: this only finds it
        for line in lines[branch]:
            queue_down(session, ledger, line)


def _unique(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys(rows))


def _line(session: Session, row: tuple[str, str]) -> dict[str, Any]:
    return row_line(session, TABLES[row[0]], row[1])
