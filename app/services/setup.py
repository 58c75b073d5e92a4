"""Opening a branch's data folder: migrate, load reference data, seed a demo branch.

The composition root (app.bootstrap) calls `open_branch` and gets every service wired to one
database. A fresh folder becomes a *demo* branch (demo accounts and demo people) unless it was
initialized as a real branch with `sanad init`, which never creates default passwords.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import select

from app.db import migrate
from app.db.case_models import CaseRow
from app.db.engine import make_engine, sqlite_url
from app.db.models import BeneficiaryRow, LocalMetaRow
from app.db.unit_of_work import Database
from app.domain.accounts import Role
from app.domain.errors import DomainError, ErrorCode
from app.domain.field_checks import BRANCH_NAME_MAX_LENGTH, clean_line
from app.resources import resources_dir
from app.services.accounts import AccountService
from app.services.audit_log import AuditLogService
from app.services.beneficiaries import BeneficiaryService
from app.services.case_export import CaseExportService
from app.services.case_figures import CaseFiguresService
from app.services.case_reference import (
    CaseReferenceService,
    load_agencies_file,
    load_case_types_file,
)
from app.services.case_workflow import CaseWorkflowService
from app.services.case_worklists import CaseWorklistService
from app.services.cases import CaseService
from app.services.context import ServiceContext
from app.services.households import HouseholdService
from app.services.preferences import Preferences
from app.services.printing import PrintService
from app.services.reference import ReferenceService, load_municipalities_file

DB_FILE = "sanad.db"
DEMO_BRANCH = "DEMO"
DEMO_PEOPLE = 400
# Published in README.md: demo branches only, never a real one.
DEMO_ACCOUNTS = (
    ("admin", "مدير الفرع (تجريبي)", Role.BRANCH_ADMIN, "admin-demo-2026"),
    ("supervisor", "مشرفة الفرع (تجريبي)", Role.SUPERVISOR, "supervisor-demo-2026"),
    ("worker", "أخصائية اجتماعية (تجريبي)", Role.SOCIAL_WORKER, "worker-demo-2026"),
    ("worker2", "أخصائي اجتماعي ثانٍ (تجريبي)", Role.SOCIAL_WORKER, "worker2-demo-2026"),
    ("auditor", "مراجع (تجريبي)", Role.AUDITOR, "auditor-demo-2026"),
)


@dataclass(slots=True)
class AppServices:
    ctx: ServiceContext
    accounts: AccountService
    beneficiaries: BeneficiaryService
    households: HouseholdService
    reference: ReferenceService
    preferences: Preferences
    case_reference: CaseReferenceService
    cases: CaseService
    case_workflow: CaseWorkflowService
    audit_log: AuditLogService
    case_worklists: CaseWorklistService
    case_figures: CaseFiguresService
    case_export: CaseExportService
    printing: PrintService

    @property
    def is_demo(self) -> bool:
        with self.ctx.db.read() as session:
            row = session.get(LocalMetaRow, "branch.demo")
            return row is not None and row.value == "1"

    def close(self) -> None:
        self.ctx.db.dispose()


def _meta(db: Database) -> dict[str, str]:
    with db.read() as session:
        return {r.key: r.value for r in session.scalars(select(LocalMetaRow))}


def initialize_branch(data_dir: Path, code: str, name: str) -> None:
    """Make `data_dir` a real branch's folder (no demo data, no default accounts)."""
    code = code.strip().upper()
    if not code.isalnum() or not 2 <= len(code) <= 12:
        raise DomainError(ErrorCode.INVALID_CHOICE, field="branch_code")
    name = clean_line(name, "branch_name", BRANCH_NAME_MAX_LENGTH)
    db = _prepare(data_dir)
    try:
        meta = _meta(db)
        if "branch.code" in meta:
            raise DomainError(
                ErrorCode.INVALID_CHOICE, field="branch_code", existing=meta["branch.code"]
            )
        with db.transaction(None) as session:
            session.add_all(
                [
                    LocalMetaRow(key="branch.code", value=code),
                    LocalMetaRow(key="branch.name", value=name),
                    LocalMetaRow(key="branch.demo", value="0"),
                ]
            )
    finally:
        db.dispose()


def _prepare(data_dir: Path) -> Database:
    data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(sqlite_url(data_dir / DB_FILE))
    migrate.upgrade(engine)
    db = Database(engine)
    with db.transaction(None) as session:
        reference_dir = resources_dir() / "reference"
        load_municipalities_file(reference_dir / "municipalities.json", session)
        load_case_types_file(reference_dir / "case_types.json", session)
        load_agencies_file(reference_dir / "agencies.json", session)
    return db


def open_branch(
    data_dir: Path,
    *,
    demo_people: int = DEMO_PEOPLE,
    hasher: PasswordHasher | None = None,
    today: date | None = None,
) -> AppServices:
    """Open (creating, migrating and seeding as needed) the branch database in `data_dir`."""
    db = _prepare(data_dir)
    meta = _meta(db)
    fresh = "branch.code" not in meta
    if fresh:
        with db.transaction(None) as session:
            session.add_all(
                [
                    LocalMetaRow(key="branch.code", value=DEMO_BRANCH),
                    LocalMetaRow(key="branch.name", value="فرع تجريبي"),
                    LocalMetaRow(key="branch.demo", value="1"),
                ]
            )
        meta = _meta(db)
    ctx = ServiceContext(db=db, data_dir=data_dir, branch_code=meta["branch.code"])
    if today is not None:
        ctx.today = lambda: today
    reference = ReferenceService(ctx)
    case_reference = CaseReferenceService(ctx)
    case_figures = CaseFiguresService(ctx, case_reference)
    services = AppServices(
        ctx=ctx,
        accounts=AccountService(ctx, hasher),
        beneficiaries=BeneficiaryService(ctx, reference),
        households=HouseholdService(ctx, reference),
        reference=reference,
        preferences=Preferences.load(data_dir),
        case_reference=case_reference,
        cases=CaseService(ctx, case_reference),
        case_workflow=CaseWorkflowService(ctx, case_reference),
        audit_log=AuditLogService(ctx),
        case_worklists=CaseWorklistService(ctx),
        case_figures=case_figures,
        case_export=CaseExportService(ctx, case_figures, case_reference),
        printing=PrintService(ctx, reference, case_reference),
    )
    if meta.get("branch.demo") == "1" and meta.get("demo.seeded") != "1":
        # Seeded once, and again on the next start if it was interrupted (it is idempotent).
        seed_demo_branch(services, demo_people)
        with db.transaction(None) as session:
            session.merge(LocalMetaRow(key="demo.seeded", value="1"))
    return services


def seed_demo_branch(services: AppServices, people: int) -> None:
    """Demo accounts (README credentials), `people` demo beneficiaries with households, and
    a year of demo cases.

    Safe to run again after an interruption: existing accounts and people are kept.
    """
    from app.services.demo_data import seed_demo_people

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
        from app.services.demo_cases import seed_demo_cases

        seed_demo_cases(services)
