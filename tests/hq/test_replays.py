"""A replayed batch answers "already applied" and changes nothing at HQ — the ledger
included: a silent or stolen branch cannot be made to look alive by replaying its old files
(its last contact, last receipt and acknowledged answers stay as they were). A new poll does
count as contact; the same poll again does not.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from app.hq.service import HqService
from tests.hq.branch_side import Branch, content_hash, hand_made
from tests.sync.world import TestClient

pytestmark = [pytest.mark.db, pytest.mark.sync]

OCTET = {"Content-Type": "application/octet-stream"}


def everything(hq: HqService) -> dict[str, str]:
    """Every table of HQ's database, row for row (a hash each), bookkeeping included."""
    meta = MetaData()
    meta.reflect(hq.engine)
    out = {}
    with hq.engine.connect() as conn:
        for name, table in sorted(meta.tables.items()):
            rows = sorted(repr(tuple(r)) for r in conn.execute(select(table)))
            out[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return out


def two_batches(hq: HqService, branch: Branch) -> tuple[Path, Path]:
    first = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1, seq_to=3)
    second = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=4,
                       seq_to=5, prev_hash=content_hash(first))  # fmt: skip
    assert [r.outcome for r in hq.import_files([first, second])] == ["applied", "applied"]
    return first, second


def poll(hq: HqService, branch: Branch, after: Path, seq: int) -> Path:
    """An empty batch at the branch's position (a poll for answers), stamped now."""
    folder = branch.usb / f"poll-{time.monotonic_ns()}"
    return hand_made(folder, branch.keys, hq.identity, source="TRP01", seq_from=seq + 1,
                     seq_to=seq, lines=[], prev_hash=content_hash(after))  # fmt: skip


def test_a_replayed_batch_changes_nothing_at_hq_not_even_the_ledger(
    hq: HqService, branch: Branch
) -> None:
    first, second = two_batches(hq, branch)
    before = everything(hq)
    time.sleep(1.1)  # a refreshed time stamp would show
    for path in (first, second, first):
        [result] = hq.import_files([path])
        assert result.outcome == "already_applied" and result.applied == 0, result
        assert result.receipt is not None  # answered again: a lost receipt is re-sent
    with TestClient(_app(hq)) as client:
        answer = client.post("/v1/batches", content=first.read_bytes(), headers=OCTET)
    assert answer.status_code == 200
    assert answer.headers["X-Sanad-Outcome"] == "already_applied"
    assert everything(hq) == before


def test_a_new_poll_is_contact_and_the_same_poll_again_is_not(
    hq: HqService, branch: Branch
) -> None:
    _first, second = two_batches(hq, branch)
    time.sleep(1.1)  # polls are stamped to the second
    fresh = poll(hq, branch, second, 5)
    contact = next(s for s in hq.status() if s.code == "TRP01").last_contact_at
    [result] = hq.import_files([fresh])
    assert result.outcome == "already_applied"
    after_poll = next(s for s in hq.status() if s.code == "TRP01").last_contact_at
    assert after_poll is not None and contact is not None and after_poll > contact
    before = everything(hq)
    time.sleep(1.1)
    [again] = hq.import_files([fresh])
    assert again.outcome == "already_applied"
    assert everything(hq) == before


def _app(hq: HqService):  # type: ignore[no-untyped-def]
    from app.hq.api import create_app

    return create_app(hq)
