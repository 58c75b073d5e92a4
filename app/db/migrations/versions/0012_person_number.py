"""A readable person number: `beneficiaries.person_number` (`TRP01-P-000123`), unique.

Existing people are numbered here, per origin branch, in registration order (`created_at`,
then the UUIDv7 id, itself time-ordered): the same rows get the same numbers wherever this
runs, so a branch and HQ that hold the same people of a branch agree on their numbers without
exchanging them. The backfill writes no outbox lines, but a person's insert still waiting in
the outbox gets its number (HQ refuses a new person without one): the line sends the person
as they now are. A branch's local counter needs no seed: the next number is always beyond the
highest its rows hold (app.db.person_numbers).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    with op.batch_alter_table("beneficiaries") as batch:
        batch.add_column(sa.Column("person_number", sa.String(length=32), nullable=True))
    _backfill(op.get_bind())
    _waiting_inserts(op.get_bind())
    with op.batch_alter_table("beneficiaries") as batch:
        batch.create_index("ix_beneficiaries_person_number", ["person_number"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("beneficiaries") as batch:
        batch.drop_index("ix_beneficiaries_person_number")
        batch.drop_column("person_number")


def _backfill(conn: sa.Connection) -> None:
    rows = conn.execute(
        sa.text(
            "SELECT local_id, origin_branch FROM beneficiaries"
            " WHERE person_number IS NULL ORDER BY origin_branch, created_at, id"
        )
    ).all()
    counters: dict[str, int] = {}
    pending: list[dict[str, object]] = []
    update = sa.text("UPDATE beneficiaries SET person_number = :n WHERE local_id = :i")
    for local_id, branch in rows:
        code = str(branch).upper()
        counters[code] = counters.get(code, 0) + 1
        # The same text as app.domain.person_numbers.format_person_number (a migration
        # keeps its own copy: it must not change when the app's code does).
        pending.append({"n": f"{code}-P-{counters[code]:06d}", "i": local_id})
        if len(pending) >= _BATCH:
            conn.execute(update, pending)
            pending = []
    if pending:
        conn.execute(update, pending)


def _waiting_inserts(conn: sa.Connection) -> None:
    """Add the number to every person's insert still in the outbox (as capture writes it)."""
    rows = conn.execute(
        sa.text(
            "SELECT o.seq, o.changes, b.person_number FROM outbox o"
            " JOIN beneficiaries b ON b.id = o.row_id"
            " WHERE o.table_name = 'beneficiaries' AND o.op = 'insert'"
        )
    ).all()
    update = sa.text("UPDATE outbox SET changes = :c WHERE seq = :s")
    for seq, changes, number in rows:
        values = json.loads(changes)
        if "person_number" in values:
            continue
        values["person_number"] = [None, number]
        text = json.dumps(values, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        conn.execute(update, {"c": text, "s": seq})
