"""The replay of one change at HQ: ownership (app/sync/ownership.py), storable values
(app/sync/value_rules.py), then the field-by-field merge of docs/sync-protocol.md.

`Books` is what the merge knows while it replays a batch: the rows the batch changes
(`state`), the rows the fast path inserted earlier in the batch (`born`, the signer's by
construction), the owners of rows the batch only refers to (`known`), and the people of whom
the signer holds a case (`holders`: a transferred case may hang from another branch's person),
and the survivors of HQ's merges of the signer's records (`merged`: the signer's cases,
documents and phones hang from them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.db.serialize import JsonValue, from_json_value, to_json_value
from app.sync.ownership import (
    FIXED,
    IMMUTABLE,
    NUMBER_REFUSAL,
    NUMBERED,
    PARENTS,
    UNIQUE_NUMBERS,
    RejectReason,
    numbered_ok,
    references,
)
from app.sync.value_rules import ColumnRule, value_problem

Row = Sequence[Any]
SOFT = "soft"  # the same change made at two places: nothing lost, listed read-only


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
    base_value: JsonValue = None  # what the branch saw before its change
    branch_user: str | None = None  # who made the branch's change, and when
    branch_at: datetime | None = None
    hq_user: str | None = None  # who made the value HQ held, and when
    hq_at: datetime | None = None


class Refused(Exception):
    """A change HQ does not apply: the code and the reason in words."""

    def __init__(self, code: RejectReason, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(slots=True)
class Books:
    branch: str
    state: dict[str, dict[str, dict[str, Any]]]
    known: dict[str, dict[str, str]]
    born: dict[str, dict[str, Row]]
    holders: set[str] = field(default_factory=set)
    merged: set[str] = field(default_factory=set)  # survivors of merges of the signer's records
    # Person numbers HQ holds that the batch's new people claim, and those born in the batch:
    # number -> the id of the row holding it (a second row with it is refused).
    numbers: dict[str, str] = field(default_factory=dict)

    def number_taken(self, table: str, number: Any, row_id: str) -> bool:
        """Does another row already hold this number (a person number collision)?"""
        if table not in UNIQUE_NUMBERS or number is None:
            return False
        holder = self.numbers.get(number)
        return holder is not None and holder != row_id

    def owner(self, table: str, row_id: Any) -> str | None:
        """Who owns the row as HQ holds it (the signer for a row born in this batch)."""
        if row_id in self.born[table]:
            return self.branch
        row = self.state[table].get(row_id)
        if row is not None:
            return str(row.get("origin_branch"))
        return self.known[table].get(row_id)

    def link_problem(self, table: str, values: dict[str, Any]) -> Refused | None:
        """Does the row hang only from rows the signer owns (and its parent exist)?"""
        parent = PARENTS.get(table)
        for column, target in references(table):
            if column not in values:
                continue
            ref = values[column]
            if ref is None:
                continue
            owner = self.owner(target, ref)
            if owner is None:
                if parent is not None and column == parent[0]:
                    return Refused(
                        RejectReason.MISSING_PARENT,
                        f"its {column} refers to a record HQ does not have",
                    )
                continue
            if owner == self.branch:
                continue
            if table == "cases" and column == "beneficiary_id" and ref in self.holders:
                continue  # a person of a case transferred to this branch
            if target == "beneficiaries" and ref in self.merged:
                continue  # HQ merged one of the signer's records into this person
            return Refused(
                RejectReason.NOT_OWNER,
                f"its {column} refers to a record of {owner}",
            )
        return None


def apply_line(
    line: dict[str, Any],
    books: Books,
    types: dict[str, dict[str, type]],
    rules: dict[str, dict[str, ColumnRule]],
    required: dict[str, tuple[str, ...]],
    writable: dict[str, list[str]],
    conflicts: list[Conflict],
) -> None:
    """Replay one change on the in-memory rows, or raise Refused (nothing changed then)."""
    table, row_id, op = line.get("table"), line.get("row_id"), line.get("op")
    changes = line.get("changes")
    branch = books.branch
    if not isinstance(table, str) or table not in types:
        raise Refused(RejectReason.READ_ONLY, f"unknown or read-only table {table!r}")
    if not isinstance(row_id, str) or op not in ("insert", "update", "delete"):
        raise Refused(RejectReason.MALFORMED, "malformed change")
    if not isinstance(changes, dict) or not all(
        isinstance(v, list) and len(v) == 2 for v in changes.values()
    ):
        raise Refused(RejectReason.MALFORMED, "malformed changed fields")
    kinds = types[table]
    unknown = [f for f in changes if f not in kinds or f == "local_id"]
    if unknown:
        raise Refused(RejectReason.MALFORMED, f"unknown fields {sorted(unknown)}")
    try:
        new_values = {f: from_json_value(kinds[f], v[1]) for f, v in changes.items()}
        changed_at = datetime.fromisoformat(str(line["changed_at"]))
        row_version = int(line["row_version"])
        user_id = str(line["user_id"])
    except (ValueError, KeyError, TypeError) as err:
        raise Refused(RejectReason.BAD_VALUE, f"bad value: {err}") from None
    for name, value in new_values.items():
        problem = value_problem(rules[table][name], value)
        if problem is not None:
            raise Refused(RejectReason.BAD_VALUE, f"{name}: {problem}")
    for name, value in (("row_id", row_id), ("user_id", user_id)):
        problem = value_problem(rules[table]["id"], value)
        if problem is not None:
            raise Refused(RejectReason.BAD_VALUE, f"{name}: {problem}")
    if not -(2**31) <= row_version < 2**31:
        raise Refused(RejectReason.BAD_VALUE, "row_version out of range")
    claimed = new_values.get("origin_branch", branch)
    if "origin_branch" in new_values and claimed not in (None, branch):
        raise Refused(RejectReason.NOT_OWNER, f"it claims the record for {claimed}")
    rows = books.state[table]
    row = rows.get(row_id)
    if row is not None and row.get("origin_branch") != branch:
        owner = row.get("origin_branch")
        if op == "insert":
            raise Refused(RejectReason.ID_EXISTS, f"HQ already holds this id (from {owner})")
        raise Refused(RejectReason.NOT_OWNER, f"the record belongs to {owner}")
    if row is None:
        if op != "insert":
            raise Refused(RejectReason.MISSING_PARENT, "it changes a record HQ does not have")
        _insert(table, row_id, new_values, books, required, writable)
        row = rows[row_id]
        row["row_version"], row["updated_at"], row["updated_by"] = row_version, changed_at, user_id
        return
    refused = books.link_problem(table, {k: v for k, v in new_values.items() if k in changes})
    if refused is not None:
        raise refused
    fixed = FIXED.get(table, frozenset())
    for name in fixed & changes.keys():
        if to_json_value(row.get(name)) != changes[name][1]:
            raise Refused(
                NUMBER_REFUSAL.get(table, RejectReason.CASE_NUMBER), f"{name} never changes"
            )
    seq = int(line["seq"])
    found = _Found(table, row_id, seq, user_id, changed_at, row, conflicts)
    if op != "insert":
        _delete_against_edit(found, op, changes, row_version)
    for name, (old, new) in changes.items():
        if name in IMMUTABLE:
            continue
        current = to_json_value(row.get(name))
        if current == new:
            if current != old and op != "insert":  # the same change made at both places
                found.add(SOFT, name, new, current, new, old)
            continue
        if current != old and op != "insert":
            found.add("field", name, new, current, new, old)
        row[name] = new_values[name]
    row["row_version"] = max(int(row.get("row_version") or 0), row_version)
    row["updated_at"] = changed_at
    row["updated_by"] = user_id


def _insert(
    table: str,
    row_id: str,
    new_values: dict[str, Any],
    books: Books,
    required: dict[str, tuple[str, ...]],
    writable: dict[str, list[str]],
) -> None:
    branch = books.branch
    refused = books.link_problem(table, new_values)
    if refused is not None:
        raise refused
    missing = [k for k in required[table] if k not in new_values]
    if missing:
        raise Refused(RejectReason.MALFORMED, f"insert lacks required fields {missing}")
    column = NUMBERED.get(table)
    if column is not None:
        number = new_values.get(column)
        code = NUMBER_REFUSAL[table]
        if not numbered_ok(table, number, branch):
            raise Refused(code, f"a new {column} must be one of this branch's numbers")
        if books.number_taken(table, number, row_id):
            raise Refused(code, f"another record already holds {column} {number}")
        if table in UNIQUE_NUMBERS:
            books.numbers[str(number)] = row_id
    row = dict.fromkeys(writable[table])
    row.update(new_values)
    row["id"] = row_id
    row["origin_branch"] = branch
    books.state[table][row_id] = row


@dataclass(slots=True)
class _Found:
    """Where the conflicts of one change go, with what both sides' authors were."""

    table: str
    row_id: str
    seq: int
    user: str
    at: datetime
    row: dict[str, Any]
    conflicts: list[Conflict]
    hq_user: str | None = None
    hq_at: datetime | None = None

    def __post_init__(self) -> None:
        by, at = self.row.get("updated_by"), self.row.get("updated_at")
        self.hq_user = str(by) if by is not None else None
        self.hq_at = at if isinstance(at, datetime) else None

    def add(
        self,
        kind: str,
        name: str,
        branch: JsonValue,
        hq: JsonValue,
        applied: JsonValue,
        base: JsonValue,
    ) -> None:
        self.conflicts.append(Conflict(
            kind, self.table, self.row_id, name, branch, hq, applied, self.seq, base,
            self.user, self.at, self.hq_user, self.hq_at,
        ))  # fmt: skip


def _delete_against_edit(found: _Found, op: str, changes: dict[str, Any], row_version: int) -> None:
    """An edit of a record HQ holds deleted, or a delete of a record changed at HQ, where the
    branch had not seen HQ's latest version of the row (the change's `row_version` is not
    above HQ's: the branch counts up from the version it holds, and HQ keeps the highest
    it received or made): a hard conflict on `deleted_at`. The merge goes on as always (the
    edit is kept under the tombstone; the delete is applied); the officer decides whether the
    record lives (docs/registry.md, "Conflicts")."""
    row = found.row
    if row_version > int(row.get("row_version") or 0):
        return  # the branch changed the version HQ holds: nothing it did not see
    deleted = to_json_value(row.get("deleted_at"))
    if "deleted_at" not in changes:
        if deleted is not None:
            found.add("delete_vs_edit", "deleted_at", None, deleted, deleted, None)
        return
    old, new = changes["deleted_at"]
    if op == "delete" and old is None and deleted is None and new is not None:
        found.add("delete_vs_edit", "deleted_at", new, None, new, None)
