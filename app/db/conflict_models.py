"""What a branch keeps of HQ's conflict decisions (docs/registry.md, "Conflicts").

`conflict_notices`: HQ decided a hard conflict against a change made here; the worker who made
it (`user_id`, the change's actor) sees the notice in their work list until they mark it read.
Written only by HQ's answers (app/sync/branch_conflicts.py); never synced up. `side` says
which of the conflict's two changes lost ("branch": the one whose batch raised it, "hq": the
one HQ held before it).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class ConflictNoticeRow(Base):
    __tablename__ = "conflict_notices"
    conflict_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    side: Mapped[str] = mapped_column(String(8), primary_key=True)
    user_id: Mapped[str | None] = mapped_column(String(36), index=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    person_id: Mapped[str | None] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(40))
    lost_value: Mapped[str | None] = mapped_column(Text)
    kept_value: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)


__all__ = ["ConflictNoticeRow"]
