"""Branch side: turning outbox rows into up-batches, and recording what was sent.

A batch covers a contiguous range of outbox sequence numbers. Its row in `sync_outgoing` is
committed *before* its file is written, and its content is a pure function of the outbox rows,
so a crash between the two is repaired by writing the same file again (same id, same hash).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import and_, func, not_, select
from sqlalchemy.orm import Session

from app.db.audit import AUDIT_TABLE
from app.db.clock import utcnow
from app.db.models import OutboxCountRow, OutboxRow
from app.db.sync_models import ChangeLogRow, OutgoingBatchRow
from app.sync.batch_file import ZERO_HASH, Header, Kind, batch_id, file_name, write_batch
from app.sync.keys import KeyPair, PublicIdentity

HQ = "HQ"
MAX_CHANGES_PER_BATCH = 1_000_000
# The audit entries sync writes about itself ("sync.run", "sync.export", "sync.import") travel
# with the next batch but never make one on their own: otherwise every sync would leave one
# new entry behind and the outbox would never empty. (The outbox stores changed fields as JSON
# with sorted keys, so an audit entry's JSON starts with its action.)
SYNC_BOOKKEEPING = and_(
    OutboxRow.table_name == AUDIT_TABLE,
    OutboxRow.changes.like('{"action":[null,"sync.%'),
)
SENDS_ALONE = not_(SYNC_BOOKKEEPING)


def pending_changes(session: Session) -> int:
    """Changes waiting to be sent, as the user counts them (sync's own entries left out):
    kept in `outbox_count` (migration 0016, app.sync.outbox_prune), never counted again."""
    kept = session.scalar(select(OutboxCountRow.pending).where(OutboxCountRow.id == 1))
    if kept is not None:
        return kept
    return count_pending(session)


def count_pending(session: Session) -> int:
    """The same number counted row by row (the whole outbox: seconds at a million changes)."""
    return session.scalar(select(func.count()).select_from(OutboxRow).where(SENDS_ALONE)) or 0


def change_line(row: OutboxRow, origin: str) -> dict[str, Any]:
    return {
        "seq": row.seq,
        "table": row.table_name,
        "row_id": row.row_id,
        "op": row.op,
        "changes": orjson.loads(row.changes),
        "row_version": row.row_version,
        "base_hq_version": row.base_hq_version,
        "user_id": row.user_id,
        "changed_at": row.changed_at.isoformat(timespec="microseconds"),
        "origin": origin,
    }


def _encoded_lines(session: Session, seq_from: int, seq_to: int, origin: str) -> Iterator[bytes]:
    for _seq, line in _encoded(session, OutboxRow, seq_from, seq_to, origin):
        yield line


def encoded_history(
    session: Session, seq_from: int, seq_to: int, origin: str
) -> Iterator[tuple[int, bytes]]:
    """This branch's changes in the range, acknowledged (change log) or not (outbox), each as
    the very line its batch carried, in sequence order."""
    logged = _encoded(session, ChangeLogRow, seq_from, seq_to, origin)
    pending = _encoded(session, OutboxRow, seq_from, seq_to, origin)
    yield from heapq.merge(logged, pending, key=lambda pair: pair[0])


def _encoded(
    session: Session,
    model: type[OutboxRow] | type[ChangeLogRow],
    seq_from: int,
    seq_to: int,
    origin: str,
) -> Iterator[tuple[int, bytes]]:
    # The outbox's changes column is already JSON: splice it in rather than parse and re-dump.
    rows = session.execute(
        select(
            model.seq, model.table_name, model.row_id, model.op,
            model.changes, model.row_version, model.base_hq_version,
            model.user_id, model.changed_at,
        )
        .where(model.seq >= seq_from, model.seq <= seq_to)
        .order_by(model.seq)
        .execution_options(yield_per=10_000)
    )  # fmt: skip
    origin_json = orjson.dumps(origin).decode()
    for seq, table, row_id, op, changes, version, base, user, at in rows:
        yield (
            seq,
            (
                f'{{"seq":{seq},"table":{orjson.dumps(table).decode()},'
                f'"row_id":{orjson.dumps(row_id).decode()},"op":"{op}","changes":{changes},'
                f'"row_version":{version},"base_hq_version":{"null" if base is None else base},'
                f'"user_id":{orjson.dumps(user).decode()},'
                f'"changed_at":"{at.isoformat(timespec="microseconds")}","origin":{origin_json}}}\n'
            ).encode(),
        )


@dataclass(frozen=True, slots=True)
class PlannedBatch:
    batch_id: str
    seq_from: int
    seq_to: int


def plan_next_batch(session: Session, branch: str) -> PlannedBatch | None:
    """Record the next batch (the outbox changes after the last batch) if there are any."""
    last_to = session.scalar(select(func.max(OutgoingBatchRow.seq_to))) or 0
    newest = session.scalar(select(func.max(OutboxRow.seq))) or 0
    if newest <= last_to:
        return None
    worth_sending = session.scalar(
        select(OutboxRow.seq).where(OutboxRow.seq > last_to, SENDS_ALONE).limit(1)
    )
    if worth_sending is None:
        return None
    seq_from = last_to + 1
    seq_to = min(newest, last_to + MAX_CHANGES_PER_BATCH)
    planned = PlannedBatch(batch_id(branch, Kind.UP, seq_from, seq_to), seq_from, seq_to)
    session.add(
        OutgoingBatchRow(
            batch_id=planned.batch_id,
            seq_from=seq_from,
            seq_to=seq_to,
            content_sha256="",  # known once written (it is the same whenever it is written)
            file_name=file_name(branch, Kind.UP, seq_from, seq_to),
            created_at=utcnow(),
        )
    )
    return planned


def write_outgoing(
    session: Session,
    record: OutgoingBatchRow,
    folder: Path,
    *,
    branch: str,
    replica: str,
    schema: str,
    ack_upto: int,
    keys: KeyPair,
    hq: PublicIdentity,
) -> Path:
    """Write (or write again) the file of a recorded batch; fills in its content hash."""
    previous = session.scalar(
        select(OutgoingBatchRow.content_sha256)
        .where(OutgoingBatchRow.seq_to == record.seq_from - 1)
    )  # fmt: skip
    if record.seq_from > 1 and not previous:
        raise RuntimeError("the previous batch must be written first")
    counts = dict(
        session.execute(
            select(OutboxRow.table_name, func.count())
            .where(OutboxRow.seq >= record.seq_from, OutboxRow.seq <= record.seq_to)
            .group_by(OutboxRow.table_name)
        ).all()
    )
    header = Header(
        kind=Kind.UP, schema=schema, source=branch, replica=replica, destination=HQ,
        seq_from=record.seq_from, seq_to=record.seq_to, ack_upto=ack_upto,
        prev_hash=previous or ZERO_HASH,
    )  # fmt: skip
    path, manifest = write_batch(
        folder, header, _encoded_lines(session, record.seq_from, record.seq_to, branch),
        counts, keys, hq,
    )  # fmt: skip
    record.content_sha256 = manifest.content_sha256
    return path
