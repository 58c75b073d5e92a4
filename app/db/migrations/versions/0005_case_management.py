"""Case management: cases and their append-only events, case types and agencies (reference
data from HQ), break-the-glass grants, and HQ's copy of every branch's audit log.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_ar", sa.String(length=150), nullable=False),
        sa.Column("name_en", sa.String(length=150), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_agencies")),
    )
    op.create_table(
        "break_glass",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_break_glass")),
    )
    with op.batch_alter_table("break_glass", schema=None) as batch_op:
        batch_op.create_index(
            "ix_break_glass_user_case", ["user_id", "case_id", "expires_at"], unique=False
        )

    op.create_table(
        "case_events",
        sa.Column("local_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amends_id", sa.String(length=36), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=True),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_branch", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("hq_version", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("local_id", name=op.f("pk_case_events")),
        sa.UniqueConstraint("id", name=op.f("uq_case_events_id")),
    )
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_events_amends_id"), ["amends_id"], unique=False)
        batch_op.create_index("ix_case_events_case_kind", ["case_id", "kind"], unique=False)

    op.create_table(
        "case_types",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name_ar", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_case_types")),
    )
    op.create_table(
        "cases",
        sa.Column("local_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("type_code", sa.String(length=30), nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("assigned_to", sa.String(length=36), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("status_changed_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closure_reason", sa.String(length=30), nullable=True),
        sa.Column("closure_note", sa.Text(), nullable=False),
        sa.Column("status_before_closure", sa.String(length=20), nullable=True),
        sa.Column("risk_level", sa.String(length=10), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("extra", sa.Text(), nullable=False),
        sa.Column("next_due_on", sa.Date(), nullable=True),
        sa.Column("last_visit_on", sa.Date(), nullable=True),
        sa.Column("transfer_to", sa.String(length=16), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_branch", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("hq_version", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("local_id", name=op.f("pk_cases")),
        sa.UniqueConstraint("id", name=op.f("uq_cases_id")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cases_beneficiary_id"), ["beneficiary_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cases_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_number"), ["number"], unique=False)
        batch_op.create_index("ix_cases_status_due", ["status", "next_due_on"], unique=False)
        batch_op.create_index(
            "ix_cases_worklist", ["assigned_to", "status", "next_due_on"], unique=False
        )
        exceptions = sa.text("deleted_at IS NOT NULL OR transfer_to IS NOT NULL")
        batch_op.create_index(
            "ix_cases_exceptions",
            ["local_id"],
            unique=False,
            sqlite_where=exceptions,
            postgresql_where=exceptions,
        )

    op.create_table(
        "hq_audit_log",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("branch", sa.String(length=16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=True),
        sa.Column("entity_id", sa.String(length=36), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hq_audit_log")),
    )
    with op.batch_alter_table("hq_audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_hq_audit_log_branch_seq", ["branch", "seq"], unique=True)


def downgrade() -> None:
    for index, table in (
        ("ix_hq_audit_log_branch_seq", "hq_audit_log"),
        ("ix_cases_exceptions", "cases"),
        ("ix_cases_worklist", "cases"),
        ("ix_cases_status_due", "cases"),
        ("ix_cases_number", "cases"),
        ("ix_cases_household_id", "cases"),
        ("ix_cases_beneficiary_id", "cases"),
        ("ix_case_events_case_kind", "case_events"),
        ("ix_case_events_amends_id", "case_events"),
        ("ix_break_glass_user_case", "break_glass"),
    ):
        op.drop_index(index, table_name=table)
    for table in ("hq_audit_log", "cases", "case_types", "case_events", "break_glass", "agencies"):
        op.drop_table(table)
