"""The kept count of changes waiting (`outbox_count`, migration 0017) always equals the outbox
counted row by row, whatever the branch did: saves, edits, tombstones, households, case work,
bulk writes, CSV imports (and a cancelled one, rolled back), syncs over HTTP, USB exports and
imports, and restoring the folder from an older copy (HQ's fork answer re-bases the unsent
changes). Seeded random sequences, checked after every step.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from app.demo.register import add_demo_people
from app.services.importing import ImportService
from app.sync.outbox_export import count_pending, pending_changes
from tests.services.import_samples import GOOD, HEADERS, write_csv
from tests.sync.case_changes import case_work
from tests.sync.changes import edit_rows, live_people, tombstone_rows
from tests.sync.test_restore import Story
from tests.sync.world import Hq, SyncBranch

pytestmark = [pytest.mark.sync, pytest.mark.db]


def kept_and_counted(branch: SyncBranch) -> tuple[int, int]:
    with branch.services.ctx.db.read() as session:
        return pending_changes(session), count_pending(session)


def _import(story: Story, *, cancel: bool) -> None:
    story.n += 1
    n = story.n
    # New birth dates and no numbers: never "already registered".
    rows = [
        [
            *row[:6],
            f"{1960 + (3 * n + i) % 40}-{1 + n % 12:02d}-{1 + (n + i) % 28:02d}",
            "",
            "",
            row[9],
        ]
        for i, row in enumerate(GOOD)
    ]
    path = write_csv(story.tmp / f"import-{story.n}.csv", HEADERS, rows)
    services = story.branch.services
    result = ImportService(services.ctx, services.reference).commit(
        path, cancel=(lambda: True) if cancel else None
    )
    assert result.imported == (0 if cancel else len(rows)), result


def _step_names() -> dict[str, Callable[[Story, random.Random], object]]:
    return {
        "register": lambda s, r: s.people(r.randint(1, 3)),
        "bulk": lambda s, r: add_demo_people(
            s.branch.services, r.randint(5, 40), seed=r.randrange(10**6)
        ),
        "edit": lambda s, r: s.edit(f"تعديل {s.n}", newest=r.random() < 0.5),
        "tombstone": lambda s, r: tombstone_rows(s.branch, live_people(s.branch)[:1]),
        "household": lambda s, _r: s.household(),
        "cases": lambda s, r: case_work(s.branch, r, live_people(s.branch), 4),
        "import": lambda s, _r: _import(s, cancel=False),
        "cancelled import": lambda s, _r: _import(s, cancel=True),
        "edit many": lambda s, r: edit_rows(
            s.branch, r.sample(live_people(s.branch), min(5, len(live_people(s.branch)))), "ك"
        ),
        "sync": lambda s, _r: s.sync(),
        "export": lambda s, _r: s.export_only(),
        "usb round": lambda s, _r: s.usb_round(),
        "save a copy": lambda s, _r: s.save(),
        "restore the copy": lambda s, _r: s.restore() if s.saved is not None else None,
    }


@pytest.mark.parametrize("transport", ["http", "usb"])
@pytest.mark.parametrize("seed", [1, 2])
def test_the_kept_count_equals_a_full_count_after_random_work(
    hq: Hq,
    make_branch: Callable[[str], SyncBranch],
    tmp_path: Path,
    seed: int,
    transport: str,
) -> None:
    rng = random.Random(seed)
    story = Story(hq, make_branch("TRP01"), transport, tmp_path)
    steps = _step_names()
    story.people(2)  # something to edit from the first step on
    done: list[str] = []
    seen: set[int] = set()
    for name in ["sync", *rng.choices(list(steps), k=30), "sync", "sync"]:
        steps[name](story, rng)
        done.append(name)
        kept, counted = kept_and_counted(story.branch)
        assert kept == counted, f"after {' → '.join(done)}"
        seen.add(counted)
    assert len(seen) > 3, "the random work never moved the count"  # not a vacuous check
    assert kept_and_counted(story.branch) == (0, 0)  # all sent and acknowledged
