"""The hash-chained audit log: append and verify."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.bulk_sql import db_datetime
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


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One entry as stored, and the `changes` of its outbox row (it travels to HQ)."""

    id: str
    at: datetime
    user_id: str | None
    action: str
    entity: str | None
    entity_id: str | None
    details: str
    prev_hash: str
    hash: str

    @property
    def outbox_changes(self) -> str:
        return json.dumps(
            {
                "at": [None, self.at.isoformat(timespec="microseconds")],
                "user_id": [None, self.user_id],
                "action": [None, self.action],
                "entity": [None, self.entity],
                "entity_id": [None, self.entity_id],
                "details": [None, self.details],
                "prev_hash": [None, self.prev_hash],
                "hash": [None, self.hash],
            },
            ensure_ascii=False,
            separators=(",", ":"),
            sort_keys=True,
        )


def next_entry(
    prev: str | None,
    action: str,
    *,
    user_id: str | None,
    entity: str | None = None,
    entity_id: str | None = None,
    details: Mapping[str, object] | None = None,
) -> AuditEntry:
    """The entry after the one whose hash is `prev` (None: the first entry)."""
    prev_hash = prev or GENESIS
    entry_id = new_id()
    at = utcnow()
    details_json = json.dumps(
        dict(details or {}), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    digest = entry_hash(prev_hash, entry_id, at, user_id, action, entity, entity_id, details_json)
    return AuditEntry(
        entry_id, at, user_id, action, entity, entity_id, details_json, prev_hash, digest
    )


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
    entry = next_entry(
        prev, action, user_id=user_id, entity=entity, entity_id=entity_id, details=details
    )
    row = AuditRow(
        id=entry.id,
        at=entry.at,
        user_id=entry.user_id,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        details=entry.details,
        prev_hash=entry.prev_hash,
        hash=entry.hash,
    )
    session.add(row)
    # Audit entries travel to HQ like every other change (insert-only, in chain order).
    session.add(
        OutboxRow(
            table_name=AUDIT_TABLE,
            row_id=entry.id,
            op="insert",
            changes=entry.outbox_changes,
            row_version=1,
            base_hq_version=None,
            user_id=user_id or "",
            changed_at=entry.at,
        )
    )
    return row


def append_audit_entry(
    cursor: sqlite3.Cursor,
    action: str,
    *,
    user_id: str | None,
    entity: str | None = None,
    entity_id: str | None = None,
    details: Mapping[str, object] | None = None,
) -> AuditEntry:
    """`append_audit` through the driver's cursor (SQLite, in the caller's transaction): the
    same entry and outbox row, stored as the ORM stores them, without a flush."""
    found = cursor.execute(_LAST_HASH).fetchone()
    entry = next_entry(
        found[0] if found else None,
        action,
        user_id=user_id,
        entity=entity,
        entity_id=entity_id,
        details=details,
    )
    at = db_datetime(entry.at)
    cursor.execute(
        _INSERT_ENTRY,
        (
            entry.id,
            at,
            entry.user_id,
            entry.action,
            entry.entity,
            entry.entity_id,
            entry.details,
            entry.prev_hash,
            entry.hash,
        ),
    )
    cursor.execute(_INSERT_OUTBOX, (entry.id, entry.outbox_changes, user_id or "", at))
    return entry


_LAST_HASH = "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1"
_INSERT_ENTRY = (
    "INSERT INTO audit_log (id, at, user_id, action, entity, entity_id, details, prev_hash, hash)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_OUTBOX = (
    "INSERT INTO outbox (table_name, row_id, op, changes, row_version, base_hq_version, user_id,"
    f" changed_at) VALUES ('{AUDIT_TABLE}', ?, 'insert', ?, 1, NULL, ?, ?)"
)


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
