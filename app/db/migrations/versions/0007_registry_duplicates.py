"""One registry: HQ's cross-branch duplicate pairs.

- `hq_duplicate_pairs`: two records at two branches that may be one person, found as batches
  arrive (an identifier in common, or a likely match of name, mother, birth date and sex), with
  what matched and the officer's decision.
- `ix_beneficiaries_name_block`: the same normalized name in a birth year, so HQ finds a person
  whose birth date was mistyped without scanning the registry.
- `duplicate_flags` (at a branch): "possible duplicate at another branch" on a record, as HQ's
  answers say (the other branch, its record's id, what matched); gone when HQ dismisses it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hq_duplicate_pairs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_a", sa.String(length=36), nullable=False),
        sa.Column("person_b", sa.String(length=36), nullable=False),
        sa.Column("branch_a", sa.String(length=16), nullable=False),
        sa.Column("branch_b", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("matched", sa.String(length=200), nullable=False),
        sa.Column("match_digest", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("found_batch", sa.String(length=36), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by", sa.String(length=60), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sent_a", sa.Integer(), nullable=False),
        sa.Column("sent_b", sa.Integer(), nullable=False),
        sa.Column("unsent", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_a", "person_b", name="uq_hq_duplicate_pairs_people"),
    )
    op.create_index("ix_hq_duplicate_pairs_person_b", "hq_duplicate_pairs", ["person_b"])
    op.create_index("ix_hq_duplicate_pairs_status", "hq_duplicate_pairs", ["status"])
    op.create_index("ix_hq_duplicate_pairs_unsent", "hq_duplicate_pairs", ["unsent"])
    op.create_index(
        "ix_beneficiaries_name_block", "beneficiaries", ["sex", "name_key", "birth_date"]
    )
    op.create_table(
        "duplicate_flags",
        sa.Column("pair_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("other_branch", sa.String(length=16), nullable=False),
        sa.Column("other_person", sa.String(length=36), nullable=False),
        sa.Column("matched", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pair_id"),
    )
    op.create_index("ix_duplicate_flags_beneficiary_id", "duplicate_flags", ["beneficiary_id"])


def downgrade() -> None:
    op.drop_index("ix_duplicate_flags_beneficiary_id", table_name="duplicate_flags")
    op.drop_table("duplicate_flags")
    op.drop_index("ix_beneficiaries_name_block", table_name="beneficiaries")
    op.drop_index("ix_hq_duplicate_pairs_unsent", table_name="hq_duplicate_pairs")
    op.drop_index("ix_hq_duplicate_pairs_status", table_name="hq_duplicate_pairs")
    op.drop_index("ix_hq_duplicate_pairs_person_b", table_name="hq_duplicate_pairs")
    op.drop_table("hq_duplicate_pairs")
