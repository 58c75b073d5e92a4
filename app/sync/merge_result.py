"""What merging a batch answers: how many lines applied, the lines refused with their reason
and code, the conflicts, and the rows touched per table; and what the merge steps share to
build it (a line's sequence number, how many ids one query may bind).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.sync.merge_rules import Conflict
from app.sync.ownership import RejectReason

CHUNK = 900  # stays under SQLite's bound-parameter limit


@dataclass(slots=True)
class Rejected:
    seq: int
    table: str
    row_id: str
    reason: str
    line: dict[str, Any]
    code: str = RejectReason.MALFORMED.value


@dataclass(slots=True)
class MergeResult:
    applied: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    touched: dict[str, set[str]] = field(default_factory=dict)


def line_seq(line: dict[str, Any]) -> int:
    try:
        return int(line.get("seq", 0))
    except (TypeError, ValueError):
        return 0
