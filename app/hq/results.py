"""What became of one imported batch file or upload (`sanad hq import`, `POST /v1/batches`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.hq.answers import Answer
from app.hq.ingest import Outcome
from app.sync.batch_file import BatchRejected

REJECTED = "rejected"
SKIPPED = "skipped"
FAILED = "failed"  # an environment error (database down, disk): try again later
FORK = "fork"  # refused as a fork; the answer tells the branch how to recover


@dataclass(frozen=True, slots=True)
class FileResult:
    """What became of one imported file or upload."""

    file: str
    outcome: str  # an Outcome value, or rejected | skipped | failed
    branch: str = ""
    code: str = ""  # the RejectCode when rejected
    reason: str = ""
    applied: int = 0
    conflicts: int = 0
    rejected_rows: int = 0
    ack_upto: int = 0
    released: int = 0  # held batches of the branch this one let through
    released_changes: int = 0
    receipt: Path | None = None
    answer: Answer | None = field(default=None, repr=False)
    last_hash: str = ""  # a fork: the content hash of the last batch HQ applied

    def to_json(self) -> dict[str, Any]:
        """The report of `sanad hq import --json` (everything but the answer's bytes)."""
        return {
            "file": self.file, "outcome": self.outcome, "branch": self.branch,
            "code": self.code, "reason": self.reason, "applied": self.applied,
            "conflicts": self.conflicts, "rejected_rows": self.rejected_rows,
            "ack_upto": self.ack_upto, "released": self.released,
            "released_changes": self.released_changes,
            "receipt": str(self.receipt) if self.receipt else None,
        }  # fmt: skip

    @property
    def accepted(self) -> bool:
        return self.outcome in (Outcome.APPLIED, Outcome.ALREADY_APPLIED, Outcome.HELD, SKIPPED)


def rejection_text(err: BatchRejected) -> str:
    """The reason without the file name (the caller names the file its own way)."""
    message = str(err)
    prefix = f"{err.file}: "
    return message[len(prefix) :] if err.file and message.startswith(prefix) else message
