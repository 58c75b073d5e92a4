"""Demo cases for a demo branch: a year of social work by two workers, through the services.

Made once, right after the demo people, so that a new user's "My cases", supervision and
figures tabs show something real: every stage, overdue follow-ups, visits due this week,
closures waiting for approval, a sensitive case. Deterministic (a fixed seed), dated back
from the branch's today. Demo branches only; a real branch never gets any of this.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.domain.accounts import Role
from app.domain.case_access import Access
from app.services.case_dto import CaseDraft
from app.services.context import CurrentUser

if TYPE_CHECKING:
    from app.services.setup import AppServices

DEMO_CASES = 62
TYPES = ("elderly", "displaced", "disability", "prisoner_family", "other", "juvenile")
EXTRA: dict[str, dict[str, object]] = {
    "juvenile": {
        "court": "محكمة طرابلس الابتدائية - دائرة الأحداث",
        "court_file_number": "112/2026",
        "guardian_name": "عائشة سالم",
    },
    "prisoner_family": {"prisoner_name": "خالد عمر", "institution": "مؤسسة الجديدة"},
    "inmate_rehabilitation": {"institution": "مؤسسة عين زارة"},
}


@contextmanager
def _on(services: AppServices, day: date) -> Iterator[None]:
    before = services.ctx.today
    services.ctx.today = lambda: day
    try:
        yield
    finally:
        services.ctx.today = before


def _act_as(services: AppServices, username: str) -> None:
    """Work as a demo account without a password check (seeding only: no login recorded)."""
    user = next(u for u in services.accounts.list_users() if u.username == username)
    services.ctx.user = CurrentUser(user.id, user.username, user.display_name, Role(user.role))


def _assess(services: AppServices, case_id: str, day: date, risk: str) -> None:
    flow = services.case_workflow
    with _on(services, day):
        flow.move(case_id, "assessment")
        flow.add_event(
            case_id,
            "assessment",
            {"needs": ["income", "health"], "risk_level": risk, "summary": "تقييم أولي للأسرة"},
        )


def _plan(services: AppServices, case_id: str, day: date, due: date) -> None:
    flow = services.case_workflow
    with _on(services, day):
        flow.move(case_id, "plan")
        flow.add_event(
            case_id,
            "plan_item",
            {"goal": "دخل ثابت", "action": "طلب منحة", "owner": "الأخصائية", "due_on": due},
        )
        flow.move(case_id, "follow_up")


def _visit(services: AppServices, case_id: str, day: date, due: date, done: date | None) -> None:
    flow = services.case_workflow
    with _on(services, day):
        visit = flow.add_event(case_id, "visit", {"due_on": due, "place": "home"})
    if done is not None:
        with _on(services, done):
            flow.amend_event(
                visit.id,
                {"due_on": due, "place": "home", "state": "done", "done_on": done,
                 "outcome": "تمت الزيارة ووُجدت الأسرة مستقرة"},
            )  # fmt: skip


def _open_reasons(services: AppServices, case_id: str) -> dict[str, str]:
    """Before closing: the plan items marked done (their goals were reached), and a reason
    for anything else still open (a visit no longer needed, a referral never answered)."""
    flow = services.case_workflow
    view = flow.case_view(case_id)
    for item in flow.closure_checklist(view):
        if item.kind == "plan_item":
            current = next(e for e in view.current_events("plan_item") if
                           (e.amends_id or e.id) == item.chain)  # fmt: skip
            flow.amend_event(current.id, {**current.payload, "state": "done"})
    left = flow.closure_checklist(flow.case_view(case_id))
    return {item.chain: "لم تعد لازمة بعد تحقق أهداف الخطة" for item in left}


def seed_demo_cases(services: AppServices, count: int = DEMO_CASES) -> int:
    """About `count` cases over the year before the branch's today; returns how many."""
    today = services.ctx.today()
    before = services.ctx.user
    rng = random.Random(11)
    people = [hit.id for hit in services.beneficiaries.search("", limit=2 * count)]
    rng.shuffle(people)
    closures: list[tuple[str, date]] = []
    made = 0
    try:
        for index, person in enumerate(people[:count]):
            _act_as(services, "worker" if index % 3 else "worker2")
            kind = TYPES[index % len(TYPES)] if index != 5 else "child_protection"
            opened = today - timedelta(days=rng.randint(2, 360))
            with _on(services, opened):
                case = services.cases.open_case(
                    CaseDraft(person, kind, "متابعة أسرة", extra=dict(EXTRA.get(kind, {})))
                )
            made += 1
            fate = rng.random()
            if fate < 0.12 and index != 5:
                continue  # still new
            step = opened + timedelta(days=rng.randint(1, 6))
            _assess(services, case.id, min(step, today), rng.choice(["low", "medium", "high"]))
            if fate < 0.2:
                continue  # assessed, nothing scheduled yet
            step = min(step + timedelta(days=rng.randint(2, 10)), today)
            _plan(services, case.id, step, step + timedelta(days=rng.randint(10, 120)))
            visit_due = min(step + timedelta(days=rng.randint(5, 60)), today + timedelta(days=20))
            visited = visit_due if visit_due <= today and rng.random() < 0.5 else None
            _visit(services, case.id, step, visit_due, visited)
            if visited is not None and rng.random() < 0.5:
                # The next visit, planned at the last one: due in the coming days.
                _visit(services, case.id, visited, today + timedelta(days=rng.randint(0, 9)), None)
            if fate > 0.7 and visited is not None:
                asked = min(visited + timedelta(days=rng.randint(3, 40)), today)
                with _on(services, asked):
                    services.case_workflow.move(
                        case.id,
                        "pending_closure",
                        closure_reason="goals_achieved",
                        open_reasons=_open_reasons(services, case.id),
                    )
                closures.append((case.id, asked))
        _act_as(services, "supervisor")
        for case_id, asked in closures[: max(0, len(closures) - 4)]:  # four left to approve
            if services.cases.access(case_id) == Access.NEEDS_REASON:  # a sensitive case
                services.cases.break_glass(case_id, "مراجعة طلب الإغلاق قبل الموافقة")
            with _on(services, min(asked + timedelta(days=3), today)):
                # A visit may have fallen due since the request: the supervisor says why.
                view = services.case_workflow.case_view(case_id)
                since = services.case_workflow.closure_checklist(view)
                services.case_workflow.approve_closure(
                    case_id, {i.chain: "أُغلقت الحالة بعد تحقق أهدافها" for i in since}
                )
    finally:
        services.ctx.user = before
    return made
