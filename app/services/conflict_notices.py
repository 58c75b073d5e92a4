"""A worker's notices from HQ: a conflict decided against a change they made.

HQ's answer stores the notice (app/sync/branch_conflicts.py) for the worker whose change lost
(the change's actor). The worker sees their unread notices in their work list — the record
(the person's name when it is a person's), the field, their value that lost, the value kept,
who decided at HQ and why — and marks each one read. Nobody else's notices are shown, and a
notice is marked read only by its own worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update

from app.db.clock import utcnow
from app.db.conflict_models import ConflictNoticeRow
from app.db.models import BeneficiaryRow
from app.domain.errors import DomainError, ErrorCode
from app.services.context import ServiceContext

MAX_NOTICES = 200


@dataclass(frozen=True, slots=True)
class ConflictNotice:
    conflict_id: int
    side: str
    table: str
    row_id: str
    person_id: str | None
    person_name: str | None
    field: str
    lost_value: str | None  # the worker's value, that lost
    kept_value: str | None  # the value HQ kept
    decided_by: str
    reason: str
    decided_at: datetime
    read_at: datetime | None


class ConflictNoticeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def my_notices(self, *, unread_only: bool = True) -> list[ConflictNotice]:
        """The logged-in worker's notices, newest first."""
        user = self._ctx.require()
        query = (
            select(ConflictNoticeRow, BeneficiaryRow.first_name, BeneficiaryRow.father_name,
                   BeneficiaryRow.grandfather_name, BeneficiaryRow.family_name)
            .outerjoin(BeneficiaryRow, BeneficiaryRow.id == ConflictNoticeRow.person_id)
            .where(ConflictNoticeRow.user_id == user.id)
            .order_by(ConflictNoticeRow.decided_at.desc(), ConflictNoticeRow.conflict_id.desc())
            .limit(MAX_NOTICES)
        )  # fmt: skip
        if unread_only:
            query = query.where(ConflictNoticeRow.read_at.is_(None))
        with self._ctx.db.read() as session:
            out: list[ConflictNotice] = []
            for row, *names in session.execute(query):
                name = " ".join(n for n in names if n) or None
                out.append(ConflictNotice(
                    row.conflict_id, row.side, row.table_name, row.row_id, row.person_id, name,
                    row.field, row.lost_value, row.kept_value, row.decided_by, row.reason,
                    row.decided_at, row.read_at,
                ))  # fmt: skip
            return out

    def unread_count(self) -> int:
        user = self._ctx.require()
        with self._ctx.db.read() as session:
            return int(session.scalar(
                select(func.count()).select_from(ConflictNoticeRow).where(
                    ConflictNoticeRow.user_id == user.id, ConflictNoticeRow.read_at.is_(None)
                )
            ) or 0)  # fmt: skip

    def mark_read(self, conflict_id: int, side: str) -> None:
        """Mark one of the worker's own notices read (again: nothing changes)."""
        user = self._ctx.require()
        with self._ctx.db.transaction(None) as session:
            row = session.get(ConflictNoticeRow, (conflict_id, side))
            if row is None:
                raise DomainError(ErrorCode.NOT_FOUND)
            if row.user_id != user.id:
                raise DomainError(ErrorCode.PERMISSION_DENIED)
            if row.read_at is None:
                session.execute(
                    update(ConflictNoticeRow)
                    .where(ConflictNoticeRow.conflict_id == conflict_id,
                           ConflictNoticeRow.side == side)
                    .values(read_at=utcnow())
                )  # fmt: skip
