"""HQ's copy of a branch's audit log against the branch's own: the entries that went (same
ids, sequences, hashes, in order), the ones still waiting, and HQ's check of the chain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.audit import AUDIT_TABLE
from app.db.models import AuditRow
from app.db.sync_models import ChangeLogRow, HqAuditRow
from app.hq.audit_check import verify_chains

if TYPE_CHECKING:  # world imports this module
    from tests.sync.world import Hq, SyncBranch

AuditEntry = tuple[str, int, str, str, str]  # id, branch sequence, action, prev_hash, hash


def branch_audit(branch: SyncBranch) -> tuple[list[AuditEntry], list[str]]:
    """The branch's audit entries that went to HQ (with the sequence of the change that
    carried them), and the ids of all its entries in the log's own order."""
    with branch.services.ctx.db.read() as session:
        carried: dict[str, int] = dict(
            session.execute(
                select(ChangeLogRow.row_id, ChangeLogRow.seq).where(
                    ChangeLogRow.table_name == AUDIT_TABLE
                )
            ).all()
        )
        entries = session.execute(
            select(AuditRow.id, AuditRow.action, AuditRow.prev_hash, AuditRow.hash).order_by(
                AuditRow.seq
            )
        ).all()
    sent = [(i, carried[i], a, p, h) for i, a, p, h in entries if i in carried]
    return sent, [i for i, *_rest in entries]


def hq_audit(hq: Hq, code: str) -> list[AuditEntry]:
    with Session(hq.engine) as session:
        rows = session.execute(
            select(HqAuditRow.id, HqAuditRow.seq, HqAuditRow.action, HqAuditRow.prev_hash,
                   HqAuditRow.hash)
            .where(HqAuditRow.branch == code)
            .order_by(HqAuditRow.seq)
        ).all()  # fmt: skip
    return [tuple(r) for r in rows]  # type: ignore[misc]


def assert_audit_in_step(hq: Hq, branch: SyncBranch, waiting: list[str]) -> None:
    """HQ holds the branch's audit entries that were sent (same ids, sequences, hashes, in
    order), the rest are exactly those still waiting in the outbox, and HQ's copy of the
    chain verifies from the branch's very first entry."""
    sent, every = branch_audit(branch)
    held = hq_audit(hq, branch.code)
    assert held == sent, f"{branch.code}: HQ's audit entries differ from the branch's"
    assert every == [entry[0] for entry in sent] + waiting, f"{branch.code}: audit order"
    with Session(hq.engine) as session:
        (report,) = verify_chains(session, branch.code)
    assert report.intact and report.entries == len(sent), report
    assert report.from_genesis or not sent, report
