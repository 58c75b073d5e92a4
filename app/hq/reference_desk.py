"""The officer's reference-data commands at HQ: export, import, set, list, show.

`export` writes the current lists to one JSON file (format below); the officer edits it and
`import` reads it back: the whole file is checked first (size, shape, every row against its
table: app/sync/reference_tables.py), a row changed at HQ after the version the file was
exported from is refused rather than overwritten, and only then are the rows that differ
published as one new version. Any problem refuses the whole file, naming it; nothing changes.
`set` changes or adds one row the same way. Rows are never deleted: `"active": false` retires
one (old records keep it; forms offer it no more). Publishing records a decision (who, why)
and queues the version to every enrolled branch (app.hq.reference).

The file: `{"format": 1, "kind": "sanad-reference", "version": N, "exported_at": …,
"tables": {"municipalities": [{"code", "name_ar", …, "active"}, …], "case_types": […],
"agencies": […]}}`; a table or a row left out of the file is left as it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.db.clock import utcnow
from app.db.reference_models import HqReferenceVersionRow
from app.hq.enrollment import HqError
from app.hq.reference import (
    Change,
    branches_at,
    current_version,
    dispatch_reference,
    publish,
    version_changes,
    versions,
)
from app.sync.reference_tables import (
    BY_NAME,
    TABLES,
    Document,
    ReferenceTable,
    check_row,
    read_documents,
)
from app.sync.safe_files import atomic_write

FORMAT = 1
FILE_KIND = "sanad-reference"
MAX_FILE = 5 * 1024 * 1024
MAX_ROWS = 10_000  # per table
MIN_REASON, MAX_REASON = 5, 2000
SHOWN_PROBLEMS = 3

Sessions = Callable[[], AbstractContextManager[Session]]


@dataclass(frozen=True, slots=True)
class Published:
    version: int
    changes: tuple[Change, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "rows": [
                {"table": c.table, "key": c.key, "before": c.before, "after": c.after}
                for c in self.changes
            ],
        }


def _refuse(code: str, problems: list[str], prefix: str = "") -> HqError:
    more = len(problems) - SHOWN_PROBLEMS
    text = "; ".join(problems[:SHOWN_PROBLEMS]) + (f" (and {more} more)" if more > 0 else "")
    return HqError(code, f"{prefix}{text}; nothing was changed")


def _who(by: str, reason: str) -> tuple[str, str]:
    by, reason = by.strip(), reason.strip()
    if not MIN_REASON <= len(reason) <= MAX_REASON:
        raise HqError("bad_reason", f"give a reason of {MIN_REASON} to {MAX_REASON} characters")
    if not by or len(by) > 60:
        raise HqError("bad_reason", "say who publishes (1 to 60 characters)")
    return by, reason


def _table(name: str) -> ReferenceTable:
    spec = BY_NAME.get(name)
    if spec is None:
        raise HqError("no_table", f"no reference table {name!r}: one of {', '.join(BY_NAME)}")
    return spec


def parse_value(table: str, name: str, text: str) -> Any:
    """A command-line value for column `name` of `table`, typed as the column is."""
    spec = _table(table)
    if name not in spec.fields:
        raise HqError(
            "bad_field", f"{table} has no field {name!r}: one of {', '.join(spec.fields)}"
        )
    if name in spec.json_columns:
        try:
            return json.loads(text)
        except ValueError:
            raise HqError("bad_field", f"{name} must be JSON") from None
    python_type = spec.table.columns[name].type.python_type
    if python_type is bool:
        lowered = text.strip().lower()
        if lowered not in ("true", "false", "yes", "no", "1", "0"):
            raise HqError("bad_field", f"{name} must be true or false")
        return lowered in ("true", "yes", "1")
    if python_type is int:
        try:
            return int(text)
        except ValueError:
            raise HqError("bad_field", f"{name} must be a whole number") from None
    return text


class ReferenceDesk:
    """The reference-data commands over HQ's database, each in one transaction."""

    def __init__(self, write: Sessions, read: Sessions) -> None:
        self._write = write
        self._read = read

    @classmethod
    def of(cls, service: Any) -> ReferenceDesk:
        return cls(service._write, service._read)

    # -- reading ----------------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        """The current lists as an export file's content."""
        with self._read() as session:
            return {
                "format": FORMAT, "kind": FILE_KIND, "version": current_version(session),
                "exported_at": utcnow().isoformat(timespec="seconds"),
                "tables": {
                    s.name: list(read_documents(session, s).values()) for s in TABLES
                },
            }  # fmt: skip

    def export(self, target: Path) -> int:
        """Write the export file (UTF-8 JSON); the version it holds."""
        doc = self.document()
        text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
        try:
            atomic_write(target, text.encode("utf-8"))  # never through a planted link
        except OSError as err:
            raise HqError("bad_file", f"{target}: cannot be written ({err.strerror})") from None
        return int(doc["version"])

    def rows(self, table: str, *, retired: bool = False) -> list[Document]:
        spec = _table(table)
        with self._read() as session:
            docs = read_documents(session, spec).values()
            return [d for d in docs if retired or d.get("active", True)]

    def versions(self, limit: int = 100) -> list[dict[str, Any]]:
        with self._read() as session:
            return [
                {
                    "version": v.version, "published_at": v.published_at.isoformat(
                        timespec="seconds"), "by": v.by, "reason": v.reason, "rows": v.rows,
                    "decision": v.decision_id,
                }
                for v in versions(session, max(1, min(limit, 1000)))
            ]  # fmt: skip

    def version(self, number: int) -> dict[str, Any]:
        with self._read() as session:
            v = session.get(HqReferenceVersionRow, number)
            if v is None:
                raise HqError("no_version", f"no reference version {number}")
            changes = [
                {"table": c.table_name, "key": c.key,
                 "before": None if c.before is None else json.loads(c.before),
                 "after": json.loads(c.after)}
                for c in version_changes(session, number)
            ]  # fmt: skip
            branches = [
                {"branch": b, "sent": sent, "acknowledged": acked}
                for b, sent, acked in branches_at(session)
            ]
        return {
            "version": v.version, "published_at": v.published_at.isoformat(timespec="seconds"),
            "by": v.by, "reason": v.reason, "decision": v.decision_id, "rows": changes,
            "branches": branches,
        }  # fmt: skip

    # -- publishing -------------------------------------------------------------------------

    def set_row(
        self, table: str, key: str, values: dict[str, Any], *, by: str, reason: str
    ) -> Published | None:
        """Change (or add) one row; None when it already holds these values."""
        spec = _table(table)
        by, reason = _who(by, reason)
        with self._write() as session:
            held = read_documents(session, spec).get(key)
            doc, errors = check_row(spec, {**(held or {}), **values, spec.key: key})
            if errors:
                raise _refuse("bad_field", errors)
            if held == doc:
                return None
            version = publish(session, [Change(table, held, doc)], by=by, reason=reason)
            published = Published(version, (Change(table, held, doc),))
        dispatch_reference(self._write)
        return published

    def import_file(self, path: Path, *, by: str, reason: str) -> Published | None:
        """Check the whole file, then publish the rows that differ; None if none differs."""
        by, reason = _who(by, reason)
        data = _read_file(path)
        prefix = f"{path.name}: "
        with self._write() as session:
            changes, problems = _changes(session, data)
            if problems:
                raise _refuse("bad_file", problems, prefix)
            if not changes:
                return None
            version = publish(session, changes, by=by, reason=reason)
        dispatch_reference(self._write)
        return Published(version, tuple(changes))


def _read_file(path: Path) -> dict[str, Any]:
    prefix = f"{path.name}: "
    try:
        if not path.is_file():
            raise HqError("bad_file", f"{prefix}not a file")
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE + 1)
    except OSError as err:
        raise HqError("bad_file", f"{prefix}cannot be read ({err.strerror})") from None
    if len(raw) > MAX_FILE:
        raise HqError("bad_file", f"{prefix}larger than {MAX_FILE // (1024 * 1024)} MiB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise HqError("bad_file", f"{prefix}not UTF-8 text") from None
    except ValueError as err:
        raise HqError("bad_file", f"{prefix}not JSON ({err})") from None
    if not isinstance(data, dict) or data.get("kind") != FILE_KIND:
        raise HqError("bad_file", f"{prefix}not a Sanad reference file (`sanad hq reference "
                      "export` writes one)")  # fmt: skip
    if data.get("format") != FORMAT:
        raise HqError("bad_file", f"{prefix}format {data.get('format')!r} is not {FORMAT}")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise HqError("bad_file", f"{prefix}its version is not a number")
    if not isinstance(data.get("tables"), dict):
        raise HqError("bad_file", f"{prefix}no tables")
    return data


def _changes(session: Session, data: dict[str, Any]) -> tuple[list[Change], list[str]]:
    """The rows of the file that differ from HQ's, and every problem found."""
    exported_from = int(data["version"])
    if exported_from > current_version(session):
        return [], [f"version {exported_from} was never published here"]
    changes: list[Change] = []
    problems: list[str] = []
    for name, rows in data["tables"].items():
        spec = BY_NAME.get(name)
        if spec is None:
            problems.append(f"no reference table {name!r}")
            continue
        if not isinstance(rows, list) or len(rows) > MAX_ROWS:
            problems.append(f"{name}: must be a list of at most {MAX_ROWS} rows")
            continue
        held = read_documents(session, spec)
        seen: set[str] = set()
        for raw in rows:
            doc, errors = check_row(spec, raw)
            problems += errors
            if errors:
                continue
            key = str(doc[spec.key])
            if key in seen:
                problems.append(f"{name} {key!r}: listed twice")
                continue
            seen.add(key)
            before = held.get(key)
            if before == doc:
                continue
            changed_in = _row_version(session, spec, key)
            if changed_in > exported_from:
                problems.append(
                    f"{name} {key!r}: changed at HQ in version {changed_in}, after this file's "
                    f"version {exported_from} (export again and redo the edit)"
                )
                continue
            changes.append(Change(name, before, doc))
    return changes, problems


def _row_version(session: Session, spec: ReferenceTable, key: str) -> int:
    row = session.get(spec.model, key)
    try:
        return int(row.version) if row is not None else 0
    except ValueError:
        return 0
