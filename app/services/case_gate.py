"""The gate every case read and write passes: load the case, decide access, audit.

Shared by the case services so that no path can reach case content without the rules of
`app.domain.case_access` (the UI hides what it may not show, but the gate is what enforces).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.audit import append_audit
from app.db.case_models import BreakGlassRow, CaseRow
from app.db.clock import utcnow
from app.db.models import LocalMetaRow
from app.domain.case_access import Access, CaseSubject, case_access
from app.domain.errors import DomainError, ErrorCode
from app.services.context import CurrentUser


def subject(row: CaseRow) -> CaseSubject:
    return CaseSubject(assigned_to=row.assigned_to, sensitive=row.sensitive)


def has_grant(session: Session, user_id: str, case_id: str, now: datetime | None = None) -> bool:
    now = now or utcnow()
    found = session.scalar(
        select(BreakGlassRow.id)
        .where(
            BreakGlassRow.user_id == user_id,
            BreakGlassRow.case_id == case_id,
            BreakGlassRow.expires_at > now,
        )
        .limit(1)
    )
    return found is not None


def granted_case_ids(session: Session, user_id: str) -> set[str]:
    now = utcnow()
    return set(
        session.scalars(
            select(BreakGlassRow.case_id).where(
                BreakGlassRow.user_id == user_id, BreakGlassRow.expires_at > now
            )
        )
    )


def access_to(session: Session, user: CurrentUser, row: CaseRow) -> Access:
    access = case_access(
        user.role, user.id, subject(row), has_grant=has_grant(session, user.id, row.id)
    )
    if access == Access.EDIT and row.origin_branch != _branch_code(session):
        return Access.READ  # moved to another branch by HQ: this copy is for reading only
    return access


def _branch_code(session: Session) -> str | None:
    meta = session.get(LocalMetaRow, "branch.code")
    return meta.value if meta is not None else None


def load_case(session: Session, case_id: str) -> CaseRow:
    row = session.scalar(select(CaseRow).where(CaseRow.id == case_id))
    if row is None or row.deleted_at is not None:
        raise DomainError(ErrorCode.NOT_FOUND, field="case")
    return row


def open_for_read(session: Session, user: CurrentUser, case_id: str) -> tuple[CaseRow, Access]:
    """The case and the reader's access; refuses (and audits the refusal) when none."""
    row = load_case(session, case_id)
    access = access_to(session, user, row)
    if access == Access.NONE:
        raise DomainError(ErrorCode.PERMISSION_DENIED)
    if access == Access.NEEDS_REASON:
        raise DomainError(ErrorCode.BREAK_GLASS_REQUIRED, number=row.number)
    return row, access


def open_for_edit(session: Session, user: CurrentUser, case_id: str, branch_code: str) -> CaseRow:
    """The case, for a change by `user` at branch `branch_code`: refused without edit access,
    while a transfer is pending, and once HQ moved the case to another branch (the copy left
    here is read-only: only the owning branch changes a case)."""
    row, access = open_for_read(session, user, case_id)
    if row.origin_branch != branch_code:
        raise DomainError(ErrorCode.CASE_TRANSFERRED, number=row.number, branch=row.origin_branch)
    if access != Access.EDIT:
        raise DomainError(ErrorCode.PERMISSION_DENIED)
    if row.transfer_to is not None:
        raise DomainError(ErrorCode.TRANSFER_PENDING, number=row.number, branch=row.transfer_to)
    return row


def audit_case(
    session: Session, user: CurrentUser, action: str, row: CaseRow, **details: object
) -> None:
    append_audit(
        session,
        action,
        user_id=user.id,
        entity="case",
        entity_id=row.id,
        details={"number": row.number, **details},
    )
