"""Staff accounts HQ manages for the branches (docs/registry.md, "Staff accounts from HQ").

- `hq_accounts` (at HQ): one row per account HQ made for a branch: its name, role, whether it
  is enabled, and `version`, bumped by every change; each change goes down to that branch
  alone as an "account" answer line carrying the whole account at that version. HQ never holds
  a password: only the argon2 hash of the one-time setup code the officer hands the worker.

At a branch the account is an ordinary `users` row (app.db.models.UserRow) marked
`hq_managed`, with the version of HQ's last line applied (`hq_version`) and
`must_set_password` until the worker has chosen a password.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.db.sync_models import HqAuditRow


class HqAccountRow(Base):
    """An account HQ made for a branch; `user_id` is its id at the branch too."""

    __tablename__ = "hq_accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    branch: Mapped[str] = mapped_column(String(16), index=True)
    username: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[str] = mapped_column(String(36), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    setup_hash: Mapped[str] = mapped_column(String(200))  # argon2 of the one-time setup code
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(60))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(60))

    __table_args__ = (UniqueConstraint("branch", "username"),)


# What a branch's audit log (as HQ received it) says of the accounts HQ sent it: the account
# arrived, its password was set, the branch refused it. A partial index: only those entries,
# so that listing the accounts never scans the audit log, and ingesting costs nothing more.
ACCOUNT_ENTRIES = text("action LIKE 'account.%'")
Index(
    "ix_hq_audit_log_accounts",
    HqAuditRow.entity_id,
    sqlite_where=ACCOUNT_ENTRIES,
    postgresql_where=ACCOUNT_ENTRIES,
)

__all__ = ["ACCOUNT_ENTRIES", "HqAccountRow"]
