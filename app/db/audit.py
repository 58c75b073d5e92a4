"""The hash-chained audit log: append and verify."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.clock import new_id, utcnow
from app.db.models import AuditRow, OutboxRow

GENESIS = "0" * 64
AUDIT_TABLE = "audit_log"


def entry_hash(
    prev_hash: str,
    entry_id: str,
    at: datetime,
    user_id: str | None,
    action: str,
    entity: str | None,
    entity_id: str | None,
    details: str,
) -> str:
    canonical = json.dumps(
        [
            prev_hash,
            entry_id,
            at.isoformat(timespec="microseconds"),
            user_id,
            action,
            entity,
            entity_id,
            details,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def append_audit(
    session: Session,
    action: str,
    *,
    user_id: str | None,
    entity: str | None = None,
    entity_id: str | None = None,
    details: Mapping[str, object] | None = None,
) -> AuditRow:
    prev = session.scalar(select(AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1))
    prev_hash = prev or GENESIS
    entry_id = new_id()
    at = utcnow()
    details_json = json.dumps(
        dict(details or {}), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    row = AuditRow(
        id=entry_id,
        at=at,
        user_id=user_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=details_json,
        prev_hash=prev_hash,
        hash=entry_hash(prev_hash, entry_id, at, user_id, action, entity, entity_id, details_json),
    )
    session.add(row)
    # Audit entries travel to HQ like every other change (insert-only, in chain order).
    session.add(
        OutboxRow(
            table_name=AUDIT_TABLE,
            row_id=entry_id,
            op="insert",
            changes=json.dumps(
                {
                    "at": [None, at.isoformat(timespec="microseconds")],
                    "user_id": [None, user_id],
                    "action": [None, action],
                    "entity": [None, entity],
                    "entity_id": [None, entity_id],
                    "details": [None, details_json],
                    "prev_hash": [None, prev_hash],
                    "hash": [None, row.hash],
                },
                ensure_ascii=False,
                separators=(",", ":"),
                sort_keys=True,
            ),
            row_version=1,
            base_hq_version=None,
            user_id=user_id or "",
            changed_at=at,
        )
    )
    return row


def first_broken_entry(session: Session) -> int | None:
    """The seq of the first entry whose hash or link does not hold, or None if intact."""
    prev_hash = GENESIS
    for row in session.scalars(select(AuditRow).order_by(AuditRow.seq)).yield_per(1000):
        expected = entry_hash(
            prev_hash,
            row.id,
            row.at,
            row.user_id,
            row.action,
            row.entity,
            row.entity_id,
            row.details,
        )
        if row.prev_hash != prev_hash or row.hash != expected:
            return row.seq
        prev_hash = row.hash
    return None
