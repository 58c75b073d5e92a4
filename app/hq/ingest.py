"""Applying an up-batch at HQ exactly once (docs/sync-protocol.md, "Apply, exactly once").

`ingest_batch` runs in the caller's transaction: the ledger row of the branch is locked
(`SELECT … FOR UPDATE` on PostgreSQL; SQLite's single writer does the same), so two deliveries
of one batch, or two batches of one branch, never interleave. Whatever it raises rolls the
whole batch back.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.clock import utcnow
from app.db.sync_models import (
    HqBatchRow,
    HqConflictRow,
    HqCounterRow,
    HqDownQueueRow,
    HqLedgerRow,
    HqRejectedRow,
)
from app.sync.batch_file import ZERO_HASH, BatchRejected, Manifest, RejectCode
from app.sync.merge import merge_changes


class Outcome(StrEnum):
    APPLIED = "applied"
    ALREADY_APPLIED = "already_applied"
    HELD = "held"


@dataclass(frozen=True, slots=True)
class IngestResult:
    outcome: Outcome
    branch: str
    ack_upto: int
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    reason: str = ""


def lock_ledger(session: Session, branch: str) -> HqLedgerRow:
    ledger = session.scalar(
        select(HqLedgerRow).where(HqLedgerRow.branch == branch).with_for_update()
    )
    if ledger is None:
        ledger = HqLedgerRow(
            branch=branch,
            last_seq=0,
            last_hash=ZERO_HASH,
            down_seq=0,
            branch_acked_down=0,
            rejected_rows=0,
        )
        session.add(ledger)
        session.flush()
    return ledger


def next_hq_version(session: Session) -> int:
    counter = session.scalar(
        select(HqCounterRow).where(HqCounterRow.name == "hq_version").with_for_update()
    )
    if counter is None:
        counter = HqCounterRow(name="hq_version", value=0)
        session.add(counter)
    counter.value += 1
    session.flush()
    return counter.value


def ingest_batch(
    session: Session,
    manifest: Manifest,
    lines: list[dict[str, Any]] | None,
    *,
    held_file: str | None = None,
) -> IngestResult:
    """Apply, skip or hold one verified up-batch. `lines` may be None for a batch that turns
    out to be a replay or held (they are only decrypted when needed: see `needs_content`)."""
    now = utcnow()
    branch = manifest.source
    ledger = lock_ledger(session, branch)
    ledger.last_contact_at = now
    ledger.branch_acked_down = max(ledger.branch_acked_down, manifest.ack_upto)
    if manifest.seq_to <= ledger.last_seq or manifest.seq_to < manifest.seq_from:
        # A replay, or an empty batch (a poll for answers): nothing to apply, never held.
        return IngestResult(Outcome.ALREADY_APPLIED, branch, ledger.last_seq)
    if manifest.seq_from > ledger.last_seq + 1:
        record = session.get(HqBatchRow, manifest.batch_id) or HqBatchRow(
            batch_id=manifest.batch_id, received_at=now
        )
        record.branch = branch
        record.seq_from, record.seq_to = manifest.seq_from, manifest.seq_to
        record.content_sha256 = manifest.content_sha256
        record.status = "held"
        record.reason = f"waiting for changes {ledger.last_seq + 1}..{manifest.seq_from - 1}"
        record.held_file = held_file
        session.add(record)
        return IngestResult(Outcome.HELD, branch, ledger.last_seq, reason=record.reason)
    if manifest.seq_from == ledger.last_seq + 1 and manifest.prev_hash != ledger.last_hash:
        raise BatchRejected(RejectCode.FORK, f"expected previous batch {ledger.last_hash[:12]}")
    if lines is None:
        raise ValueError("the batch must be decrypted to be applied")
    fresh = [line for line in lines if int(line["seq"]) > ledger.last_seq]
    hq_version = next_hq_version(session)
    merged = merge_changes(session, branch, fresh, hq_version)
    for rejected in merged.rejected:
        session.add(HqRejectedRow(
            batch_id=manifest.batch_id, branch=branch, seq=rejected.seq,
            table_name=rejected.table, row_id=rejected.row_id, reason=rejected.reason,
            code=rejected.code,
            change=orjson.dumps(rejected.line).decode(),
        ))  # fmt: skip
    for c in merged.conflicts:
        session.add(HqConflictRow(
            kind=c.kind, table_name=c.table, row_id=c.row_id, field=c.field, branch=branch,
            branch_value=_text(c.branch_value), hq_value=_text(c.hq_value),
            applied_value=_text(c.applied_value), batch_id=manifest.batch_id, seq=c.seq,
            status="open", created_at=now,
        ))  # fmt: skip
    record = session.get(HqBatchRow, manifest.batch_id) or HqBatchRow(
        batch_id=manifest.batch_id, received_at=now
    )
    record.branch = branch
    record.seq_from, record.seq_to = manifest.seq_from, manifest.seq_to
    record.content_sha256 = manifest.content_sha256
    record.status, record.reason, record.held_file = "applied", "", None
    record.applied_at = now
    record.changes = merged.applied
    record.conflicts = len(merged.conflicts)
    record.rejected = len(merged.rejected)
    session.add(record)
    ledger.last_seq = manifest.seq_to
    ledger.last_hash = manifest.content_sha256
    ledger.last_batch_id = manifest.batch_id
    ledger.last_received_at = now
    ledger.rejected_rows += len(merged.rejected)
    queue_down(session, ledger, {
        "kind": "confirm", "seq_from": manifest.seq_from, "seq_to": manifest.seq_to,
        "hq_version": hq_version, "rejected": [r.seq for r in merged.rejected],
    })  # fmt: skip
    return IngestResult(
        Outcome.APPLIED,
        branch,
        ledger.last_seq,
        merged.applied,
        len(merged.conflicts),
        len(merged.rejected),
    )


def queue_down(session: Session, ledger: HqLedgerRow, line: dict[str, Any]) -> int:
    """Owe the branch one more answer line (sent in every down-batch until acknowledged)."""
    ledger.down_seq += 1
    session.add(HqDownQueueRow(
        branch=ledger.branch, seq=ledger.down_seq,
        line=orjson.dumps({"seq": ledger.down_seq, **line}).decode(),
    ))  # fmt: skip
    return ledger.down_seq


def pending_down(session: Session, branch: str, after: int) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(HqDownQueueRow.line)
        .where(HqDownQueueRow.branch == branch, HqDownQueueRow.seq > after)
        .order_by(HqDownQueueRow.seq)
    )
    return [orjson.loads(r) for r in rows]


def _text(value: object) -> str | None:
    return None if value is None else str(value)
