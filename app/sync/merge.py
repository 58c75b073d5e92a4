"""Merging a branch's changes into the central tables (the rules in docs/sync-protocol.md).

Set-based: the rows a batch touches are read once (one query per table on PostgreSQL), the
changes are replayed in sequence order on in-memory copies (insert, field-by-field update
against the old value the branch saw, tombstone), and the results are written back per table:
new rows with COPY on PostgreSQL or the driver's executemany on SQLite, changed rows with one
Core executemany. Inserts of rows HQ does not have that no other change of the batch touches
(most of a batch, usually) skip the replay: app/sync/merge_fast.py makes their rows straight
from the change lines, and leaves to the replay whatever it is not sure of, so the replay
alone decides rejections and conflicts. The batch's audit entries are kept apart
(app/sync/merge_audit.py). Nothing here commits.

HQ trusts no branch: who may change what is decided from HQ's own rows and the signer
(app/sync/ownership.py), and every value is checked storable (app/sync/value_rules.py), on
both paths; anything refused is a `Rejected` with its code (app/sync/merge_result.py), and the
rest of the batch applies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import repeat
from typing import Any

import orjson
from sqlalchemy import JSON, Column, String, Table, any_, bindparam, cast, func, select
from sqlalchemy.engine import Row as DbRow
from sqlalchemy.orm import Session

from app.db.audit import AUDIT_TABLE
from app.db.base import SyncedMixin
from app.db.models import SYNCED_MODELS
from app.db.name_keys import KeyMaker
from app.db.registry_models import HqMergeRow
from app.sync.merge_audit import merge_audit
from app.sync.merge_careful import write_carefully
from app.sync.merge_fast import FastPath, Row, prepare, write_core, write_rows
from app.sync.merge_result import CHUNK, MergeResult, Rejected, line_seq
from app.sync.merge_rules import Books, Refused, apply_line
from app.sync.ownership import PARENTS, UNIQUE_NUMBERS, references
from app.sync.value_rules import column_rules

TABLES: dict[str, Table] = {
    m.__tablename__: m.__table__  # type: ignore[attr-defined]
    for m in SYNCED_MODELS
}


def _python_types(table: Table) -> dict[str, type]:
    types: dict[str, type] = {}
    for column in table.columns:
        try:
            types[column.key] = column.type.python_type
        except NotImplementedError:
            types[column.key] = object
    return types


_TYPES = {name: _python_types(t) for name, t in TABLES.items()}
_RULES = {name: column_rules(t) for name, t in TABLES.items()}
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
# Columns a migration added with a default after branches were sending batches: a batch made
# before its branch upgraded (schema 0013, a USB file waiting) has inserts without them, which
# HQ completes with the value the migration gave every existing row instead of refusing them.
_ADDED_WITH_DEFAULT: dict[str, tuple[tuple[str, Any], ...]] = {
    "beneficiaries": (("latin_name", ""),),  # 0014
}
_FAST = FastPath(TABLES, _WRITABLE, _TYPES, _REQUIRED, _RULES)
_REFS = {name: references(name) for name in TABLES}


def _load(session: Session, table: Table, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The rows with these ids that HQ has, by id."""
    cols = [table.c[k] for k in _WRITABLE[table.name]]
    out: dict[str, dict[str, Any]] = {}
    for row in _by_ids(session, table, cols, ids):
        data = dict(row._mapping)
        out[data["id"]] = data
    return out


def _load_owners(session: Session, table: Table, ids: Sequence[str]) -> dict[str, str]:
    """Who owns those of these rows HQ has (rows the batch refers to but does not change)."""
    return {
        str(row._mapping["id"]): str(row._mapping["origin_branch"])
        for row in _by_ids(session, table, [table.c.id, table.c.origin_branch], ids)
    }


def _by_ids(
    session: Session, table: Table, cols: list[Column[Any]], ids: Sequence[str],
    by: Column[Any] | None = None,
) -> Iterator[DbRow[Any]]:  # fmt: skip
    id_col: Column[Any] = table.c.id if by is None else by
    if not ids:
        return
    chunks: list[Any]
    if session.get_bind().dialect.name == "postgresql":  # one query, whatever the count
        # The ids as one JSON text (psycopg would build an array value id by id in Python).
        listed = select(func.json_array_elements_text(cast(bindparam("ids", type_=String()), JSON)))
        stmt = select(*cols).where(id_col == any_(func.array(listed.scalar_subquery())))
        listing = orjson.dumps(list(ids)).decode()
        if "\\u0000" in listing:  # no stored text holds a NUL (nor may a query's)
            listing = orjson.dumps([i for i in ids if "\x00" not in i]).decode()
        chunks = [listing]
    else:  # an expanding parameter: the ids are not coerced one by one into the statement
        stmt = select(*cols).where(id_col.in_(bindparam("ids", expanding=True)))
        chunks = [list(ids[start : start + CHUNK]) for start in range(0, len(ids), CHUNK)]
    for chunk in chunks:
        yield from session.execute(stmt, {"ids": chunk})


def _case_holders(session: Session, branch: str, people: Sequence[str]) -> set[str]:
    """Of these people, those the signer holds a case of (transferred to it, perhaps)."""
    cases = TABLES["cases"]
    found: set[str] = set()
    for start in range(0, len(people), CHUNK):
        chunk = list(people[start : start + CHUNK])
        found.update(
            session.scalars(
                select(cases.c.beneficiary_id).where(
                    cases.c.origin_branch == branch, cases.c.beneficiary_id.in_(chunk)
                )
            )
        )
    return found


def _numbers_held(session: Session, lines: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Of the person numbers the batch's new people claim, those HQ holds: number -> id."""
    claimed: set[str] = set()
    for line in lines:
        changes = line.get("changes")
        if line.get("table") == "beneficiaries" and isinstance(changes, dict):
            pair = changes.get("person_number")
            if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str):
                claimed.add(pair[1])
    if not claimed:
        return {}
    people = TABLES["beneficiaries"]
    number = people.c.person_number
    rows = _by_ids(session, people, [number, people.c.id], sorted(claimed), number)
    return {str(r[0]): str(r[1]) for r in map(tuple, rows)}


def _merged_into(session: Session, branch: str) -> set[str]:
    """The survivors of HQ's active merges of the signer's records: the signer may hang its
    cases, documents and phones on them (app.hq.merges). A branch has few: all are read."""
    return set(
        session.scalars(
            select(HqMergeRow.survivor).where(
                HqMergeRow.retired_branch == branch, HqMergeRow.status == "active"
            )
        )
    )


# A person's matching keys are HQ's to compute, never the branch's to say (a branch that sent
# a made-up key would hide its people from cross-branch matching): derived from the names.
_NAME_PARTS = ("first_name", "father_name", "grandfather_name", "family_name")


def _rekey_insert(changes: dict[str, Any], keys: KeyMaker) -> None:
    """Set an insert line's name_key and mother_key from its names (when they are texts; a
    line whose names are not is refused by the usual checks)."""
    names = [changes.get(c) for c in _NAME_PARTS]
    values = [n[1] if isinstance(n, list) and len(n) == 2 else None for n in names]
    if all(isinstance(v, str) for v in values):
        changes["name_key"] = [None, keys.name_key(*values)]  # type: ignore[arg-type]
    mother = changes.get("mother_name")
    if isinstance(mother, list) and len(mother) == 2 and isinstance(mother[1], str):
        changes["mother_key"] = [None, keys.mother_key(mother[1])]


def _rekey_row(row: dict[str, Any], keys: KeyMaker) -> None:
    """The same for a whole row as the replay leaves it (an insert, or a row updated)."""
    names = [row.get(c) for c in _NAME_PARTS]
    if all(isinstance(n, str) for n in names):
        row["name_key"] = keys.name_key(*names)  # type: ignore[arg-type]
    if isinstance(row.get("mother_name"), str):
        row["mother_key"] = keys.mother_key(row["mother_name"])


def _sort_and_count(
    lines: Iterable[dict[str, Any]],
    touches: dict[str, dict[str, int]],
    case_people: set[str],
    keys: KeyMaker,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One pass: the audit entries apart from the synced changes; how many lines touch each
    row, and every row they refer to (count 0 if only that). A person's insert gets HQ's own
    matching keys."""
    audit: list[dict[str, Any]] = []
    synced: list[dict[str, Any]] = []
    for line in lines:
        table, row_id = line.get("table"), line.get("row_id")
        if table == AUDIT_TABLE:
            audit.append(line)
            continue
        synced.append(line)
        counts = touches.get(table) if isinstance(table, str) else None
        if counts is None or not isinstance(row_id, str):
            continue
        counts[row_id] = counts.get(row_id, 0) + 1
        refs = _REFS[table]  # type: ignore[index]
        changes = line.get("changes")
        added = _ADDED_WITH_DEFAULT.get(table)  # type: ignore[arg-type]
        if added and line.get("op") == "insert" and isinstance(changes, dict):
            for column, default in added:
                changes.setdefault(column, [None, default])
        if table == "beneficiaries" and line.get("op") == "insert" and isinstance(changes, dict):
            _rekey_insert(changes, keys)
        if not refs or not isinstance(changes, dict):
            continue
        for column, target in refs:
            ref = changes.get(column)
            if isinstance(ref, list) and len(ref) == 2 and isinstance(ref[1], str):
                touches[target].setdefault(ref[1], 0)
                if table == "cases":
                    case_people.add(ref[1])
    return audit, synced


def merge_changes(
    session: Session,
    branch: str,
    lines: Iterable[dict[str, Any]],
    hq_version: int,
    *,
    fast: bool = True,
    careful: bool = False,
    plain_text: bool = False,
) -> MergeResult:
    """Apply `lines` (one up-batch, in sequence order) from `branch` at HQ.

    `fast=False` replays every line and writes with Core statements only: the reference the
    fast path is tested against (tests/sync/test_merge_fast_path.py). `careful=True` (with
    `fast=False`) writes each row in a savepoint: a row the database refuses after all becomes
    a rejected row (`bad_value`) instead of failing the batch. `plain_text`: the caller
    scanned the raw content and no line holds a control character."""
    result = MergeResult()
    merge_part(
        session, branch, lines, hq_version, result, fast=fast, careful=careful,
        plain_text=plain_text,
    )()  # fmt: skip
    return result


def _nothing() -> None:
    return None


def merge_part(
    session: Session,
    branch: str,
    lines: Iterable[dict[str, Any]],
    hq_version: int,
    result: MergeResult,
    *,
    fast: bool = True,
    careful: bool = False,
    plain_text: bool = False,
    ready: Callable[[], None] = _nothing,
    keys: KeyMaker | None = None,
) -> Callable[[], None]:
    """Merge consecutive lines of a batch into `result`; the writes they need, to be called
    before the session is used again (app/sync/merge_stream.py runs them on a writer thread
    while the next lines are parsed). `ready` is called before the session is first used
    (the previous part's writes must be over by then); `keys`: the names normalized so far
    (the parts of one batch share them). The careful path writes at once."""
    # How many lines touch each row (a row only one insert touches may take the fast path).
    touches: dict[str, dict[str, int]] = {name: {} for name in TABLES}
    case_people: set[str] = set()
    keys = keys or KeyMaker()
    audit, lines = _sort_and_count(lines, touches, case_people, keys)
    plans = _FAST.plans(session.get_bind().dialect)
    # The fast path's rows, made before knowing which ids HQ holds (the rows found below are
    # left to the replay): the previous part's writes go on meanwhile.
    empty: dict[str, dict[str, Any]] = {name: {} for name in TABLES}
    texts = not plain_text
    made = prepare(lines, plans, touches, empty, branch, hq_version, texts=texts) if fast else []
    ready()
    if audit:
        merge_audit(session, branch, audit, result)
    # Whole rows of what the batch changes; only the owners of the rows it merely refers to
    # (the reference, `fast=False`, reads whole rows of both, as the merge always did).
    state = {
        name: _load(session, TABLES[name], [i for i, n in ids.items() if n or not fast])
        for name, ids in touches.items()
    }
    known = {
        name: _load_owners(session, TABLES[name], [i for i, n in ids.items() if not n])
        if fast else {}
        for name, ids in touches.items()
    }  # fmt: skip
    existing = {name: set(rows) for name, rows in state.items()}
    dirty: dict[str, dict[str, None]] = {name: {} for name in TABLES}  # ordered: seq order
    born: dict[str, dict[str, Row]] = {name: {} for name in TABLES}  # the fast path's rows
    holders = _case_holders(session, branch, sorted(case_people)) if case_people else set()
    books = Books(
        branch, state, known, born, holders, _merged_into(session, branch),
        _numbers_held(session, lines),
    )  # fmt: skip
    prepared: Iterable[Row | None] = made if fast else repeat(None)

    for line, values in zip(lines, prepared, strict=False):  # repeat(None) never ends
        number = None
        if values is not None:
            table = line["table"]
            if line["row_id"] in state[table]:
                values = None  # HQ holds it: the replay decides
        if values is not None:
            numbered = plans[table].numbered
            number = values[numbered] if numbered is not None else None
            if books.number_taken(table, number, line["row_id"]):
                values = None  # the replay refuses it, with the reason
        if values is not None and (
            _links_born(values, plans[table].refs, born)
            or books.link_problem(table, {column: values[i] for column, i, _t in plans[table].refs})
            is None
        ):
            born[table][line["row_id"]] = values
            if number is not None and table in UNIQUE_NUMBERS:
                books.numbers[number] = line["row_id"]
            result.applied += 1
            continue
        try:
            apply_line(line, books, _TYPES, _RULES, _REQUIRED, _WRITABLE, result.conflicts)
        except Refused as refused:
            result.rejected.append(
                Rejected(
                    seq=line_seq(line),
                    table=str(line.get("table", ""))[:40],
                    row_id=str(line.get("row_id", ""))[:36],
                    reason=refused.reason,
                    line=line,
                    code=refused.code.value,
                )
            )
            continue
        result.applied += 1
        dirty[line["table"]][line["row_id"]] = None

    writes: list[tuple[Table, list[Row], list[dict[str, Any]], list[dict[str, Any]]]] = []
    for name, table in TABLES.items():
        rows = [state[name][i] for i in dirty[name]]
        for row in rows:
            row["hq_version"] = hq_version
            if name == "beneficiaries":
                _rekey_row(row, keys)
        new = [r for r in rows if r["id"] not in existing[name]]
        old = [r for r in rows if r["id"] in existing[name]]
        if careful:
            write_carefully(session, TABLES[name], _WRITABLE[name], new, old, lines, result, dirty)
        elif not fast:
            writes.append((table, [], old, new))
        else:
            plan = plans[name]
            fresh = list(born[name].values())
            fresh += [plan.driver_values(r) for r in new if not plan.core_only(r)]
            writes.append((table, fresh, old, [r for r in new if plan.core_only(r)]))
        result.touched.setdefault(name, set()).update(dirty[name], born[name])
    session.flush()  # whatever the ORM holds goes first, in the same transaction

    def write() -> None:
        for table, fresh, old, core in writes:
            if fast:
                write_rows(session, table, _WRITABLE[table.name], fresh, old, core)
            else:
                write_core(session, table, _WRITABLE[table.name], core, old)

    return write


def _links_born(
    values: Row, refs: tuple[tuple[str, int, str], ...], born: dict[str, dict[str, Row]]
) -> bool:
    """The common case, cheaply: every reference of a new row is empty or names a row born
    earlier in the batch (the signer's by construction)."""
    for _column, i, target in refs:
        ref = values[i]
        if ref is not None and ref not in born[target]:
            return False
    return True


def line_json(line: dict[str, Any]) -> str:
    return orjson.dumps(line).decode()


__all__ = ["PARENTS", "MergeResult", "SyncedMixin", "merge_changes"]
