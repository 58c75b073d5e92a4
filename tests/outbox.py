"""Reading a branch's outbox in tests: data changes and audit entries apart.

Every audit entry also writes an outbox row (table "audit_log", op insert) so that it travels
to HQ. Tests that count the changes of an action count the data rows, and check the audit
entries that came with them separately, by action and entity.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.audit import AUDIT_TABLE
from app.db.models import AuditRow, OutboxRow


@dataclass(frozen=True)
class AuditLine:
    """An audit entry as the outbox carries it."""

    seq: int
    entry_id: str
    action: str
    entity_id: str | None
    hash: str


def data_rows(session: Session, since: int = 0) -> list[OutboxRow]:
    """Outbox rows of data changes (not audit entries) after `since`, in order."""
    return list(
        session.scalars(
            select(OutboxRow)
            .where(OutboxRow.seq > since, OutboxRow.table_name != AUDIT_TABLE)
            .order_by(OutboxRow.seq)
        )
    )


def audit_lines(session: Session, since: int = 0) -> list[AuditLine]:
    """Outbox rows carrying audit entries after `since`, in order."""
    out: list[AuditLine] = []
    rows = session.scalars(
        select(OutboxRow)
        .where(OutboxRow.seq > since, OutboxRow.table_name == AUDIT_TABLE)
        .order_by(OutboxRow.seq)
    )
    for row in rows:
        assert row.op == "insert", row.op
        changes: dict[str, Any] = json.loads(row.changes)
        out.append(
            AuditLine(
                row.seq,
                row.row_id,
                changes["action"][1],
                changes["entity_id"][1],
                changes["hash"][1],
            )
        )
    return out


def audit_actions(session: Session, since: int = 0) -> list[str]:
    return [line.action for line in audit_lines(session, since)]


def last_seq(session: Session) -> int:
    return session.scalar(select(OutboxRow.seq).order_by(OutboxRow.seq.desc()).limit(1)) or 0


def assert_outbox_carries_the_audit_log(session: Session) -> None:
    """Every audit entry still in the outbox is the entry of the audit log with that id and
    hash, in the log's order."""
    lines = audit_lines(session)
    if not lines:
        return
    entries = {
        r.id: (r.seq, r.hash)
        for r in session.scalars(
            select(AuditRow).where(AuditRow.id.in_([x.entry_id for x in lines]))
        )
    }
    assert [entries[x.entry_id][1] for x in lines] == [x.hash for x in lines]
    seqs = [entries[x.entry_id][0] for x in lines]
    assert seqs == sorted(seqs)
