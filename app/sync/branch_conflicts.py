"""At a branch: HQ decided a conflict against a change made here ("conflict_notice" lines).

HQ sends the record's row first (a "rows" line, applied by app/sync/branch_apply.py, which lays
the branch's own pending changes over it), then the notice. Applying the notice, in the same
transaction: the branch's own changes of that field not yet put into a batch stop carrying the
value that lost (a change that only re-sends it loses the field; a later, different edit is
re-based on the value kept, so it reaches HQ as an ordinary edit, not a new conflict); the
field shows the value kept again (or the branch's in-flight edit, which HQ will merge); and the
notice is stored for the worker who made the change that lost (the change's actor), who sees
it in their work list until they mark it read (app/services/conflict_notices.py).

Changes already written into a batch are left as they are: the batch's content is fixed (its
hash is HQ's proof of exactly-once), and HQ records a new conflict if it still collides.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session

from app.db.clock import utcnow
from app.db.conflict_models import ConflictNoticeRow
from app.db.models import SYNCED_MODELS, OutboxRow
from app.db.serialize import from_json_value
from app.db.sync_models import OutgoingBatchRow

_TABLES: dict[str, Table] = {
    m.__tablename__: m.__table__  # type: ignore[attr-defined]
    for m in SYNCED_MODELS
}
MAX_TEXT = 2000


def _text(value: object, limit: int) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= limit else None


def apply_notice(session: Session, line: dict[str, Any]) -> bool:
    """Store one notice and keep the value that lost from being sent again; False for a line
    of the wrong shape (nothing changed)."""
    conflict = line.get("conflict")
    table = _TABLES.get(str(line.get("table")))
    row_id, field = _text(line.get("row_id"), 36), _text(line.get("field"), 40)
    side, by = _text(line.get("side"), 8), _text(line.get("by"), 60)
    reason = line.get("reason")
    try:
        at = datetime.fromisoformat(str(line.get("at")))
    except ValueError:
        return False
    if (
        not isinstance(conflict, int) or isinstance(conflict, bool) or not 0 < conflict < 2**31
        or table is None or row_id is None or field is None or field not in table.c
        or side is None or by is None or not isinstance(reason, str) or len(reason) > MAX_TEXT
    ):  # fmt: skip
        return False
    lost, kept = line.get("lost"), line.get("kept")
    _forget_lost(session, table, row_id, field, lost, kept)
    session.merge(
        ConflictNoticeRow(
            conflict_id=conflict, side=side, user_id=_text(line.get("user_id"), 36),
            table_name=table.name, row_id=row_id, person_id=_text(line.get("person"), 36),
            field=field, lost_value=_shown(lost), kept_value=_shown(kept), decided_by=by,
            reason=reason, decided_at=at.replace(tzinfo=None), received_at=utcnow(),
            read_at=None,
        )
    )  # fmt: skip
    return True


def _forget_lost(
    session: Session, table: Table, row_id: str, field: str, lost: Any, kept: Any
) -> None:
    """The branch's own changes of `field` not yet in a batch: if, together, they only set the
    value that lost again, they lose the field; otherwise the first is re-based on the value
    kept (a later edit goes to HQ as an ordinary one). The row shows what HQ will hold."""
    batched = session.scalar(select(func.max(OutgoingBatchRow.seq_to))) or 0
    shown, in_flight = kept, False
    unsent: list[tuple[int, dict[str, Any]]] = []
    for seq, text, op in session.execute(
        select(OutboxRow.seq, OutboxRow.changes, OutboxRow.op)
        .where(OutboxRow.table_name == table.name, OutboxRow.row_id == row_id)
        .order_by(OutboxRow.seq)
    ):
        changes = json.loads(text)
        if field not in changes or op == "insert":
            continue
        if seq <= batched:  # in a batch already: on its way, HQ merges it
            shown, in_flight = changes[field][1], True
        else:
            unsent.append((seq, changes))
    if unsent and unsent[-1][1][field][1] == lost:
        for _seq, changes in unsent:
            del changes[field]
    elif unsent:
        if not in_flight:
            unsent[0][1][field][0] = kept
        shown = unsent[-1][1][field][1]
    for seq, changes in unsent:
        session.execute(
            update(OutboxRow).where(OutboxRow.seq == seq).values(changes=json.dumps(
                changes, ensure_ascii=False, separators=(",", ":"), sort_keys=True
            ))
        )  # fmt: skip
    kind = table.c[field].type.python_type
    session.execute(
        update(table).where(table.c.id == row_id).values({field: from_json_value(kind, shown)})
    )


def _shown(value: Any) -> str | None:
    return None if value is None else str(value)
