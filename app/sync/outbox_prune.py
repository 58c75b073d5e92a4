"""Branch side: acknowledged changes leave the outbox for the change log, and the kept count
of changes waiting (`outbox_count`, migration 0017) goes down by those of them it counted.

Inserts into the outbox are counted by SQLite triggers, whoever writes them; deletes are
counted here, in one statement over the range, because a per-row delete trigger cost ~8 µs a
row (seconds when HQ acknowledges a million changes). This is the only way rows leave.
"""

from __future__ import annotations

from sqlalchemy import case, delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.db.models import OutboxCountRow, OutboxRow
from app.db.sync_models import ChangeLogRow
from app.sync.outbox_export import SENDS_ALONE


def move_to_change_log(session: Session, upto: int) -> int:
    """Outbox changes up to `upto` are at HQ: into the change log (the records' lasting
    history), out of the outbox and out of the count. How many rows moved."""
    in_range = OutboxRow.seq <= upto
    moved, counted = session.execute(
        select(func.count(), func.coalesce(func.sum(case((SENDS_ALONE, 1), else_=0)), 0)).where(
            in_range
        )
    ).one()
    if not moved:
        return 0
    columns = [c.key for c in ChangeLogRow.__table__.columns]
    session.execute(
        insert(ChangeLogRow).from_select(
            columns, select(*[OutboxRow.__table__.c[c] for c in columns]).where(in_range)
        )
    )
    session.execute(delete(OutboxRow).where(in_range))
    if counted:
        session.execute(
            update(OutboxCountRow)
            .where(OutboxCountRow.id == 1)
            .values(pending=OutboxCountRow.pending - counted)
        )
    return int(moved)
