"""The branch database's upkeep (app.db.upkeep): no checkpoint or index merge inside a save;
both when the desk is idle; bounded when it never is; search answers unchanged by merges."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from app.db import upkeep
from app.services.setup import DB_FILE, AppServices
from tests.services.people import numbered

pytestmark = pytest.mark.db


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _register(services: AppServices, first: int, count: int) -> list[str]:
    return [services.beneficiaries.register(numbered(i)).id for i in range(first, first + count)]


def _segments(services: AppServices) -> int:
    with sqlite3.connect(services.ctx.data_dir / DB_FILE) as conn:
        return int(
            conn.execute("SELECT count(DISTINCT segid) FROM beneficiary_search_idx").fetchone()[0]
        )


def _automerge(services: AppServices) -> int:
    with sqlite3.connect(services.ctx.data_dir / DB_FILE) as conn:
        return upkeep.automerge(conn)


def _idle(services: AppServices) -> int:
    steps = 1
    while services.upkeep.idle_step():
        steps += 1
        assert steps < 1000
    return steps


def test_saves_leave_the_wal_alone_until_the_desk_is_idle(worker: AppServices) -> None:
    db_file = worker.ctx.data_dir / DB_FILE
    wal = Path(f"{db_file}-wal")
    _idle(worker)
    before = _digest(db_file)
    _register(worker, 0, 60)  # far more than the 1,000 pages SQLite would checkpoint after
    assert _digest(db_file) == before  # every page still in the WAL: no save checkpointed
    assert wal.stat().st_size > 4 * 1024 * 1024
    _idle(worker)
    assert _digest(db_file) != before  # copied back when idle
    with sqlite3.connect(db_file) as conn:
        done = upkeep.checkpoint(conn)
    assert done.complete  # nothing left to copy
    assert done.wal_frames <= 4  # and the WAL started over then, not in the next save
    worker.close()
    assert wal.stat().st_size == 0 if wal.exists() else True  # truncated at close


def test_the_wal_is_checkpointed_after_so_many_commits_when_never_idle(
    worker: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_file = worker.ctx.data_dir / DB_FILE
    _idle(worker)
    monkeypatch.setattr(upkeep, "FORCE_CHECKPOINT_COMMITS", 25)
    before = _digest(db_file)
    _register(worker, 0, 10)
    assert _digest(db_file) == before
    _register(worker, 10, 20)
    assert _digest(db_file) != before


def test_the_wal_is_checkpointed_when_it_grows_past_its_limit(
    worker: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_file = worker.ctx.data_dir / DB_FILE
    _idle(worker)
    before = _digest(db_file)
    monkeypatch.setattr(upkeep, "WAL_LIMIT", 10**9)
    _register(worker, 0, 5)
    assert _digest(db_file) == before
    monkeypatch.setattr(upkeep, "WAL_LIMIT", 1)  # any WAL is past it
    _register(worker, 5, 1)
    assert _digest(db_file) != before
    with sqlite3.connect(db_file) as conn:
        assert upkeep.checkpoint(conn).complete


def test_index_segments_are_merged_when_idle_and_bounded_when_never_idle(
    worker: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _automerge(worker) == 0  # saves never merge the index themselves
    monkeypatch.setattr(upkeep, "FORCE_MERGE_COMMITS", 10**9)
    _register(worker, 0, 15)
    piled_up = _segments(worker)
    assert piled_up >= 12  # one per save: nothing merged them
    _idle(worker)
    assert _segments(worker) < 4
    monkeypatch.setattr(upkeep, "FORCE_MERGE_COMMITS", 4)
    _register(worker, 15, 15)
    assert _segments(worker) < piled_up  # merged as it went, though never idle


def test_search_answers_are_the_same_after_merging(
    worker: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upkeep, "FORCE_MERGE_COMMITS", 10**9)
    _register(worker, 0, 40)
    queries = ["سالم", "خالد محمد", "القماطي", "زينب", "عمر علي صالح", "119500000000", "يوسف حسن"]
    before = {q: [h.id for h in worker.beneficiaries.search(q)] for q in queries}
    segments = _segments(worker)
    _idle(worker)
    assert _segments(worker) < segments  # merged indeed
    assert {q: [h.id for h in worker.beneficiaries.search(q)] for q in queries} == before
    assert all(before.values())


def test_a_bulk_write_merges_as_it_goes_and_leaves_merging_to_idle_time(
    worker: AppServices,
) -> None:
    from app.db import bulk

    actor = worker.ctx.actor()
    people = [worker.beneficiaries.validate(numbered(i)) for i in range(30)]
    with worker.ctx.db.transaction(actor) as session:
        bulk.write_beneficiaries(session, people, actor)
    assert _automerge(worker) == 0
    assert len(worker.beneficiaries.search("القماطي", limit=100)) == 30
