"""Tables of the sync protocol (docs/sync-protocol.md): the branch's outgoing batches and
permanent change log, and HQ's branches, ledgers, batches, rejected rows, conflicts and the
per-branch queue of answers. Branch and HQ share one schema; each side uses its own tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class ChangeLogRow(Base):
    """Outbox rows HQ has acknowledged, kept as the records' history (branch side)."""

    __tablename__ = "change_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    op: Mapped[str] = mapped_column(String(8))
    changes: Mapped[str] = mapped_column(Text)
    row_version: Mapped[int] = mapped_column(Integer)
    base_hq_version: Mapped[int | None] = mapped_column(Integer)
    user_id: Mapped[str] = mapped_column(String(36))
    changed_at: Mapped[datetime] = mapped_column(DateTime)


class OutgoingBatchRow(Base):
    """An up-batch the branch made; its file is kept until HQ acknowledges it."""

    __tablename__ = "sync_outgoing"
    batch_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq_from: Mapped[int] = mapped_column(Integer)
    seq_to: Mapped[int] = mapped_column(Integer, index=True)
    content_sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    acked_at: Mapped[datetime | None] = mapped_column(DateTime)


class HqBranchRow(Base):
    """A branch enrolled at HQ, with its pinned public keys."""

    __tablename__ = "hq_branches"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    signing_key: Mapped[str | None] = mapped_column(String(64))
    box_key: Mapped[str | None] = mapped_column(String(64))
    enroll_token_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class HqLedgerRow(Base):
    """Per branch: what HQ has applied from it and what it has answered."""

    __tablename__ = "hq_ledger"
    branch: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
    last_batch_id: Mapped[str | None] = mapped_column(String(36))
    last_received_at: Mapped[datetime | None] = mapped_column(DateTime)
    down_seq: Mapped[int] = mapped_column(Integer, default=0)  # last answer line queued
    branch_acked_down: Mapped[int] = mapped_column(Integer, default=0)
    last_receipt_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_contact_at: Mapped[datetime | None] = mapped_column(DateTime)
    rejected_rows: Mapped[int] = mapped_column(Integer, default=0)
    # The branch's own time stamp of the newest poll counted as contact (replays are older).
    last_poll_at: Mapped[str | None] = mapped_column(String(40))
    # "SEQ_FROM:PREV_HASH" of the last fork answered, and the answer line queued for it.
    fork_claim: Mapped[str | None] = mapped_column(String(120))
    fork_down_seq: Mapped[int | None] = mapped_column(Integer)


class HqBatchRow(Base):
    """Every batch HQ has seen, and what became of it."""

    __tablename__ = "hq_batches"
    batch_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    branch: Mapped[str] = mapped_column(String(16), index=True)
    seq_from: Mapped[int] = mapped_column(Integer)
    seq_to: Mapped[int] = mapped_column(Integer)
    content_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))  # applied | held
    reason: Mapped[str] = mapped_column(Text, default="")
    held_file: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    applied_at: Mapped[datetime | None] = mapped_column(DateTime)
    changes: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hq_version: Mapped[int | None] = mapped_column(Integer)
    # One 8-byte digest per change, in sequence order (app/sync/change_digest.py).
    digests: Mapped[bytes | None] = mapped_column(LargeBinary)
    made_at: Mapped[str | None] = mapped_column(String(40))  # the branch's manifest time

    __table_args__ = (Index("ix_hq_batches_branch_seq_to", "branch", "seq_to"),)


class HqRejectedRow(Base):
    """A change HQ could not apply, with the reason (never dropped silently)."""

    __tablename__ = "hq_rejected_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[str] = mapped_column(String(36), index=True)
    branch: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Integer)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    # not_owner | id_exists | read_only | missing_parent | bad_value | malformed | case_number
    code: Mapped[str] = mapped_column(String(24), server_default="malformed")
    reason: Mapped[str] = mapped_column(Text)
    change: Mapped[str] = mapped_column(Text)


class HqConflictRow(Base):
    """A change HQ applied (or kept back) that collided with another: queued for review."""

    __tablename__ = "hq_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))  # field | delete_vs_edit | soft
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str | None] = mapped_column(String(40))
    branch: Mapped[str] = mapped_column(String(16))
    branch_value: Mapped[str | None] = mapped_column(Text)
    hq_value: Mapped[str | None] = mapped_column(Text)
    applied_value: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # JSON {"base", "branch", "hq", "applied"}: the values, typed as on the wire (0011).
    values_json: Mapped[str | None] = mapped_column(Text)
    branch_user: Mapped[str | None] = mapped_column(String(36))  # who made the branch's change
    branch_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    hq_user: Mapped[str | None] = mapped_column(String(36))  # who made the value HQ held
    hq_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    row_hq_version: Mapped[int | None] = mapped_column(Integer)  # the row's, once recorded
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by: Mapped[str | None] = mapped_column(String(60))
    decision: Mapped[str | None] = mapped_column(String(20))  # keep_hq | take_branch | value
    decided_value: Mapped[str | None] = mapped_column(Text)  # JSON
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decision_id: Mapped[int | None] = mapped_column(Integer)  # its entry in hq_decisions


class HqDuplicatePairRow(Base):
    """Two records at two branches that may be one person: found by HQ as batches arrive,
    then decided by a registry officer (open -> confirmed | dismissed). `person_a` is the
    smaller id, so a pair is stored once. `match_digest` fingerprints the values that matched:
    a dismissed pair reopens only when one of them changes."""

    __tablename__ = "hq_duplicate_pairs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_a: Mapped[str] = mapped_column(String(36))
    person_b: Mapped[str] = mapped_column(String(36), index=True)
    branch_a: Mapped[str] = mapped_column(String(16))
    branch_b: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(12))  # identifier | likely
    score: Mapped[float] = mapped_column(Float)
    matched: Mapped[str] = mapped_column(String(200))  # field names, comma-separated
    match_digest: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    found_at: Mapped[datetime] = mapped_column(DateTime)
    found_batch: Mapped[str] = mapped_column(String(36))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by: Mapped[str | None] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text, default="")
    # Each branch hears of the pair (a flag on its record): `version` goes up when what it
    # should hear changes; `sent_a`/`sent_b` is the version each side's answers carried.
    version: Mapped[int] = mapped_column(Integer, default=1)
    sent_a: Mapped[int] = mapped_column(Integer, default=0)
    sent_b: Mapped[int] = mapped_column(Integer, default=0)
    unsent: Mapped[bool] = mapped_column(Boolean, default=True, index=True)  # a side lags

    __table_args__ = (
        UniqueConstraint("person_a", "person_b", name="uq_hq_duplicate_pairs_people"),
    )


class HqDownQueueRow(Base):
    """Lines HQ owes a branch (hq_version confirmations, reference data), in order."""

    __tablename__ = "hq_down_queue"
    branch: Mapped[str] = mapped_column(String(16), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    line: Mapped[str] = mapped_column(Text)


class HqCounterRow(Base):
    """HQ's global sequence for `hq_version` (one row, locked while a batch applies)."""

    __tablename__ = "hq_counter"
    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


__all__ = [
    "ChangeLogRow",
    "HqBatchRow",
    "HqBranchRow",
    "HqConflictRow",
    "HqCounterRow",
    "HqDownQueueRow",
    "HqDuplicatePairRow",
    "HqLedgerRow",
    "HqRejectedRow",
    "OutgoingBatchRow",
]


class HqAuditRow(Base):
    """A branch's audit entry as HQ received it (HQ side; its chain is checked per branch)."""

    __tablename__ = "hq_audit_log"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    branch: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str | None] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(36))
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_hq_audit_log_branch_seq", "branch", "seq", unique=True),
        Index("ix_hq_audit_log_entity", "entity", "entity_id"),  # 0011: a user's name
    )
