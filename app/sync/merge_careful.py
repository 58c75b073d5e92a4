"""The merge's careful writes: one row at a time, each in a savepoint, after the database
refused a value of a batch that the rules here let through (app/hq/service.py applies the
batch again this way): the refused row becomes a rejected row, the rest applies.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from app.db.storage_errors import DATABASE_ERRORS, is_content_error
from app.sync.merge_fast import write_core
from app.sync.merge_result import MergeResult, Rejected, line_seq
from app.sync.ownership import RejectReason


def write_carefully(
    session: Session,
    table: Table,
    keys: Sequence[str],
    new: list[dict[str, Any]],
    old: list[dict[str, Any]],
    lines: list[dict[str, Any]],
    result: MergeResult,
    dirty: dict[str, dict[str, None]],
) -> None:
    """One row at a time, each in a savepoint; a refused row is rejected with the database's
    reason (the last change of the batch that touched it is the one recorded)."""
    name = table.name
    for row, is_new in [(r, True) for r in new] + [(r, False) for r in old]:
        try:
            with session.begin_nested():
                write_core(session, table, keys, [row] if is_new else [], [] if is_new else [row])
        except DATABASE_ERRORS as err:
            if not is_content_error(err):
                raise
            line = next(
                ln for ln in reversed(lines)
                if ln.get("table") == name and ln.get("row_id") == row["id"]
            )  # fmt: skip
            result.applied -= 1
            dirty[name].pop(row["id"], None)
            result.rejected.append(Rejected(
                line_seq(line), name, str(row["id"]), f"cannot be stored: {_first_line(err)}",
                line, RejectReason.BAD_VALUE.value,
            ))  # fmt: skip


def _first_line(err: BaseException) -> str:
    text = str(getattr(err, "orig", None) or err)
    return text.strip().splitlines()[0][:200] if text.strip() else type(err).__name__
