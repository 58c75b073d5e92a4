"""Latin names: a person's name as a passport or a foreign document writes it.

`beneficiaries.latin_name` keeps the Latin name as entered ("Mohamed Ali Alwarfalli"), or ""
when there is none (every existing person). The search index's transliteration key is made
from the Arabic name parts and this text (app.db.search_index).

HQ refuses a new person whose insert lacks a column that may not be empty (app.sync.merge), so
a person's insert still waiting in the outbox gets the columns added since it was captured,
`latin_name` and 0013's `birth_date_estimated`, with the row's values (as 0012 did for the
person number): the line sends the person as they now are.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("beneficiaries") as batch:
        batch.add_column(sa.Column("latin_name", sa.String(120), nullable=False, server_default=""))
    _waiting_inserts(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("beneficiaries") as batch:
        batch.drop_column("latin_name")


def _waiting_inserts(conn: sa.Connection) -> None:
    """Add the columns a person's insert still in the outbox lacks (as capture writes them)."""
    rows = conn.execute(
        sa.text(
            "SELECT o.seq, o.changes, b.birth_date_estimated, b.latin_name FROM outbox o"
            " JOIN beneficiaries b ON b.id = o.row_id"
            " WHERE o.table_name = 'beneficiaries' AND o.op = 'insert'"
        )
    ).all()
    update = sa.text("UPDATE outbox SET changes = :c WHERE seq = :s")
    for seq, changes, estimated, latin in rows:
        values = json.loads(changes)
        added = {"birth_date_estimated": bool(estimated), "latin_name": latin or ""}
        missing = {k: [None, v] for k, v in added.items() if k not in values}
        if not missing:
            continue
        values.update(missing)
        text = json.dumps(values, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        conn.execute(update, {"c": text, "s": seq})
