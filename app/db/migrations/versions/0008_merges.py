"""One registry: officers' decisions at HQ, merges of confirmed duplicates, redirects.

- `hq_decisions`: every decision an HQ officer takes, who, why, when; hash-chained;
- `hq_merges`: a confirmed pair's merge (survivor, retired record, every reference moved), so
  that an unmerge can put each back;
- `person_redirects` (at a branch): a record of this branch HQ merged into another.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hq_decisions",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=60), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=80), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hq_decisions")),
    )
    op.create_index(op.f("ix_hq_decisions_action"), "hq_decisions", ["action"])
    op.create_index(op.f("ix_hq_decisions_subject"), "hq_decisions", ["subject"])
    op.create_table(
        "hq_merges",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("survivor", sa.String(length=36), nullable=False),
        sa.Column("survivor_branch", sa.String(length=16), nullable=False),
        sa.Column("retired", sa.String(length=36), nullable=False),
        sa.Column("retired_branch", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("moved", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=60), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=60), nullable=True),
        sa.Column("undo_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hq_merges")),
    )
    op.create_index(op.f("ix_hq_merges_pair_id"), "hq_merges", ["pair_id"])
    op.create_index(op.f("ix_hq_merges_survivor"), "hq_merges", ["survivor"])
    op.create_index(op.f("ix_hq_merges_retired"), "hq_merges", ["retired"])
    op.create_table(
        "person_redirects",
        sa.Column("retired_id", sa.String(length=36), nullable=False),
        sa.Column("survivor_id", sa.String(length=36), nullable=False),
        sa.Column("survivor_branch", sa.String(length=16), nullable=False),
        sa.Column("merge_id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("retired_id", name=op.f("pk_person_redirects")),
    )
    op.create_index(op.f("ix_person_redirects_survivor_id"), "person_redirects", ["survivor_id"])
    op.create_index("ix_person_redirects_merge", "person_redirects", ["merge_id"])


def downgrade() -> None:
    op.drop_table("person_redirects")
    op.drop_table("hq_merges")
    op.drop_table("hq_decisions")
