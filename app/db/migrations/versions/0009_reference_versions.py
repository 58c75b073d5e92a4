"""One registry: HQ-owned reference data versions (app/db/reference_models.py).

- `hq_reference_versions`: each published version, who, when, why;
- `hq_reference_changes`: each row a version changed, before and after;
- `hq_reference_sent`: the version each branch's down queue carries.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hq_reference_versions",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=60), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_hq_reference_versions")),
    )
    op.create_table(
        "hq_reference_changes",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint(
            "version", "table_name", "key", name=op.f("pk_hq_reference_changes")
        ),
    )
    op.create_table(
        "hq_reference_sent",
        sa.Column("branch", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("down_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("branch", name=op.f("pk_hq_reference_sent")),
    )


def downgrade() -> None:
    op.drop_table("hq_reference_sent")
    op.drop_table("hq_reference_changes")
    op.drop_table("hq_reference_versions")
