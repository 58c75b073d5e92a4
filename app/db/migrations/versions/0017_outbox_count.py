"""The number of changes waiting to be sent is kept, not counted (issue 14, "Start").

The status bar shows how many changes wait in the outbox, sync's own audit entries
("sync.run", "sync.export", "sync.import") left out. Counting them scanned the whole outbox
(2.7 million rows, about 2 GB of JSON at a branch of 1,000,000 people) before the first search
could run. Now one row of `outbox_count` holds the number:

- at a branch (SQLite), triggers keep it on every insert into the outbox (whoever writes: the
  ORM's change capture, the bulk writer, the audit log, raw cursors) and on every change of a
  row's table or JSON;
- rows leave the outbox only when HQ has them (`app.sync.outbox_prune`), which counts what it
  deletes and subtracts it in the same transaction (a per-row delete trigger cost ~8 µs a row).

A later migration that recreates the outbox table (batch "move and copy") drops its triggers:
it must create them again (`create_triggers`). PostgreSQL (HQ) keeps no outbox of its own.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# What `app.sync.outbox_export.SENDS_ALONE` says, in SQL, for a row called NEW or OLD.
_COUNTS = (
    "({row}.table_name <> 'audit_log' OR {row}.changes NOT LIKE '{{\"action\":[null,\"sync.%')"
)
_TRIGGERS = {
    "outbox_count_insert": (
        "CREATE TRIGGER outbox_count_insert AFTER INSERT ON outbox"
        f" WHEN {_COUNTS.format(row='NEW')}"
        " BEGIN UPDATE outbox_count SET pending = pending + 1 WHERE id = 1; END"
    ),
    "outbox_count_update": (
        "CREATE TRIGGER outbox_count_update AFTER UPDATE OF table_name, changes ON outbox"
        f" WHEN {_COUNTS.format(row='NEW')} <> {_COUNTS.format(row='OLD')}"
        " BEGIN UPDATE outbox_count"
        f" SET pending = pending + {_COUNTS.format(row='NEW')} - {_COUNTS.format(row='OLD')}"
        " WHERE id = 1; END"
    ),
}


def create_triggers() -> None:
    for sql in _TRIGGERS.values():
        op.execute(sql)


def upgrade() -> None:
    op.create_table(
        "outbox_count",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("pending", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_count")),
    )
    counted = _COUNTS.format(row="outbox")
    op.execute(
        f"INSERT INTO outbox_count (id, pending) SELECT 1, count(*) FROM outbox WHERE {counted}"
    )
    if op.get_bind().dialect.name == "sqlite":
        create_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in _TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("outbox_count")
