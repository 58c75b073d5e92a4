"""Latin names: a person's name as a passport or a foreign document writes it.

`beneficiaries.latin_name` keeps the Latin name as entered ("Mohamed Ali Alwarfalli"), or ""
when there is none (every existing person). The search index's transliteration key is made
from the Arabic name parts and this text (app.db.search_index).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("beneficiaries") as batch:
        batch.add_column(
            sa.Column("latin_name", sa.String(120), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("beneficiaries") as batch:
        batch.drop_column("latin_name")
