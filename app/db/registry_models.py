"""Tables of the one registry at HQ (docs/registry.md), and what a branch keeps of it.

- `hq_decisions`: every decision an HQ officer takes (a pair confirmed or dismissed, a merge
  undone, a conflict decided, reference data published, an account changed), with who, why
  and when, append-only and hash-chained like the branches' audit logs;
- `hq_merges`: a confirmed pair's merge: which record survives, which becomes a redirect to
  it, and every reference moved (so an unmerge puts each back);
- `person_redirects` (at a branch): a record of this branch that HQ merged into another.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class HqDecisionRow(Base):
    """One officer's decision at HQ. `hash` chains it to the previous one (`prev_hash`)."""

    __tablename__ = "hq_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(40), index=True)
    subject: Mapped[str] = mapped_column(String(80), index=True)  # "pair 3", "conflict 7"
    reason: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class HqMergeRow(Base):
    """A confirmed duplicate pair merged: `retired` now redirects to `survivor`."""

    __tablename__ = "hq_merges"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pair_id: Mapped[int] = mapped_column(Integer, index=True)
    survivor: Mapped[str] = mapped_column(String(36), index=True)
    survivor_branch: Mapped[str] = mapped_column(String(16))
    retired: Mapped[str] = mapped_column(String(36), index=True)
    retired_branch: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(12), default="active")  # active | undone
    # JSON list of [table, row_id, column, old value, new value]: every reference moved.
    moved: Mapped[str] = mapped_column(Text, default="[]")
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text, default="")
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(60))
    undo_reason: Mapped[str | None] = mapped_column(Text)


class PersonRedirectRow(Base):
    """At a branch: HQ merged this record (`retired_id`) into `survivor_id`. Written only by
    HQ's answers; removed when HQ undoes the merge. Opening the retired record opens the
    survivor."""

    __tablename__ = "person_redirects"
    retired_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    survivor_id: Mapped[str] = mapped_column(String(36), index=True)
    survivor_branch: Mapped[str] = mapped_column(String(16))
    merge_id: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_person_redirects_merge", "merge_id"),)


__all__ = ["HqDecisionRow", "HqMergeRow", "PersonRedirectRow"]
