"""One registry: staff accounts made at HQ.

- `hq_accounts` (at HQ): the accounts HQ made for each branch, their role and state, and a
  version bumped by every change (each change goes down to that branch as an "account" line);
- `users` (at a branch): `hq_managed` (an account HQ made: only HQ's lines change it),
  `hq_version` (the version of HQ's last line applied) and `must_set_password` (the worker
  has not chosen a password yet);
- `hq_audit_log`: a partial index of the entries about accounts (`account.*`), read by
  `sanad hq users list` (the branch set the password, or refused the account).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hq_accounts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("branch", sa.String(length=16), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("setup_hash", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=60), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hq_accounts")),
        sa.UniqueConstraint("branch", "username", name=op.f("uq_hq_accounts_branch_username")),
        sa.UniqueConstraint("user_id", name=op.f("uq_hq_accounts_user_id")),
    )
    op.create_index(op.f("ix_hq_accounts_branch"), "hq_accounts", ["branch"])
    accounts_only = sa.text("action LIKE 'account.%'")
    op.create_index(
        "ix_hq_audit_log_accounts", "hq_audit_log", ["entity_id"],
        sqlite_where=accounts_only, postgresql_where=accounts_only,
    )  # fmt: skip
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column("hq_managed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("hq_version", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("must_set_password", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("must_set_password")
        batch_op.drop_column("hq_version")
        batch_op.drop_column("hq_managed")
    op.drop_index("ix_hq_audit_log_accounts", table_name="hq_audit_log")
    op.drop_index(op.f("ix_hq_accounts_branch"), table_name="hq_accounts")
    op.drop_table("hq_accounts")
