"""Typed ORM models of social cases, their events, and the case reference data."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, SyncedMixin

_EXCEPTIONS = "deleted_at IS NOT NULL OR transfer_to IS NOT NULL"


class CaseRow(SyncedMixin, Base):
    """A social case. Status and ownership change only at the owning branch."""

    __tablename__ = "cases"
    local_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(40), index=True)
    type_code: Mapped[str] = mapped_column(String(30))
    # The person the case is about (for a household case: its head).
    beneficiary_id: Mapped[str] = mapped_column(String(36), index=True)
    household_id: Mapped[str | None] = mapped_column(String(36), index=True)
    status: Mapped[str] = mapped_column(String(20))
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    assigned_to: Mapped[str | None] = mapped_column(String(36))
    opened_on: Mapped[date] = mapped_column(Date)
    status_changed_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closure_reason: Mapped[str | None] = mapped_column(String(30))
    closure_note: Mapped[str] = mapped_column(Text, default="")
    # Where a refused closure request sends the case back to.
    status_before_closure: Mapped[str | None] = mapped_column(String(20))
    risk_level: Mapped[str | None] = mapped_column(String(10))
    summary: Mapped[str] = mapped_column(Text, default="")
    # The case type's own fields (court, country, institution...), JSON.
    extra: Mapped[str] = mapped_column(Text, default="{}")
    # Derived from the events by the service, so work lists read one indexed table.
    next_due_on: Mapped[date | None] = mapped_column(Date)
    last_visit_on: Mapped[date | None] = mapped_column(Date)
    transfer_to: Mapped[str | None] = mapped_column(String(16))

    __mapper_args__ = {"primary_key": [SyncedMixin.id]}  # noqa: RUF012
    __table_args__ = (
        Index("ix_cases_worklist", "assigned_to", "status", "next_due_on"),
        Index("ix_cases_status_due", "status", "next_due_on"),
        # The few tombstoned or transfer-frozen cases, which work lists leave out by rowid.
        # (Migration 0005 makes it partial on PostgreSQL too; a `postgresql_where` here would
        # import SQLAlchemy's PostgreSQL dialect into every branch start, ~0.1 s.)
        Index("ix_cases_exceptions", "local_id", sqlite_where=text(_EXCEPTIONS)),
    )


class CaseEventRow(SyncedMixin, Base):
    """One append-only event of a case; a correction is a new event with `amends_id`."""

    __tablename__ = "case_events"
    local_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(20))
    # The first event of the chain this one corrects (None for an original).
    amends_id: Mapped[str | None] = mapped_column(String(36), index=True)
    occurred_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str | None] = mapped_column(String(20))
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[str] = mapped_column(Text, default="{}")

    __mapper_args__ = {"primary_key": [SyncedMixin.id]}  # noqa: RUF012
    __table_args__ = (Index("ix_case_events_case_kind", "case_id", "kind"),)


class CaseTypeRow(Base):
    """Reference data owned by HQ: the case types and the extra fields each one asks for."""

    __tablename__ = "case_types"
    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    name_ar: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    fields: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of field specs
    position: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AgencyRow(Base):
    """Reference data owned by HQ: agencies a case can be referred to."""

    __tablename__ = "agencies"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_ar: Mapped[str] = mapped_column(String(150))
    name_en: Mapped[str] = mapped_column(String(150))
    kind: Mapped[str] = mapped_column(String(30))
    version: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class BreakGlassRow(Base):
    """A reason given to open a case one may not normally read; valid for a few hours.

    Local to this machine (the audit entry that records it travels to HQ).
    """

    __tablename__ = "break_glass"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(36))
    case_id: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(Text)
    granted_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_break_glass_user_case", "user_id", "case_id", "expires_at"),)
