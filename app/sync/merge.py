"""Merging a branch's changes into the central tables (the rules in docs/sync-protocol.md).

Set-based: the rows a batch touches are read once, the changes are replayed in sequence order
on in-memory copies (insert, field-by-field update against the old value the branch saw,
tombstone), and the results are written back with one executemany per table (COPY would do
on PostgreSQL; Core executemany keeps one code path for both databases). Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Column, Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.db.audit import AUDIT_TABLE
from app.db.base import SyncedMixin
from app.db.models import SYNCED_MODELS
from app.db.serialize import JsonValue, from_json_value, to_json_value
from app.db.sync_models import HqAuditRow

TABLES: dict[str, Table] = {
    m.__tablename__: m.__table__  # type: ignore[attr-defined]
    for m in SYNCED_MODELS
}
# A child row must point at a parent that exists (at HQ, or earlier in the same batch).
PARENTS: dict[str, tuple[str, str]] = {
    "beneficiary_identifiers": ("beneficiary_id", "beneficiaries"),
    "beneficiary_phones": ("beneficiary_id", "beneficiaries"),
    "duplicate_decisions": ("beneficiary_id", "beneficiaries"),
    "cases": ("beneficiary_id", "beneficiaries"),
    "case_events": ("case_id", "cases"),
}
CHUNK = 900  # stays under SQLite's bound-parameter limit


@dataclass(slots=True)
class Rejected:
    seq: int
    table: str
    row_id: str
    reason: str
    line: dict[str, Any]


@dataclass(slots=True)
class Conflict:
    kind: str
    table: str
    row_id: str
    field: str | None
    branch_value: JsonValue
    hq_value: JsonValue
    applied_value: JsonValue
    seq: int


@dataclass(slots=True)
class MergeResult:
    applied: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    touched: dict[str, set[str]] = field(default_factory=dict)


def _python_types(table: Table) -> dict[str, type]:
    types: dict[str, type] = {}
    for column in table.columns:
        try:
            types[column.key] = column.type.python_type
        except NotImplementedError:
            types[column.key] = object
    return types


_TYPES = {name: _python_types(t) for name, t in TABLES.items()}
_WRITABLE = {name: [c.key for c in t.columns if c.key != "local_id"] for name, t in TABLES.items()}


def _load(session: Session, table: Table, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    id_col: Column[Any] = table.c.id
    cols = [table.c[k] for k in _WRITABLE[table.name]]
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        for row in session.execute(select(*cols).where(id_col.in_(ids[start : start + CHUNK]))):
            data = dict(row._mapping)
            out[data["id"]] = data
    return out


def merge_changes(
    session: Session, branch: str, lines: Iterable[dict[str, Any]], hq_version: int
) -> MergeResult:
    """Apply `lines` (one up-batch, in sequence order) from `branch` at HQ."""
    lines = list(lines)
    result = MergeResult()
    audit = [line for line in lines if line.get("table") == AUDIT_TABLE]
    if audit:
        lines = [line for line in lines if line.get("table") != AUDIT_TABLE]
        merge_audit(session, branch, audit, result)
    wanted: dict[str, set[str]] = {name: set() for name in TABLES}
    for line in lines:
        table = line.get("table")
        if table in wanted and isinstance(line.get("row_id"), str):
            wanted[table].add(line["row_id"])
    for child, (fk, parent) in PARENTS.items():
        for line in lines:
            if line.get("table") == child and line.get("op") == "insert":
                ref = (line.get("changes") or {}).get(fk)
                if isinstance(ref, list) and len(ref) == 2 and isinstance(ref[1], str):
                    wanted[parent].add(ref[1])
    state = {name: _load(session, TABLES[name], sorted(ids)) for name, ids in wanted.items()}
    existing = {name: set(rows) for name, rows in state.items()}
    dirty: dict[str, set[str]] = {name: set() for name in TABLES}

    for line in lines:
        reason = _apply_line(line, branch, state, result)
        if reason is None:
            result.applied += 1
            dirty[line["table"]].add(line["row_id"])
        else:
            result.rejected.append(
                Rejected(
                    seq=int(line.get("seq", 0)),
                    table=str(line.get("table", "")),
                    row_id=str(line.get("row_id", "")),
                    reason=reason,
                    line=line,
                )
            )

    for name in TABLES:
        rows = [state[name][i] for i in dirty[name]]
        for row in rows:
            row["hq_version"] = hq_version
        new = [r for r in rows if r["id"] not in existing[name]]
        old = [r for r in rows if r["id"] in existing[name]]
        _write(session, TABLES[name], new, old)
        result.touched[name] = dirty[name]
    return result


def merge_audit(
    session: Session, branch: str, lines: list[dict[str, Any]], result: MergeResult
) -> None:
    """Keep the branch's audit entries (insert-only; one already held is left as it is)."""
    table: Table = HqAuditRow.__table__  # type: ignore[assignment]
    ids = [str(line.get("row_id")) for line in lines]
    held: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        held.update(
            session.scalars(select(table.c.id).where(table.c.id.in_(ids[start : start + CHUNK])))
        )
    rows: list[dict[str, Any]] = []
    for line in lines:
        changes = line.get("changes")
        row_id = line.get("row_id")
        try:
            if line.get("op") != "insert" or not isinstance(changes, dict):
                raise ValueError("an audit entry is only ever inserted")
            values = {k: v[1] for k, v in changes.items()}
            row = {
                "id": str(row_id),
                "branch": branch,
                "seq": int(line["seq"]),
                "at": datetime.fromisoformat(str(values["at"])),
                "user_id": values.get("user_id"),
                "action": str(values["action"]),
                "entity": values.get("entity"),
                "entity_id": values.get("entity_id"),
                "details": str(values.get("details") or "{}"),
                "prev_hash": str(values["prev_hash"]),
                "hash": str(values["hash"]),
            }
        except (ValueError, KeyError, TypeError, IndexError) as err:
            result.rejected.append(
                Rejected(
                    int(line.get("seq", 0)), AUDIT_TABLE, str(row_id), f"bad value: {err}", line
                )
            )
            continue
        result.applied += 1
        if str(row_id) not in held:
            held.add(str(row_id))
            rows.append(row)
    if rows:
        session.execute(insert(table), rows)


def _apply_line(
    line: dict[str, Any],
    branch: str,
    state: dict[str, dict[str, dict[str, Any]]],
    result: MergeResult,
) -> str | None:
    """Replay one change on the in-memory rows; a reason string when it is rejected."""
    table, row_id, op = line.get("table"), line.get("row_id"), line.get("op")
    changes = line.get("changes")
    if table not in TABLES:
        return f"unknown or read-only table {table!r}"
    if not isinstance(row_id, str) or op not in ("insert", "update", "delete"):
        return "malformed change"
    if not isinstance(changes, dict) or not all(
        isinstance(v, list) and len(v) == 2 for v in changes.values()
    ):
        return "malformed changed fields"
    types = _TYPES[table]
    unknown = [f for f in changes if f not in types or f == "local_id"]
    if unknown:
        return f"unknown fields {sorted(unknown)}"
    try:
        new_values = {f: from_json_value(types[f], v[1]) for f, v in changes.items()}
        changed_at = datetime.fromisoformat(str(line["changed_at"]))
        row_version = int(line["row_version"])
        user_id = str(line["user_id"])
    except (ValueError, KeyError, TypeError) as err:
        return f"bad value: {err}"
    rows = state[table]
    row = rows.get(row_id)
    if op == "insert" and row is None:
        if table in PARENTS:
            fk, parent = PARENTS[table]
            if new_values.get(fk) not in state[parent]:
                return f"its {fk} refers to a record HQ does not have"
        missing = [
            c.key for c in TABLES[table].columns
            if c.key not in new_values and not c.nullable and c.key not in _BOOKKEEPING_DEFAULTS
            and c.key != "local_id"
        ]  # fmt: skip
        if missing:
            return f"insert lacks required fields {missing}"
        row = dict.fromkeys(_WRITABLE[table])
        row.update(new_values)
        row["id"] = row_id
        row["origin_branch"] = row.get("origin_branch") or branch
        row["row_version"] = row_version
        row["updated_at"] = changed_at
        row["updated_by"] = user_id
        rows[row_id] = row
        return None
    if row is None:
        return "it changes a record HQ does not have"
    owner = row.get("origin_branch") == branch
    tombstone = op == "delete" and new_values.get("deleted_at") is not None
    if tombstone and not owner:
        result.conflicts.append(
            Conflict("delete_vs_edit", table, row_id, "deleted_at",
                     changes["deleted_at"][1], None, None, int(line["seq"]))
        )  # fmt: skip
        return None
    for name, (old, new) in changes.items():
        if name in ("id", "origin_branch", "created_at", "created_by"):
            continue
        current = to_json_value(row.get(name))
        if current == new:
            continue
        if current != old and op != "insert":
            applied = new if owner else current
            result.conflicts.append(
                Conflict("field", table, row_id, name, new, current, applied, int(line["seq"]))
            )
            if not owner:
                continue
        row[name] = new_values[name]
    row["row_version"] = max(int(row.get("row_version") or 0), row_version)
    row["updated_at"] = changed_at
    row["updated_by"] = user_id
    return None


_BOOKKEEPING_DEFAULTS = frozenset({"row_version", "hq_version", "updated_at", "updated_by"})


def _write(
    session: Session, table: Table, new: list[dict[str, Any]], old: list[dict[str, Any]]
) -> None:
    keys = _WRITABLE[table.name]
    if new:
        session.execute(insert(table), [{k: r.get(k) for k in keys} for r in new])
    if old:
        stmt = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({k: bindparam(k) for k in keys if k != "id"})
        )
        session.execute(
            stmt, [{"_id": r["id"], **{k: r.get(k) for k in keys if k != "id"}} for r in old]
        )


def line_json(line: dict[str, Any]) -> str:
    return orjson.dumps(line).decode()


__all__ = ["MergeResult", "SyncedMixin", "merge_changes"]
