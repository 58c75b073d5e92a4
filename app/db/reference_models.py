"""HQ's books of its reference data (municipalities, case types, agencies …): the versions it
published and what each changed, and which version each branch has been sent.

The reference rows themselves live in their own tables (`municipalities`, `case_types`,
`agencies`), the same at HQ and at a branch; at HQ each row's `version` column is the number
of the version that last changed it.

- `hq_reference_versions`: one row per published version (1, 2, 3 …): who, when, why, how
  many rows it changed, and the HQ decision that records it;
- `hq_reference_changes`: every row a version changed, before and after (JSON), so a version
  can be shown and a branch behind by several versions is sent each changed row once;
- `hq_reference_sent`: per branch, the version its down queue carries (and the answer line
  that carried it), so a branch enrolled later gets the whole current set.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class HqReferenceVersionRow(Base):
    """One published version of HQ's reference data."""

    __tablename__ = "hq_reference_versions"
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    published_at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text, default="")
    rows: Mapped[int] = mapped_column(Integer, default=0)  # rows changed
    decision_id: Mapped[int | None] = mapped_column(Integer)


class HqReferenceChangeRow(Base):
    """One row a version changed: its table, key, and its fields before and after (JSON)."""

    __tablename__ = "hq_reference_changes"
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    before: Mapped[str | None] = mapped_column(Text)  # None: a new row
    after: Mapped[str] = mapped_column(Text)


class HqReferenceSentRow(Base):
    """The reference version queued to a branch, and the answer line that carries it."""

    __tablename__ = "hq_reference_sent"
    branch: Mapped[str] = mapped_column(String(16), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    down_seq: Mapped[int] = mapped_column(Integer, default=0)


__all__ = ["HqReferenceChangeRow", "HqReferenceSentRow", "HqReferenceVersionRow"]
