"""Case work a branch does between syncs: open cases, add events, correct them, move them
through the workflow (closure requested, refused, approved, reopened), edit them, tombstone.

Everything goes through the case services as the case's own staff would do it (a supervisor
breaks the glass for a sensitive case before approving its closure), so change capture writes
the outbox rows and every action its audit entry; tombstones go through the ORM in a unit of
work with an Actor (there is no "delete a case" action), as `tombstone_rows` does for people.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator
from datetime import timedelta

from sqlalchemy import select

from app.db.case_models import CaseEventRow, CaseRow
from app.db.clock import utcnow
from app.db.models import UserRow
from app.domain.accounts import Role
from app.domain.case_access import Access
from app.domain.cases import CaseStatus
from app.services.case_dto import CaseDraft
from app.services.context import CurrentUser
from tests.conftest import TODAY
from tests.sync.world import CASE_STAFF, SyncBranch

SUPERVISOR, WORKER = CASE_STAFF[0][0], CASE_STAFF[1][0]
# Types with no required field of their own, and one sensitive type that has some.
TYPES = ("elderly", "displaced", "disability", "other", "juvenile")
JUVENILE = {"court": "محكمة الأحداث", "court_file_number": "12/2026", "guardian_name": "أحمد"}
REASON = "مراجعة طلب الإغلاق"


@contextlib.contextmanager
def acting(branch: SyncBranch, username: str) -> Iterator[CurrentUser]:
    """Do the work as `username` (no login: that is audited, and not what is tested here)."""
    ctx = branch.services.ctx
    with ctx.db.read() as session:
        row = session.scalar(select(UserRow).where(UserRow.username == username))
        assert row is not None, username
        user = CurrentUser(row.id, row.username, row.display_name, Role(row.role))
    saved, ctx.user = ctx.user, user
    try:
        yield user
    finally:
        ctx.user = saved


def open_case(branch: SyncBranch, person_id: str, n: int) -> str:
    """A case of type TYPES[n % …] for the person, by the worker or the supervisor."""
    type_code = TYPES[n % len(TYPES)]
    extra = JUVENILE if type_code == "juvenile" else {}
    with acting(branch, WORKER if n % 3 else SUPERVISOR):
        view = branch.services.cases.open_case(
            CaseDraft(person_id, type_code, summary=f"حالة {n}", extra=dict(extra))
        )
    return view.id


def live_cases(branch: SyncBranch) -> list[tuple[str, str, str | None]]:
    """(id, status, assigned_to) of the branch's own living cases, by id."""
    with branch.services.ctx.db.read() as session:
        rows = session.execute(
            select(CaseRow.id, CaseRow.status, CaseRow.assigned_to)
            .where(CaseRow.deleted_at.is_(None), CaseRow.origin_branch == branch.code)
            .order_by(CaseRow.id)
        ).all()
    return [(i, s, a) for i, s, a in rows]


def _assignee(branch: SyncBranch, user_id: str | None) -> str:
    with branch.services.ctx.db.read() as session:
        name = session.scalar(select(UserRow.username).where(UserRow.id == user_id))
    return name or SUPERVISOR


def _planned_visit(branch: SyncBranch, case_id: str) -> str | None:
    with branch.services.ctx.db.read() as session:
        return session.scalar(
            select(CaseEventRow.id)
            .where(
                CaseEventRow.case_id == case_id,
                CaseEventRow.kind == "visit",
                CaseEventRow.state == "planned",
                CaseEventRow.deleted_at.is_(None),
            )
            .limit(1)
        )


def case_step(branch: SyncBranch, case_id: str, n: int) -> str:
    """One piece of work on the case, the next its status allows; returns what was done."""
    cases, work = branch.services.cases, branch.services.case_workflow
    status = {i: s for i, s, _a in live_cases(branch)}[case_id]
    assigned = {i: a for i, _s, a in live_cases(branch)}[case_id]
    due = (TODAY + timedelta(days=1 + n % 20)).isoformat()
    with acting(branch, _assignee(branch, assigned)):
        if status == CaseStatus.NEW:
            work.move(case_id, CaseStatus.ASSESSMENT)
            return "assessment"
        if status == CaseStatus.ASSESSMENT:
            work.add_event(case_id, "assessment", {"needs": ["income", "health"][: 1 + n % 2],
                           "risk_level": "medium", "summary": f"تقييم {n}"})  # fmt: skip
            work.move(case_id, CaseStatus.PLAN)
            return "plan"
        if status == CaseStatus.PLAN:
            work.add_event(case_id, "plan_item", {"goal": "دخل", "action": "إحالة",
                           "owner": "الأخصائي", "due_on": due})  # fmt: skip
            work.add_event(case_id, "visit", {"due_on": due, "place": "home"})
            work.move(case_id, CaseStatus.FOLLOW_UP)
            return "follow_up"
        if status == CaseStatus.FOLLOW_UP:
            visit = _planned_visit(branch, case_id)
            if n % 4 == 0:
                # What is still open is left open with a reason (it travels with the request).
                reasons = {
                    i.chain: f"سبب {n}" for i in work.closure_checklist(work.case_view(case_id))
                }
                work.move(case_id, CaseStatus.PENDING_CLOSURE, closure_reason="goals_achieved",
                          open_reasons=reasons)  # fmt: skip
                return "closure requested"
            if visit is not None and n % 4 == 1:
                done = {"state": "done", "done_on": TODAY.isoformat(), "outcome": "تمت"}
                work.amend_event(visit, {"due_on": due, "place": "home", **done})
                return "visit done (amended)"
            if n % 4 == 2:
                work.add_event(case_id, "referral", {"agency": "legal_aid", "reason": "محامٍ"})
                return "referral"
            view = cases.get(case_id)
            cases.update_details(
                case_id, summary=f"{view.summary} +", extra=view.extra,
                sensitive=view.sensitive, row_version=view.row_version,
            )  # fmt: skip
            work.add_event(case_id, "note", {"text": f"ملاحظة {n}", "confidential": n % 2 == 0})
            return "edited, note"
    if status == CaseStatus.PENDING_CLOSURE:
        with acting(branch, SUPERVISOR):
            if cases.access(case_id) != Access.EDIT:
                cases.break_glass(case_id, REASON)
            if n % 3 == 0:
                work.refuse_closure(case_id, "ما زالت الأسرة بحاجة إلى متابعة")
                return "closure refused"
            since = work.closure_checklist(work.case_view(case_id))  # opened since the request
            work.approve_closure(case_id, {i.chain: "رأي المشرف" for i in since if not i.reason})
            return "closed"
    with acting(branch, _assignee(branch, assigned)):  # closed
        if n % 4 == 0:
            work.move(case_id, CaseStatus.ASSESSMENT, reason="عادت الأسرة تطلب المساعدة")
            return "reopened"
    return "left closed"


def tombstone_case(branch: SyncBranch, case_id: str) -> None:
    """The case, opened in error, is removed with its events (tombstones)."""
    ctx = branch.services.ctx
    with ctx.db.transaction(ctx.actor()) as session:
        now = utcnow()
        for event in session.scalars(select(CaseEventRow).where(CaseEventRow.case_id == case_id)):
            event.deleted_at = now
        row = session.scalar(select(CaseRow).where(CaseRow.id == case_id))
        assert row is not None
        row.deleted_at = now


def tombstone_event(branch: SyncBranch, case_id: str) -> bool:
    """One of the case's events, tombstoned; False if it has none."""
    ctx = branch.services.ctx
    with ctx.db.transaction(ctx.actor()) as session:
        event = session.scalars(
            select(CaseEventRow)
            .where(CaseEventRow.case_id == case_id, CaseEventRow.deleted_at.is_(None))
            .order_by(CaseEventRow.id)
        ).first()
        if event is None:
            return False
        event.deleted_at = utcnow()
        return True


def case_work(branch: SyncBranch, rng: random.Random, people: list[str], steps: int) -> None:
    """Open a few cases for `people`, work them `steps` times, tombstone a case and an event."""
    for person in rng.sample(people, min(4, len(people))):
        open_case(branch, person, rng.randrange(1000))
    for _ in range(steps):
        cases = live_cases(branch)
        if cases:
            case_step(branch, rng.choice(cases)[0], rng.randrange(1000))
    cases = live_cases(branch)
    if len(cases) > 3:
        tombstone_event(branch, rng.choice(cases)[0])
        tombstone_case(branch, rng.choice(cases)[0])
