"""Drafts of people for the service tests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import func, select, text

from app.db.models import (
    AuditRow,
    BeneficiaryRow,
    DuplicateDecisionRow,
    HouseholdRow,
    IdentifierRow,
    OutboxRow,
    PhoneRow,
    UserRow,
)
from app.domain.beneficiary import BeneficiaryDraft
from app.services.setup import AppServices

AHMED = BeneficiaryDraft(
    first_name="أحمد",
    father_name="عبدالله",
    grandfather_name="مصطفى",
    family_name="الورفلي",
    mother_name="فاطمة إبراهيم",
    sex="M",
    birth_date="1985-03-15",
    national_number="119850123456",
    phones=["0912345678"],
)


def person(base: BeneficiaryDraft = AHMED, **changes: Any) -> BeneficiaryDraft:
    changes.setdefault("phones", list(base.phones))
    return replace(base, **changes)


def numbered(i: int) -> BeneficiaryDraft:
    """A distinct person per `i` (different names, birth dates and national numbers)."""
    firsts = ["سالم", "خالد", "عمر", "يوسف", "مراد", "نوري", "طارق", "هشام", "وليد", "أنور"]
    fathers = ["محمد", "علي", "حسن", "إبراهيم", "منصور"]
    year = 1950 + i
    return BeneficiaryDraft(
        first_name=firsts[i % len(firsts)],
        father_name=fathers[i // len(firsts) % len(fathers)],
        grandfather_name="صالح",
        family_name="القماطي",
        mother_name="زينب",
        sex="M",
        birth_date=f"{year}-06-{1 + i % 28:02d}",
        national_number=f"1{year}{i:07d}",
    )


TABLES = (
    BeneficiaryRow,
    IdentifierRow,
    PhoneRow,
    HouseholdRow,
    DuplicateDecisionRow,
    OutboxRow,
    AuditRow,
    UserRow,
)


def row_counts(services: AppServices) -> dict[str, int]:
    """How many rows every table holds: bad input must leave these unchanged."""
    with services.ctx.db.read() as session:
        counts = {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in TABLES
        }
        counts["beneficiary_search"] = (
            session.execute(text("SELECT count(*) FROM beneficiary_search")).scalar() or 0
        )
    return counts
