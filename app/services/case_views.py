"""Case rows as the screens and forms read them: list lines with names masked where the reader
may not see them, and the case view with its events (confidential ones hidden, corrections
marked superseded), plus the facts that decide a case's next statuses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.case_models import CaseEventRow, CaseRow
from app.db.models import BeneficiaryRow, IdentifierRow, UserRow
from app.domain.accounts import Role
from app.domain.case_access import MASK, Access, names_visible
from app.domain.case_closure import EventFact, stage_records
from app.domain.cases import CaseFacts, CaseStatus, next_statuses
from app.services import case_gate as gate
from app.services.case_dto import CaseEventView, CaseSummary, CaseView
from app.services.context import CurrentUser


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


def event_facts(events: Sequence[CaseEventRow]) -> list[EventFact]:
    """The events as the closure and stage rules read them (app.domain.case_closure)."""
    gone = superseded_ids(events)
    return [
        EventFact(
            chain=e.amends_id or e.id,
            kind=e.kind,
            state=e.state,
            due_on=e.due_on,
            current=e.id not in gone,
            payload=json.loads(e.payload or "{}"),
        )
        for e in events
    ]


def facts_of(row: CaseRow, events: Sequence[CaseEventRow]) -> CaseFacts:
    """What decides the case's next stage: what was recorded since it was (re)opened."""
    records = stage_records(event_facts(events))
    return CaseFacts(
        status=CaseStatus(row.status),
        has_assessment=records.has_assessment,
        has_plan_item=records.has_plan_item,
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
        person_number=(person.person_number or "") if person else "",
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
