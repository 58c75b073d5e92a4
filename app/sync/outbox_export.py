"""Branch side: turning outbox rows into up-batches, and recording what was sent.

A batch covers a contiguous range of outbox sequence numbers. Its row in `sync_outgoing` is
committed *before* its file is written, and its content is a pure function of the outbox rows,
so a crash between the two is repaired by writing the same file again (same id, same hash).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast

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
    kept in `outbox_count` (migration 0017, app.sync.outbox_prune), never counted again."""
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
    """The batch's content: its change lines in sequence order, several thousand to a piece."""
    origin_json = orjson.dumps(origin).decode()
    for rows in _line_rows(session, OutboxRow, seq_from, seq_to, origin_json):
        lines = [line for _seq, line in rows]
        if None in lines:
            lines = [line for _seq, line in _fill_in(session, OutboxRow, rows, origin_json)]
        yield b"".join(lines)  # type: ignore[arg-type]  # no None left


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
    origin_json = orjson.dumps(origin).decode()
    for rows in _line_rows(session, model, seq_from, seq_to, origin_json):
        yield from _fill_in(session, model, rows, origin_json)


def line_text(
    seq: int, table: str, row_id: str, op: str, changes: str, version: int, base: int | None,
    user: str, at: datetime, origin_json: str,
) -> bytes:  # fmt: skip
    """One change line, built in Python: the definition of what `_LINE_SQL` builds in SQLite
    (the outbox's changes column is already JSON with sorted keys: spliced in, not re-dumped)."""
    return (
        f'{{"seq":{seq},"table":{orjson.dumps(table).decode()},'
        f'"row_id":{orjson.dumps(row_id).decode()},"op":"{op}","changes":{changes},'
        f'"row_version":{version},"base_hq_version":{"null" if base is None else base},'
        f'"user_id":{orjson.dumps(user).decode()},'
        f'"changed_at":"{at.isoformat(timespec="microseconds")}","origin":{origin_json}}}\n'
    ).encode()


# The same line built by SQLite, one `format()` per row, handed over as bytes (no decoding):
# SQLite's json_quote escapes exactly as orjson does, a DateTime is stored as
# 'YYYY-MM-DD HH:MM:SS.ffffff' (its isoformat with a T). A row stored any other way (a time
# without its microseconds, a version that is not an integer) comes back as NULL and is built
# by `line_text` from the row SQLAlchemy reads. (The changes column holds JSON as capture writes
# it, which escapes every control character: no NUL to cut `format()`'s %s short.)
# tests/sync/test_export_lines.py holds the two to the same bytes.
_STORED_TIME = "[0-9]" * 4 + "-" + "[0-9]" * 2 + "-" + "[0-9]" * 2 + " " + ":".join(
    ["[0-9]" * 2] * 3
) + "." + "[0-9]" * 6  # fmt: skip
_LINE_FORMAT = (
    '{"seq":%d,"table":%s,"row_id":%s,"op":"%s","changes":%s,"row_version":%d,'
    '"base_hq_version":%s,"user_id":%s,"changed_at":"%.10sT%s","origin":%s}\n'
)
_LINE_SQL = f"""SELECT seq, CASE
  WHEN changed_at GLOB '{_STORED_TIME}' AND typeof(row_version) = 'integer'
   AND typeof(base_hq_version) IN ('integer', 'null') AND op IN ('insert', 'update', 'delete')
  THEN CAST(format('{_LINE_FORMAT}', seq, json_quote(table_name), json_quote(row_id), op,
       changes, row_version, coalesce(base_hq_version, 'null'), json_quote(user_id),
       changed_at, substr(changed_at, 12), ?) AS BLOB)
  END
FROM "{{}}" WHERE seq >= ? AND seq <= ? ORDER BY seq"""
_PIECE = 2_000  # rows per fetch: about 1.7 MB of lines


def _line_rows(
    session: Session,
    model: type[OutboxRow] | type[ChangeLogRow],
    seq_from: int,
    seq_to: int,
    origin_json: str,
) -> Iterator[Sequence[tuple[int, bytes | None]]]:
    """(seq, line or None) of the rows in the range, in order, a fetch at a time, read through
    a raw cursor on the session's own connection (same transaction, no result layer)."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(
            _LINE_SQL.replace('"{}"', model.__tablename__), (origin_json, seq_from, seq_to)
        )
        while rows := cursor.fetchmany(_PIECE):
            yield rows
    finally:
        cursor.close()


def _fill_in(
    session: Session,
    model: type[OutboxRow] | type[ChangeLogRow],
    rows: Sequence[tuple[int, bytes | None]],
    origin_json: str,
) -> list[tuple[int, bytes]]:
    """The rows with the lines SQLite left out built by `line_text` from what SQLAlchemy
    reads."""
    missing = [seq for seq, line in rows if line is None]
    if not missing:
        return cast("list[tuple[int, bytes]]", rows)
    found = session.scalars(select(model).where(model.seq.in_(missing))).all()
    read = {row.seq: row for row in cast("Sequence[OutboxRow | ChangeLogRow]", found)}
    return [
        (seq, line if line is not None else _row_text(read[seq], origin_json)) for seq, line in rows
    ]


def _row_text(row: OutboxRow | ChangeLogRow, origin_json: str) -> bytes:
    return line_text(
        row.seq, row.table_name, row.row_id, row.op, row.changes, row.row_version,
        row.base_hq_version, row.user_id, row.changed_at, origin_json,
    )  # fmt: skip


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
