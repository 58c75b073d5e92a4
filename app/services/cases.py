"""Opening and reading cases, assignment, transfer requests and breaking the glass.

Events and status moves live in `app.services.case_workflow`; work lists and figures in
`app.services.case_worklists`. Every method checks the user's access through `case_gate`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.case_models import BreakGlassRow, CaseEventRow, CaseRow
from app.db.clock import new_id, utcnow
from app.db.models import BeneficiaryRow, IdentifierRow, LocalMetaRow, UserRow
from app.domain.accounts import Role
from app.domain.case_access import MASK, Access, clean_glass_reason, names_visible
from app.domain.case_events import EventKind
from app.domain.case_types import clean_extra
from app.domain.cases import (
    CaseFacts,
    CaseStatus,
    clean_reason,
    clean_summary,
    format_case_number,
    next_statuses,
    parse_case_number,
)
from app.domain.errors import DomainError, ErrorCode
from app.domain.field_checks import clean_record_id
from app.services import case_gate as gate
from app.services.case_dto import CaseDraft, CaseEventView, CaseSummary, CaseView
from app.services.case_reference import CaseReferenceService
from app.services.context import CurrentUser, ServiceContext
from app.services.dto import UserView

CASE_WRITERS = (Role.SOCIAL_WORKER, Role.SUPERVISOR)


def person_names(session: Session, ids: Iterable[str]) -> dict[str, str]:
    wanted = sorted(set(ids))
    out: dict[str, str] = {}
    for start in range(0, len(wanted), 900):
        rows = session.execute(
            select(
                BeneficiaryRow.id,
                BeneficiaryRow.first_name,
                BeneficiaryRow.father_name,
                BeneficiaryRow.grandfather_name,
                BeneficiaryRow.family_name,
            ).where(BeneficiaryRow.id.in_(wanted[start : start + 900]))
        )
        for row in rows:
            out[row[0]] = " ".join(p for p in row[1:] if p)
    return out


def user_names(session: Session) -> dict[str, str]:
    return {r[0]: r[1] for r in session.execute(select(UserRow.id, UserRow.display_name))}


def summarize(session: Session, user: CurrentUser, rows: Sequence[CaseRow]) -> list[CaseSummary]:
    """List lines for `rows`, names masked where `user` may not read the case now."""
    names = person_names(session, (r.beneficiary_id for r in rows))
    workers = user_names(session)
    grants = gate.granted_case_ids(session, user.id) if any(r.sensitive for r in rows) else set()
    out: list[CaseSummary] = []
    for r in rows:
        visible = names_visible(user.role, user.id, gate.subject(r), has_grant=r.id in grants)
        out.append(
            CaseSummary(
                id=r.id,
                number=r.number,
                type_code=r.type_code,
                status=r.status,
                sensitive=r.sensitive,
                person_name=names.get(r.beneficiary_id, "") if visible else MASK,
                masked=not visible,
                assigned_to=r.assigned_to,
                assigned_name=workers.get(r.assigned_to or "", ""),
                opened_on=r.opened_on,
                next_due_on=r.next_due_on,
                last_visit_on=r.last_visit_on,
                risk_level=r.risk_level,
                transfer_to=r.transfer_to,
            )
        )
    return out


def event_view(
    row: CaseEventRow, *, superseded: bool, can_see_confidential: bool, authors: dict[str, str]
) -> CaseEventView:
    hidden = row.confidential and not can_see_confidential
    return CaseEventView(
        id=row.id,
        kind=row.kind,
        occurred_on=row.occurred_on,
        due_on=row.due_on,
        state=row.state,
        confidential=row.confidential,
        hidden=hidden,
        payload={} if hidden else json.loads(row.payload),
        amends_id=row.amends_id,
        superseded=superseded,
        author=authors.get(row.created_by, ""),
        created_at=row.created_at,
    )


def case_events(session: Session, case_id: str) -> list[CaseEventRow]:
    """Every event of the case, oldest first (UUIDv7 ids are time-ordered at their branch)."""
    return list(
        session.scalars(
            select(CaseEventRow)
            .where(CaseEventRow.case_id == case_id, CaseEventRow.deleted_at.is_(None))
            .order_by(CaseEventRow.created_at, CaseEventRow.id)
        )
    )


def superseded_ids(events: Sequence[CaseEventRow]) -> set[str]:
    """Events a later correction of the same chain replaced."""
    latest: dict[str, str] = {}
    for e in events:  # oldest first: the last one seen per chain is the current one
        latest[e.amends_id or e.id] = e.id
    current = set(latest.values())
    return {e.id for e in events if e.id not in current}


def facts_of(row: CaseRow, events: Sequence[CaseEventRow]) -> CaseFacts:
    gone = superseded_ids(events)
    kinds = {e.kind for e in events if e.id not in gone}
    return CaseFacts(
        status=CaseStatus(row.status),
        has_assessment=EventKind.ASSESSMENT in kinds,
        has_plan_item=EventKind.PLAN_ITEM in kinds,
    )


def build_view(session: Session, user: CurrentUser, row: CaseRow, access: Access) -> CaseView:
    events = case_events(session, row.id)
    gone = superseded_ids(events)
    authors = user_names(session)
    sees_confidential = access == Access.EDIT
    person = session.scalar(select(BeneficiaryRow).where(BeneficiaryRow.id == row.beneficiary_id))
    national = session.scalar(
        select(IdentifierRow.number).where(
            IdentifierRow.beneficiary_id == row.beneficiary_id,
            IdentifierRow.id_type == "national_number",
            IdentifierRow.deleted_at.is_(None),
        )
    )
    moves: tuple[str, ...] = ()
    if access == Access.EDIT and row.transfer_to is None:
        moves = tuple(
            next_statuses(facts_of(row, events), by_supervisor=user.role == Role.SUPERVISOR)
        )
    return CaseView(
        id=row.id,
        number=row.number,
        type_code=row.type_code,
        status=row.status,
        sensitive=row.sensitive,
        beneficiary_id=row.beneficiary_id,
        person_name=(
            " ".join(
                p
                for p in (
                    person.first_name,
                    person.father_name,
                    person.grandfather_name,
                    person.family_name,
                )
                if p
            )
            if person
            else ""
        ),
        national_number=national,
        household_id=row.household_id,
        assigned_to=row.assigned_to,
        assigned_name=authors.get(row.assigned_to or "", ""),
        opened_on=row.opened_on,
        closed_on=row.closed_on,
        closure_reason=row.closure_reason,
        closure_note=row.closure_note,
        risk_level=row.risk_level,
        summary=row.summary,
        extra=json.loads(row.extra or "{}"),
        next_due_on=row.next_due_on,
        last_visit_on=row.last_visit_on,
        transfer_to=row.transfer_to,
        origin_branch=row.origin_branch,
        row_version=row.row_version,
        access=access,
        next_statuses=moves,
        events=tuple(
            event_view(
                e, superseded=e.id in gone, can_see_confidential=sees_confidential, authors=authors
            )
            for e in events
        ),
    )


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
