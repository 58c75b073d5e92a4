"""At a branch: HQ's "reference" answer lines, one published version of HQ's reference data.

A line is `{"kind": "reference", "version": N, "base": B, "tables": {table: [row document …]}}`
(app/sync/reference_tables.py): the rows that changed after version B, as they are in version
N; B = 0 means the whole set (a branch's first, or one enrolled later), and a row it does not
list is retired (kept for old records, offered no more). It reaches a branch only inside a
down-batch signed by HQ (app.sync.branch_apply applies nothing else), and is applied whole or
not at all: every row is checked before the first is written, in the down-batch's transaction.

A version not newer than the one held (a replayed or older answer) changes nothing, and so does
a difference from a version this branch does not hold (B newer than it: it cannot happen with
lines applied in order, and is noted rather than half-applied). The version held is kept in
`local_meta` ("reference.version"); the desk's services read it to notice a new version
without a restart (app.services.reference_cache), at once in this process (`generation`).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import event, update
from sqlalchemy.orm import Session

from app.db.models import LocalMetaRow
from app.sync.reference_tables import BY_NAME, Document, check_row, store

VERSION = "reference.version"
REFUSED = "reference.refused"  # JSON: the last version this branch could not apply, and why
KIND = "reference"
MAX_VERSION = 2**31 - 1

_generation = 0  # versions applied (committed) by this process


def generation() -> int:
    """How many versions this process has applied: a cache that saw another number reads
    the version held again."""
    return _generation


def _bump(_session: Session) -> None:
    global _generation
    _generation += 1


def held_version(session: Session) -> int:
    """The version of HQ's reference data this branch holds (0: only what it was shipped)."""
    row = session.get(LocalMetaRow, VERSION)
    try:
        return int(row.value) if row is not None else 0
    except ValueError:
        return 0


def _number(value: Any) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_VERSION
    return value if ok else None


def apply_reference(session: Session, line: dict[str, Any]) -> bool:
    """Apply one version, all of it or nothing; True if applied."""
    version, base = _number(line.get("version")), _number(line.get("base", 0))
    held = held_version(session)
    if version is None or base is None or version <= held:
        return False  # malformed, older or already held: nothing to do
    if base > held:
        _refuse(session, version, f"a difference from version {base}, this branch holds {held}")
        return False
    tables = line.get("tables")
    if not isinstance(tables, dict):
        _refuse(session, version, "no tables")
        return False
    checked: list[tuple[str, list[Document]]] = []
    for name, rows in tables.items():
        spec = BY_NAME.get(name)
        if spec is None:  # a table a newer HQ keeps and this version of Sanad does not
            continue
        if not isinstance(rows, list):
            _refuse(session, version, f"{name}: not a list of rows")
            return False
        docs = []
        for raw in rows:
            doc, errors = check_row(spec, raw)
            if errors:
                _refuse(session, version, errors[0])
                return False
            docs.append(doc)
        checked.append((name, docs))
    text = str(version)
    for name, docs in checked:
        spec = BY_NAME[name]
        for doc in docs:
            store(session, spec, doc, text)
        if base == 0:  # the whole set: what it leaves out is retired, never deleted
            listed = [d[spec.key] for d in docs]
            key = getattr(spec.model, spec.key)
            session.execute(
                update(spec.model).where(key.not_in(listed)).values(active=False)
                .execution_options(synchronize_session=False)
            )  # fmt: skip
    session.merge(LocalMetaRow(key=VERSION, value=text))
    session.flush()
    if not event.contains(session, "after_commit", _bump):
        event.listen(session, "after_commit", _bump)
    return True


def _refuse(session: Session, version: int, reason: str) -> None:
    session.merge(
        LocalMetaRow(key=REFUSED, value=json.dumps({"version": version, "reason": reason[:300]}))
    )
