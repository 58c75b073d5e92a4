"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


SEARCH_INDEX = (
    # The search index over normalized name parts (app.domain.arabic): rowid is
    # beneficiaries.local_id. Columns let search rank "first father grandfather family" order.
    "CREATE VIRTUAL TABLE beneficiary_search USING fts5("
    "first, father, grandfather, family, mother, ids, "
    "detail=column, prefix='2 3', tokenize='unicode61 remove_diacritics 0')"
)


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=True),
        sa.Column("entity_id", sa.String(length=36), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("id", name=op.f("uq_audit_log_id")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "beneficiaries",
        sa.Column("local_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("first_name", sa.String(length=60), nullable=False),
        sa.Column("father_name", sa.String(length=60), nullable=False),
        sa.Column("grandfather_name", sa.String(length=60), nullable=False),
        sa.Column("family_name", sa.String(length=60), nullable=False),
        sa.Column("mother_name", sa.String(length=60), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("nationality", sa.String(length=2), nullable=False),
        sa.Column("municipality_code", sa.String(length=16), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("marital_status", sa.String(length=16), nullable=True),
        sa.Column("disability_type", sa.String(length=16), nullable=False),
        sa.Column("disability_degree", sa.String(length=16), nullable=True),
        sa.Column("displacement_status", sa.String(length=16), nullable=False),
        sa.Column("monthly_income_dirhams", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=True),
        sa.Column("household_relationship", sa.String(length=20), nullable=True),
        sa.Column("name_key", sa.String(length=250), nullable=False),
        sa.Column("mother_key", sa.String(length=60), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_branch", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("hq_version", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("local_id", name=op.f("pk_beneficiaries")),
        sa.UniqueConstraint("id", name=op.f("uq_beneficiaries_id")),
    )
    with op.batch_alter_table("beneficiaries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_beneficiaries_dup_block",
            ["sex", "birth_date", "name_key", "mother_key", "id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_beneficiaries_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "beneficiary_identifiers",
        sa.Column("local_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("id_type", sa.String(length=20), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_branch", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("hq_version", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("local_id", name=op.f("pk_beneficiary_identifiers")),
        sa.UniqueConstraint("id", name=op.f("uq_beneficiary_identifiers_id")),
    )
    with op.batch_alter_table("beneficiary_identifiers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_beneficiary_identifiers_beneficiary_id"),
            ["beneficiary_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_beneficiary_identifiers_number"), ["number"], unique=False
        )

    op.create_table(
        "beneficiary_phones",
        sa.Column("local_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("e164", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_branch", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("hq_version", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("local_id", name=op.f("pk_beneficiary_phones")),
        sa.UniqueConstraint("id", name=op.f("uq_beneficiary_phones_id")),
    )
    with op.batch_alter_table("beneficiary_phones", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_beneficiary_phones_beneficiary_id"), ["beneficiary_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_beneficiary_phones_e164"), ["e164"], unique=False)

    op.create_table(
        "duplicate_decisions",
        sa.Column("local_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("other_id", sa.String(length=36), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_branch", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("hq_version", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("local_id", name=op.f("pk_duplicate_decisions")),
        sa.UniqueConstraint("id", name=op.f("uq_duplicate_decisions_id")),
    )
    with op.batch_alter_table("duplicate_decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_duplicate_decisions_beneficiary_id"), ["beneficiary_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_duplicate_decisions_other_id"), ["other_id"], unique=False
        )

    op.create_table(
        "households",
        sa.Column("local_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("head_id", sa.String(length=36), nullable=False),
        sa.Column("municipality_code", sa.String(length=16), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("housing_type", sa.String(length=24), nullable=True),
        sa.Column("monthly_income_dirhams", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_branch", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("hq_version", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("local_id", name=op.f("pk_households")),
        sa.UniqueConstraint("id", name=op.f("uq_households_id")),
    )
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_households_head_id"), ["head_id"], unique=False)

    op.create_table(
        "local_meta",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_local_meta")),
    )
    op.create_table(
        "municipalities",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name_ar", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("district_code", sa.String(length=16), nullable=False),
        sa.Column("district_ar", sa.String(length=100), nullable=False),
        sa.Column("district_en", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_municipalities")),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("base_hq_version", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_row_id"), ["row_id"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(SEARCH_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE beneficiary_search")
    op.drop_table("users")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_row_id"))

    op.drop_table("outbox")
    op.drop_table("municipalities")
    op.drop_table("local_meta")
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_households_head_id"))

    op.drop_table("households")
    with op.batch_alter_table("duplicate_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_duplicate_decisions_other_id"))
        batch_op.drop_index(batch_op.f("ix_duplicate_decisions_beneficiary_id"))

    op.drop_table("duplicate_decisions")
    with op.batch_alter_table("beneficiary_phones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_beneficiary_phones_e164"))
        batch_op.drop_index(batch_op.f("ix_beneficiary_phones_beneficiary_id"))

    op.drop_table("beneficiary_phones")
    with op.batch_alter_table("beneficiary_identifiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_beneficiary_identifiers_number"))
        batch_op.drop_index(batch_op.f("ix_beneficiary_identifiers_beneficiary_id"))

    op.drop_table("beneficiary_identifiers")
    with op.batch_alter_table("beneficiaries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_beneficiaries_household_id"))
        batch_op.drop_index("ix_beneficiaries_dup_block")

    op.drop_table("beneficiaries")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_entity_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))

    op.drop_table("audit_log")
