"""What HQ says about a record at this branch: "the same person may be registered at another
branch" (an open duplicate pair at HQ), with the other branch, its record's id and what
matched. Written by HQ's answers (app.sync.branch_flags); read here for the person's form."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.db.models import DuplicateFlagRow
from app.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class OtherBranchFlag:
    pair_id: int
    other_branch: str
    other_person: str
    matched: tuple[str, ...]  # national_number, passport, name, mother_name, birth_date, sex


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
