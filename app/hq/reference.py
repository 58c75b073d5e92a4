"""HQ's reference data (municipalities, case types, agencies …): versions, and down to branches.

HQ owns these lists; a branch only receives them. Each publication is a numbered version (1,
2, 3 …) recorded with who, when and why (`hq_reference_versions`, and an HQ decision in the
same transaction); it stores the rows it changed, before and after. HQ's first start publishes
the lists shipped with Sanad (resources/reference, the ones a branch starts from) as version 1.

Every enrolled branch is owed the current version: after a publication each branch's ledger is
locked in turn (one transaction each, like app.hq.flags) and one "reference" answer line is
queued to it (app/sync/branch_reference.py says what the line holds): the rows changed since
the version the branch was last sent, or, for a branch never sent one (enrolled later), the
whole set. Every answer HQ writes queues what is still owed first, so a publication a crash
left half-dispatched, or a branch enrolled after it, still gets the current version at its
next sync; a branch restored from an old copy is sent again every answer line after the one it
says it applied, so it gets back the versions it lost, in order.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.reference_models import (
    HqReferenceChangeRow,
    HqReferenceSentRow,
    HqReferenceVersionRow,
)
from app.db.sync_models import HqBranchRow, HqCounterRow, HqLedgerRow
from app.hq.decisions import record_decision
from app.hq.ingest import lock_ledger, queue_down
from app.resources import resources_dir
from app.sync.branch_reference import KIND
from app.sync.reference_tables import (
    BY_NAME,
    TABLES,
    Document,
    check_row,
    read_documents,
    to_document,
)
from app.sync.reference_tables import store as store_row

ACTION = "reference_publish"
SEED_BY = "sanad"
SEED_REASON = "the reference data shipped with Sanad, published at HQ's first start"
_COUNTER = "reference_version"

Write = Callable[[], AbstractContextManager[Session]]


@dataclass(frozen=True, slots=True)
class Change:
    """One row a publication writes: `before` None for a new row."""

    table: str
    before: Document | None
    after: Document

    @property
    def key(self) -> str:
        return str(self.after[BY_NAME[self.table].key])


def current_version(session: Session) -> int:
    return int(session.scalar(select(func.max(HqReferenceVersionRow.version))) or 0)


def publish(session: Session, changes: Iterable[Change], *, by: str, reason: str) -> int:
    """Write the changed rows as a new version, in the caller's transaction; its number.

    Publications are serialized by a counter row locked here (two officers on PostgreSQL get
    versions N and N+1, never two N)."""
    changes = list(changes)
    counter = session.scalar(
        select(HqCounterRow).where(HqCounterRow.name == _COUNTER).with_for_update()
    )
    if counter is None:
        counter = HqCounterRow(name=_COUNTER, value=current_version(session))
        session.add(counter)
        session.flush()
    counter.value += 1
    version = counter.value
    tables: dict[str, list[str]] = {}
    for change in changes:
        store_row(session, BY_NAME[change.table], change.after, str(version))
        session.add(HqReferenceChangeRow(
            version=version, table_name=change.table, key=change.key,
            before=None if change.before is None else _dumps(change.before),
            after=_dumps(change.after),
        ))  # fmt: skip
        tables.setdefault(change.table, []).append(change.key)
    detail: dict[str, Any] = {"version": version, "rows": len(changes), "tables": tables}
    decision = record_decision(
        session, by=by, action=ACTION, subject=f"reference {version}", reason=reason,
        detail=detail,
    )  # fmt: skip
    session.add(HqReferenceVersionRow(
        version=version, published_at=decision.at, by=by[:60], reason=reason,
        rows=len(changes), decision_id=decision.id,
    ))  # fmt: skip
    session.flush()
    return version


def _dumps(doc: Document) -> str:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True)


# -- down to the branches -------------------------------------------------------------------


def reference_line(session: Session, since: int, version: int) -> dict[str, Any]:
    """The "reference" answer line taking a branch from `since` (0: nothing) to `version`."""
    tables: dict[str, list[Document]] = {}
    if since == 0:
        for spec in TABLES:
            tables[spec.name] = list(read_documents(session, spec).values())
    else:
        changed = session.execute(
            select(HqReferenceChangeRow.table_name, HqReferenceChangeRow.key)
            .where(HqReferenceChangeRow.version > since)
            .distinct()
            .order_by(HqReferenceChangeRow.table_name, HqReferenceChangeRow.key)
        )
        for name, key in changed:
            table = BY_NAME.get(name)
            row = session.get(table.model, key) if table is not None else None
            if table is not None and row is not None:
                tables.setdefault(name, []).append(to_document(table, row))
    return {"kind": KIND, "version": version, "base": since, "tables": tables}


def queue_reference(session: Session, ledger: HqLedgerRow) -> bool:
    """Queue what `ledger.branch` is owed of the current version (the caller holds its lock)."""
    version = current_version(session)  # first: the rows read after it are at least as new
    sent = session.get(HqReferenceSentRow, ledger.branch)
    have = sent.version if sent is not None else 0
    if version == 0 or have >= version:
        return False
    seq = queue_down(session, ledger, reference_line(session, have, version))
    if sent is None:
        sent = HqReferenceSentRow(branch=ledger.branch)
        session.add(sent)
    sent.version, sent.down_seq = version, seq
    return True


def owed_branches(session: Session) -> list[str]:
    """Enrolled, unrevoked branches not yet sent the current version."""
    version = current_version(session)
    if version == 0:
        return []
    sent = select(HqReferenceSentRow.branch).where(HqReferenceSentRow.version >= version)
    query = (
        select(HqBranchRow.code)
        .where(
            HqBranchRow.signing_key.is_not(None), HqBranchRow.revoked_at.is_(None),
            HqBranchRow.code.not_in(sent),
        )
        .order_by(HqBranchRow.code)
    )  # fmt: skip
    return list(session.scalars(query))


def dispatch_reference(write: Write) -> int:
    """Queue every owed branch its line, one branch (and one ledger lock) per transaction."""
    with write() as session:
        branches = owed_branches(session)
    queued = 0
    for branch in branches:
        with write() as session:
            queued += queue_reference(session, lock_ledger(session, branch))
    return queued


# -- HQ's first start -----------------------------------------------------------------------


def shipped_documents() -> dict[str, list[Document]]:
    """The lists shipped with Sanad (the branch's own seed), as row documents."""
    folder = resources_dir() / "reference"
    out: dict[str, list[Document]] = {}
    for spec in TABLES:
        path = folder / f"{spec.name}.json"
        if not path.is_file():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        rows: list[Document] = []
        for item in data[spec.name]:
            doc = {name: item[name] for name in (spec.key, *spec.fields) if name in item}
            rows.append(doc)
        out[spec.name] = rows
    return out


def seed_reference(write: Write) -> int | None:
    """Publish the shipped lists as version 1 if HQ has no version yet; the version or None.

    Two HQ processes starting at once on one database: one publishes, the other's insert of
    version 1 fails and is dropped (nothing of it stays)."""
    with contextlib.suppress(IntegrityError), write() as session:
        if current_version(session) > 0:
            return None
        changes = []
        for name, rows in shipped_documents().items():
            spec = BY_NAME[name]
            held = read_documents(session, spec)
            for raw in rows:
                doc, errors = check_row(spec, raw)
                if errors:
                    raise ValueError(f"the shipped reference data is damaged: {errors[0]}")
                changes.append(Change(name, held.get(doc[spec.key]), doc))
        return publish(session, changes, by=SEED_BY, reason=SEED_REASON)
    return None


def versions(session: Session, limit: int = 100) -> list[HqReferenceVersionRow]:
    query = select(HqReferenceVersionRow).order_by(HqReferenceVersionRow.version.desc())
    return list(session.scalars(query.limit(limit)))


def version_changes(session: Session, version: int) -> list[HqReferenceChangeRow]:
    query = select(HqReferenceChangeRow).where(HqReferenceChangeRow.version == version)
    return list(
        session.scalars(query.order_by(HqReferenceChangeRow.table_name, HqReferenceChangeRow.key))
    )


def branches_at(session: Session) -> list[tuple[str, int, bool]]:
    """Per branch: the version queued to it, and whether it has acknowledged that line."""
    rows = session.execute(
        select(HqReferenceSentRow, HqLedgerRow.branch_acked_down)
        .join(HqLedgerRow, HqLedgerRow.branch == HqReferenceSentRow.branch)
        .order_by(HqReferenceSentRow.branch)
    )
    return [(s.branch, s.version, acked >= s.down_seq) for s, acked in rows]
