"""A branch restored from an older copy of its folder (a dead disk, a reinstalled PC) loses
nothing, and nothing is applied twice.

Each scenario copies the branch's folder at one point of its life, lets the original work and
sync on (that work is the "lost disk"), puts the copy back, works on the copy (new people, an
edit, a household), and syncs — over HTTP or by USB (two trips: the fork answer, then the
re-based changes). End state: HQ holds every row the branch holds and the branch every row
HQ holds for it, field for field; every change HQ applied exactly once (its applied ranges
cover 1..last with no overlap or gap, each counted once); no held batch, no rejected row, no
conflict; nothing pending at the branch; and the worker is told what came back and what went.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.audit import AUDIT_TABLE
from app.db.models import AuditRow, OutboxRow
from app.db.sync_models import HqAuditRow
from app.domain.household import HouseholdDraft
from app.services.setup import open_branch
from app.services.sync import SyncService
from app.services.sync_results import Recovered
from tests.conftest import FAST_HASHER, TODAY
from tests.sync.case_changes import open_case
from tests.sync.changes import edit_rows, live_people, loners, register
from tests.sync.world import (
    ADMIN,
    Hq,
    SyncBranch,
    books,
    branch_rows,
    central_rows,
    counts,
    diff,
)

pytestmark = [pytest.mark.sync, pytest.mark.db]

Step = Callable[["Story"], None]


class Story:
    """One branch, its saved copy, and the HQ they both talk to."""

    def __init__(self, hq: Hq, branch: SyncBranch, transport: str, tmp: Path) -> None:
        self.hq = hq
        self.branch = branch
        self.transport = transport
        self.tmp = tmp
        self.n = 0
        self.saved: Path | None = None
        self.pending_files: list[Path] = []

    # -- work ---------------------------------------------------------------------------------

    def people(self, count: int) -> list[str]:
        ids = []
        for _ in range(count):
            self.n += 1
            ids.append(register(self.branch, self.n + 1000 * len(self.branch.code)).id)
        return ids

    def edit(self, label: str, *, newest: bool = False) -> None:
        """Edit two people: the first registered, or the newest."""
        alive = live_people(self.branch)
        edit_rows(self.branch, alive[-2:] if newest else alive[:2], label)

    def household(self) -> None:
        free = loners(self.branch)
        if free:
            self.branch.services.households.create(
                HouseholdDraft(head_id=free[-1], housing_type="rented")
            )

    def case(self) -> None:
        alive = live_people(self.branch)
        open_case(self.branch, alive[0], self.n)

    # -- sync -----------------------------------------------------------------------------------

    def sync(self) -> Recovered | None:
        """A full sync by this story's transport; what the worker was told was recovered."""
        if self.transport == "http":
            return self.branch.sync.sync_now().recovered
        return self.usb_round()

    def usb_round(self) -> Recovered | None:
        recovered = None
        for _trip in range(2):  # a fork answer, then the re-based changes
            files = self.branch.export()
            if not files:
                return recovered
            results = self.hq.service.import_files(files)
            for result in results:
                assert result.receipt is not None, result
                imported = self.branch.sync.import_file(result.receipt)
                recovered = imported.recovered or recovered
            if all(r.outcome != "fork" for r in results):
                return recovered
        return recovered

    def export_only(self) -> list[Path]:
        return self.branch.export()

    def hq_imports(self, files: list[Path]) -> list[Path]:
        return [r.receipt for r in self.hq.service.import_files(files) if r.receipt]

    # -- the copy ---------------------------------------------------------------------------------

    def save(self) -> None:
        """Copy the branch's folder as a backup would (the app closed meanwhile)."""
        self.saved = self.tmp / "backup"
        self.branch.services.close()
        shutil.copytree(self.branch.folder, self.saved)
        self._reopen()

    def restore(self) -> None:
        assert self.saved is not None
        self.branch.services.close()
        shutil.rmtree(self.branch.folder)
        shutil.copytree(self.saved, self.branch.folder)
        self._reopen()

    def _reopen(self) -> None:
        services = open_branch(self.branch.folder, hasher=FAST_HASHER, today=TODAY)
        services.accounts.login(*ADMIN)
        self.branch.services = services
        self.branch.sync = SyncService(services.ctx, self.hq.http_client)


def assert_nothing_lost(story: Story) -> None:
    hq, branch = story.hq, story.branch
    local = branch_rows(branch)
    central = central_rows(hq, branch.code)
    problems = diff(central, local)
    assert not problems, "HQ and the branch differ:\n" + "\n".join(problems)
    assert counts(central) == counts(local)
    record = books(hq, branch.code)
    covered = [s for _id, f, t, _c in record.applied_batches for s in range(f, t + 1)]
    assert covered == list(range(1, record.last_seq + 1)), "applied ranges overlap or gap"
    assert record.last_seq == branch.last_sent()
    assert (record.held, record.rejected_rows, record.conflicts) == (0, 0, 0), record
    assert branch.pending() == 0, "changes still waiting at the branch"
    # Every audit entry the branch has sent is at HQ (the lost disk's entries are there too).
    with branch.services.ctx.db.read() as session:
        waiting = set(
            session.scalars(select(OutboxRow.row_id).where(OutboxRow.table_name == AUDIT_TABLE))
        )
        mine = set(session.scalars(select(AuditRow.id))) - waiting
    with hq.service._read() as session:
        theirs = set(session.scalars(select(HqAuditRow.id).where(HqAuditRow.branch == branch.code)))
    assert mine <= theirs, f"{len(mine - theirs)} audit entries never reached HQ"


# -- the points at which the copy is taken --------------------------------------------------------


def before_any_sync(s: Story) -> None:
    s.people(3)
    s.save()
    s.people(4)
    s.sync()


def after_a_sync(s: Story) -> None:
    s.people(3)
    s.sync()
    s.save()
    s.people(4)
    s.edit("بعد النسخة")
    s.sync()


def after_an_export_before_hq_has_it(s: Story) -> None:
    s.people(3)
    files = s.export_only()
    s.save()
    for receipt in s.hq_imports(files):
        s.branch.sync.import_file(receipt)
    s.people(2)
    s.sync()


def after_hq_applied_before_the_receipt(s: Story) -> None:
    s.people(3)
    receipts = s.hq_imports(s.export_only())
    s.save()
    for receipt in receipts:
        s.branch.sync.import_file(receipt)
    s.people(2)
    s.sync()


def between_two_batches(s: Story) -> None:
    s.people(2)
    first = s.export_only()
    s.people(2)
    s.save()
    both = s.export_only()
    assert len(both) == 2 and both[0].name == first[0].name
    for receipt in s.hq_imports(both):
        s.branch.sync.import_file(receipt)
    s.people(3)
    s.sync()


def with_unsent_changes_the_original_sent(s: Story) -> None:
    s.people(2)
    s.sync()
    s.people(3)  # in the copy, unsent; the original sends them (HQ has them, same changes)
    s.save()
    s.sync()
    s.people(2)
    s.sync()


def two_syncs_behind(s: Story) -> None:
    s.people(2)
    s.sync()
    s.save()
    for _ in range(2):
        s.people(2)
        s.household()
        s.sync()


def the_lost_disks_last_work(s: Story) -> None:
    s.people(2)
    s.sync()
    s.save()
    s.people(3)
    s.sync()


def edits_on_both_sides(s: Story) -> None:
    s.people(4)
    s.sync()
    s.save()
    s.edit("على القرص المفقود")
    s.sync()


def cases_on_the_lost_disk(s: Story) -> None:
    s.people(2)
    s.case()
    s.sync()
    s.save()
    s.case()
    s.sync()


def a_batch_in_transit(s: Story) -> None:
    """The copy holds a batch written to the stick; HQ imports it only after the restore."""
    s.people(2)
    s.sync()
    s.people(2)
    in_transit = s.export_only()
    s.save()
    s.people(1)
    s.sync()
    s.pending_files = in_transit


def a_restored_copy_restored_again(s: Story) -> None:
    s.people(2)
    s.sync()
    s.save()
    s.people(2)
    s.sync()
    s.restore()
    s.people(1)
    s.sync()
    s.restore()  # the same old copy once more


SCENARIOS: dict[str, Step] = {
    "before any sync": before_any_sync,
    "after a sync": after_a_sync,
    "after an export, before HQ has it": after_an_export_before_hq_has_it,
    "after HQ applied, before the receipt": after_hq_applied_before_the_receipt,
    "between two batches": between_two_batches,
    "with unsent changes the original sent": with_unsent_changes_the_original_sent,
    "two syncs behind": two_syncs_behind,
    "the lost disk's last work": the_lost_disks_last_work,
    "edits on both sides": edits_on_both_sides,
    "cases on the lost disk": cases_on_the_lost_disk,
    "a batch in transit": a_batch_in_transit,
    "restored twice": a_restored_copy_restored_again,
}


@pytest.mark.parametrize("transport", ["http", "usb"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_a_restored_branch_loses_nothing(
    hq: Hq,
    make_branch: Callable[[str], SyncBranch],
    tmp_path: Path,
    scenario: str,
    transport: str,
) -> None:
    story = Story(hq, make_branch("TRP01"), transport, tmp_path)
    SCENARIOS[scenario](story)
    at_hq_before = counts(central_rows(hq, "TRP01"))
    story.restore()
    new = story.people(3)
    for late in story.pending_files:  # a stick from before the restore reaches HQ late
        hq.service.import_files([late])
    story.edit("بعد الاستعادة", newest=True)
    recovered = story.sync()
    story.sync()  # a second sync finds nothing more to do
    assert recovered is not None, "the worker was not told the branch was recovered"
    assert recovered.resent >= len(new)
    assert_nothing_lost(story)
    at_hq = counts(central_rows(hq, "TRP01"))
    assert at_hq["beneficiaries"] == at_hq_before["beneficiaries"] + len(new)
    # Person numbers: none given twice, none lost (the copy's new people, numbered before HQ
    # brought back the lost disk's, took the next free numbers instead).
    numbers = sorted(
        r["person_number"] for r in central_rows(hq, "TRP01")["beneficiaries"].values()
    )
    assert numbers == [f"TRP01-P-{n:06d}" for n in range(1, len(numbers) + 1)]


def test_the_same_field_edited_on_the_lost_disk_and_on_the_copy_is_a_conflict(
    hq: Hq, make_branch: Callable[[str], SyncBranch], tmp_path: Path
) -> None:
    """Two edits of one field from the same base: the copy's (the owner's latest) is applied
    and a hard conflict keeps the lost disk's value for review — never silent."""
    story = Story(hq, make_branch("TRP01"), "http", tmp_path)
    story.people(3)
    story.sync()
    story.save()
    story.edit("على القرص المفقود")
    story.sync()
    story.restore()
    story.edit("على النسخة")
    assert story.sync() is not None
    record = books(hq, "TRP01")
    assert (record.rejected_rows, record.held) == (0, 0)
    assert record.conflicts == 4  # two people, notes and address each
    local, central = branch_rows(story.branch), central_rows(hq, "TRP01")
    assert not diff(central, local)
    notes = {r["notes"] for r in central["beneficiaries"].values()}
    assert "على النسخة" in notes and "على القرص المفقود" not in notes


def test_over_http_a_fork_is_a_409_that_says_where_hq_stands(
    hq: Hq, make_branch: Callable[[str], SyncBranch], tmp_path: Path
) -> None:
    story = Story(hq, make_branch("TRP01"), "http", tmp_path)
    story.people(2)
    story.sync()
    story.save()
    story.people(2)
    story.sync()
    story.restore()
    story.people(1)
    [batch] = story.export_only()
    record = books(hq, "TRP01")
    answer = hq.client.post(
        "/v1/batches", content=batch.read_bytes(),
        headers={"Content-Type": "application/octet-stream"},
    )  # fmt: skip
    assert answer.status_code == 409
    assert answer.headers["X-Sanad-Outcome"] == "fork"
    assert int(answer.headers["X-Sanad-Last-Seq"]) == record.last_seq
    assert len(answer.headers["X-Sanad-Last-Hash"]) == 64
    assert answer.content.startswith(b"PK")  # HQ's signed answer, to recover with
    assert books(hq, "TRP01") == record  # nothing applied
