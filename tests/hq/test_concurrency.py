"""Several branches uploading at once, with duplicated and reordered deliveries: every batch
is applied exactly once (PostgreSQL locks the branch's ledger row; SQLite has one writer)."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import BeneficiaryRow
from app.db.sync_models import HqBatchRow, HqLedgerRow
from app.hq.service import HqService
from tests.hq.branch_side import content_hash, enroll, hand_made

pytestmark = [pytest.mark.db, pytest.mark.sync]
BRANCHES = 4
BATCHES = 3
PER_BATCH = 5


def test_concurrent_uploads_apply_every_batch_exactly_once(hq: HqService, tmp_path: Path) -> None:
    uploads: list[bytes] = []
    for b in range(BRANCHES):
        code = f"BR{b:02d}"
        keys = enroll(hq, code, f"branch {b}", tmp_path)
        prev = "0" * 64
        for k in range(BATCHES):
            first = k * PER_BATCH + 1
            path = hand_made(
                tmp_path / code, keys, hq.identity, source=code, seq_from=first,
                seq_to=first + PER_BATCH - 1, prev_hash=prev,
            )  # fmt: skip
            prev = content_hash(path)
            uploads.append(path.read_bytes())
    deliveries = uploads * 2  # every batch twice …
    random.Random(7).shuffle(deliveries)  # … in any order

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(hq.receive, deliveries))

    assert {r.outcome for r in results} <= {"applied", "already_applied", "held"}
    # Held batches wait for their gap; by the end every gap was filled.
    with Session(hq.engine) as session:
        total = session.scalar(select(func.count()).select_from(BeneficiaryRow))
        assert total == BRANCHES * BATCHES * PER_BATCH
        ledgers = session.scalars(select(HqLedgerRow)).all()
        assert {(lg.last_seq, lg.rejected_rows) for lg in ledgers} == {(BATCHES * PER_BATCH, 0)}
        batches = session.scalars(select(HqBatchRow)).all()
        assert len(batches) == BRANCHES * BATCHES
        assert {(b.status, b.changes) for b in batches} == {("applied", PER_BATCH)}
    applied = sum(r.applied + r.released_changes for r in results)
    assert applied == BRANCHES * BATCHES * PER_BATCH
    assert list(hq.home.held_dir.iterdir()) == []
