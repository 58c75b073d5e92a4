"""Convergence, as a property: whatever three branches do and however their batches travel,
after a last full sync HQ holds exactly the union of what the branches hold.

Hypothesis draws a program of steps for three real branches enrolled at one HQ: register
people (likely duplicates confirmed as different people, which writes duplicate decisions),
edit them (address, phones), delete them (tombstones); sync over HTTP; export to USB and have
HQ import any exported file, any number of times, in any order (held on a gap, replayed);
POST an old file over HTTP again; and apply any of HQ's answers at the branch, again or after
a newer one. Then every branch syncs over HTTP in a drawn order, and HQ's copy of each
branch's rows — every synced table, row by row, by origin — must equal the branch's, with
every change applied once and every outbox pruned.
"""

from __future__ import annotations

import itertools
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from app.domain.beneficiary import BeneficiaryDraft
from app.services.beneficiaries import PossibleDuplicates
from tests.services.people import person
from tests.sync.changes import draft, tombstone_rows
from tests.sync.conftest import Centrals
from tests.sync.world import Hq, SyncBranch, assert_hq_is_the_union, world

pytestmark = [pytest.mark.sync, pytest.mark.db]

CODES = ["TRP01", "BEN01", "SEB01"]
OCTET = {"Content-Type": "application/octet-stream"}

branch_no = st.integers(0, len(CODES) - 1)
pick = st.integers(0, 10_000)
# A program is a list of moments. In each, one branch does some work (register, edit,
# delete) and then sends by USB (export), by HTTP (sync now) or not at all; then some
# deliveries happen: HQ imports any branch's exported file (new, old again, newer before
# older), or one is POSTed again; then branches apply any of HQ's answers (again, or an older
# one after a newer one).
WORK = st.tuples(st.sampled_from(["register", "register", "edit", "delete"]), pick)
DELIVERY = st.tuples(
    st.sampled_from(["hq_imports", "hq_imports_newest", "post_again"]), branch_no, pick
)
ANSWER = st.tuples(st.just("branch_applies"), branch_no, pick)
MOMENT = st.tuples(
    branch_no,
    st.lists(WORK, min_size=1, max_size=3),
    st.sampled_from(["export_usb", "export_usb", "sync_http", "none"]),
    st.lists(DELIVERY, max_size=3),
    st.lists(ANSWER, max_size=2),
)
Step = tuple[str, int, int]  # kind, branch, pick
Moment = tuple[int, list[tuple[str, int]], str, list[Step], list[Step]]


@dataclass
class Simulation:
    hq: Hq
    branches: list[SyncBranch]
    folder: Path
    drafts: dict[str, BeneficiaryDraft] = field(default_factory=dict)  # living people
    owner: dict[str, str] = field(default_factory=dict)  # person -> branch code
    exported: list[list[Path]] = field(default_factory=list)  # per branch: files made
    answers: list[list[Path]] = field(default_factory=list)  # per branch: HQ's answers
    counter: itertools.count[int] = field(default_factory=itertools.count)

    def __post_init__(self) -> None:
        self.exported = [[] for _ in self.branches]
        self.answers = [[] for _ in self.branches]

    def living(self, b: int) -> list[str]:
        code = self.branches[b].code
        return sorted(i for i in self.drafts if self.owner[i] == code)

    def keep_answer(self, b: int, data: bytes) -> None:
        path = self.folder / f"answer-{next(self.counter)}.receipt.sanad"
        path.write_bytes(data)
        self.answers[b].append(path)

    def moment(self, moment: Moment) -> None:
        b, work, send, deliveries, answers = moment
        for kind, n in work:
            self.run((kind, b, n))
        if send != "none":
            self.run((send, b, 0))
        for step in [*deliveries, *answers]:
            self.run(step)

    def run(self, step: Step) -> None:
        kind, b, n = step
        branch = self.branches[b]
        people = branch.people
        if kind == "register":
            for _ in range(1 + n % 3):
                new = draft(next(self.counter))
                try:
                    view = people.register(new)
                except PossibleDuplicates as likely:  # the worker says: another person
                    view = people.register(new, [c.id for c in likely.candidates])
                self.drafts[view.id] = new
                self.owner[view.id] = branch.code
        elif kind in ("edit", "delete"):
            ids = self.living(b)
            if not ids:
                return
            chosen = ids[n % len(ids)]
            if kind == "delete":
                tombstone_rows(branch, [chosen])
                del self.drafts[chosen]
                return
            k = next(self.counter)
            phones = [] if k % 3 == 0 else [f"092{k:07d}"]
            changed = person(self.drafts[chosen], address=f"عنوان {k}", phones=phones)
            people.update(chosen, changed, people.get(chosen).row_version)
            self.drafts[chosen] = changed
        elif kind == "sync_http":
            branch.sync.sync_now()
        elif kind == "export_usb":
            for path in branch.export():
                kept = self.folder / f"{next(self.counter)}-{path.name}"
                shutil.copyfile(path, kept)
                self.exported[b].append(kept)
        elif kind.startswith("hq_imports"):  # any exported file (older, again), or the newest
            if not self.exported[b]:
                return
            files = self.exported[b]
            batch = files[-1] if kind.endswith("newest") else files[n % len(files)]
            [result] = self.hq.service.import_files([batch])
            assert result.outcome in ("applied", "already_applied", "held"), result
            event(f"HQ import: {result.outcome}")
            assert result.receipt is not None
            self.keep_answer(b, result.receipt.read_bytes())
        elif kind == "post_again":  # an exported file sent again over HTTP
            if not self.exported[b]:
                return
            data = self.exported[b][n % len(self.exported[b])].read_bytes()
            answer = self.hq.client.post("/v1/batches", content=data, headers=OCTET)
            assert answer.status_code == 200, answer.text
            event(f"posted again: {answer.headers['X-Sanad-Outcome']}")
            self.keep_answer(b, answer.content)
        elif kind == "branch_applies" and self.answers[b]:  # again, or older after newer
            done = branch.sync.import_file(self.answers[b][n % len(self.answers[b])])
            event("answer: " + ("applied" if done.applied else "nothing new"))


EXAMPLES = {"sqlite": 20, "postgresql": 15}


def test_hq_converges_to_the_union_of_the_branches(
    centrals: Centrals, branch_template: Path, tmp_path: Path
) -> None:
    examples = itertools.count()

    @settings(
        max_examples=EXAMPLES[centrals.kind],
        deadline=None,
        # An example takes a second or two: shrinking a failure could take many minutes of
        # CI's time; the failing program is printed as drawn (and replayed by the next run).
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(moments=st.lists(MOMENT, min_size=2, max_size=7), order=st.permutations(range(3)))
    def converges(moments: list[Moment], order: list[int]) -> None:
        root = tmp_path / f"example-{next(examples)}"
        with (
            centrals.new(root) as url,
            world(root, url, branch_template, CODES) as (hq, branches),
        ):
            folder = root / "deliveries"
            folder.mkdir()
            sim = Simulation(hq, branches, folder)
            for moment in moments:
                sim.moment(moment)
            for b in order:  # the last full sync, in a drawn order
                branches[b].sync.sync_now()
            assert_hq_is_the_union(hq, branches)
            # Late deliveries after convergence change nothing.
            for b in order:
                sim.run(("hq_imports", b, len(moments)))
                sim.run(("branch_applies", b, 0))
            assert_hq_is_the_union(hq, branches)

    converges()
