"""Exactly once under SIGKILL: HQ's apply and the branch's export and import are killed at random
points, re-run, and in the end HQ holds exactly the branch's data — people, households, cases
and their events, audit entries; no change lost, none applied twice — and the branch's outbox
is pruned.

Each round the branch makes a few thousand changes (case work among them: cases opened, events
added and corrected, statuses moved up to closure, tombstones); then each step (branch export
to a USB folder, HQ import of that folder, branch import of HQ's receipts) is killed with
SIGKILL and run to completion. The first round measures the steps; two rounds sweep exact
points (every commit, fsync, ZIP member written, file copied: windows a timer rarely hits); the
rest kill after random delays within each step's typical duration until at least KILLS random
kills landed inside the steps. Some rounds export twice and deliver the newer batch first
(held, then released). After every kill HQ's tables, audit entries, ledger and batches must be
exactly as after a whole number of the branch's batches (computed from the branch's own change
log), the branch's as before or after the step, and every `.sanad` file on the stick whole. The
run ends with the real `sanad` command lines (`sanad hq import` killed once) and a last sync
over HTTP, after which HQ must equal the branch.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.audit import AUDIT_TABLE
from app.db.models import SYNCED_MODELS, AuditRow, OutboxRow
from app.db.sync_models import (
    ChangeLogRow,
    HqBranchRow,
    OutgoingBatchRow,
)
from app.hq.answers import is_receipt
from app.hq.enrollment import branch_identity
from app.sync.batch_file import ZERO_HASH, SenderStatus, verify_batch
from app.sync.branch_apply import DOWN_SEQ, meta_int
from tests.sync import killer
from tests.sync.changes import a_round_of_work, register
from tests.sync.kill_runs import SWEEPS, Killer, State, Timing
from tests.sync.killer import DieAt
from tests.sync.world import Hq, SyncBranch, assert_branch_in_step, books, hq_state

pytestmark = [pytest.mark.sync, pytest.mark.db]

KILLS = 54  # SIGKILLs that must land while a step is running, per run …
AT_LEAST = {"hq": 27, "export": 8}  # … of them at least so many in HQ's apply and the export
PEOPLE = 900  # new people per round: about 2,400 changes with their documents and phones
ATTEMPTS = {"export": 3, "hq": 6, "branch": 2}  # kills per step per round (at most)
MAX_ROUNDS = 16
# Three HQ processes at once (`test_exactly_once_with_three_hq_processes_one_killed`).
RACE_PEOPLE = 300  # new people in the older of a round's two batches (half in the newer)
RACE_KILLS = 8  # kills that must land while the killed process runs, per run
RACE_MAX_ROUNDS = 16
# Where the killed process dies, round after round: just before or after its n-th commit,
# right after it copied the newer batch to the held folder, or after a random delay (None).
RACE_POINTS: list[tuple[str, str] | None] = [
    ("commit", "before"), ("copy", "after"), ("commit", "after"), None,
]  # fmt: skip


def branch_state(branch: SyncBranch) -> State:
    """What applying an answer moves at the branch, in one transaction with its audit entry.
    Importing an answer again applies nothing but is audited too (applied: 0), so the data
    changes and the audit entries of imports that applied something are counted apart."""
    with branch.services.ctx.db.read() as session:
        imports = session.scalars(select(AuditRow.details).where(AuditRow.action == "sync.import"))
        return (
            meta_int(session, DOWN_SEQ),
            session.scalar(
                select(func.count())
                .select_from(OutboxRow)
                .where(OutboxRow.table_name != AUDIT_TABLE)
            ),
            session.scalar(select(func.count()).select_from(ChangeLogRow)),
            session.scalar(
                select(func.count())
                .select_from(OutgoingBatchRow)
                .where(OutgoingBatchRow.acked_at.is_not(None))
            ),
            sum(1 for details in imports if json.loads(details)["applied"]),
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


# Answer lines queued to a branch as it enrolls: HQ's reference data (app.hq.reference).
ENROLLED = 1


def expected_hq_states(branch: SyncBranch) -> set[State]:
    """HQ's state (`hq_state`) after each whole number of the branch's batches: computed
    from the branch's own record of its changes (outbox and change log) and batches."""
    with branch.services.ctx.db.read() as session:
        changes = [
            *session.execute(select(OutboxRow.seq, OutboxRow.table_name, OutboxRow.row_id,
                                    OutboxRow.changes, OutboxRow.row_version)),
            *session.execute(select(ChangeLogRow.seq, ChangeLogRow.table_name,
                                    ChangeLogRow.row_id, ChangeLogRow.changes,
                                    ChangeLogRow.row_version)),
        ]  # fmt: skip
        batches = session.execute(
            select(OutgoingBatchRow.batch_id, OutgoingBatchRow.seq_to,
                   OutgoingBatchRow.content_sha256).order_by(OutgoingBatchRow.seq_to)
        ).all()  # fmt: skip
    changes.sort(key=lambda c: c[0])
    tables = [m.__tablename__ for m in SYNCED_MODELS]  # type: ignore[attr-defined]
    rows: dict[tuple[str, str], tuple[int, bool]] = {}  # version, tombstoned
    audit: list[int] = []  # the sequences of the audit entries applied
    empty = ((0, 0, 0),) * len(tables)
    states: set[State] = {
        ((), (), empty, ()),
        (((branch.code, 0, ZERO_HASH, None, 0, ENROLLED),), (), empty, ()),
    }
    applied: list[str] = []
    done = 0
    assert [c[0] for c in changes] == list(range(1, len(changes) + 1))
    for number, (batch, seq_to, content_hash) in enumerate(batches, start=1):
        for seq, table, row_id, text, version in changes[done:seq_to]:
            if table == AUDIT_TABLE:  # held at HQ apart, insert-only
                audit.append(seq)
                continue
            fields = json.loads(text)
            dead = rows.get((table, row_id), (0, False))[1]
            if "deleted_at" in fields:
                dead = fields["deleted_at"][1] is not None
            rows[(table, row_id)] = (version, dead)
        done = seq_to
        applied.append(batch)
        stats = tuple(
            (
                sum(1 for (t, _i) in rows if t == table),
                sum(v for (t, _i), (v, _d) in rows.items() if t == table),
                sum(1 for (t, _i), (_v, d) in rows.items() if t == table and d),
            )
            for table in tables
        )
        ledger = (branch.code, seq_to, content_hash, batch, 0, ENROLLED + number)
        held = ((branch.code, len(audit), audit[-1]),) if audit else ()
        states.add(((ledger,), tuple(sorted(applied)), stats, held))
    return states


def assert_outgoing_recorded(branch: SyncBranch) -> None:
    """A batch whose content hash was recorded has its file, with that content (a retry
    always carries the same changes)."""
    folder = branch.folder / "outgoing"
    with branch.services.ctx.db.read() as session:
        rows = session.execute(
            select(OutgoingBatchRow.file_name, OutgoingBatchRow.content_sha256).where(
                OutgoingBatchRow.acked_at.is_(None), OutgoingBatchRow.content_sha256 != ""
            )
        ).all()
    for name, content_hash in rows:
        with zipfile.ZipFile(folder / name) as archive:
            assert json.loads(archive.read("manifest.json"))["content_sha256"] == content_hash


def test_exactly_once_under_sigkill(hq: Hq, make_branch: Any, tmp_path: Path) -> None:
    seed = int(os.environ.get("SANAD_KILL_SEED") or random.randrange(1 << 30))
    print(f"kill points drawn with SANAD_KILL_SEED={seed}")  # shown if the test fails
    rng = random.Random(seed)
    branch: SyncBranch = make_branch("TRP01")
    data_dir, hq_dir = str(branch.folder), str(hq.home.root)
    kill = Killer(rng, {k: Timing() for k in ATTEMPTS}, Counter(), Counter())
    registered = itertools.count(1)

    def a_round(number: int, how: str, events: tuple[tuple[str, str], ...] = ()) -> None:
        """Work, export, HQ import, branch import; each step measured ("measure"), killed at
        each of `events` ("sweep") or after random delays ("random"), then completed.
        Sweeps, and some random rounds, export twice and deliver the newer batch first: it
        is held, and applied once the older one is."""
        usb = tmp_path / f"usb-{number}"

        def run(name: str, target: Callable[..., None], args: tuple[Any, ...], **kw: Any) -> Any:
            if how == "sweep":
                return kill.sweep(name, target, args, events=events, **kw)
            attempts = ATTEMPTS[name] if how == "random" else 0
            return kill.step(name, target, args, attempts=attempts, **kw)

        def after_export_killed() -> None:
            assert_complete_files_verify(hq, [usb, branch.folder / "outgoing"])
            assert_outgoing_recorded(branch)
            if how == "random" and rng.random() < 0.3:  # the user goes on working meanwhile
                register(branch, next(registered))

        two = how == "sweep" or (how == "random" and rng.random() < 0.35)
        for part in range(2 if two else 1):
            people = PEOPLE // (4 if how == "sweep" else 1) // (1 + 2 * part)
            a_round_of_work(branch, rng, people, f"{number}.{part}")
            run("export", killer.branch_export, (data_dir, str(usb)),
                state=lambda: (), after_kill=after_export_killed)  # fmt: skip
        newest_first = sorted((p for p in usb.glob("*.sanad") if not is_receipt(p)), reverse=True)
        whole_batches = expected_hq_states(branch)
        answers = run("hq", killer.hq_import, (hq_dir, hq.url, [str(p) for p in newest_first]),
                      state=lambda: hq_state(hq), valid=whole_batches.__contains__)  # fmt: skip
        outcomes = {outcome for _f, outcome, _c, _r in answers}
        assert outcomes <= {"applied", "already_applied", "held"}, answers
        assert books(hq, branch.code).last_seq == branch.last_sent()
        assert list(hq.home.held_dir.glob("*.sanad")) == []  # released, and removed
        if how != "random" or rng.random() < 0.8:  # else the next export carries it again
            for receipt in sorted(usb.glob("*.receipt.sanad")):  # one transaction each
                run("branch", killer.branch_import, (data_dir, [str(receipt)]),
                    state=lambda: branch_state(branch))  # fmt: skip

    a_round(1, "measure")  # how long each step takes, for the random delays
    for number, events in enumerate(SWEEPS, start=2):
        a_round(number, "sweep", events)
    assert set(kill.swept) == {"export", "hq", "branch"}, kill.swept
    rounds = 1 + len(SWEEPS)
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
    startup = killer.run_cli(export).seconds - kill.timings["export"].seconds
    whole_batches = expected_hq_states(branch)
    killer.run_cli(imp, kill_after=startup + kill.timings["hq"].delay(rng))
    assert hq_state(hq) in whole_batches
    killer.run_cli(export)
    killer.run_cli(imp)
    assert books(hq, branch.code).last_seq == branch.last_sent()

    # A last sync over the network acknowledges everything; then HQ equals the branch.
    branch.sync.sync_now()
    assert_branch_in_step(hq, branch)  # cases, events and audit entries included


def test_exactly_once_with_three_hq_processes_one_killed(
    hq: Hq, make_branch: Any, tmp_path: Path
) -> None:
    """Three HQ processes take the same two batches at once (as three `sanad hq serve` behind
    a load balancer get a branch's re-sent uploads, or three `sanad hq import` of one stick).
    One, newest batch first (held until the older is in), is SIGKILLed at an exact point (just
    before or after its n-th commit, right after copying the held batch) or after a random
    delay; the two others run to their end, one newest first, one oldest first: they wait on
    the killed one's locks and race each other for each batch and for the held one's release.

    Every process's outcomes are applied, already applied or held, and no batch is answered
    `applied` by two of them; once they are done HQ holds every batch exactly once (the state
    after the last of them), nothing is held and no held copy is left; the killed one run
    again applies nothing. At the end HQ equals the branch. SQLite (three processes on one
    file, each write taking the write lock at its first statement) and PostgreSQL alike."""
    seed = int(os.environ.get("SANAD_KILL_SEED") or random.randrange(1 << 30))
    print(f"kill points drawn with SANAD_KILL_SEED={seed}")  # shown if the test fails
    rng = random.Random(seed)
    branch: SyncBranch = make_branch("TRP01")
    data_dir, hq_dir = str(branch.folder), str(hq.home.root)
    timing = Timing()
    landed = 0
    for number in itertools.count(1):
        if number > 1 and landed >= RACE_KILLS:
            break
        assert number <= RACE_MAX_ROUNDS, f"too few kills landed: {landed}"
        usb = tmp_path / f"race-{number}"
        for part in range(2):  # two batches on the stick: delivered newest first, one waits
            a_round_of_work(branch, rng, RACE_PEOPLE // (1 + part), f"race {number}.{part}", 4)
            branch.sync.export(usb)
        files = sorted(p for p in usb.glob("*.sanad") if not is_receipt(p))
        assert len(files) == 2, files
        newest, oldest = [str(p) for p in reversed(files)], [str(p) for p in files]
        whole_batches = expected_hq_states(branch)
        before = hq_state(hq)

        point = RACE_POINTS[number % len(RACE_POINTS)] if number > 1 else None
        die_at = None
        if point is not None:  # past the service's own start-up commits when a commit
            die_at = DieAt((point,), rng.randint(3, 9) if point[0] == "commit" else 1)
        kill_after = timing.delay(rng) if point is None and number > 1 else None
        run = killer.run_step(
            killer.hq_import, hq_dir, hq.url, newest, kill_after=kill_after, die_at=die_at,
            rivals=[(hq_dir, hq.url, oldest), (hq_dir, hq.url, newest)],
        )  # fmt: skip
        if run.killed:
            landed += 1
        elif point is None:
            timing.observe(run.seconds)
        answers = [*run.rivals, *([] if run.killed else [run.answer])]
        outcomes = Counter(outcome for answer in answers for _f, outcome, _c, _r in answer)
        assert set(outcomes) <= {"applied", "already_applied", "held"}, answers
        applied = Counter(f for answer in answers for f, outcome, _c, _r in answer
                          if outcome == "applied")  # fmt: skip
        assert all(n == 1 for n in applied.values()), (applied, answers)

        after = hq_state(hq)
        assert after in whole_batches and after != before
        assert books(hq, branch.code).last_seq == branch.last_sent()  # all in: the last state
        assert list(hq.home.held_dir.glob("*.sanad")) == []  # released, and removed
        again = killer.run_step(killer.hq_import, hq_dir, hq.url, newest)
        assert {outcome for _f, outcome, _c, _r in again.answer} == {"already_applied"}
        assert hq_state(hq) == after
        for receipt in sorted(usb.glob("*.receipt.sanad")):
            killer.run_step(killer.branch_import, data_dir, [str(receipt)])

    branch.sync.sync_now()
    assert_branch_in_step(hq, branch)
