"""Merging a branch's changes into the central tables (the rules in docs/sync-protocol.md).

Set-based: the rows a batch touches are read once (one query per table on PostgreSQL), the
changes are replayed in sequence order on in-memory copies (insert, field-by-field update
against the old value the branch saw, tombstone), and the results are written back per table:
new rows with COPY on PostgreSQL or the driver's executemany on SQLite, changed rows with one
Core executemany. Inserts of rows HQ does not have that no other change of the batch touches
(most of a batch, usually) skip the replay: app/sync/merge_fast.py makes their rows straight
from the change lines, and leaves to the replay whatever it is not sure of, so the replay
alone decides rejections and conflicts. Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import repeat
from typing import Any

import orjson
from sqlalchemy import (
    ARRAY,
    Column,
    String,
    Table,
    any_,
    bindparam,
    insert,
    select,
)
from sqlalchemy.engine import Row as DbRow
from sqlalchemy.orm import Session

from app.db.audit import AUDIT_TABLE
from app.db.base import SyncedMixin
from app.db.models import SYNCED_MODELS
from app.db.serialize import JsonValue, from_json_value, to_json_value
from app.db.sync_models import HqAuditRow
from app.sync.merge_fast import FastPath, Row, prepare, write_core, write_rows

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
_BOOKKEEPING_DEFAULTS = frozenset({"row_version", "hq_version", "updated_at", "updated_by"})
# What an insert must carry (in column order: the rejection names them in that order).
_REQUIRED = {
    name: tuple(
        c.key for c in t.columns
        if not c.nullable and c.key not in _BOOKKEEPING_DEFAULTS and c.key != "local_id"
    )
    for name, t in TABLES.items()
}  # fmt: skip
_FAST = FastPath(TABLES, _WRITABLE, _TYPES, _REQUIRED, PARENTS)


def _load(session: Session, table: Table, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The rows with these ids that HQ has, by id."""
    cols = [table.c[k] for k in _WRITABLE[table.name]]
    out: dict[str, dict[str, Any]] = {}
    for row in _by_ids(session, table, cols, ids):
        data = dict(row._mapping)
        out[data["id"]] = data
    return out


def _load_ids(session: Session, table: Table, ids: Sequence[str]) -> set[str]:
    """Which of these ids HQ has (parents the batch refers to but does not change)."""
    return {row[0] for row in _by_ids(session, table, [table.c.id], ids)}


def _by_ids(
    session: Session, table: Table, cols: list[Column[Any]], ids: Sequence[str]
) -> Iterator[DbRow[Any]]:
    id_col: Column[Any] = table.c.id
    if not ids:
        return
    if session.get_bind().dialect.name == "postgresql":  # one query, whatever the count
        stmt = select(*cols).where(id_col == any_(bindparam("ids", type_=ARRAY(String()))))
        chunks = [list(ids)]
    else:  # an expanding parameter: the ids are not coerced one by one into the statement
        stmt = select(*cols).where(id_col.in_(bindparam("ids", expanding=True)))
        chunks = [list(ids[start : start + CHUNK]) for start in range(0, len(ids), CHUNK)]
    for chunk in chunks:
        yield from session.execute(stmt, {"ids": chunk})


def merge_changes(
    session: Session,
    branch: str,
    lines: Iterable[dict[str, Any]],
    hq_version: int,
    *,
    fast: bool = True,
) -> MergeResult:
    """Apply `lines` (one up-batch, in sequence order) from `branch` at HQ.

    `fast=False` replays every line and writes with Core statements only: the reference the
    fast path is tested against (tests/sync/test_merge_fast_path.py)."""
    result = MergeResult()
    audit: list[dict[str, Any]] = []
    synced: list[dict[str, Any]] = []
    # How many lines touch each row (a row only one insert touches may take the fast path).
    touches: dict[str, dict[str, int]] = {name: {} for name in TABLES}
    for line in lines:
        table, row_id = line.get("table"), line.get("row_id")
        if table == AUDIT_TABLE:
            audit.append(line)
            continue
        synced.append(line)
        if isinstance(table, str) and table in touches and isinstance(row_id, str):
            counts = touches[table]
            counts[row_id] = counts.get(row_id, 0) + 1
            if table in PARENTS and line.get("op") == "insert":
                fk, parent = PARENTS[table]
                ref = (line.get("changes") or {}).get(fk)
                if isinstance(ref, list) and len(ref) == 2 and isinstance(ref[1], str):
                    touches[parent].setdefault(ref[1], 0)
    lines = synced
    if audit:
        merge_audit(session, branch, audit, result)
    # Whole rows of what the batch changes; only the ids of the parents it merely refers to
    # (the reference, `fast=False`, reads whole rows of both, as the merge always did).
    state = {
        name: _load(session, TABLES[name], [i for i, n in ids.items() if n or not fast])
        for name, ids in touches.items()
    }
    known = {
        name: _load_ids(session, TABLES[name], [i for i, n in ids.items() if not n])
        if fast else set()
        for name, ids in touches.items()
    }  # fmt: skip
    existing = {name: set(rows) for name, rows in state.items()}
    dirty: dict[str, dict[str, None]] = {name: {} for name in TABLES}  # ordered: seq order
    born: dict[str, dict[str, Row]] = {name: {} for name in TABLES}  # the fast path's rows
    plans = _FAST.plans(session.get_bind().dialect)
    prepared: Iterable[Row | None] = (
        prepare(lines, plans, touches, state, branch, hq_version) if fast else repeat(None)
    )

    for line, values in zip(lines, prepared, strict=False):  # repeat(None) never ends
        if values is not None:
            plan = plans[line["table"]]
            link = plan.parent
            if link is None or _has(values[link[0]], link[1], state, born, known):
                born[line["table"]][line["row_id"]] = values
                result.applied += 1
                continue
        reason = _apply_line(line, branch, state, result, born, known)
        if reason is None:
            result.applied += 1
            dirty[line["table"]][line["row_id"]] = None
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

    for name, table in TABLES.items():
        rows = [state[name][i] for i in dirty[name]]
        for row in rows:
            row["hq_version"] = hq_version
        new = [r for r in rows if r["id"] not in existing[name]]
        old = [r for r in rows if r["id"] in existing[name]]
        if not fast:
            write_core(session, table, _WRITABLE[name], new, old)
        else:
            plan = plans[name]
            core = [r for r in new if plan.core_only(r)]
            fresh = list(born[name].values())
            fresh += [plan.driver_values(r) for r in new if not plan.core_only(r)]
            write_rows(session, table, _WRITABLE[name], fresh, old, core)
        result.touched[name] = set(dirty[name]) | set(born[name])
    return result


def merge_audit(
    session: Session, branch: str, lines: list[dict[str, Any]], result: MergeResult
) -> None:
    """Keep the branch's audit entries (insert-only; one already held is left as it is).

    An id HQ already holds from *another* branch is rejected, never dropped: it means a copied
    database (two branches sharing one audit history), which someone must look at.
    """
    table: Table = HqAuditRow.__table__  # type: ignore[assignment]
    ids = [str(line.get("row_id")) for line in lines]
    owner: dict[str, str] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        owner.update(
            (str(i), str(b))
            for i, b in session.execute(
                select(table.c.id, table.c.branch).where(table.c.id.in_(chunk))
            )
        )
    held = set(owner)
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
        if owner.get(str(row_id), branch) != branch:
            reason = f"audit entry id already received from branch {owner[str(row_id)]}"
            result.rejected.append(
                Rejected(int(line["seq"]), AUDIT_TABLE, str(row_id), reason, line)
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
    born: dict[str, dict[str, Row]] | None = None,
    known: dict[str, set[str]] | None = None,
) -> str | None:
    """Replay one change on the in-memory rows; a reason string when it is rejected.

    `born`: rows the fast path inserted earlier in the batch; `known`: ids of rows HQ has that
    the batch only refers to (parents children may refer to)."""
    table, row_id, op = line.get("table"), line.get("row_id"), line.get("op")
    changes = line.get("changes")
    if not isinstance(table, str) or table not in TABLES:
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
            if not _has(new_values.get(fk), parent, state, born, known):
                return f"its {fk} refers to a record HQ does not have"
        missing = [k for k in _REQUIRED[table] if k not in new_values]
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


def _has(
    row_id: Any,
    table: str,
    state: dict[str, dict[str, dict[str, Any]]],
    born: dict[str, dict[str, Row]] | None,
    known: dict[str, set[str]] | None,
) -> bool:
    """HQ has the row, or a line before inserted it (the replay, or the fast path: `born`)."""
    return (
        row_id in state[table]
        or (known is not None and row_id in known[table])
        or (born is not None and row_id in born[table])
    )


def line_json(line: dict[str, Any]) -> str:
    return orjson.dumps(line).decode()


__all__ = ["MergeResult", "SyncedMixin", "merge_changes"]
