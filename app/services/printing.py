"""Printing records: a person's, a household's and a case's forms as PDF bytes, the blank forms,
and the batch of visit sheets due on a day.

Each print gathers its data in one read, checking access as the screens do (a case needs read
access through `case_gate`: a sensitive one the glass broken first, never a branch admin; a
confidential entry stays hidden from who may not read it), lays the forms out outside any
transaction, then writes one audit entry "print.<form>" in its own transaction. A refused,
failed or cancelled print audits nothing. The layout modules (reportlab) load on the first
print, not with the application.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.audit import append_audit
from app.db.case_models import CaseEventRow
from app.db.models import BeneficiaryRow, LocalMetaRow, UserRow
from app.domain.accounts import Role
from app.domain.case_events import EventKind, VisitState
from app.domain.cases import CaseTypeCode
from app.domain.errors import DomainError, ErrorCode
from app.services import case_gate as gate
from app.services.beneficiaries import BeneficiaryService
from app.services.case_dto import CaseEventView, CaseView
from app.services.case_print_data import contact_of, current_event, due_visits, type_field_text
from app.services.case_reference import CaseReferenceService
from app.services.case_views import build_view, user_names
from app.services.context import CurrentUser, ServiceContext
from app.services.dto import BeneficiaryView
from app.services.households import HouseholdService
from app.services.reference import ReferenceService

if TYPE_CHECKING:
    from app.printing.document import Form, PrintMeta

CASE_FORMS = ("summary", "visit", "referral", "court")
Progress = Callable[[int, int], None]


class PrintCancelled(Exception):
    """The user stopped a batch: nothing was printed or audited."""


@dataclass(frozen=True, slots=True)
class PrintResult:
    """A printed document: the PDF, its page count, the form printed and a file name for it."""

    pdf: bytes
    pages: int
    form: str
    file_name: str
    case_ids: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class _Audit:
    action: str
    entity: str | None
    entity_id: str | None
    details: dict[str, object]


class PrintService:
    def __init__(
        self,
        ctx: ServiceContext,
        reference: ReferenceService,
        case_reference: CaseReferenceService,
        *,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._ctx = ctx
        self._reference = reference
        self._case_reference = case_reference
        self._people = BeneficiaryService(ctx, reference)
        self._households = HouseholdService(ctx, reference)
        self._now = now

    # ------------------------------------------------------------------ person forms

    def intake(self, beneficiary_id: str) -> PrintResult:
        """The filled intake form of a beneficiary, with the record's QR code."""
        from app.printing.forms_person import intake_form

        user = self._ctx.require()
        person = self._people.get(beneficiary_id)
        household = self._households.get(person.household_id) if person.household_id else None
        with self._ctx.db.read() as session:
            registered_by = session.scalar(
                select(UserRow.display_name)
                .join(BeneficiaryRow, BeneficiaryRow.created_by == UserRow.id)
                .where(BeneficiaryRow.id == person.id)
            )
            meta = self._meta(session, user)
        form = intake_form(
            person,
            municipality=self._municipality(person.municipality_code),
            household=household,
            worker_name=registered_by or user.display_name,
        )
        audit = _Audit("print.intake", "beneficiary", person.id, {"number": person.person_number})
        return self._print([form], meta, "intake", f"intake_{_file_part(person)}", audit)

    @staticmethod
    def warm_up() -> bytes:
        """Load the layout code, Amiri and the Arabic shaping, and lay out a blank form
        (nothing read, nothing audited): the first real print then starts warm."""
        from app.printing import case_letters, forms_case  # noqa: F401  (loaded, not used)
        from app.printing.document import PrintMeta, render
        from app.printing.forms_person import blank_intake_form

        buffer = io.BytesIO()
        render([blank_intake_form()], PrintMeta("", "", "", datetime(2026, 1, 1)), buffer)
        return buffer.getvalue()

    def blank_intake(self) -> PrintResult:
        from app.printing.forms_person import blank_intake_form

        meta = self._read_meta()
        audit = _Audit("print.blank_intake", None, None, {})
        return self._print([blank_intake_form()], meta, "blank_intake", "intake_blank", audit)

    def household(self, household_id: str) -> PrintResult:
        """The household's form with its members table."""
        from app.printing.forms_person import household_form

        self._ctx.require()
        household = self._households.get(household_id)
        head = self._people.get(household.head_id) if household.head_id else None
        form = household_form(
            household, head=head, municipality=self._municipality(household.municipality_code)
        )
        audit = _Audit("print.household", "household", household.id, {})
        name = f"household_{_file_part(head) if head else household.id[:8]}"
        return self._print([form], self._read_meta(), "household", name, audit)

    # ------------------------------------------------------------------ case forms

    def case_summary(self, case_id: str) -> PrintResult:
        """The whole case file: header, summary, the type's fields and every entry."""
        from app.printing.forms_case import case_summary

        with self._ctx.db.read() as session:
            case, meta = self._open_case(session, case_id)
            users = user_names(session)
        form = case_summary(
            case,
            type_name=self._type_name(case),
            type_fields=self._type_fields(case),
            agencies=self._agencies(),
            users=users,
        )
        return self._print_case([form], meta, "case_summary", case, {})

    def visit_sheet(self, case_id: str, event_id: str | None = None) -> PrintResult:
        """The sheet of one visit (by default the next planned one; none: the visit cells are
        left to write in)."""
        from app.printing.forms_case import visit_sheet

        with self._ctx.db.read() as session:
            case, meta = self._open_case(session, case_id)
            if event_id is None:
                visit = self._next_visit(case)
            else:
                visit = self._event(case, event_id, EventKind.VISIT)
            address, phones = contact_of(session, case)
        form = visit_sheet(case, visit, address=address, phones=phones)
        details: dict[str, object] = {"event": visit.id} if visit is not None else {}
        return self._print_case([form], meta, "visit_sheet", case, details)

    def blank_visit(self) -> PrintResult:
        from app.printing.forms_case import blank_visit_sheet

        meta = self._read_meta()
        audit = _Audit("print.blank_visit", None, None, {})
        return self._print([blank_visit_sheet()], meta, "blank_visit", "visit_blank", audit)

    def referral_letter(self, event_id: str) -> PrintResult:
        """The letter of one referral to its agency."""
        from app.printing.case_letters import referral_letter

        with self._ctx.db.read() as session:
            case_id = session.scalar(
                select(CaseEventRow.case_id).where(
                    CaseEventRow.id == event_id, CaseEventRow.deleted_at.is_(None)
                )
            )
            if case_id is None:
                raise DomainError(ErrorCode.NOT_FOUND, field="event")
            case, meta = self._open_case(session, case_id)
            referral = self._event(case, event_id, EventKind.REFERRAL)
        code = str(referral.payload.get("agency") or "")
        agency = self._case_reference.agency(code)
        form = referral_letter(
            case,
            referral,
            agency_name=agency.name_ar if agency is not None else code,
            branch_name=meta.branch_name,
            worker_name=referral.author or case.assigned_name,
        )
        return self._print_case([form], meta, "referral_letter", case, {"event": referral.id})

    def court_report(self, case_id: str) -> PrintResult:
        """The social report to the juvenile court (juvenile cases), from the latest report."""
        from app.printing.case_letters import court_report

        with self._ctx.db.read() as session:
            case, meta = self._open_case(session, case_id)
        if case.type_code != CaseTypeCode.JUVENILE:
            raise DomainError(ErrorCode.INVALID_CHOICE, field="form")
        form = court_report(case, None, type_fields=self._type_fields(case))
        return self._print_case([form], meta, "court_report", case, {})

    # ------------------------------------------------------------------ the day's visits

    def visit_sheets_due(
        self,
        day: date,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> PrintResult:
        """One visit sheet for every planned visit due on `day` in the cases the user may
        read, in one PDF (pages 0 when there is none). `progress(done, total)` follows the
        layout; `cancelled()` true stops it (PrintCancelled): nothing is audited then."""
        from app.printing.document import Cancelled
        from app.printing.forms_case import visit_sheet

        user = self._ctx.require()
        if user.role == Role.BRANCH_ADMIN:
            raise DomainError(ErrorCode.PERMISSION_DENIED)
        if not isinstance(day, date):
            raise DomainError(ErrorCode.DATE_FORMAT, field="day")
        stop = cancelled or (lambda: False)
        sheets: list[tuple[CaseView, CaseEventView, str, list[str]]] = []
        with self._ctx.db.read() as session:
            meta = self._meta(session, user)
            for row, access, visit_ids in due_visits(session, user, day):
                if stop():
                    raise PrintCancelled
                case = build_view(session, user, row, access)
                address, phones = contact_of(session, case)
                for visit in case.events:
                    if visit.id in visit_ids and not visit.hidden:
                        sheets.append((case, visit, address, phones))
        name = f"visit_sheets_{day.isoformat()}"
        cases = list(dict.fromkeys(case.id for case, *_ in sheets))
        if not sheets:
            return PrintResult(b"", 0, "visit_sheets", name)
        forms = [visit_sheet(c, v, address=a, phones=p) for c, v, a, p in sheets]
        total = len(forms)

        def on_form(index: int) -> None:
            if stop():
                raise Cancelled
            if progress is not None:
                progress(index, total)

        details: dict[str, object] = {"day": day.isoformat(), "count": total, "cases": cases}
        audit = _Audit("print.visit_sheets", None, None, details)
        result = self._print(forms, meta, "visit_sheets", name, audit, on_form=on_form)
        if progress is not None:
            progress(total, total)
        return PrintResult(result.pdf, result.pages, result.form, name, tuple(cases))

    # ------------------------------------------------------------------ helpers

    def _open_case(self, session: Session, case_id: str) -> tuple[CaseView, PrintMeta]:
        """The case as its reader may see it; refused as CaseService.get refuses."""
        user = self._ctx.require()
        row, access = gate.open_for_read(session, user, case_id)
        return build_view(session, user, row, access), self._meta(session, user)

    @staticmethod
    def _event(case: CaseView, event_id: str, kind: EventKind) -> CaseEventView:
        event = current_event(case.events, event_id)
        if event is None:
            raise DomainError(ErrorCode.NOT_FOUND, field="event")
        if event.kind != kind:
            raise DomainError(ErrorCode.INVALID_CHOICE, field="event")
        if event.hidden:
            raise DomainError(ErrorCode.PERMISSION_DENIED)
        return event

    @staticmethod
    def _next_visit(case: CaseView) -> CaseEventView | None:
        planned = [
            e
            for e in case.current_events(EventKind.VISIT)
            if not e.hidden and e.state == VisitState.PLANNED and e.due_on is not None
        ]
        return min(planned, key=lambda e: e.due_on or date.max, default=None)

    def _type_name(self, case: CaseView) -> str:
        try:
            return self._case_reference.case_type(case.type_code).name_ar
        except DomainError:
            return ""  # a type HQ has retired: the form names it from its own list

    def _type_fields(self, case: CaseView) -> list[tuple[str, str]]:
        try:
            specs = self._case_reference.case_type(case.type_code).fields
        except DomainError:
            return []
        return [(s.label_ar, type_field_text(s, case.extra.get(s.key))) for s in specs]

    def _agencies(self) -> dict[str, str]:
        return {a.code: a.name_ar for a in self._case_reference.agencies()}

    def _municipality(self, code: str | None) -> str:
        found = self._reference.municipality(code) if code else None
        return found.name_ar if found is not None else (code or "")

    def _meta(self, session: Session, user: CurrentUser) -> PrintMeta:
        from app.printing.document import PrintMeta

        rows = session.execute(
            select(LocalMetaRow.key, LocalMetaRow.value).where(
                LocalMetaRow.key.in_(("branch.name", "branch.code"))
            )
        )
        values: dict[str, str] = {r[0]: r[1] for r in rows}  # dict(rows) reads it as a mapping
        code = values.get("branch.code", self._ctx.branch_code)
        # The forms say "فرع <name>": a name stored as "فرع تجريبي" would print the word twice.
        name = (values.get("branch.name") or "").removeprefix("فرع ").strip() or code
        return PrintMeta(name, code, user.display_name, self._now())

    def _read_meta(self) -> PrintMeta:
        user = self._ctx.require()
        with self._ctx.db.read() as session:
            return self._meta(session, user)

    def _print_case(
        self,
        forms: list[Form],
        meta: PrintMeta,
        form: str,
        case: CaseView,
        details: dict[str, object],
    ) -> PrintResult:
        audit = _Audit(f"print.{form}", "case", case.id, {"number": case.number, **details})
        name = f"{form}_{case.number}"
        result = self._print(forms, meta, form, name, audit)
        return PrintResult(result.pdf, result.pages, form, name, (case.id,))

    def _print(
        self,
        forms: list[Form],
        meta: PrintMeta,
        form: str,
        name: str,
        audit: _Audit,
        *,
        on_form: Callable[[int], None] | None = None,
    ) -> PrintResult:
        """Lay out (no transaction open), then audit the print in its own transaction."""
        from app.printing.document import Cancelled, render

        buffer = io.BytesIO()
        try:
            pages = render(forms, meta, buffer, on_form=on_form, title=forms[0].title)
        except Cancelled as err:
            raise PrintCancelled from err
        user = self._ctx.require()
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            append_audit(
                session,
                audit.action,
                user_id=user.id,
                entity=audit.entity,
                entity_id=audit.entity_id,
                details={**audit.details, "form": form, "pages": pages},
            )
        return PrintResult(buffer.getvalue(), pages, form, name)


def _file_part(person: BeneficiaryView) -> str:
    """What names a person's PDF: their number (TRP01-P-000123; the id only before 0012)."""
    return person.person_number or person.id[:8]
