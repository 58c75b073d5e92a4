"""Opening and reading cases, assignment, transfer requests and breaking the glass.

Events and status moves live in `app.services.case_workflow`; work lists and figures in
`app.services.case_worklists`; the views built from the rows in `app.services.case_views`.
Every method checks the user's access through `case_gate`.
"""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.case_models import BreakGlassRow, CaseEventRow, CaseRow
from app.db.clock import new_id, utcnow
from app.db.models import BeneficiaryRow, LocalMetaRow, UserRow
from app.domain.accounts import Role
from app.domain.case_access import Access, clean_glass_reason
from app.domain.case_events import EventKind
from app.domain.case_types import clean_extra
from app.domain.cases import (
    CaseStatus,
    clean_reason,
    clean_summary,
    format_case_number,
    parse_case_number,
)
from app.domain.errors import DomainError, ErrorCode
from app.domain.field_checks import clean_record_id
from app.services import case_gate as gate
from app.services.case_dto import CaseDraft, CaseSummary, CaseView
from app.services.case_reference import CaseReferenceService
from app.services.case_views import build_view, summarize
from app.services.context import ServiceContext
from app.services.dto import UserView

CASE_WRITERS = (Role.SOCIAL_WORKER, Role.SUPERVISOR)


def next_case_number(session: Session, branch: str, year: int) -> str:
    """The next `<branch>-<year>-<seq>`: a local counter, never below a number already used."""
    key = f"case_seq.{year}"
    meta = session.get(LocalMetaRow, key)
    counter = int(meta.value) if meta else 0
    prefix = f"{branch}-{year:04d}-"
    last = session.scalar(
        select(func.max(CaseRow.number)).where(
            CaseRow.number.like(f"{prefix}%"), func.length(CaseRow.number) == len(prefix) + 5
        )
    )
    used = int(last[len(prefix) :]) if last else 0
    seq = max(counter, used) + 1
    session.merge(LocalMetaRow(key=key, value=str(seq)))
    return format_case_number(branch, year, seq)


class CaseService:
    def __init__(self, ctx: ServiceContext, reference: CaseReferenceService) -> None:
        self._ctx = ctx
        self._reference = reference

    # ------------------------------------------------------------------ reading

    def get(self, case_id: str) -> CaseView:
        """The case with its events; refused without access (BREAK_GLASS_REQUIRED if a
        reason would open it). Every view of a sensitive case is audited."""
        user = self._ctx.require()
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            row, access = gate.open_for_read(session, user, case_id)
            if row.sensitive or row.assigned_to != user.id:
                gate.audit_case(session, user, "case.view", row, sensitive=row.sensitive)
            return build_view(session, user, row, access)

    def access(self, case_id: str) -> Access:
        user = self._ctx.require()
        with self._ctx.db.read() as session:
            return gate.access_to(session, user, gate.load_case(session, case_id))

    def find_by_number(self, text: str) -> str:
        """The id of the case with this number (any case of the branch; access is checked
        when it is opened)."""
        self._ctx.require()
        number = format_case_number(*parse_case_number(text))
        with self._ctx.db.read() as session:
            found = session.scalar(
                select(CaseRow.id).where(CaseRow.number == number, CaseRow.deleted_at.is_(None))
            )
        if found is None:
            raise DomainError(ErrorCode.NOT_FOUND, field="number")
        return found

    def cases_of(self, beneficiary_id: str) -> list[CaseSummary]:
        """Every case of a person, masked where the user may not read it."""
        user = self._ctx.require()
        if user.role == Role.BRANCH_ADMIN:
            raise DomainError(ErrorCode.PERMISSION_DENIED)
        with self._ctx.db.read() as session:
            rows = session.scalars(
                select(CaseRow)
                .where(CaseRow.beneficiary_id == beneficiary_id, CaseRow.deleted_at.is_(None))
                .order_by(CaseRow.opened_on.desc())
            ).all()
            return summarize(session, user, rows)

    def workers(self) -> list[UserView]:
        """Active social workers and supervisors: who a case can be assigned to."""
        self._ctx.require()
        with self._ctx.db.read() as session:
            rows = session.scalars(
                select(UserRow)
                .where(UserRow.active.is_(True), UserRow.role.in_([r.value for r in CASE_WRITERS]))
                .order_by(UserRow.display_name)
            )
            return [
                UserView(r.id, r.username, r.display_name, r.role, r.active, None, r.is_demo)
                for r in rows
            ]

    # ------------------------------------------------------------------ break the glass

    def break_glass(self, case_id: str, reason: str) -> CaseView:
        """Open a case one may not normally read, giving a reason; audited, valid 3 hours."""
        user = self._ctx.require(Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.AUDITOR)
        reason = clean_glass_reason(reason)
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            row = gate.load_case(session, case_id)
            now = utcnow()
            session.add(
                BreakGlassRow(
                    id=new_id(),
                    user_id=user.id,
                    case_id=row.id,
                    reason=reason,
                    granted_at=now,
                    expires_at=now + timedelta(hours=3),
                )
            )
            session.flush()
            gate.audit_case(session, user, "case.break_glass", row, reason=reason)
            access = gate.access_to(session, user, row)
            if access in (Access.NONE, Access.NEEDS_REASON):
                raise DomainError(ErrorCode.PERMISSION_DENIED)
            gate.audit_case(session, user, "case.view", row, sensitive=row.sensitive)
            return build_view(session, user, row, access)

    # ------------------------------------------------------------------ writing

    def open_case(self, draft: CaseDraft) -> CaseView:
        user = self._ctx.require(*CASE_WRITERS)
        case_type = self._reference.case_type(draft.type_code)
        extra = clean_extra(case_type.fields, draft.extra)
        summary = clean_summary(draft.summary)
        household_id = clean_record_id(draft.household_id, "household_id") or None
        assignee = draft.assign_to or user.id
        if assignee != user.id and user.role != Role.SUPERVISOR:
            raise DomainError(ErrorCode.SUPERVISOR_ONLY)
        today = self._ctx.today()
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            person = session.scalar(
                select(BeneficiaryRow).where(
                    BeneficiaryRow.id == draft.beneficiary_id, BeneficiaryRow.deleted_at.is_(None)
                )
            )
            if person is None:
                raise DomainError(ErrorCode.NOT_FOUND, field="beneficiary")
            if assignee not in {w.id for w in self.workers()}:
                raise DomainError(ErrorCode.INVALID_CHOICE, field="assigned_to")
            row = CaseRow(
                number=next_case_number(session, self._ctx.branch_code, today.year),
                type_code=case_type.code,
                beneficiary_id=person.id,
                household_id=household_id or person.household_id,
                status=CaseStatus.NEW.value,
                sensitive=case_type.sensitive or draft.sensitive,
                assigned_to=assignee,
                opened_on=today,
                status_changed_on=today,
                summary=summary,
                extra=json.dumps(extra, ensure_ascii=False, sort_keys=True),
            )
            session.add(row)
            session.flush()
            gate.audit_case(session, user, "case.open", row, type=row.type_code)
            return build_view(session, user, row, Access.EDIT)

    def update_details(
        self,
        case_id: str,
        *,
        summary: str,
        extra: dict[str, object],
        sensitive: bool,
        row_version: int,
    ) -> CaseView:
        """Edit the summary, the type's fields and the sensitive flag (never unflag a
        sensitive type)."""
        user = self._ctx.require(*CASE_WRITERS)
        summary = clean_summary(summary)
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            row = gate.open_for_edit(session, user, case_id, self._ctx.branch_code)
            if row.row_version != row_version:
                raise DomainError(ErrorCode.STALE_RECORD)
            case_type = self._reference.case_type(row.type_code)
            row.extra = json.dumps(
                clean_extra(case_type.fields, extra), ensure_ascii=False, sort_keys=True
            )
            row.summary = summary
            row.sensitive = case_type.sensitive or sensitive
            session.flush()
            gate.audit_case(session, user, "case.edit", row)
            return build_view(session, user, row, Access.EDIT)

    def assign(self, case_id: str, worker_id: str) -> CaseView:
        """Assign or reassign the case (supervisors)."""
        user = self._ctx.require(Role.SUPERVISOR)
        if worker_id not in {w.id for w in self.workers()}:
            raise DomainError(ErrorCode.INVALID_CHOICE, field="assigned_to")
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            row = gate.open_for_edit(session, user, case_id, self._ctx.branch_code)
            before = row.assigned_to
            if before == worker_id:
                return build_view(session, user, row, Access.EDIT)
            row.assigned_to = worker_id
            session.add(
                CaseEventRow(
                    case_id=row.id,
                    kind=EventKind.ASSIGNMENT.value,
                    occurred_on=self._ctx.today(),
                    payload=json.dumps({"from": before, "to": worker_id}),
                )
            )
            session.flush()
            gate.audit_case(session, user, "case.assign", row, to=worker_id, **{"from": before})
            return build_view(session, user, row, gate.access_to(session, user, row))

    def request_transfer(self, case_id: str, to_branch: str, reason: str) -> CaseView:
        """Ask HQ to move the case to another branch; the case is frozen until HQ answers."""
        user = self._ctx.require(*CASE_WRITERS)
        target = (to_branch or "").strip().upper()
        if not target.isalnum() or not 2 <= len(target) <= 12 or target == self._ctx.branch_code:
            raise DomainError(ErrorCode.INVALID_CHOICE, field="to_branch")
        reason = clean_reason(reason)
        if not reason:
            raise DomainError(ErrorCode.REQUIRED, field="reason")
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            row = gate.open_for_edit(session, user, case_id, self._ctx.branch_code)
            if row.status == CaseStatus.CLOSED:
                raise DomainError(ErrorCode.CASE_CLOSED, number=row.number)
            row.transfer_to = target
            session.add(
                CaseEventRow(
                    case_id=row.id,
                    kind=EventKind.TRANSFER_REQUEST.value,
                    occurred_on=self._ctx.today(),
                    payload=json.dumps({"to": target, "reason": reason}, ensure_ascii=False),
                )
            )
            session.flush()
            gate.audit_case(session, user, "case.transfer_request", row, to=target)
            return build_view(session, user, row, Access.READ)
