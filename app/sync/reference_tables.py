"""HQ-owned reference tables, as one list: which tables, their key, how a row is written down.

A row travels (in HQ's answers) and is edited (in HQ's export file) as a *document*: a JSON
object of its key and every column but `version`, a JSON column (a case type's `fields`) as
JSON rather than text. `check_row` refuses a document that its table could not store, naming
the table, the row and the field, whoever sent it (an officer's file at HQ, HQ's answer at a
branch). Adding a table (grant programmes, say) is one more `ReferenceTable` in `TABLES`: its
column types and widths come from its model.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Integer, String, Table, Text, select
from sqlalchemy.orm import Session

from app.db.case_models import AgencyRow, CaseTypeRow
from app.db.models import MunicipalityRow
from app.domain.case_types import FIELD_KINDS
from app.domain.field_checks import control_character

Document = dict[str, Any]
MAX_KEY = 60  # hq_reference_changes.key
MAX_INT = 2**31 - 1
BOOKKEEPING = frozenset({"version"})  # set by the publishing, never edited


def _case_type_fields(value: Any) -> str | None:
    """A case type's extra fields: a list of {key, label_ar, label_en, kind, required?,
    choices?}, keys unique."""
    if not isinstance(value, list) or len(value) > 100:
        return "must be a list of at most 100 field descriptions"
    seen: set[str] = set()
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            return f"item {i + 1} is not an object"
        unknown = set(item) - {"key", "label_ar", "label_en", "kind", "required", "choices"}
        if unknown:
            return f"item {i + 1} has unknown entries: {', '.join(sorted(unknown))}"
        for name in ("key", "label_ar", "label_en"):
            text = item.get(name)
            if not isinstance(text, str) or not text.strip() or len(text) > 100:
                return f"item {i + 1}: {name} must be a text of 1 to 100 characters"
            if control_character(text) is not None:
                return f"item {i + 1}: {name} holds a control character"
        if item.get("kind", "text") not in FIELD_KINDS:
            return f"item {i + 1}: kind must be one of {', '.join(sorted(FIELD_KINDS))}"
        if not isinstance(item.get("required", False), bool):
            return f"item {i + 1}: required must be true or false"
        choices = item.get("choices", [])
        if not isinstance(choices, list) or not all(
            isinstance(c, str) and 0 < len(c) <= 100 for c in choices
        ):
            return f"item {i + 1}: choices must be a list of short texts"
        if item["key"] in seen:
            return f"item {i + 1}: the key {item['key']!r} is used twice"
        seen.add(item["key"])
    return None


@dataclass(frozen=True, slots=True)
class ReferenceTable:
    """One HQ-owned table: its model, its key column, its JSON columns and extra checks."""

    model: type
    key: str = "code"
    json_columns: frozenset[str] = frozenset()
    checks: dict[str, Callable[[Any], str | None]] = field(default_factory=dict)

    @property
    def table(self) -> Table:
        return self.model.__table__  # type: ignore[attr-defined,no-any-return]

    @property
    def name(self) -> str:
        return str(self.table.name)

    @property
    def fields(self) -> tuple[str, ...]:
        """Every column a document holds besides the key, in the table's order."""
        return tuple(
            c.key for c in self.table.columns if c.key != self.key and c.key not in BOOKKEEPING
        )

    def default(self, name: str) -> tuple[bool, Any]:
        """(True, value) when a new row may leave the column out."""
        column = self.table.columns[name]
        if column.default is None or not hasattr(column.default, "arg"):
            return False, None
        value = column.default.arg
        if name in self.json_columns and isinstance(value, str):
            value = json.loads(value)
        return True, value


TABLES: tuple[ReferenceTable, ...] = (
    ReferenceTable(MunicipalityRow),
    ReferenceTable(
        CaseTypeRow, json_columns=frozenset({"fields"}), checks={"fields": _case_type_fields}
    ),
    ReferenceTable(AgencyRow),
)
BY_NAME = {t.name: t for t in TABLES}


def check_key(value: Any, limit: int) -> str | None:
    if not isinstance(value, str) or not 0 < len(value) <= min(limit, MAX_KEY):
        return f"must be a text of 1 to {min(limit, MAX_KEY)} characters"
    if value != value.strip() or any(c.isspace() for c in value):
        return "must hold no spaces"
    if control_character(value) is not None:
        return "holds a control character"
    return None


def check_value(spec: ReferenceTable, name: str, value: Any) -> str | None:
    """Why `value` cannot be stored in column `name`, or None."""
    if name in spec.json_columns:
        check = spec.checks.get(name)
        return check(value) if check is not None else None
    column_type = spec.table.columns[name].type
    if isinstance(column_type, Boolean):
        return None if isinstance(value, bool) else "must be true or false"
    if isinstance(column_type, Integer):
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_INT
        return None if ok else "must be a whole number from 0"
    if isinstance(column_type, String | Text):
        limit = getattr(column_type, "length", None) or 10_000
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            return f"must be a text of 1 to {limit} characters"
        if value != value.strip():
            return "must not begin or end with a space"
        if control_character(value) is not None:
            return "holds a control character"
        check = spec.checks.get(name)
        return check(value) if check is not None else None
    return "cannot be edited"


def check_row(spec: ReferenceTable, doc: Any, *, new: bool = True) -> tuple[Document, list[str]]:
    """The document completed with its defaults, and every reason it cannot be stored.

    `new=False`: an update of an existing row, whose document may leave columns out."""
    if not isinstance(doc, dict):
        return {}, [f"{spec.name}: a row must be an object"]
    key = doc.get(spec.key)
    bad_key = check_key(key, getattr(spec.table.columns[spec.key].type, "length", MAX_KEY))
    where = f"{spec.name} {key!r}" if bad_key is None else f"{spec.name} row"
    errors = [f"{where}: {spec.key} {bad_key}"] if bad_key else []
    unknown = sorted(set(doc) - {spec.key, *spec.fields})
    if unknown:
        errors.append(f"{where}: unknown field(s) {', '.join(unknown)}")
    out: Document = {spec.key: key}
    for name in spec.fields:
        if name not in doc:
            has_default, value = spec.default(name)
            if not new:
                continue
            if not has_default:
                errors.append(f"{where}: {name} is missing")
                continue
            out[name] = value
            continue
        problem = check_value(spec, name, doc[name])
        if problem:
            errors.append(f"{where}: {name} {problem}")
        out[name] = doc[name]
    return out, errors


def to_document(spec: ReferenceTable, row: Any) -> Document:
    doc: Document = {spec.key: getattr(row, spec.key)}
    for name in spec.fields:
        value = getattr(row, name)
        doc[name] = json.loads(value) if name in spec.json_columns else value
    return doc


def read_documents(session: Session, spec: ReferenceTable) -> dict[str, Document]:
    """Every row of the table (retired ones included), by key, in key order."""
    rows: Any = session.scalars(select(spec.model).order_by(getattr(spec.model, spec.key)))
    return {getattr(r, spec.key): to_document(spec, r) for r in rows}


def store(session: Session, spec: ReferenceTable, doc: Document, version: str) -> None:
    """Insert or overwrite one row from its (checked, complete) document."""
    row = session.get(spec.model, doc[spec.key])
    if row is None:
        row = spec.model(**{spec.key: doc[spec.key]})
        session.add(row)
    for name in spec.fields:
        if name in doc:
            value = doc[name]
            if name in spec.json_columns:
                value = json.dumps(value, ensure_ascii=False)
            setattr(row, name, value)
    row.version = version
