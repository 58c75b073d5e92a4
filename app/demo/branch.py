"""A demo branch's first start: the demo accounts (README credentials), demo people in
households and a year of demo cases, seeded once by the composition root (app.bootstrap).

A fresh data folder opens as a demo branch (app.services.setup.open_branch); a real branch,
made with `sanad init`, never gets default passwords or any of this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from app.db.case_models import CaseRow
from app.db.models import BeneficiaryRow, LocalMetaRow
from app.domain.accounts import Role

if TYPE_CHECKING:
    from app.services.setup import AppServices

DEMO_PEOPLE = 400
# Published in README.md: demo branches only, never a real one.
DEMO_ACCOUNTS = (
    ("admin", "مدير الفرع (تجريبي)", Role.BRANCH_ADMIN, "admin-demo-2026"),
    ("supervisor", "مشرفة الفرع (تجريبي)", Role.SUPERVISOR, "supervisor-demo-2026"),
    ("worker", "أخصائية اجتماعية (تجريبي)", Role.SOCIAL_WORKER, "worker-demo-2026"),
    ("worker2", "أخصائي اجتماعي ثانٍ (تجريبي)", Role.SOCIAL_WORKER, "worker2-demo-2026"),
    ("auditor", "مراجع (تجريبي)", Role.AUDITOR, "auditor-demo-2026"),
)
_SEEDED = "demo.seeded"


def ensure_demo_seeded(services: AppServices, people: int = DEMO_PEOPLE) -> None:
    """Seed a demo branch that is not seeded yet; a real or seeded branch is left alone.

    Seeded once, and again on the next start if it was interrupted (it is idempotent).
    """
    if not services.is_demo:
        return
    db = services.ctx.db
    with db.read() as session:
        seeded = session.get(LocalMetaRow, _SEEDED)
        if seeded is not None and seeded.value == "1":
            return
    seed_demo_branch(services, people)
    with db.transaction(None) as session:
        session.merge(LocalMetaRow(key=_SEEDED, value="1"))


def seed_demo_branch(services: AppServices, people: int) -> None:
    """Demo accounts (README credentials), `people` demo beneficiaries with households, and
    a year of demo cases.

    Safe to run again after an interruption: existing accounts and people are kept.
    """
    # Imported here, not above: every start imports this module, and the people and cases
    # makers (about 20 ms to import) are needed only on a demo branch's first start.
    from app.demo.register import seed_demo_people

    existing = {u.username for u in services.accounts.list_users()}
    for username, display, role, password in DEMO_ACCOUNTS:
        if username not in existing:
            services.accounts.create_user(
                username, display, role, password, is_demo=True, by_admin=False
            )
    with services.ctx.db.read() as session:
        has_people = session.scalar(select(BeneficiaryRow.local_id).limit(1)) is not None
    if not has_people:
        seed_demo_people(services, people)
    with services.ctx.db.read() as session:
        has_cases = session.scalar(select(CaseRow.local_id).limit(1)) is not None
    if people and not has_cases:
        from app.demo.cases import seed_demo_cases

        seed_demo_cases(services)
