"""Declarative base, naming convention and the sync metadata every synced row carries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncedMixin:
    """Columns of every row that travels to headquarters (see docs/sync-protocol.md).

    `id` is a UUIDv7 made where the row is born; natural keys are never unique (two offline
    branches may register the same person: that is a duplicate candidate, not an error).
    """

    id: Mapped[str] = mapped_column(String(36), unique=True)
    origin_branch: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(36))
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    hq_version: Mapped[int | None] = mapped_column(Integer, default=None)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


# Bookkeeping columns that the outbox carries in its own fields, not in the changed-fields map.
SYNC_BOOKKEEPING = frozenset({"local_id", "row_version", "hq_version", "updated_at", "updated_by"})
