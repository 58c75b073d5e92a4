"""Outbox sequence numbers are never reused (SQLite AUTOINCREMENT).

Without AUTOINCREMENT SQLite gives a new row max(rowid) + 1, so once HQ has acknowledged every
change and the outbox was pruned empty, the next change would get seq 1 again: below the
branch's last batch, it would never be sent (and HQ would take it for a replay). With it, the
counter lives in `sqlite_sequence`; it is started above every number already used (outbox and
change log). PostgreSQL sequences never go back: nothing to do there.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "outbox", recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ):
        pass
    used = (
        "(SELECT max(coalesce((SELECT max(seq) FROM outbox), 0),"
        " coalesce((SELECT max(seq) FROM change_log), 0)))"
    )
    op.execute("DELETE FROM sqlite_sequence WHERE name = 'outbox'")
    op.execute(f"INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', {used})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "outbox", recreate="always", table_kwargs={"sqlite_autoincrement": False}
    ):
        pass
