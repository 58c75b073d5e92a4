"""Keeping the audit entries a branch sends: inserted once, never changed, and refused when HQ
already holds the same id from another branch.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from app.db.audit import AUDIT_TABLE
from app.db.sync_models import HqAuditRow
from app.sync.merge_result import CHUNK, MergeResult, Rejected, line_seq
from app.sync.merge_rules import Refused
from app.sync.ownership import RejectReason
from app.sync.value_rules import column_rules, value_problem

_AUDIT_RULES = column_rules(HqAuditRow.__table__)  # type: ignore[arg-type]


def merge_audit(
    session: Session, branch: str, lines: list[dict[str, Any]], result: MergeResult
) -> None:
    """Keep the branch's audit entries (insert-only; one already held is left as it is).

    An id HQ already holds from *another* branch is rejected, never dropped: it means a copied
    database (two branches sharing one audit history), which someone must look at.
    """
    table: Table = HqAuditRow.__table__  # type: ignore[assignment]
    ids = [str(line.get("row_id")) for line in lines]
    owner: dict[str, str] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        owner.update(
            (str(i), str(b))
            for i, b in session.execute(
                select(table.c.id, table.c.branch).where(table.c.id.in_(chunk))
            )
        )
    held = set(owner)
    rows: list[dict[str, Any]] = []
    for line in lines:
        changes = line.get("changes")
        row_id = line.get("row_id")
        try:
            if line.get("op") != "insert" or not isinstance(changes, dict):
                raise Refused(RejectReason.READ_ONLY, "an audit entry is only ever inserted")
            row = _audit_row(branch, line, changes)
        except Refused as refused:
            result.rejected.append(Rejected(
                line_seq(line), AUDIT_TABLE, str(row_id)[:36], refused.reason, line,
                refused.code.value,
            ))  # fmt: skip
            continue
        if owner.get(str(row_id), branch) != branch:
            reason = f"audit entry id already received from branch {owner[str(row_id)]}"
            result.rejected.append(Rejected(
                line_seq(line), AUDIT_TABLE, str(row_id)[:36], reason, line,
                RejectReason.ID_EXISTS.value,
            ))  # fmt: skip
            continue
        result.applied += 1
        if str(row_id) not in held:
            held.add(str(row_id))
            rows.append(row)
    if rows:
        session.execute(insert(table), rows)


def _audit_row(branch: str, line: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    try:
        values = {k: v[1] for k, v in changes.items()}
        row = {
            "id": str(line.get("row_id")),
            "branch": branch,
            "seq": int(line["seq"]),
            "at": datetime.fromisoformat(str(values["at"])),
            "user_id": values.get("user_id"),
            "action": str(values["action"]),
            "entity": values.get("entity"),
            "entity_id": values.get("entity_id"),
            "details": str(values.get("details") or "{}"),
            "prev_hash": str(values["prev_hash"]),
            "hash": str(values["hash"]),
        }
    except (ValueError, KeyError, TypeError, IndexError) as err:
        raise Refused(RejectReason.BAD_VALUE, f"bad value: {err}") from None
    for name, value in row.items():
        problem = value_problem(_AUDIT_RULES[name], value)
        if problem is not None:
            raise Refused(RejectReason.BAD_VALUE, f"{name}: {problem}")
    return row
