"""Opening a branch's data folder: migrate, load reference data, wire the services.

The composition root (app.bootstrap) calls `open_branch` and gets every service wired to one
database. A fresh folder becomes a *demo* branch unless it was initialized as a real branch
with `sanad init`, which never creates default passwords; the composition root then seeds a
demo branch (app.demo: demo accounts, people and cases), which this module never imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import select

from app.db import migrate
from app.db.engine import make_engine, sqlite_url
from app.db.models import LocalMetaRow
from app.db.unit_of_work import Database
from app.db.upkeep import Upkeep
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
from app.services.conflict_notices import ConflictNoticeService
from app.services.context import ServiceContext
from app.services.households import HouseholdService
from app.services.preferences import Preferences
from app.services.printing import PrintService
from app.services.reference import ReferenceService, load_municipalities_file
from app.services.registry_flags import RegistryFlagService
from app.services.upkeep import UpkeepService

DB_FILE = "sanad.db"
DEMO_BRANCH = "DEMO"


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
    registry_flags: RegistryFlagService
    conflict_notices: ConflictNoticeService
    upkeep: UpkeepService

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
    engine = make_engine(sqlite_url(data_dir / DB_FILE), manual_checkpoints=True)
    migrate.upgrade(engine)
    upkeep = Upkeep(engine)
    upkeep.prepare()
    db = Database(engine, upkeep)
    with db.transaction(None) as session:
        reference_dir = resources_dir() / "reference"
        load_municipalities_file(reference_dir / "municipalities.json", session)
        load_case_types_file(reference_dir / "case_types.json", session)
        load_agencies_file(reference_dir / "agencies.json", session)
    return db


def open_branch(
    data_dir: Path,
    *,
    hasher: PasswordHasher | None = None,
    today: date | None = None,
) -> AppServices:
    """Open (creating and migrating as needed) the branch database in `data_dir`.

    A fresh folder opens as an empty demo branch: app.bootstrap seeds it (app.demo).
    """
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
    return AppServices(
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
        registry_flags=RegistryFlagService(ctx),
        conflict_notices=ConflictNoticeService(ctx),
        upkeep=UpkeepService(ctx),
    )
