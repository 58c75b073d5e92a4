"""The registry's part of the convergence programs: the same person registered at two branches
(HQ finds the pair and flags both records), and HQ's officer deciding pairs: dismissing one,
confirming one (a merge, whose rows and redirect go down), undoing a merge. And the check that,
after a last full sync, every branch's copy of what HQ decides equals HQ's: its flags are HQ's
open pairs of its records, its redirects HQ's active merges, its own rows HQ's copy of them.

HQ decides only on records whose branches have nothing unsent: a worker's edit of a record
still on its way while HQ merges it is refused at HQ (the documents and phones it changes are
the survivor's branch's by then), a known, reported race that these programs leave out.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DuplicateFlagRow
from app.db.registry_models import HqMergeRow, PersonRedirectRow
from app.db.sync_models import HqDuplicatePairRow
from app.hq.duplicates import DuplicateDesk
from app.hq.enrollment import HqError
from tests.sync.world import Hq, SyncBranch

REASON = "قرار موظف السجل بعد المراجعة"


def redirected(branch: SyncBranch) -> set[str]:
    """The branch's records HQ merged into others (the branch no longer edits them)."""
    with branch.services.ctx.db.read() as session:
        return set(session.scalars(select(PersonRedirectRow.retired_id)))


def hq_decides(hq: Hq, branches: list[SyncBranch], n: int) -> str:
    """Dismiss, confirm (keep a or b) or unmerge, as `n` draws; what was done (for stats)."""
    desk = DuplicateDesk.of(hq.service)
    quiet = {b.code for b in branches if b.pending() == 0}
    if n % 4 == 3:
        with Session(hq.engine) as session:
            merges = session.execute(
                select(HqMergeRow.id, HqMergeRow.survivor_branch, HqMergeRow.retired_branch)
                .where(HqMergeRow.status == "active")
                .order_by(HqMergeRow.id)
            ).all()
        ready = [m for m, *codes in merges if set(codes) <= quiet]
        if not ready:
            return "nothing to unmerge"
        desk.unmerge(ready[n % len(ready)], "officer", REASON)
        return "unmerged"
    pairs = [p for p in desk.pairs("open") if {p.branch_a, p.branch_b} <= quiet]
    if not pairs:
        return "no open pair"
    pair = pairs[n % len(pairs)]
    if n % 4 == 0:
        desk.dismiss(pair.id, "officer", REASON)
        return "dismissed"
    try:
        desk.confirm(pair.id, "officer", REASON, keep="a" if n % 4 == 1 else "b")
    except HqError as refused:  # a record deleted, or already in another merge
        assert refused.code in ("gone", "merged"), refused
        return f"confirm refused: {refused.code}"
    return "confirmed"


def assert_registry_in_step(hq: Hq, branch: SyncBranch) -> None:
    """The branch's flags and redirects are what HQ decided for its records."""
    code = branch.code
    with Session(hq.engine) as session:
        pairs = session.execute(
            select(HqDuplicatePairRow).where(
                HqDuplicatePairRow.status == "open",
                (HqDuplicatePairRow.branch_a == code) | (HqDuplicatePairRow.branch_b == code),
            )
        ).scalars()
        flags = set()
        for p in pairs:
            if p.branch_a == code:
                flags.add((p.id, p.person_a, p.branch_b, p.person_b))
            if p.branch_b == code:
                flags.add((p.id, p.person_b, p.branch_a, p.person_a))
        merges = {
            (m.retired, m.survivor, m.id)
            for m in session.scalars(
                select(HqMergeRow).where(
                    HqMergeRow.status == "active",
                    (HqMergeRow.retired_branch == code) | (HqMergeRow.survivor_branch == code),
                )
            )
        }
    with branch.services.ctx.db.read() as session:
        held_flags = {
            (f.pair_id, f.beneficiary_id, f.other_branch, f.other_person)
            for f in session.scalars(select(DuplicateFlagRow))
        }
        held_redirects = {
            (r.retired_id, r.survivor_id, r.merge_id)
            for r in session.scalars(select(PersonRedirectRow))
        }
    assert held_flags == flags, (code, held_flags ^ flags)
    assert held_redirects == merges, (code, held_redirects ^ merges)
