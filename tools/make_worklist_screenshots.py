"""Render the case work list tabs, the branch figures and the audit log browser offscreen,
with demo cases, into docs/screenshots/{worklist,figures,audit}_*.png.

Run: uv run python tools/make_worklist_screenshots.py [--out docs/screenshots]
A fresh demo branch is made in a temporary folder; a year of cases is written through the
case services (two social workers, every stage, overdue follow-ups, closures waiting for
approval, a sensitive case), then the real main window is shown as each role.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argon2 import PasswordHasher  # noqa: E402

from app.domain.accounts import Role  # noqa: E402
from app.domain.case_access import Access  # noqa: E402
from app.services.case_dto import CaseDraft  # noqa: E402
from app.services.setup import AppServices, open_branch  # noqa: E402
from app.ui.application import make_application  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.worker import Worker  # noqa: E402
from tools.make_screenshots import save, wait_until  # noqa: E402

TODAY = date(2026, 11, 22)
PASSWORD = "screens-2026"
EXTRA = {
    "juvenile": {"court": "محكمة طرابلس الابتدائية", "court_file_number": "112/2026",
                 "guardian_name": "عائشة سالم"},
    "prisoner_family": {"prisoner_name": "خالد عمر", "institution": "مؤسسة الجديدة"},
    "inmate_rehabilitation": {"institution": "مؤسسة عين زارة"},
}  # fmt: skip
TYPES = ["elderly", "displaced", "disability", "prisoner_family", "other", "juvenile"]


@contextmanager
def on(services: AppServices, day: date) -> Iterator[None]:
    before = services.ctx.today
    services.ctx.today = lambda: day
    try:
        yield
    finally:
        services.ctx.today = before


def _as(services: AppServices, username: str) -> None:
    passwords = {"worker": "worker-demo-2026", "supervisor": "supervisor-demo-2026"}
    services.accounts.login(username, passwords.get(username, PASSWORD))


def _assess(services: AppServices, case_id: str, day: date, risk: str) -> None:
    flow = services.case_workflow
    with on(services, day):
        flow.move(case_id, "assessment")
        flow.add_event(
            case_id,
            "assessment",
            {"needs": ["income", "health"], "risk_level": risk, "summary": "تقييم أولي للأسرة"},
        )


def _plan(services: AppServices, case_id: str, day: date, due: date) -> None:
    flow = services.case_workflow
    with on(services, day):
        flow.move(case_id, "plan")
        flow.add_event(
            case_id,
            "plan_item",
            {"goal": "دخل ثابت", "action": "طلب منحة", "owner": "الأخصائية", "due_on": due},
        )
        flow.move(case_id, "follow_up")


def _visit(services: AppServices, case_id: str, day: date, due: date, done: date | None) -> None:
    flow = services.case_workflow
    with on(services, day):
        visit = flow.add_event(case_id, "visit", {"due_on": due, "place": "home"})
    if done is not None:
        with on(services, done):
            flow.amend_event(
                visit.id,
                {"due_on": due, "place": "home", "state": "done", "done_on": done,
                 "outcome": "تمت الزيارة"},
            )  # fmt: skip


def seed_cases(services: AppServices) -> None:
    """About sixty cases over the year before TODAY, as two workers would have worked them."""
    rng = random.Random(11)
    services.accounts.create_user(
        "worker2", "سالم الفيتوري", Role.SOCIAL_WORKER, PASSWORD, by_admin=False
    )
    services.accounts.create_user(
        "auditor", "مراجع الحسابات", Role.AUDITOR, PASSWORD, by_admin=False
    )
    people = [hit.id for hit in services.beneficiaries.search("", limit=120)]
    rng.shuffle(people)
    closures: list[tuple[str, date]] = []
    for index, person in enumerate(people[:62]):
        username = "worker" if index % 3 else "worker2"
        _as(services, username)
        kind = TYPES[index % len(TYPES)] if index != 5 else "child_protection"
        opened = TODAY - timedelta(days=rng.randint(2, 360))
        with on(services, opened):
            case = services.cases.open_case(
                CaseDraft(person, kind, "متابعة أسرة", extra=dict(EXTRA.get(kind, {})))
            )
        fate = rng.random()
        if fate < 0.12 and index != 5:
            continue  # still new
        step = opened + timedelta(days=rng.randint(1, 6))
        _assess(services, case.id, min(step, TODAY), rng.choice(["low", "medium", "high"]))
        if fate < 0.2:
            continue  # assessed, nothing scheduled
        step = min(step + timedelta(days=rng.randint(2, 10)), TODAY)
        due = step + timedelta(days=rng.randint(10, 120))
        _plan(services, case.id, step, due)
        visit_due = min(step + timedelta(days=rng.randint(5, 60)), TODAY + timedelta(days=20))
        visited = visit_due if visit_due <= TODAY and rng.random() < 0.5 else None
        _visit(services, case.id, step, visit_due, visited)
        if visited is not None and rng.random() < 0.5:
            # The next visit, planned at the last one: due in the coming days.
            _visit(services, case.id, visited, TODAY + timedelta(days=rng.randint(0, 9)), None)
        if fate > 0.7 and visited is not None:
            closed_on = min(visited + timedelta(days=rng.randint(3, 40)), TODAY)
            with on(services, closed_on):
                services.case_workflow.move(
                    case.id, "pending_closure", closure_reason="goals_achieved"
                )
            closures.append((case.id, closed_on))
    _as(services, "supervisor")
    for case_id, asked in closures[: max(0, len(closures) - 4)]:
        if services.cases.access(case_id) == Access.NEEDS_REASON:  # a sensitive case
            services.cases.break_glass(case_id, "مراجعة طلب الإغلاق قبل الموافقة")
        with on(services, min(asked + timedelta(days=3), TODAY)):
            services.case_workflow.approve_closure(case_id)


def _window(services: AppServices, worker: Worker, username: str) -> MainWindow:
    _as(services, username)
    user = services.ctx.user
    assert user is not None
    window = MainWindow(services, worker, user, services.ctx.branch_code, demo=True)
    window.resize(1280, 760)
    window.show()
    wait_until(worker.is_idle)
    return window


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sanad-worklists-") as tmp:
        return _shoot(Path(tmp) / "branch", out)


def _shoot(data_dir: Path, out: Path) -> int:
    make_application("ar")
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # demo data only
    services = open_branch(data_dir, demo_people=150, hasher=hasher, today=TODAY)
    worker = Worker()
    try:
        seed_cases(services)
        window = _window(services, worker, "worker")
        page = window.my_cases_page
        assert page is not None
        wait_until(lambda: page.model.rowCount() > 0 and not page.model.loading)
        save(window, out, "worklist_my_cases.png")
        page.lists.buttons["waiting"].click()
        wait_until(worker.is_idle)
        save(window, out, "worklist_waiting.png")
        window.close_forms()
        window.hide()

        window = _window(services, worker, "supervisor")
        supervision = window.supervisor_page
        assert supervision is not None
        wait_until(lambda: supervision.workload.rowCount() > 0 and worker.is_idle())
        save(window, out, "worklist_supervision.png")
        some_case = supervision.model.index(0, 0).data()  # the most overdue case's number
        supervision.lists.buttons["pending_closure"].click()
        wait_until(worker.is_idle)
        save(window, out, "worklist_pending_closures.png")
        figures = window.figures_page
        assert figures is not None
        window.tabs.setCurrentWidget(figures)
        wait_until(lambda: figures.figures is not None and worker.is_idle())
        save(window, out, "figures_branch.png")
        figures.type_combo.setCurrentIndex(figures.type_combo.findData("displaced"))
        save(window, out, "figures_one_type.png")
        assert window.audit_action is not None
        window.audit_action.trigger()
        browser = window.audit_browser
        assert browser is not None
        wait_until(lambda: browser.model.rowCount() > 0 and worker.is_idle())
        browser.action.setCurrentIndex(browser.action.findData("case."))
        browser.use_since.setChecked(True)
        browser.search()
        wait_until(lambda: worker.is_idle() and not browser.model.loading)
        browser.verify()
        wait_until(worker.is_idle)
        save(browser, out, "audit_browser.png")
        browser.clear_filters()
        wait_until(worker.is_idle)
        browser.case_number.setText(str(some_case))
        browser.search()
        wait_until(lambda: worker.is_idle() and not browser.model.loading)
        save(browser, out, "audit_browser_case.png")
        browser.close()
        window.close_forms()
        window.hide()
    finally:
        worker.shutdown()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
