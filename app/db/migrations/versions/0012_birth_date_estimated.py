"""Estimated birth dates: people with no papers ("about 35", "born in 1979").

`beneficiaries.birth_date_estimated` says the birth date is an estimate, kept as 1 July of
its year when only a year or an age is known. Every existing date is exact (false).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("beneficiaries") as batch:
        batch.add_column(
            sa.Column(
                "birth_date_estimated", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("beneficiaries") as batch:
        batch.drop_column("birth_date_estimated")
