"""What HQ says about a record at this branch: "the same person may be registered at another
branch" (an open duplicate pair at HQ), with the other branch, its record's id and what
matched. Written by HQ's answers (app.sync.branch_flags); read here for the person's form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from app.db.models import BeneficiaryRow, DuplicateFlagRow
from app.domain.accounts import Role
from app.services.context import ServiceContext

FLAG_READERS = (Role.SUPERVISOR, Role.BRANCH_ADMIN, Role.AUDITOR)
MAX_FLAGS = 500


@dataclass(frozen=True, slots=True)
class OtherBranchFlag:
    pair_id: int
    other_branch: str
    other_person: str
    matched: tuple[str, ...]  # national_number, passport, name, mother_name, birth_date, sex


@dataclass(frozen=True, slots=True)
class OpenFlag:
    """A line of the supervisors' work list: a record of this branch HQ flagged."""

    pair_id: int
    person_id: str
    full_name: str
    birth_date: date | None
    other_branch: str
    other_person: str
    matched: tuple[str, ...]
    received_at: datetime


class RegistryFlagService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def flags_of(self, beneficiary_id: str) -> list[OtherBranchFlag]:
        """The open flags on one record (any logged-in user who opens the record sees them)."""
        self._ctx.require()
        with self._ctx.db.read() as session:
            rows = session.scalars(
                select(DuplicateFlagRow)
                .where(DuplicateFlagRow.beneficiary_id == beneficiary_id)
                .order_by(DuplicateFlagRow.pair_id)
            )
            return [
                OtherBranchFlag(
                    r.pair_id,
                    r.other_branch,
                    r.other_person,
                    tuple(m for m in r.matched.split(",") if m),
                )
                for r in rows
            ]

    def open_flags(self, limit: int = MAX_FLAGS) -> list[OpenFlag]:
        """Every open flag at the branch, newest first (supervisors' work list)."""
        self._ctx.require(*FLAG_READERS)
        with self._ctx.db.read() as session:
            rows = session.execute(
                select(DuplicateFlagRow, BeneficiaryRow.first_name, BeneficiaryRow.father_name,
                       BeneficiaryRow.grandfather_name, BeneficiaryRow.family_name,
                       BeneficiaryRow.birth_date)
                .outerjoin(BeneficiaryRow, BeneficiaryRow.id == DuplicateFlagRow.beneficiary_id)
                .order_by(DuplicateFlagRow.received_at.desc(), DuplicateFlagRow.pair_id.desc())
                .limit(max(1, min(limit, MAX_FLAGS)))
            )  # fmt: skip
            return [
                OpenFlag(
                    flag.pair_id,
                    flag.beneficiary_id,
                    " ".join(n for n in (first, father, grand, family) if n),
                    born,
                    flag.other_branch,
                    flag.other_person,
                    tuple(m for m in flag.matched.split(",") if m),
                    flag.received_at,
                )
                for flag, first, father, grand, family, born in rows
            ]
