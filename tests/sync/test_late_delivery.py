"""Late twins: a delivery that reaches HQ after the branch has moved on.

Behind a load balancer one upload can reach HQ twice: the branch (or the balancer) gave up on
a process that was stuck and sent the same bytes elsewhere, and the stuck process takes the
first copy only later, after the branch's next batch was applied. That copy must change
nothing: an exact replay is answered `already_applied`, whichever process it reaches.

The same holds for a poll (the empty up-batch a branch with nothing to send uses to collect
its answers) — and there HQ has it wrong today: see `test_a_late_poll_is_a_replay`.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.sync_models import HqDownQueueRow
from app.hq.ingest import Outcome
from app.services.sync_outgoing import write_poll
from tests.sync.changes import register
from tests.sync.world import Hq, SyncBranch, assert_branch_in_step, hq_state

pytestmark = [pytest.mark.sync, pytest.mark.db]


def owed_lines(hq: Hq, code: str) -> int:
    with Session(hq.engine) as session:
        count = session.scalar(
            select(func.count()).select_from(HqDownQueueRow).where(HqDownQueueRow.branch == code)
        )
    return int(count or 0)


def a_poll_nobody_delivered(branch: SyncBranch) -> bytes:
    """The bytes of the poll a sync with nothing to send makes, as if its every delivery
    had failed but one, which is still on its way (stuck in a process or a balancer)."""
    sync: Any = branch.sync
    poll = write_poll(branch.services.ctx.db, branch.services.ctx.data_dir, sync._party())
    try:
        return poll.read_bytes()
    finally:
        poll.unlink()


def test_a_late_batch_is_a_replay(hq: Hq, make_branch: Any) -> None:
    branch: SyncBranch = make_branch("TRP01")
    register(branch, 1)
    late = [p.read_bytes() for p in branch.export()]  # the very bytes the sync sends
    assert late
    branch.sync.sync_now()
    register(branch, 2)
    branch.sync.sync_now()  # the next batch is applied; then the twins of the first come
    state, owed = hq_state(hq), owed_lines(hq, branch.code)
    for data in late:
        result = hq.service.receive(data)
        assert result.outcome == Outcome.ALREADY_APPLIED, result
    assert hq_state(hq) == state
    assert owed_lines(hq, branch.code) == owed
    branch.sync.sync_now()
    assert_branch_in_step(hq, branch)


def test_a_late_poll_leaves_the_branch_unharmed(hq: Hq, make_branch: Any) -> None:
    """Whatever HQ answers the late poll, the branch that sent it is not re-based, and HQ
    and the branch end in step, every change applied once."""
    branch: SyncBranch = make_branch("TRP01")
    register(branch, 1)
    branch.sync.sync_now()
    late = a_poll_nobody_delivered(branch)
    register(branch, 2)
    branch.sync.sync_now()
    hq.service.receive(late)
    register(branch, 3)
    for _ in range(2):
        result = branch.sync.sync_now()
        assert result.recovered is None, result
    assert_branch_in_step(hq, branch)


def test_a_late_poll_is_a_replay(hq: Hq, make_branch: Any) -> None:
    branch: SyncBranch = make_branch("TRP01")
    register(branch, 1)
    branch.sync.sync_now()
    late = a_poll_nobody_delivered(branch)
    register(branch, 2)
    branch.sync.sync_now()
    state, owed = hq_state(hq), owed_lines(hq, branch.code)
    result = hq.service.receive(late)
    assert (result.outcome, owed_lines(hq, branch.code)) == (Outcome.ALREADY_APPLIED, owed)
    assert hq_state(hq) == state
