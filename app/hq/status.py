"""What HQ knows: the per-branch sync ledger, and the central records with their origin."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import BeneficiaryRow
from app.db.sync_models import HqBatchRow, HqBranchRow, HqConflictRow, HqLedgerRow


@dataclass(frozen=True, slots=True)
class BranchStatus:
    code: str
    name: str
    enrolled: bool
    revoked: bool
    last_batch_id: str | None
    last_received_at: datetime | None  # when the last batch was applied
    last_seq: int  # the branch's changes HQ has applied, up to this sequence number
    last_receipt_at: datetime | None  # when HQ last answered
    acked_down: int  # HQ answer lines the branch said it applied
    down_seq: int  # HQ answer lines queued for the branch
    rejected_rows: int
    last_contact_at: datetime | None
    open_conflicts: int
    held_batches: int

    def to_json(self) -> dict[str, Any]:
        return {
            k: (v.isoformat(timespec="seconds") if isinstance(v, datetime) else v)
            for k, v in asdict(self).items()
        }


def branch_statuses(session: Session) -> list[BranchStatus]:
    conflicts = dict(
        session.execute(
            select(HqConflictRow.branch, func.count())
            .where(HqConflictRow.status == "open")
            .group_by(HqConflictRow.branch)
        ).all()
    )
    held = dict(
        session.execute(
            select(HqBatchRow.branch, func.count())
            .where(HqBatchRow.status == "held")
            .group_by(HqBatchRow.branch)
        ).all()
    )
    rows = session.execute(
        select(HqBranchRow, HqLedgerRow)
        .outerjoin(HqLedgerRow, HqLedgerRow.branch == HqBranchRow.code)
        .order_by(HqBranchRow.code)
    )
    out: list[BranchStatus] = []
    for branch, ledger in rows:
        out.append(
            BranchStatus(
                code=branch.code,
                name=branch.name,
                enrolled=branch.enrolled_at is not None,
                revoked=branch.revoked_at is not None,
                last_batch_id=ledger.last_batch_id if ledger else None,
                last_received_at=ledger.last_received_at if ledger else None,
                last_seq=ledger.last_seq if ledger else 0,
                last_receipt_at=ledger.last_receipt_at if ledger else None,
                acked_down=ledger.branch_acked_down if ledger else 0,
                down_seq=ledger.down_seq if ledger else 0,
                rejected_rows=ledger.rejected_rows if ledger else 0,
                last_contact_at=ledger.last_contact_at if ledger else None,
                open_conflicts=int(conflicts.get(branch.code, 0)),
                held_batches=int(held.get(branch.code, 0)),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class CentralRecord:
    id: str
    branch: str
    name: str
    birth_date: str
    row_version: int
    hq_version: int | None
    deleted: bool

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def central_records(session: Session, branch: str | None, limit: int) -> list[CentralRecord]:
    """Beneficiaries in the central database (newest first), optionally of one branch."""
    b = BeneficiaryRow
    query = select(
        b.id, b.origin_branch, b.first_name, b.father_name, b.grandfather_name, b.family_name,
        b.birth_date, b.row_version, b.hq_version, b.deleted_at,
    )  # fmt: skip
    if branch:
        query = query.where(b.origin_branch == branch.strip().upper())
    query = query.order_by(b.id.desc()).limit(max(1, limit))
    return [
        CentralRecord(
            id=r.id,
            branch=r.origin_branch,
            name=" ".join(
                p for p in (r.first_name, r.father_name, r.grandfather_name, r.family_name) if p
            ),
            birth_date=r.birth_date.isoformat(),
            row_version=r.row_version,
            hq_version=r.hq_version,
            deleted=r.deleted_at is not None,
        )
        for r in session.execute(query)
    ]


def count_records(session: Session, branch: str | None = None) -> int:
    query = select(func.count()).select_from(BeneficiaryRow)
    if branch:
        query = query.where(BeneficiaryRow.origin_branch == branch.strip().upper())
    return int(session.scalar(query) or 0)
