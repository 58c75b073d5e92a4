"""Working a case: events (assessment, plan items, visits, notes, referrals, court reports,
documents), corrections, and status moves through the workflow, closure approval included.

Events are append-only: a correction is a new event that amends the first of its chain. After
each write the case's derived columns (next due date, last visit, risk) are recomputed so the
work lists read one indexed table.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.case_models import CaseEventRow, CaseRow
from app.domain.accounts import Role
from app.domain.case_closure import OpenItem, check_closure, open_items
from app.domain.case_events import PENDING_STATES, EventKind, VisitState, validate_event
from app.domain.cases import CaseStatus, ClosureReason, Move, check_transition
from app.domain.errors import DomainError, ErrorCode
from app.services import case_closure as closure
from app.services import case_gate as gate
from app.services.case_dto import CaseEventView, CaseView, OpenItemView
from app.services.case_reference import CaseReferenceService
from app.services.case_views import (
    build_view,
    case_events,
    event_facts,
    event_view,
    facts_of,
    superseded_ids,
    user_names,
)
from app.services.cases import CASE_WRITERS
from app.services.context import ServiceContext

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# What a scanned document may be, told by its first bytes (never by its name).
DOCUMENT_TYPES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


@dataclass(frozen=True, slots=True)
class StoredDocument:
    sha256: str
    mime: str
    size: int
    path: Path


def refresh_derived(session: Session, row: CaseRow) -> None:
    """Recompute the case's next due date, last visit and risk level from its events."""
    events = case_events(session, row.id)
    gone = superseded_ids(events)
    current = [e for e in events if e.id not in gone]
    due = [e.due_on for e in current if e.due_on is not None and e.state in PENDING_STATES]
    row.next_due_on = min(due) if due else None
    visits = [
        json.loads(e.payload).get("done_on")
        for e in current
        if e.kind == EventKind.VISIT and e.state == VisitState.DONE
    ]
    done = [date.fromisoformat(v) for v in visits if isinstance(v, str)]
    row.last_visit_on = max(done) if done else None
    assessments = [e for e in current if e.kind == EventKind.ASSESSMENT]
    if assessments:
        row.risk_level = json.loads(assessments[-1].payload).get("risk_level")


class CaseWorkflowService:
    def __init__(self, ctx: ServiceContext, reference: CaseReferenceService) -> None:
        self._ctx = ctx
        self._reference = reference

    @property
    def documents_dir(self) -> Path:
        return self._ctx.data_dir / "documents"

    # ------------------------------------------------------------------ events

    def add_event(
        self,
        case_id: str,
        kind: EventKind | str,
        payload: dict[str, object],
        *,
        occurred_on: date | None = None,
    ) -> CaseEventView:
        """Record a new event (an assessment, a plan item, a visit, ...)."""
        return self._write_event(case_id, EventKind(kind), payload, occurred_on, amends=None)

    def amend_event(
        self, event_id: str, payload: dict[str, object], *, occurred_on: date | None = None
    ) -> CaseEventView:
        """Correct an event (e.g. mark a planned visit done): a new event in the same chain."""
        self._ctx.require(*CASE_WRITERS)
        with self._ctx.db.read() as session:
            original = session.scalar(select(CaseEventRow).where(CaseEventRow.id == event_id))
            if original is None:
                raise DomainError(ErrorCode.NOT_FOUND, field="event")
            case_id, kind, root = original.case_id, original.kind, original.amends_id or original.id
        return self._write_event(case_id, EventKind(kind), payload, occurred_on, amends=root)

    def _write_event(
        self,
        case_id: str,
        kind: EventKind,
        payload: dict[str, object],
        occurred_on: date | None,
        *,
        amends: str | None,
    ) -> CaseEventView:
        user = self._ctx.require(*CASE_WRITERS)
        today = self._ctx.today()
        agency = str(payload.get("agency") or "")
        if kind == EventKind.REFERRAL and self._reference.agency(agency) is None:
            raise DomainError(ErrorCode.INVALID_CHOICE, field="agency")
        clean = validate_event(kind, payload, today)
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            row = gate.open_for_edit(session, user, case_id, self._ctx.branch_code)
            if row.status == CaseStatus.CLOSED:
                raise DomainError(ErrorCode.CASE_CLOSED, number=row.number)
            if amends is not None:
                root = session.scalar(select(CaseEventRow).where(CaseEventRow.id == amends))
                if root is None or root.case_id != row.id:
                    raise DomainError(ErrorCode.NOT_FOUND, field="event")
            event = CaseEventRow(
                case_id=row.id,
                kind=kind.value,
                amends_id=amends,
                occurred_on=occurred_on or today,
                due_on=clean.due_on,
                state=clean.state,
                confidential=clean.confidential,
                payload=json.dumps(clean.payload, ensure_ascii=False, sort_keys=True),
            )
            session.add(event)
            session.flush()
            refresh_derived(session, row)
            gate.audit_case(
                session,
                user,
                "case.event.amend" if amends else "case.event",
                row,
                kind=kind.value,
                event=event.id,
            )
            return event_view(
                event,
                superseded=False,
                can_see_confidential=True,
                authors=user_names(session),
            )

    def attach_document(
        self, case_id: str, path: Path, *, title: str, confidential: bool = False
    ) -> CaseEventView:
        """Store a scanned file content-addressed (sha256) and record it on the case."""
        user = self._ctx.require(*CASE_WRITERS)
        with self._ctx.db.read() as session:
            # Refuse before copying anything.
            gate.open_for_edit(session, user, case_id, self._ctx.branch_code)
        # Check the title and the rest before storing, so a refusal leaves no orphan file.
        validate_event(
            EventKind.DOCUMENT,
            {"title": title, "sha256": "0" * 64, "filename": path.name, "mime": "-"},
            self._ctx.today(),
        )
        stored = self.store_document(path)
        return self.add_event(
            case_id,
            EventKind.DOCUMENT,
            {
                "title": title,
                "sha256": stored.sha256,
                "filename": path.name,
                "mime": stored.mime,
                "size": stored.size,
                "confidential": confidential,
            },
        )

    def store_document(self, path: Path) -> StoredDocument:
        try:
            size = path.stat().st_size
            if size > MAX_DOCUMENT_BYTES:
                raise DomainError(ErrorCode.DOCUMENT_TOO_LARGE, max="20")
            data = path.read_bytes()
        except OSError:
            raise DomainError(ErrorCode.FILE_UNREADABLE, file=path.name) from None
        mime = next((m for magic, m in DOCUMENT_TYPES if data.startswith(magic)), None)
        if mime is None:
            raise DomainError(ErrorCode.DOCUMENT_TYPE, file=path.name)
        digest = hashlib.sha256(data).hexdigest()
        target = self.documents_dir / digest[:2] / digest
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            part = target.with_suffix(".part")
            with part.open("wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            part.replace(target)
        return StoredDocument(digest, mime, size, target)

    def document_path(self, event: CaseEventView) -> Path:
        """Where a document event's file is; its content is checked against its hash."""
        digest = str(event.payload.get("sha256") or "")
        target = self.documents_dir / digest[:2] / digest
        if not digest or not target.exists():
            raise DomainError(ErrorCode.NOT_FOUND, field="document")
        if hashlib.sha256(target.read_bytes()).hexdigest() != digest:
            raise DomainError(ErrorCode.FILE_UNREADABLE, file=target.name)
        return target

    # ------------------------------------------------------------------ status

    def move(
        self,
        case_id: str,
        target: CaseStatus | str,
        *,
        reason: str = "",
        closure_reason: ClosureReason | str | None = None,
        open_reasons: Mapping[str, str] | None = None,
    ) -> CaseView:
        """Move the case to `target` if the workflow allows it (see app.domain.cases).

        Closing (asking for it, approving it, closing directly) also needs a reason for every
        item still open (`open_reasons`, by item chain; see `closure_checklist`): an approval
        reuses the request's reasons, so the supervisor only adds those of items opened since.
        """
        user = self._ctx.require(*CASE_WRITERS)
        target = CaseStatus(target)
        today = self._ctx.today()
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            row = gate.open_for_edit(session, user, case_id, self._ctx.branch_code)
            current = CaseStatus(row.status)
            closing = target == CaseStatus.CLOSED and current == CaseStatus.PENDING_CLOSURE
            code = closure_reason or (row.closure_reason if closing else None)
            move = Move(
                target,
                by_supervisor=user.role == Role.SUPERVISOR,
                reason=reason if reason or not closing else row.closure_note,
                closure_reason=ClosureReason(code) if code else None,
            )
            back = CaseStatus(row.status_before_closure or CaseStatus.FOLLOW_UP)
            if current == CaseStatus.PENDING_CLOSURE and target not in (CaseStatus.CLOSED, back):
                # Refusing a closure sends the case back where it was, nowhere else.
                raise DomainError(ErrorCode.CASE_TRANSITION, current=current, target=target)
            events = case_events(session, row.id)
            check_transition(facts_of(row, events), move)
            payload: dict[str, object] = {
                "from": current.value,
                "to": target.value,
                "reason": move.reason.strip(),
                "closure_reason": move.closure_reason.value if move.closure_reason else None,
            }
            if target in (CaseStatus.PENDING_CLOSURE, CaseStatus.CLOSED):
                payload[closure.PAYLOAD_KEY] = self._closure_items(
                    events, closing, open_reasons or {}, today
                )
            self._apply_move(row, current, move, today)
            session.add(
                CaseEventRow(
                    case_id=row.id,
                    kind=EventKind.STATUS_CHANGE.value,
                    occurred_on=today,
                    payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
                )
            )
            session.flush()
            gate.audit_case(
                session, user, "case.status", row, **{"from": current.value, "to": target.value}
            )
            return build_view(session, user, row, gate.access_to(session, user, row))

    def _closure_items(
        self,
        events: list[CaseEventRow],
        approving: bool,
        given: Mapping[str, str],
        today: date,
    ) -> list[object]:
        """The checklist to store with a closure; refuses (CLOSURE_ITEM_OPEN) while an open
        item has no reason. Approving re-checks the request's list as it stands now."""
        facts = event_facts(events)
        items = open_items(facts, today)
        reasons = closure.requested_reasons(facts) if approving else {}
        reasons.update({k: v for k, v in given.items() if v.strip()})
        kept = check_closure(items, reasons, self._item_name)
        return closure.payload_items(items, kept)

    def _item_name(self, item: OpenItem) -> str:
        if item.kind == EventKind.REFERRAL:
            agency = self._reference.agency(item.title)
            return agency.name_ar if agency is not None else item.title
        if item.kind == EventKind.VISIT and item.due_on is not None:
            return item.due_on.strftime("%d/%m/%Y")
        return item.title

    def closure_checklist(self, view: CaseView) -> list[OpenItemView]:
        """What is still open in the case (read from `view`, as of today), with the reasons
        its pending closure request gave."""
        return closure.checklist(view, self._ctx.today())

    @staticmethod
    def _apply_move(row: CaseRow, current: CaseStatus, move: Move, today: date) -> None:
        target = move.target
        if target == CaseStatus.PENDING_CLOSURE:
            row.status_before_closure = current.value
        if target in (CaseStatus.PENDING_CLOSURE, CaseStatus.CLOSED):
            if move.closure_reason is not None:
                row.closure_reason = move.closure_reason.value
            if current != CaseStatus.PENDING_CLOSURE or move.reason.strip():
                row.closure_note = move.reason.strip()
        if target == CaseStatus.CLOSED:
            row.closed_on = today
            row.next_due_on = None
        if current == CaseStatus.PENDING_CLOSURE and target != CaseStatus.CLOSED:
            row.closure_reason = None
            row.closure_note = ""
            row.status_before_closure = None
        if current == CaseStatus.CLOSED:  # reopened
            row.closed_on = None
            row.closure_reason = None
            row.closure_note = ""
        row.status = target.value
        row.status_changed_on = today

    def approve_closure(
        self, case_id: str, open_reasons: Mapping[str, str] | None = None
    ) -> CaseView:
        """A supervisor approves a worker's closure request: the checklist is checked again,
        with the request's reasons and the supervisor's for items opened since."""
        self._ctx.require(Role.SUPERVISOR)
        return self.move(case_id, CaseStatus.CLOSED, open_reasons=open_reasons)

    def refuse_closure(self, case_id: str, reason: str) -> CaseView:
        """A supervisor refuses a closure request; the case goes back where it was."""
        self._ctx.require(Role.SUPERVISOR)
        with self._ctx.db.read() as session:
            row = gate.load_case(session, case_id)
            back = row.status_before_closure or CaseStatus.FOLLOW_UP.value
        return self.move(case_id, back, reason=reason)

    def case_view(self, case_id: str) -> CaseView:
        user = self._ctx.require()
        with self._ctx.db.read() as session:
            row, access = gate.open_for_read(session, user, case_id)
            return build_view(session, user, row, access)
