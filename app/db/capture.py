"""Change capture: every change to a synced row writes its outbox row in the same flush.

Installed as a `before_flush` listener on the unit of work's session factory, so no service
can forget it: inserts, updates and tombstones of any `SyncedMixin` row get their sync metadata
(author, time, row_version) and an outbox row with the changed fields' old and new values.
Hard deletes of synced rows are refused: a deletion is a tombstone (`deleted_at`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from app.db.base import SYNC_BOOKKEEPING, SyncedMixin
from app.db.clock import new_id, utcnow
from app.db.models import OutboxRow
from app.db.serialize import JsonValue, to_json_value


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is changing data, and where: every record and outbox row names its author."""

    user_id: str
    branch_code: str


class MissingActorError(RuntimeError):
    """A synced row was changed outside a unit of work that names its author (a bug)."""


def _apply_defaults(obj: SyncedMixin) -> None:
    for column in inspect(type(obj)).columns:
        default = column.default
        if default is not None and default.is_scalar and getattr(obj, column.key, None) is None:
            setattr(obj, column.key, default.arg)


def _insert_changes(obj: SyncedMixin) -> dict[str, list[JsonValue]]:
    changes: dict[str, list[JsonValue]] = {}
    for column in inspect(type(obj)).columns:
        if column.key in SYNC_BOOKKEEPING:
            continue
        changes[column.key] = [None, to_json_value(getattr(obj, column.key))]
    return changes


def _update_changes(obj: SyncedMixin) -> dict[str, list[JsonValue]]:
    state = inspect(obj)
    changes: dict[str, list[JsonValue]] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in SYNC_BOOKKEEPING:
            continue
        history = state.attrs[attr.key].load_history()
        if not history.has_changes():
            continue
        old = to_json_value(history.deleted[0]) if history.deleted else None
        new = to_json_value(history.added[0]) if history.added else None
        if old != new:
            changes[attr.key] = [old, new]
    return changes


def changes_json(changes: dict[str, list[JsonValue]]) -> str:
    return json.dumps(changes, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    synced_new = [o for o in session.new if isinstance(o, SyncedMixin)]
    synced_dirty = [o for o in session.dirty if isinstance(o, SyncedMixin)]
    if any(isinstance(o, SyncedMixin) for o in session.deleted):
        raise RuntimeError("synced rows are never deleted: set deleted_at (a tombstone)")
    if not synced_new and not synced_dirty:
        return
    actor = session.info.get("actor")
    if not isinstance(actor, Actor):
        raise MissingActorError("synced rows changed without an Actor in session.info")
    now = utcnow()
    for obj in synced_new:
        _apply_defaults(obj)
        obj.id = obj.id or new_id()
        obj.origin_branch = obj.origin_branch or actor.branch_code
        obj.created_at = obj.created_at or now
        obj.created_by = obj.created_by or actor.user_id
        obj.updated_at = now
        obj.updated_by = actor.user_id
        obj.row_version = 1
        session.add(_outbox(obj, "insert", _insert_changes(obj), actor, now))
    for obj in synced_dirty:
        changes = _update_changes(obj)
        if not changes:
            continue
        tombstoned = "deleted_at" in changes and changes["deleted_at"][1] is not None
        obj.row_version = (obj.row_version or 0) + 1
        obj.updated_at = now
        obj.updated_by = actor.user_id
        session.add(_outbox(obj, "delete" if tombstoned else "update", changes, actor, now))


def _outbox(
    obj: SyncedMixin, op: str, changes: dict[str, list[JsonValue]], actor: Actor, now: Any
) -> OutboxRow:
    return OutboxRow(
        table_name=type(obj).__tablename__,  # type: ignore[attr-defined]
        row_id=obj.id,
        op=op,
        changes=changes_json(changes),
        row_version=obj.row_version,
        base_hq_version=obj.hq_version,
        user_id=actor.user_id,
        changed_at=now,
    )


def install_change_capture(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", _before_flush)
