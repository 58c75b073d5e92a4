"""Exactly once under SIGKILL: HQ's apply and the branch's export and import are killed at
random points, re-run, and in the end HQ holds exactly the branch's data — no change lost,
none applied twice — and the branch's outbox is pruned.

Each round the branch makes a few thousand changes; then each step (branch export to a USB
folder, HQ import of that folder, branch import of HQ's receipts) is killed with SIGKILL a few
times after a random delay within its typical duration (measured on the first round), then run
to completion. After every kill the databases must be exactly as before the step or as after
it (one transaction per batch), and every complete `.sanad` file on the stick must verify.
The run ends with the real `sanad` command lines (killed once each, then completed) and a last
sync over HTTP. Kill points land inside the steps: at least KILLS per run.
"""

from __future__ import annotations

import itertools
import os
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import OutboxRow
from app.db.sync_models import (
    ChangeLogRow,
    HqBranchRow,
    OutgoingBatchRow,
)
from app.hq.answers import is_receipt
from app.hq.enrollment import branch_identity
from app.sync.batch_file import SenderStatus, verify_batch
from app.sync.branch_apply import DOWN_SEQ, meta_int
from tests.sync import killer
from tests.sync.changes import a_round_of_work
from tests.sync.world import Hq, SyncBranch, assert_branch_in_step, books, hq_state

pytestmark = [pytest.mark.sync, pytest.mark.db]

KILLS = 54  # SIGKILLs that must land while a step is running, per run …
AT_LEAST = {"hq": 27, "export": 8}  # … of them at least so many in HQ's apply and the export
PEOPLE = 900  # new people per round: about 2,400 changes with their documents and phones
ATTEMPTS = {"export": 3, "hq": 6, "branch": 2}  # kills per step per round (at most)
MAX_ROUNDS = 16


@dataclass
class Timing:
    """How long a step typically runs (from its "go" to its end)."""

    seconds: float = 0.0

    def delay(self, rng: random.Random) -> float:
        return rng.uniform(0.0, 0.9 * self.seconds)  # most kills land before it ends

    def observe(self, seconds: float) -> None:
        self.seconds = seconds if not self.seconds else (self.seconds + seconds) / 2


def branch_state(branch: SyncBranch) -> tuple[Any, ...]:
    with branch.services.ctx.db.read() as session:
        return (
            meta_int(session, DOWN_SEQ),
            session.scalar(select(func.count()).select_from(OutboxRow)),
            session.scalar(select(func.count()).select_from(ChangeLogRow)),
            session.scalar(
                select(func.count())
                .select_from(OutgoingBatchRow)
                .where(OutgoingBatchRow.acked_at.is_not(None))
            ),
        )


def assert_complete_files_verify(hq: Hq, folders: list[Path]) -> None:
    """A killed export leaves `*.part` at most: every `.sanad` file there is whole."""
    with Session(hq.engine) as session:
        identities = {r.code: branch_identity(r) for r in session.scalars(select(HqBranchRow))}

    def sender(code: str) -> SenderStatus | None:
        identity = identities.get(code)
        return SenderStatus(identity, False) if identity is not None else None

    for folder in folders:
        for path in sorted(folder.glob("*.sanad")):
            if not is_receipt(path):
                verify_batch(path, me="HQ", sender_status=sender, schema_known=lambda _s: True)


# The exact points a sweep kills each step at, one kind per round (a step that gets through
# has done its work, so the next kind needs fresh work): every ZIP member written, every
# fsync, every file copied, every commit (before it, and once it is done).
SWEEP = [("zip_member", True), ("fsync", False), ("copy", True), ("commit", False),
         ("commit", True)]  # fmt: skip


@dataclass
class Killer:
    rng: random.Random
    timings: dict[str, Timing]
    landed: Counter[str]  # random kills that landed, per step
    swept: Counter[str]  # exact-point kills, per step

    def step(
        self,
        name: str,
        target: Callable[..., None],
        args: tuple[Any, ...],
        *,
        attempts: int,
        state: Callable[[], tuple[Any, ...]],
        after_kill: Callable[[], None] | None = None,
    ) -> Any:
        """Kill the step after a random delay up to `attempts` times, then let it finish."""
        before = state()
        seen: list[tuple[Any, ...]] = []
        finished: killer.Run | None = None
        for _ in range(attempts):
            run = killer.run_step(target, *args, kill_after=self.timings[name].delay(self.rng))
            if not run.killed:
                finished = run
                break
            self.landed[name] += 1
            seen.append(state())
            if after_kill is not None:
                after_kill()
        return self._finish(name, target, args, before, seen, finished, state)

    def sweep(
        self,
        name: str,
        target: Callable[..., None],
        args: tuple[Any, ...],
        *,
        point: tuple[str, bool],
        state: Callable[[], tuple[Any, ...]],
        after_kill: Callable[[], None] | None = None,
    ) -> Any:
        """Kill the step at the 1st, 2nd … call of `point` until it gets through without
        reaching it (then it has finished)."""
        before = state()
        seen: list[tuple[Any, ...]] = []
        hook, after = point
        for nth in itertools.count(1):
            run = killer.run_step(target, *args, die_at=killer.DieAt(hook, nth, after))
            if not run.killed:
                return self._finish(name, target, args, before, seen, run, state)
            self.swept[f"{name} at {hook}"] += 1
            seen.append(state())
            if after_kill is not None:
                after_kill()
        raise AssertionError("unreachable")

    def _finish(
        self,
        name: str,
        target: Callable[..., None],
        args: tuple[Any, ...],
        before: tuple[Any, ...],
        seen: list[tuple[Any, ...]],
        finished: killer.Run | None,
        state: Callable[[], tuple[Any, ...]],
    ) -> Any:
        """Run the step to its end; every state a kill left must be the state before the
        step or the state after it (one transaction)."""
        if finished is None:
            finished = killer.run_step(target, *args)
        self.timings[name].observe(finished.seconds)
        after = state()
        partial = [s for s in seen if s not in (before, after)]
        assert not partial, f"{name}: a kill left a partial state {partial[0]}"
        return finished.answer


def test_exactly_once_under_sigkill(hq: Hq, make_branch: Any, tmp_path: Path) -> None:
    seed = int(os.environ.get("SANAD_KILL_SEED") or random.randrange(1 << 30))
    print(f"kill points drawn with SANAD_KILL_SEED={seed}")  # shown if the test fails
    rng = random.Random(seed)
    branch: SyncBranch = make_branch("TRP01")
    data_dir, hq_dir = str(branch.folder), str(hq.home.root)
    kill = Killer(rng, {k: Timing() for k in ATTEMPTS}, Counter(), Counter())

    def a_round(number: int, how: str, point: tuple[str, bool] = ("", False)) -> None:
        """Work, export, HQ import, branch import; each step measured ("measure"), killed at
        every call of `point` ("sweep") or after random delays ("random"), then completed."""
        a_round_of_work(branch, rng, PEOPLE, str(number))
        usb = tmp_path / f"usb-{number}"

        def run(name: str, target: Callable[..., None], args: tuple[Any, ...], **kw: Any) -> Any:
            if how == "sweep":
                return kill.sweep(name, target, args, point=point, **kw)
            attempts = ATTEMPTS[name] if how == "random" else 0
            return kill.step(name, target, args, attempts=attempts, **kw)

        files_whole = partial(assert_complete_files_verify, hq, [usb, branch.folder / "outgoing"])
        run("export", killer.branch_export, (data_dir, str(usb)),
            state=lambda: branch_state(branch), after_kill=files_whole)  # fmt: skip
        answers = run("hq", killer.hq_import, (hq_dir, hq.url, [str(usb)]),
                      state=lambda: hq_state(hq))  # fmt: skip
        assert {outcome for _f, outcome, _c, _r in answers} <= {"applied", "already_applied"}
        assert books(hq, branch.code).last_seq == branch.outbox_max()
        if how != "random" or rng.random() < 0.8:  # else the next export carries it again
            for receipt in sorted(usb.glob("*.receipt.sanad")):  # one transaction each
                run("branch", killer.branch_import, (data_dir, [str(receipt)]),
                    state=lambda: branch_state(branch))  # fmt: skip

    a_round(1, "measure")  # how long each step takes, for the random delays
    for number, point in enumerate(SWEEP, start=2):
        a_round(number, "sweep", point)
    swept = {name.split()[0] for name in kill.swept}
    assert swept == {"export", "hq", "branch"}, kill.swept
    rounds = 1 + len(SWEEP)
    while sum(kill.landed.values()) < KILLS or any(
        kill.landed[step] < wanted for step, wanted in AT_LEAST.items()
    ):
        rounds += 1
        assert rounds <= MAX_ROUNDS, f"too few kills landed: {kill.landed}"
        a_round(rounds, "random")

    # The real command lines: the export, then `sanad hq import` killed once at a moment
    # within its apply (start-up measured by the export), then both run again.
    a_round_of_work(branch, rng, PEOPLE, "cli")
    usb = tmp_path / "usb-cli"
    export = killer.sanad("--data-dir", data_dir, "sync", "export", "--to", str(usb))
    imp = killer.sanad("hq", "import", "--hq-dir", hq_dir, "--db", hq.url, str(usb))
    before = hq_state(hq)
    startup = killer.run_cli(export).seconds - kill.timings["export"].seconds
    killer.run_cli(imp, kill_after=startup + kill.timings["hq"].delay(rng))
    cut = hq_state(hq)
    killer.run_cli(export)
    killer.run_cli(imp)
    assert cut in (before, hq_state(hq))
    assert books(hq, branch.code).last_seq == branch.outbox_max()

    # A last sync over the network acknowledges everything; then HQ equals the branch.
    result = branch.sync.sync_now()
    assert result.pending_changes == 0
    assert_branch_in_step(hq, branch)
