"""What the branch's sync steps report: progress, status, and the result of each step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from pathlib import Path


class Stage(IntEnum):
    PREPARING = 0
    SENDING = 1
    APPLYING = 2
    DONE = 3


@dataclass(frozen=True, slots=True)
class Progress:
    stage: Stage
    batch: int  # the batch being sent or applied, from 0
    batches: int
    sent: int = 0  # bytes of this batch sent so far
    size: int = 0  # bytes of this batch


@dataclass(frozen=True, slots=True)
class SyncStatus:
    branch_code: str
    demo: bool
    enrolled: bool
    registered: bool
    hq_url: str
    pending_changes: int
    unacked_batches: int
    last_success_at: datetime | None
    last_error: str  # a SyncErrorCode value, "" when the last attempt succeeded
    last_error_reason: str  # HQ's refusal code or the failed check (RejectCode), if any
    last_error_detail: str
    last_error_at: datetime | None
    rejected_by_hq: int


@dataclass(frozen=True, slots=True)
class EnrollResult:
    code: str
    hq_url: str
    registered: bool  # False: HQ was unreachable, `keys_file` must be carried to HQ
    keys_file: Path | None


@dataclass(frozen=True, slots=True)
class Recovered:
    """The branch was restored from an older copy and re-based on HQ (docs/sync.md)."""

    from_hq: int  # records HQ sent back that this copy lacked or held older
    resent: int  # changes made on this copy, numbered again to be sent
    shared: int  # changes of this copy HQ already had


@dataclass(frozen=True, slots=True)
class ImportResult:
    applied: int
    skipped: int
    acked_upto: int
    pending_changes: int
    recovered: Recovered | None = None


@dataclass(frozen=True, slots=True)
class SyncResult:
    sent_batches: int
    sent_changes: int
    acked_upto: int
    applied: int
    pending_changes: int
    recovered: Recovered | None = None
