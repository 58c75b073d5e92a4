"""Applying an up-batch at HQ exactly once (docs/sync-protocol.md, "Apply, exactly once").

`ingest_batch` runs in the caller's transaction: the ledger row of the branch is locked
(`SELECT … FOR UPDATE` on PostgreSQL; SQLite's single writer does the same), so two deliveries
of one batch, or two batches of one branch, never interleave. Whatever it raises rolls the
whole batch back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
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
from app.hq.registry_matches import match_batch
from app.sync.batch_file import ZERO_HASH, Manifest
from app.sync.batch_stream import CHUNK_LINES, ChangeStream
from app.sync.merge_result import MergeResult
from app.sync.merge_rules import SOFT
from app.sync.merge_stream import in_chunks, merge_stream, planned_afresh


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
    fresh: bool = True  # False: a replay, which must change nothing at HQ


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


def lock_ledgers(session: Session, branches: Iterable[str]) -> dict[str, HqLedgerRow]:
    """Lock several branches' ledgers, in code order: ingest locks one ledger at a time, and
    one order everywhere keeps two HQ transactions from waiting on each other."""
    return {code: lock_ledger(session, code) for code in sorted(set(branches))}


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


class ForkDetected(Exception):
    """The batch does not continue what HQ applied from its branch: a restored old copy.

    Carries HQ's position (the last sequence applied and its batch's content hash) and the
    last point both histories share (`agreed`: a sequence number, its batch's HQ version)."""

    def __init__(self, manifest: Manifest, last_seq: int, last_hash: str, detail: str) -> None:
        super().__init__(detail)
        self.manifest = manifest
        self.last_seq = last_seq
        self.last_hash = last_hash
        self.detail = detail


def ingest_batch(
    session: Session,
    manifest: Manifest,
    lines: list[dict[str, Any]] | ChangeStream | None,
    *,
    digests: bytes | None = None,
    held_file: str | None = None,
    careful: bool = False,
    plain_text: bool = False,
) -> IngestResult:
    """Apply, skip or hold one verified up-batch; raise ForkDetected for a fork.

    `lines` may be None for a batch that turns out to be a replay or held (they are only
    decrypted when needed), or a `ChangeStream`: applied chunk by chunk (app/sync/
    merge_stream.py), read whole (and checked) on the other paths; its digests are kept.
    `plain_text` (lines in a list): no line holds a control character (the raw content was
    scanned once). `digests`: one per change (app/sync/change_digest.py), kept with
    the batch. A replay changes nothing at HQ, the ledger included (it cannot make a silent
    branch look alive); every batch's chain is checked against what HQ applied for those
    sequence numbers, overlapping or not (docs/sync-protocol.md, "Forks")."""
    now = utcnow()
    branch = manifest.source
    ledger = lock_ledger(session, branch)
    empty = manifest.seq_to < manifest.seq_from
    if manifest.seq_from <= ledger.last_seq or empty:
        _check(lines)  # every line checked, as a batch read whole was before any decision
    if manifest.seq_from <= ledger.last_seq:
        # Behind HQ: an exact replay of an applied batch, an old poll, or a restored copy.
        if _is_replay(session, ledger, manifest, empty):
            return IngestResult(Outcome.ALREADY_APPLIED, branch, ledger.last_seq, fresh=False)
        raise ForkDetected(
            manifest, ledger.last_seq, ledger.last_hash,
            f"HQ has applied this branch's changes up to {ledger.last_seq}; this batch "
            f"({manifest.seq_from}..{manifest.seq_to}) is not the one HQ applied there",
        )  # fmt: skip
    if manifest.seq_from == ledger.last_seq + 1 and manifest.prev_hash != ledger.last_hash:
        _check(lines)
        raise ForkDetected(
            manifest, ledger.last_seq, ledger.last_hash,
            f"expected previous batch {ledger.last_hash[:12]}",
        )  # fmt: skip
    if empty:  # a poll for answers at HQ's position: contact, if it is a new one
        new = ledger.last_poll_at is None or manifest.created_at > ledger.last_poll_at
        if new:
            ledger.last_poll_at = manifest.created_at
            ledger.last_contact_at = now
            ledger.branch_acked_down = max(ledger.branch_acked_down, manifest.ack_upto)
        return IngestResult(Outcome.ALREADY_APPLIED, branch, ledger.last_seq, fresh=new)
    record = session.get(HqBatchRow, manifest.batch_id)
    if manifest.seq_from > ledger.last_seq + 1:
        if (
            record is not None and record.status == "held"
            and record.content_sha256 == manifest.content_sha256
        ):  # fmt: skip
            return IngestResult(
                Outcome.HELD, branch, ledger.last_seq, reason=record.reason, fresh=False
            )
        _check(lines)
        ledger.last_contact_at = now
        record = record or HqBatchRow(batch_id=manifest.batch_id, received_at=now)
        record.branch = branch
        record.seq_from, record.seq_to = manifest.seq_from, manifest.seq_to
        record.content_sha256 = manifest.content_sha256
        record.prev_hash = manifest.prev_hash
        record.status = "held"
        record.reason = f"waiting for changes {ledger.last_seq + 1}..{manifest.seq_from - 1}"
        record.held_file = held_file
        session.add(record)
        return IngestResult(Outcome.HELD, branch, ledger.last_seq, reason=record.reason)
    if lines is None:
        raise ValueError("the batch must be decrypted to be applied")
    ledger.last_contact_at = now
    ledger.branch_acked_down = max(ledger.branch_acked_down, manifest.ack_upto)
    hq_version = next_hq_version(session)
    chunks = lines if isinstance(lines, ChangeStream) else in_chunks(lines, CHUNK_LINES, plain_text)
    with planned_afresh(session):
        merged = merge_stream(
            session, branch, chunks, hq_version, fast=not careful, careful=careful
        )
        if isinstance(lines, ChangeStream):
            digests = lines.digests  # the stream was read to its end: every check passed
        _record_refusals(session, manifest, branch, merged, hq_version, now)
        # The same person at another branch: found now, in the batch's own transaction (both
        # branches hear of it right after: app.hq.flags).
        match_batch(session, merged.touched, manifest.batch_id, now)
    record = record or HqBatchRow(batch_id=manifest.batch_id, received_at=now)
    record.branch = branch
    record.seq_from, record.seq_to = manifest.seq_from, manifest.seq_to
    record.content_sha256 = manifest.content_sha256
    record.prev_hash = manifest.prev_hash
    record.status, record.reason, record.held_file = "applied", "", None
    record.applied_at = now
    record.changes = merged.applied
    hard = sum(1 for c in merged.conflicts if c.kind != SOFT)
    record.conflicts = hard
    record.rejected = len(merged.rejected)
    record.hq_version = hq_version
    record.digests = digests
    record.made_at = manifest.created_at
    session.add(record)
    ledger.last_seq = manifest.seq_to
    ledger.last_hash = manifest.content_sha256
    ledger.last_batch_id = manifest.batch_id
    ledger.last_received_at = now
    ledger.rejected_rows += len(merged.rejected)
    queue_down(session, ledger, {
        "kind": "confirm", "seq_from": manifest.seq_from, "seq_to": manifest.seq_to,
        "hq_version": hq_version, "rejected": [r.seq for r in merged.rejected],
        "batch_id": manifest.batch_id, "content_sha256": manifest.content_sha256,
    })  # fmt: skip
    return IngestResult(
        Outcome.APPLIED,
        branch,
        ledger.last_seq,
        merged.applied,
        hard,
        len(merged.rejected),
    )


def _record_refusals(
    session: Session, manifest: Manifest, branch: str, merged: MergeResult, hq_version: int,
    now: datetime,
) -> None:  # fmt: skip
    """The batch's refused lines and its conflicts, kept for HQ to look at."""
    for rejected in merged.rejected:
        session.add(HqRejectedRow(
            batch_id=manifest.batch_id, branch=branch, seq=rejected.seq,
            table_name=_storable(rejected.table), row_id=_storable(rejected.row_id),
            reason=rejected.reason,
            code=rejected.code, change=orjson.dumps(rejected.line).decode(),
        ))  # fmt: skip
    for c in merged.conflicts:
        session.add(HqConflictRow(
            kind=c.kind, table_name=c.table, row_id=c.row_id, field=c.field, branch=branch,
            branch_value=_text(c.branch_value), hq_value=_text(c.hq_value),
            applied_value=_text(c.applied_value), batch_id=manifest.batch_id, seq=c.seq,
            status="soft" if c.kind == SOFT else "open", created_at=now, values_json=orjson.dumps({
                "base": c.base_value, "branch": c.branch_value, "hq": c.hq_value,
                "applied": c.applied_value,
            }).decode(), branch_user=c.branch_user, branch_changed_at=c.branch_at,
            hq_user=c.hq_user, hq_changed_at=c.hq_at, row_hq_version=hq_version,
        ))  # fmt: skip


def _storable(text: str) -> str:
    """A refused line's table or id as a text column can hold it (never a NUL)."""
    return text.replace("\x00", "\ufffd")


def _check(lines: list[dict[str, Any]] | ChangeStream | None) -> None:
    """A streamed batch that is not applied now is still read whole, and refused if wrong."""
    if isinstance(lines, ChangeStream):
        lines.check()


def _is_replay(session: Session, ledger: HqLedgerRow, manifest: Manifest, empty: bool) -> bool:
    """A batch behind HQ's position that HQ has already seen, exactly.

    A non-empty batch: HQ applied one with the same range, content and chain link. An empty
    one (a poll): it continues a batch HQ applied, and it is not newer than the newest poll
    HQ counted nor than the batch HQ applied next (a late copy of a poll made before that
    batch); a restored copy polling now is newer than both: its branch's clock stamped it
    now."""
    if empty:
        linked = (manifest.seq_from == 1 and manifest.prev_hash == ZERO_HASH) or agreed_batch(
            session, ledger.branch, manifest
        ) is not None
        if not linked:
            return False
        if ledger.last_poll_at is not None and manifest.created_at <= ledger.last_poll_at:
            return True
        following = session.scalar(
            select(HqBatchRow.made_at).where(
                HqBatchRow.branch == ledger.branch,
                HqBatchRow.seq_from == manifest.seq_from,
                HqBatchRow.status == "applied",
            )
        )
        return following is not None and manifest.created_at <= following
    if manifest.seq_to > ledger.last_seq:
        return False
    record = session.get(HqBatchRow, manifest.batch_id)
    return (
        record is not None and record.status == "applied" and record.branch == ledger.branch
        and (record.seq_from, record.seq_to) == (manifest.seq_from, manifest.seq_to)
        and record.content_sha256 == manifest.content_sha256
        and record.prev_hash in (None, manifest.prev_hash)
    )  # fmt: skip


def agreed_batch(session: Session, branch: str, manifest: Manifest) -> HqBatchRow | None:
    """The applied batch that the given batch says comes just before it, if HQ has it."""
    if manifest.seq_from == 1:
        return None
    return session.scalar(
        select(HqBatchRow).where(
            HqBatchRow.branch == branch,
            HqBatchRow.seq_to == manifest.seq_from - 1,
            HqBatchRow.status == "applied",
            HqBatchRow.content_sha256 == manifest.prev_hash,
        )
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
