"""HQ trusts no branch: coded rejections, each batch's chain and change digests, replays.

- `hq_rejected_changes.code`: why a change was refused, as a code (`not_owner`, `id_exists`,
  `read_only`, `missing_parent`, `bad_value`, `malformed`, `case_number`).
- `hq_batches.prev_hash`, `hq_version`, `digests` and `made_at`: the chain link a batch
  carried, the HQ version its rows got, one 8-byte digest per change (app/sync/change_digest.py)
  so a branch restored from an old copy can be told exactly which of its changes HQ already
  has, and the branch's own time stamp of the batch (a poll made before it is a late replay).
- `hq_ledger.last_poll_at`: the time stamped on the newest empty batch (a poll) HQ counted as
  contact; an older or repeated one is a replay and refreshes nothing.
- `hq_ledger.fork_claim` / `fork_down_seq`: the position of the last fork answered, so a
  restored branch asking again is not answered twice.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hq_rejected_changes") as batch:
        batch.add_column(sa.Column("code", sa.String(length=24), nullable=False,
                                   server_default="malformed"))  # fmt: skip
    with op.batch_alter_table("hq_batches") as batch:
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("hq_version", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("digests", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("made_at", sa.String(length=40), nullable=True))
        batch.create_index("ix_hq_batches_branch_seq_to", ["branch", "seq_to"], unique=False)
    with op.batch_alter_table("hq_ledger") as batch:
        batch.add_column(sa.Column("last_poll_at", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("fork_claim", sa.String(length=120), nullable=True))
        batch.add_column(sa.Column("fork_down_seq", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hq_ledger") as batch:
        batch.drop_column("fork_down_seq")
        batch.drop_column("fork_claim")
        batch.drop_column("last_poll_at")
    with op.batch_alter_table("hq_batches") as batch:
        batch.drop_index("ix_hq_batches_branch_seq_to")
        batch.drop_column("made_at")
        batch.drop_column("digests")
        batch.drop_column("hq_version")
        batch.drop_column("prev_hash")
    with op.batch_alter_table("hq_rejected_changes") as batch:
        batch.drop_column("code")
