"""HQ's held-batch files: a copy kept while its gap is open, removed once the batch is applied,
even when HQ was killed between applying it and removing the copy."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import BeneficiaryRow
from app.db.sync_models import HqBatchRow
from app.hq.results import FileResult
from app.hq.service import HqService
from tests.hq.branch_side import Branch, branch_rows, central_rows
from tests.services.people import numbered

pytestmark = [pytest.mark.db, pytest.mark.sync]


class Killed(BaseException):
    """HQ's process dying: a BaseException, so no `except Exception` in HQ can swallow it."""


def _statuses(hq: HqService) -> list[tuple[int, int, str]]:
    with Session(hq.engine) as session:
        rows = session.scalars(select(HqBatchRow).order_by(HqBatchRow.seq_from)).all()
        return [(r.seq_from, r.seq_to, r.status) for r in rows]


def _people(hq: HqService) -> int:
    with Session(hq.engine) as session:
        return int(session.scalar(select(func.count()).select_from(BeneficiaryRow)) or 0)


def _kill_at_removal_of(monkeypatch: pytest.MonkeyPatch, victim: Path) -> list[Path]:
    """Make the first removal of `victim` kill HQ (after the apply committed); returns the
    list of killed removals so the test can check the crash happened where it meant."""
    original = Path.unlink
    killed: list[Path] = []

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if not killed and self.resolve() == victim.resolve():
            killed.append(self)
            raise Killed
        original(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    return killed


@pytest.mark.parametrize("road", ["usb", "http"])
def test_a_held_copy_left_by_a_crash_is_removed_when_the_batch_comes_again(
    hq: HqService,
    branch: Branch,
    central_url: str,
    monkeypatch: pytest.MonkeyPatch,
    road: str,
) -> None:
    people = branch.services.beneficiaries
    for i in range(2):
        people.register(numbered(i))
        branch.export()
    first, second = sorted(branch.usb.glob("*.sanad"))
    assert hq.import_files([second])[0].outcome == "held"
    [held] = list(hq.home.held_dir.iterdir())

    # The first fills the gap; HQ applies the held second, commits, and dies before the
    # held copy is removed.
    killed = _kill_at_removal_of(monkeypatch, held)
    with pytest.raises(Killed):
        hq.import_files([first])
    monkeypatch.undo()
    assert killed, "HQ was not killed at the removal of the held copy"
    assert held.is_file()  # the state the bug left behind
    assert [s for _, _, s in _statuses(hq)] == ["applied", "applied"]
    assert _people(hq) == 2

    hq.close()
    restarted = HqService.open(hq.home, central_url)
    try:
        before = central_rows(restarted.engine)
        statuses = _statuses(restarted)

        # The branch got no answer, so it delivers its batches again.
        if road == "usb":
            results = restarted.import_files([first, second])
        else:
            results = [restarted.receive(p.read_bytes()) for p in (first, second)]

        assert [r.outcome for r in results] == ["already_applied"] * 2, results
        assert list(restarted.home.held_dir.iterdir()) == []  # the stale copy is gone
        assert central_rows(restarted.engine) == before  # nothing applied twice
        assert _statuses(restarted) == statuses
        assert [s for _, _, s in statuses] == ["applied", "applied"]
        assert _people(restarted) == 2
        status = {s.code: s for s in restarted.status()}["TRP01"]
        assert status.held_batches == 0 and status.last_seq == statuses[-1][1]
        _assert_answered(results[-1], road, status.last_seq)
        if road == "usb":  # the branch takes the answer and ends equal to HQ
            assert results[-1].receipt is not None
            branch.apply_answer(results[-1].receipt)
            assert central_rows(restarted.engine) == branch_rows(branch.services)
    finally:
        restarted.close()


def _assert_answered(result: FileResult, road: str, last_seq: int) -> None:
    assert result.answer is not None and result.ack_upto == last_seq
    if road == "usb":
        assert result.receipt is not None and result.receipt.is_file()


def test_a_restart_sweeps_old_held_copies_no_batch_needs_and_keeps_the_others(
    hq: HqService, branch: Branch, central_url: str
) -> None:
    people = branch.services.beneficiaries
    for i in range(3):
        people.register(numbered(i))
        branch.export()
    first, second, third = sorted(branch.usb.glob("*.sanad"))
    assert [r.outcome for r in hq.import_files([third])] == ["held"]  # still waiting
    [needed] = list(hq.home.held_dir.iterdir())
    # Left behind by a crash whose batch will never be sent again; and one written just now.
    stale = hq.home.held_dir / "TRP01-up-0000000002-0000000002.sanad"
    fresh = hq.home.held_dir / "TRP01-up-0000000099-0000000099.sanad"
    stale.write_bytes(second.read_bytes())
    fresh.write_bytes(b"being written by another HQ process")
    hour_ago = time.time() - 7200
    for path in (stale, needed):
        os.utime(path, (hour_ago, hour_ago))
    before = (_statuses(hq), _people(hq))

    hq.close()
    restarted = HqService.open(hq.home, central_url)
    try:
        assert sorted(p.name for p in restarted.home.held_dir.iterdir()) == sorted(
            [needed.name, fresh.name]
        )
        assert (_statuses(restarted), _people(restarted)) == before  # nothing applied
        # The batch still held is applied from its copy once its gap fills.
        outcomes = [r.outcome for r in restarted.import_files([first, second])]
        assert outcomes == ["applied", "applied"]
        assert [s for _, _, s in _statuses(restarted)] == ["applied"] * 3
        assert _people(restarted) == 3
        assert sorted(p.name for p in restarted.home.held_dir.iterdir()) == [fresh.name]
    finally:
        restarted.close()
