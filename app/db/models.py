"""Typed ORM models (`*Row`). Branch and HQ share them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, SyncedMixin
from app.db.case_models import CaseEventRow, CaseRow


class BeneficiaryRow(SyncedMixin, Base):
    __tablename__ = "beneficiaries"
    # A local integer key is the table's rowid (cheap joins with the search index, stable
    # under VACUUM); the UUID is the identity the ORM and the sync protocol use.
    local_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # The readable number (app.domain.person_numbers): given once by the registering branch,
    # never edited, never changed (HQ refuses a change); unique nationally.
    person_number: Mapped[str | None] = mapped_column(String(32), unique=True, index=True)
    first_name: Mapped[str] = mapped_column(String(60))
    father_name: Mapped[str] = mapped_column(String(60))
    grandfather_name: Mapped[str] = mapped_column(String(60))
    family_name: Mapped[str] = mapped_column(String(60))
    mother_name: Mapped[str] = mapped_column(String(60))
    # The name as a passport or a foreign document writes it, as entered ("" when none).
    latin_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date] = mapped_column(Date)
    # No papers: the date is an estimate (from a year or an age, kept as 1 July of the year).
    birth_date_estimated: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    nationality: Mapped[str] = mapped_column(String(2), default="LY")
    municipality_code: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(300), default="")
    marital_status: Mapped[str | None] = mapped_column(String(16))
    disability_type: Mapped[str] = mapped_column(String(16), default="none")
    disability_degree: Mapped[str | None] = mapped_column(String(16))
    displacement_status: Mapped[str] = mapped_column(String(16), default="resident")
    monthly_income_dirhams: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    household_id: Mapped[str | None] = mapped_column(String(36), index=True)
    household_relationship: Mapped[str | None] = mapped_column(String(20))
    # Normalized matching keys (app.domain.arabic); derived, never edited by hand.
    name_key: Mapped[str] = mapped_column(String(250))
    mother_key: Mapped[str] = mapped_column(String(60))

    __mapper_args__ = {"primary_key": [SyncedMixin.id]}  # noqa: RUF012
    __table_args__ = (
        # Duplicate check blocks by sex and birth year: a covering index answers it alone.
        Index("ix_beneficiaries_dup_block", "sex", "birth_date", "name_key", "mother_key", "id"),
        # HQ's cross-branch match: the same normalized name in a birth year (a mistyped date).
        Index("ix_beneficiaries_name_block", "sex", "name_key", "birth_date"),
    )


class IdentifierRow(SyncedMixin, Base):
    __tablename__ = "beneficiary_identifiers"
    local_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    beneficiary_id: Mapped[str] = mapped_column(String(36), index=True)
    id_type: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(30), index=True)
    __mapper_args__ = {"primary_key": [SyncedMixin.id]}  # noqa: RUF012


class PhoneRow(SyncedMixin, Base):
    __tablename__ = "beneficiary_phones"
    local_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    beneficiary_id: Mapped[str] = mapped_column(String(36), index=True)
    e164: Mapped[str] = mapped_column(String(20), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    __mapper_args__ = {"primary_key": [SyncedMixin.id]}  # noqa: RUF012


class HouseholdRow(SyncedMixin, Base):
    __tablename__ = "households"
    local_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    head_id: Mapped[str] = mapped_column(String(36), index=True)
    municipality_code: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(300), default="")
    housing_type: Mapped[str | None] = mapped_column(String(24))
    monthly_income_dirhams: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    __mapper_args__ = {"primary_key": [SyncedMixin.id]}  # noqa: RUF012


class DuplicateDecisionRow(SyncedMixin, Base):
    """A worker's answer to "is this the same person?": recorded, never silent."""

    __tablename__ = "duplicate_decisions"
    local_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    beneficiary_id: Mapped[str] = mapped_column(String(36), index=True)
    other_id: Mapped[str] = mapped_column(String(36), index=True)
    decision: Mapped[str] = mapped_column(String(20))  # "different_person"
    score: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"primary_key": [SyncedMixin.id]}  # noqa: RUF012


class DuplicateFlagRow(Base):
    """At a branch: HQ found this record's person at another branch too (an open duplicate
    pair). Written only by HQ's answers; never synced up."""

    __tablename__ = "duplicate_flags"
    pair_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    beneficiary_id: Mapped[str] = mapped_column(String(36), index=True)
    other_branch: Mapped[str] = mapped_column(String(16))
    other_person: Mapped[str] = mapped_column(String(36))
    matched: Mapped[str] = mapped_column(String(200))  # field names, comma-separated
    received_at: Mapped[datetime] = mapped_column(DateTime)


class MunicipalityRow(Base):
    """Reference data owned by HQ; read-only at branches."""

    __tablename__ = "municipalities"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name_ar: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    district_code: Mapped[str] = mapped_column(String(16))
    district_ar: Mapped[str] = mapped_column(String(100))
    district_en: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)


class UserRow(Base):
    """Local accounts for offline login (argon2id hashes)."""

    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(default=True)
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    # An account HQ made (app.sync.branch_accounts): only HQ's lines change its name, role and
    # state; `hq_version` is the version of the last one applied. Until the worker chooses a
    # password, `password_hash` holds the one-time setup code's and `must_set_password` is set.
    hq_managed: Mapped[bool] = mapped_column(default=False)
    hq_version: Mapped[int | None] = mapped_column(Integer)
    must_set_password: Mapped[bool] = mapped_column(default=False)


class LocalMetaRow(Base):
    """This installation's own facts: branch code, replica id, seeding state."""

    __tablename__ = "local_meta"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OutboxRow(Base):
    """One captured change, written in the same transaction as the change itself."""

    __tablename__ = "outbox"
    # AUTOINCREMENT: a sequence number is never reused, even once the outbox was pruned empty.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    op: Mapped[str] = mapped_column(String(8))  # insert | update | delete
    changes: Mapped[str] = mapped_column(Text)  # JSON {field: [old, new]}
    row_version: Mapped[int] = mapped_column(Integer)
    base_hq_version: Mapped[int | None] = mapped_column(Integer)
    user_id: Mapped[str] = mapped_column(String(36))
    changed_at: Mapped[datetime] = mapped_column(DateTime)


class OutboxCountRow(Base):
    """How many outbox changes wait to be sent, as the user counts them (sync's own audit
    entries left out): one row, kept by SQLite triggers on every insert and update of the
    outbox (migration 0017) and by `app.sync.outbox_prune` when acknowledged changes leave,
    so the status bar never counts millions of rows."""

    __tablename__ = "outbox_count"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    pending: Mapped[int] = mapped_column(Integer)


class AuditRow(Base):
    """Append-only, hash-chained audit log: each entry holds the hash of the previous one."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity: Mapped[str | None] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(36), index=True)
    details: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


# The synced tables, parents before children (the order batches are applied in).
SYNCED_MODELS: tuple[type[SyncedMixin], ...] = (
    HouseholdRow,
    BeneficiaryRow,
    IdentifierRow,
    PhoneRow,
    DuplicateDecisionRow,
    CaseRow,
    CaseEventRow,
)
