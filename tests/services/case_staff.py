"""A branch with case staff for the case service tests: two social workers, a supervisor, a
branch admin and an auditor, people to open cases for, and ways to read what was written.

`Office.as_(name)` logs that person in (a real login, as at the desk); `Office.audit_since`
reads the audit entries written after a mark; `Office.counts` counts every table an action
may write, so a refused action can be shown to have written nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text

from app.db.case_models import BreakGlassRow, CaseEventRow, CaseRow
from app.db.models import AuditRow, LocalMetaRow, OutboxRow, UserRow
from app.domain.accounts import Role
from app.services.case_dto import CaseDraft, CaseView
from app.services.setup import AppServices
from tests.outbox import audit_lines
from tests.services.people import AHMED, numbered

PASSWORDS = {
    "worker": "worker-demo-2026",
    "supervisor": "supervisor-demo-2026",
    "admin": "admin-demo-2026",
    "worker2": "worker2-demo-2026",
    "auditor": "auditor-demo-2026",
}
JUVENILE = {
    "court": "محكمة الأحداث بطرابلس",
    "court_file_number": "12/2026",
    "guardian_name": "أحمد",
}
REASON = "مراجعة بطلب من المشرفة"  # long enough to break the glass


@dataclass(frozen=True)
class Entry:
    action: str
    user: str  # username
    entity_id: str | None
    details: dict[str, Any]


@dataclass
class Office:
    s: AppServices
    people: list[str]  # beneficiary ids

    def as_(self, username: str) -> AppServices:
        self.s.accounts.login(username, PASSWORDS[username])
        return self.s

    def user_id(self, username: str) -> str:
        with self.s.ctx.db.read() as session:
            found = session.scalar(select(UserRow.id).where(UserRow.username == username))
        assert found is not None
        return found

    def draft(self, type_code: str = "elderly", person: int = 0, **kw: Any) -> CaseDraft:
        extra = JUVENILE if type_code == "juvenile" else {}
        return CaseDraft(self.people[person], type_code, summary="حالة", extra=dict(extra), **kw)

    def open(
        self, username: str = "worker", type_code: str = "elderly", person: int = 0, **kw: Any
    ) -> CaseView:
        """`username` logs in and opens a case of `type_code` for person number `person`."""
        return self.as_(username).cases.open_case(self.draft(type_code, person, **kw))

    def mark(self) -> int:
        with self.s.ctx.db.read() as session:
            return session.scalar(select(func.max(AuditRow.seq))) or 0

    def audit_since(self, mark: int) -> list[Entry]:
        with self.s.ctx.db.read() as session:
            names: dict[str, str] = dict(
                session.execute(select(UserRow.id, UserRow.username)).all()
            )
            rows = session.scalars(
                select(AuditRow).where(AuditRow.seq > mark).order_by(AuditRow.seq)
            )
            return [
                Entry(r.action, names.get(r.user_id or "", ""), r.entity_id, json.loads(r.details))
                for r in rows
            ]

    def actions_since(self, mark: int) -> list[str]:
        return [e.action for e in self.audit_since(mark) if e.action not in ("login", "logout")]

    def carried_since(self, mark: int) -> list[str]:
        """The audit entries after `mark` that the outbox carries to HQ, by action."""
        with self.s.ctx.db.read() as session:
            ids = set(session.scalars(select(AuditRow.id).where(AuditRow.seq > mark)))
            return [line.action for line in audit_lines(session) if line.entry_id in ids]

    def counts(self) -> dict[str, Any]:
        """Every table a case action may write, and the case number counters."""
        with self.s.ctx.db.read() as session:
            out: dict[str, Any] = {
                model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (CaseRow, CaseEventRow, BreakGlassRow, AuditRow, OutboxRow)
            }
            out["counters"] = sorted(
                session.execute(
                    select(LocalMetaRow.key, LocalMetaRow.value).where(
                        LocalMetaRow.key.like("case_seq.%")
                    )
                ).all()
            )
            out["case_versions"] = session.execute(
                text("SELECT sum(row_version) FROM cases")
            ).scalar()
        return out


def reasons_for_all(s: AppServices, case_id: str, text: str = "تحققت الأهداف") -> dict[str, str]:
    """A reason for every item still open in the case (the closure checklist), by chain."""
    flow = s.case_workflow
    return {i.chain: text for i in flow.closure_checklist(flow.case_view(case_id))}


def add_staff(services: AppServices) -> None:
    """The second worker and the auditor are demo accounts of every demo branch: check them."""
    roles = {u.username: u.role for u in services.accounts.list_users()}
    assert roles["worker2"] == Role.SOCIAL_WORKER and roles["auditor"] == Role.AUDITOR


def make_office(services: AppServices) -> Office:
    """The branch with more staff and three people registered (by the worker, logged in)."""
    add_staff(services)
    services.accounts.login("worker", PASSWORDS["worker"])
    people = [services.beneficiaries.register(AHMED).id]
    people += [services.beneficiaries.register(numbered(i)).id for i in (1, 2)]
    return Office(services, people)
