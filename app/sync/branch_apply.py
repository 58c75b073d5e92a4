"""Branch side: applying HQ's answers (down-batches) exactly once.

An answer line is applied only if its sequence number is beyond the last one applied, inside
one transaction with the cursor's advance: a crash re-runs to the same state, a second delivery
changes nothing. Confirmations set `hq_version` on the rows HQ applied and prune the outbox
into the permanent change log; reference lines bring a version of HQ-owned lists
(app.sync.branch_reference).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.orm import Session

from app.db import search_index
from app.db.base import SYNC_BOOKKEEPING
from app.db.clock import utcnow
from app.db.models import (
    SYNCED_MODELS,
    BeneficiaryRow,
    IdentifierRow,
    LocalMetaRow,
    OutboxRow,
    PhoneRow,
)
from app.db.serialize import from_json_value
from app.db.sync_models import OutgoingBatchRow
from app.sync.batch_file import Manifest
from app.sync.branch_accounts import ACCOUNT, apply_account
from app.sync.branch_conflicts import apply_notice
from app.sync.branch_flags import apply_flag
from app.sync.branch_numbers import make_room, renumber
from app.sync.branch_recovery import Recovery, rebase
from app.sync.branch_redirects import apply_redirect, drop_from_search, retired_people
from app.sync.branch_reference import apply_reference
from app.sync.outbox_prune import move_to_change_log

DOWN_SEQ = "sync.down_seq"
RECOVERED = "sync.recovered"  # JSON: the last re-basing on HQ (a restore from an old copy)
LAST_SUCCESS = "sync.last_success_at"
REJECTED_BY_HQ = "sync.rejected_by_hq"
_TABLES = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]
# Rows whose arrival changes what the person search finds: the column naming the person.
_INDEXED = {"beneficiaries": "id", "beneficiary_identifiers": "beneficiary_id",
            "beneficiary_phones": "beneficiary_id"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DownResult:
    applied: int
    skipped: int
    held: bool
    acked_upto: int
    recovery: Recovery | None = None  # the branch was re-based on HQ (a restored copy)


def meta_int(session: Session, key: str) -> int:
    row = session.get(LocalMetaRow, key)
    return int(row.value) if row is not None else 0


def set_meta(session: Session, key: str, value: str) -> None:
    session.merge(LocalMetaRow(key=key, value=value))


def apply_down_batch(
    session: Session, manifest: Manifest, lines: list[dict[str, Any]]
) -> DownResult:
    last = meta_int(session, DOWN_SEQ)
    if manifest.seq_from > last + 1:
        return DownResult(0, 0, True, acked_upto(session))
    applied = skipped = 0
    people: set[str] = set()  # whose search index entry the lines changed
    recovery: Recovery | None = None
    for line in lines:
        if int(line["seq"]) <= last:
            skipped += 1
            continue
        kind = line.get("kind")
        if kind == "confirm":
            if _ours(session, line):
                _confirm(
                    session,
                    int(line["seq_from"]),
                    int(line["seq_to"]),
                    int(line["hq_version"]),
                    [int(s) for s in line.get("rejected", [])],
                )
        elif kind == "reference":
            apply_reference(session, line)
        elif kind == "rows":
            _upsert_row(session, line, people)
        elif kind == "fork":
            recovery = _fork(session, line, manifest.destination, people) or recovery
        elif kind == "duplicate_flag":
            apply_flag(session, line)
        elif kind == "redirect":
            apply_redirect(session, line, manifest.destination, people)
        elif kind == ACCOUNT:
            apply_account(session, line)
        elif kind == "conflict_notice":
            apply_notice(session, line)
        applied += 1
        last = int(line["seq"])
    _reindex(session, people)
    set_meta(session, DOWN_SEQ, str(last))
    set_meta(session, LAST_SUCCESS, utcnow().isoformat(timespec="seconds"))
    return DownResult(applied, skipped, False, acked_upto(session), recovery)


def _ours(session: Session, line: dict[str, Any]) -> bool:
    """Does a confirmation speak of a batch this branch made? (After a restore from an old
    copy, HQ's confirmations of the batches the lost disk made must not prune this copy's
    outbox: they name other batches with the same sequence numbers.)"""
    batch = line.get("batch_id")
    if batch is None:  # an answer from an HQ before confirmations named their batch
        return True
    record = session.get(OutgoingBatchRow, str(batch))
    return record is not None and record.content_sha256 == line.get("content_sha256")


def _fork(session: Session, line: dict[str, Any], branch: str, people: set[str]) -> Recovery | None:
    """HQ refused this branch's history as a fork: re-base on HQ, take back HQ's rows."""
    rebased = rebase(session, line, branch)
    came_back = 0
    for item in line.get("rows") or []:
        came_back += _upsert_row(session, {"kind": "rows", **item}, people)
    if rebased is None:
        return None
    recovery = replace(rebased, from_hq=came_back)
    set_meta(session, RECOVERED, json.dumps({
        "at": utcnow().isoformat(timespec="seconds"), "from_hq": recovery.from_hq,
        "resent": recovery.resent, "shared": recovery.shared,
    }))  # fmt: skip
    return recovery


def acked_upto(session: Session) -> int:
    return (
        session.scalar(
            select(func.max(OutgoingBatchRow.seq_to)).where(OutgoingBatchRow.acked_at.is_not(None))
        )
        or 0
    )


def _confirm(
    session: Session, seq_from: int, seq_to: int, hq_version: int, rejected: list[int]
) -> None:
    in_range = (OutboxRow.seq >= seq_from) & (OutboxRow.seq <= seq_to)
    for name, model in _TABLES.items():
        ids = select(OutboxRow.row_id).where(in_range, OutboxRow.table_name == name)
        session.execute(
            update(model).where(model.id.in_(ids)).values(hq_version=hq_version)
            .execution_options(synchronize_session=False)
        )  # fmt: skip
    if rejected:
        previous = session.get(LocalMetaRow, REJECTED_BY_HQ)
        count = int(previous.value) if previous else 0
        set_meta(session, REJECTED_BY_HQ, str(count + len(rejected)))
    session.execute(
        update(OutgoingBatchRow)
        .where(OutgoingBatchRow.seq_to <= seq_to, OutgoingBatchRow.acked_at.is_(None))
        .values(acked_at=utcnow())
    )
    move_to_change_log(session, seq_to)


def _upsert_row(session: Session, line: dict[str, Any], people: set[str]) -> bool:
    """Insert or overwrite a whole synced row sent by HQ (Core: no outbox row is written).

    The branch's own `local_id` of a row it holds is kept. A change of the branch's own still
    waiting in the outbox is laid over HQ's values again: it is on its way to HQ, which merges
    it there, and the user must not see it vanish meanwhile.
    """
    name = str(line.get("table"))
    model = _TABLES.get(name)
    row = line.get("row")
    if model is None or not isinstance(row, dict) or not isinstance(row.get("id"), str):
        raise ValueError(f"HQ sent a malformed row line (table {name!r})")
    table: Table = model.__table__  # type: ignore[attr-defined]
    types = {c.key: _python_type(c.type) for c in table.columns if c.key != "local_id"}
    values = {k: from_json_value(types[k], v) for k, v in row.items() if k in types}
    row_id: str = values["id"]
    for changes, changed_at, user_id, version in session.execute(
        select(OutboxRow.changes, OutboxRow.changed_at, OutboxRow.user_id, OutboxRow.row_version)
        .where(OutboxRow.table_name == name, OutboxRow.row_id == row_id)
        .order_by(OutboxRow.seq)
    ):
        for field, (_old, new) in json.loads(changes).items():
            if field in types and field not in SYNC_BOOKKEEPING:
                values[field] = from_json_value(types[field], new)
        # As HQ will record the change when it merges it.
        values["updated_at"], values["updated_by"] = changed_at, user_id
        values["row_version"] = max(int(values.get("row_version") or 0), version)
    local = session.execute(
        select(table.c.local_id, table.c.row_version).where(table.c.id == row_id)
    ).first()
    sent_version = int(values.get("row_version") or 0)
    cleared = make_room(session, values) if name == "beneficiaries" else None
    if local is None:
        session.execute(insert(table).values(values))
    else:
        values["row_version"] = max(sent_version, local.row_version)
        session.execute(update(table).where(table.c.id == row_id).values(values))
    if cleared is not None:
        renumber(session, cleared)
    person = values.get(_INDEXED[name]) if name in _INDEXED else None
    if isinstance(person, str):
        people.add(person)
    return local is None or local.row_version < sent_version


def _python_type(column_type: Any) -> type:
    try:
        return column_type.python_type  # type: ignore[no-any-return]
    except NotImplementedError:
        return object


def _reindex(session: Session, people: set[str]) -> None:
    """Index the people whose rows arrived as the registration form does (their name parts,
    mother's name, live identifiers and phones); a tombstoned person leaves the index."""
    for person_id in sorted(people):
        person = session.execute(
            select(
                BeneficiaryRow.local_id, BeneficiaryRow.first_name, BeneficiaryRow.father_name,
                BeneficiaryRow.grandfather_name, BeneficiaryRow.family_name,
                BeneficiaryRow.mother_name, BeneficiaryRow.latin_name, BeneficiaryRow.deleted_at,
            ).where(BeneficiaryRow.id == person_id)
        ).first()  # fmt: skip
        if person is None:  # identifiers without their person: indexed when it comes
            continue
        if person.deleted_at is not None:
            search_index.remove(session, person.local_id)
            continue
        numbers = session.scalars(
            select(IdentifierRow.number)
            .where(IdentifierRow.beneficiary_id == person_id, IdentifierRow.deleted_at.is_(None))
            .order_by(IdentifierRow.id_type, IdentifierRow.number)
        ).all()
        phones = session.scalars(
            select(PhoneRow.e164)
            .where(PhoneRow.beneficiary_id == person_id, PhoneRow.deleted_at.is_(None))
            .order_by(PhoneRow.position)
        ).all()
        names = (person.first_name, person.father_name, person.grandfather_name,
                 person.family_name)  # fmt: skip
        search_index.put(
            session,
            person.local_id,
            search_index.index_values(
                names, person.mother_name, numbers, phones, latin_name=person.latin_name
            ),
        )
    drop_from_search(session, retired_people(session, people))  # merged into another record
