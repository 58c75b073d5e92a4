"""One registry: hard conflicts decided at HQ, and the notice a branch's worker gets.

- `hq_conflicts` gains what an officer needs to decide: the value both sides started from,
  who changed the field on each side and when, the exact values (JSON, typed), the row's HQ
  version once the conflict was recorded (a decision on a record that moved on since is
  refused), and the decision (which value, by whom, why, its entry in `hq_decisions`).
- `conflict_notices` (at a branch): "your change lost": the field, the value that lost, the
  value kept, who decided and why, for the worker whose edit it was; marked read by them.
- `ix_hq_audit_log_entity`: a branch user's name, from the audit entry that created the
  account, when HQ shows who made a change.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_CONFLICT_COLUMNS = (
    ("values_json", sa.Text()),
    ("branch_user", sa.String(length=36)),
    ("branch_changed_at", sa.DateTime()),
    ("hq_user", sa.String(length=36)),
    ("hq_changed_at", sa.DateTime()),
    ("row_hq_version", sa.Integer()),
    ("decided_at", sa.DateTime()),
    ("decided_by", sa.String(length=60)),
    ("decision", sa.String(length=20)),
    ("decided_value", sa.Text()),
    ("decision_reason", sa.Text()),
    ("decision_id", sa.Integer()),
)


def upgrade() -> None:
    with op.batch_alter_table("hq_conflicts") as batch:
        for name, kind in _CONFLICT_COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))
    op.create_index("ix_hq_conflicts_status", "hq_conflicts", ["status"])
    op.create_index("ix_hq_audit_log_entity", "hq_audit_log", ["entity", "entity_id"])
    op.create_table(
        "conflict_notices",
        sa.Column("conflict_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("lost_value", sa.Text(), nullable=True),
        sa.Column("kept_value", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=60), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("conflict_id", "side"),
    )
    op.create_index("ix_conflict_notices_user_id", "conflict_notices", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_conflict_notices_user_id", table_name="conflict_notices")
    op.drop_table("conflict_notices")
    op.drop_index("ix_hq_audit_log_entity", table_name="hq_audit_log")
    op.drop_index("ix_hq_conflicts_status", table_name="hq_conflicts")
    with op.batch_alter_table("hq_conflicts") as batch:
        for name, _kind in reversed(_CONFLICT_COLUMNS):
            batch.drop_column(name)
