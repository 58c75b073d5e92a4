"""Branch side: applying HQ's answers (down-batches) exactly once.

An answer line is applied only if its sequence number is beyond the last one applied, inside
one transaction with the cursor's advance: a crash re-runs to the same state, a second delivery
changes nothing. Confirmations set `hq_version` on the rows HQ applied and prune the outbox
into the permanent change log; reference lines refresh HQ-owned lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.db.case_models import AgencyRow, CaseTypeRow
from app.db.clock import utcnow
from app.db.models import SYNCED_MODELS, LocalMetaRow, MunicipalityRow, OutboxRow
from app.db.sync_models import ChangeLogRow, OutgoingBatchRow
from app.sync.batch_file import Manifest

DOWN_SEQ = "sync.down_seq"
LAST_SUCCESS = "sync.last_success_at"
REJECTED_BY_HQ = "sync.rejected_by_hq"
_TABLES = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class DownResult:
    applied: int
    skipped: int
    held: bool
    acked_upto: int


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
    for line in lines:
        if int(line["seq"]) <= last:
            skipped += 1
            continue
        kind = line.get("kind")
        if kind == "confirm":
            _confirm(
                session,
                int(line["seq_from"]),
                int(line["seq_to"]),
                int(line["hq_version"]),
                [int(s) for s in line.get("rejected", [])],
            )
        elif kind == "reference":
            _reference(session, line)
        applied += 1
        last = int(line["seq"])
    set_meta(session, DOWN_SEQ, str(last))
    set_meta(session, LAST_SUCCESS, utcnow().isoformat(timespec="seconds"))
    return DownResult(applied, skipped, False, acked_upto(session))


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
    _prune(session, seq_to)


def _prune(session: Session, upto: int) -> None:
    """Move acknowledged outbox rows into the change log (the records' lasting history)."""
    columns = [c.key for c in ChangeLogRow.__table__.columns]
    session.execute(
        insert(ChangeLogRow).from_select(
            columns,
            select(*[OutboxRow.__table__.c[c] for c in columns]).where(OutboxRow.seq <= upto),
        )
    )
    session.execute(delete(OutboxRow).where(OutboxRow.seq <= upto))


def _reference(session: Session, line: dict[str, Any]) -> None:
    table = line.get("table")
    row = line["row"]
    if table == "case_types":
        session.merge(CaseTypeRow(
            code=row["code"], name_ar=row["name_ar"], name_en=row["name_en"],
            sensitive=bool(row["sensitive"]), fields=row["fields"], position=int(row["position"]),
            version=row["version"], active=bool(row["active"]),
        ))  # fmt: skip
        return
    if table == "agencies":
        session.merge(AgencyRow(
            code=row["code"], name_ar=row["name_ar"], name_en=row["name_en"], kind=row["kind"],
            version=row["version"], active=bool(row["active"]),
        ))  # fmt: skip
        return
    if table != "municipalities":
        return
    session.merge(MunicipalityRow(
        code=row["code"], name_ar=row["name_ar"], name_en=row["name_en"],
        district_code=row["district_code"], district_ar=row["district_ar"],
        district_en=row["district_en"], version=row["version"], active=bool(row["active"]),
    ))  # fmt: skip
