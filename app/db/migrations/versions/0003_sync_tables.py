"""Sync tables: the branch's outgoing batches and change log; HQ's branches, ledgers,
batches, rejected changes, conflicts, answer queue and version counter (docs/sync-protocol.md).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("base_hq_version", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_log_row_id"), ["row_id"], unique=False)

    op.create_table(
        "hq_batches",
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("branch", sa.String(length=16), nullable=False),
        sa.Column("seq_from", sa.Integer(), nullable=False),
        sa.Column("seq_to", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("held_file", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=True),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_hq_batches")),
    )
    with op.batch_alter_table("hq_batches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hq_batches_branch"), ["branch"], unique=False)

    op.create_table(
        "hq_branches",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("signing_key", sa.String(length=64), nullable=True),
        sa.Column("box_key", sa.String(length=64), nullable=True),
        sa.Column("enroll_token_sha256", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_hq_branches")),
    )
    op.create_table(
        "hq_conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("branch", sa.String(length=16), nullable=False),
        sa.Column("branch_value", sa.Text(), nullable=True),
        sa.Column("hq_value", sa.Text(), nullable=True),
        sa.Column("applied_value", sa.Text(), nullable=True),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hq_conflicts")),
    )
    with op.batch_alter_table("hq_conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hq_conflicts_row_id"), ["row_id"], unique=False)

    op.create_table(
        "hq_counter",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_hq_counter")),
    )
    op.create_table(
        "hq_down_queue",
        sa.Column("branch", sa.String(length=16), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("line", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("branch", "seq", name=op.f("pk_hq_down_queue")),
    )
    op.create_table(
        "hq_ledger",
        sa.Column("branch", sa.String(length=16), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("last_batch_id", sa.String(length=36), nullable=True),
        sa.Column("last_received_at", sa.DateTime(), nullable=True),
        sa.Column("down_seq", sa.Integer(), nullable=False),
        sa.Column("branch_acked_down", sa.Integer(), nullable=False),
        sa.Column("last_receipt_at", sa.DateTime(), nullable=True),
        sa.Column("last_contact_at", sa.DateTime(), nullable=True),
        sa.Column("rejected_rows", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("branch", name=op.f("pk_hq_ledger")),
    )
    op.create_table(
        "hq_rejected_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("branch", sa.String(length=16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("change", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hq_rejected_changes")),
    )
    with op.batch_alter_table("hq_rejected_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hq_rejected_changes_batch_id"), ["batch_id"], unique=False
        )

    op.create_table(
        "sync_outgoing",
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("seq_from", sa.Integer(), nullable=False),
        sa.Column("seq_to", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("acked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_sync_outgoing")),
    )
    with op.batch_alter_table("sync_outgoing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_outgoing_seq_to"), ["seq_to"], unique=False)


def downgrade() -> None:
    op.drop_table("sync_outgoing")
    op.drop_table("hq_rejected_changes")
    op.drop_table("hq_ledger")
    op.drop_table("hq_down_queue")
    op.drop_table("hq_counter")
    op.drop_table("hq_conflicts")
    op.drop_table("hq_branches")
    op.drop_table("hq_batches")
    op.drop_table("change_log")
