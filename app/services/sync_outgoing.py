"""The branch's `outgoing/` folder: up-batch files kept until HQ acknowledges them.

Each batch is recorded (a `sync_outgoing` row, committed) before its file is written, and its
file is written once and then sent or copied as is: a retry always carries the same bytes. A
file that went missing is written again from the outbox (same batch id, same content hash).
Files of acknowledged batches are removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.db import migrate
from app.db.sync_models import OutgoingBatchRow
from app.db.unit_of_work import Database
from app.services.sync_errors import SyncError, SyncErrorCode
from app.sync.batch_file import ZERO_HASH, Header, Kind, write_batch
from app.sync.branch_apply import DOWN_SEQ, meta_int
from app.sync.keys import KeyPair, PublicIdentity
from app.sync.outbox_export import HQ, plan_next_batch, write_outgoing
from app.sync.poll_name import is_poll_name
from app.sync.safe_files import NotRegularFile, atomic_write, copy_file

OUTGOING = "outgoing"
INCOMING = "incoming"


@dataclass(frozen=True, slots=True)
class Party:
    """This branch as a sync party: who it is, its keys, and the HQ it is pinned to."""

    code: str
    replica: str
    keys: KeyPair
    hq: PublicIdentity
    hq_url: str


@dataclass(frozen=True, slots=True)
class OutgoingFile:
    path: Path
    batch_id: str
    seq_from: int
    seq_to: int

    @property
    def changes(self) -> int:
        return self.seq_to - self.seq_from + 1


def prepare_outgoing(db: Database, data_dir: Path, party: Party) -> list[OutgoingFile]:
    """Record a batch for any new changes, write every missing file; all un-acknowledged."""
    folder = data_dir / OUTGOING
    folder.mkdir(parents=True, exist_ok=True)
    with db.transaction(None) as session:
        while plan_next_batch(session, party.code) is not None:
            session.flush()
    with db.read() as session:
        pending = [
            (r.batch_id, r.file_name, r.content_sha256)
            for r in session.scalars(
                select(OutgoingBatchRow)
                .where(OutgoingBatchRow.acked_at.is_(None))
                .order_by(OutgoingBatchRow.seq_from)
            )
        ]
    files: list[OutgoingFile] = []
    for batch_id, name, content_hash in pending:
        if not content_hash or not (folder / name).is_file():
            with db.transaction(None) as session:
                record = session.get(OutgoingBatchRow, batch_id)
                assert record is not None
                write_outgoing(
                    session, record, folder, branch=party.code, replica=party.replica,
                    schema=migrate.head_revision(), ack_upto=meta_int(session, DOWN_SEQ),
                    keys=party.keys, hq=party.hq,
                )  # fmt: skip
        with db.read() as session:
            record = session.get(OutgoingBatchRow, batch_id)
            assert record is not None
            files.append(OutgoingFile(folder / name, batch_id, record.seq_from, record.seq_to))
    remove_stale(folder, {f.path.name for f in files})
    return files


def remove_stale(folder: Path, keep: set[str]) -> None:
    """Drop files of acknowledged batches and leftovers of interrupted writes."""
    if not folder.is_dir():
        return
    for path in folder.glob("*"):
        if path.is_file() and path.name not in keep:
            path.unlink(missing_ok=True)


def write_poll(db: Database, data_dir: Path, party: Party) -> Path:
    """An empty up-batch (nothing to send): it asks HQ for what it owes this branch.

    Its range is empty (`seq_from = last + 1`, `seq_to = last`), which HQ answers like a
    replay: it applies nothing and sends back its answer lines.
    """
    with db.read() as session:
        last = session.scalars(
            select(OutgoingBatchRow).order_by(OutgoingBatchRow.seq_to.desc()).limit(1)
        ).first()
        last_to = last.seq_to if last is not None else 0
        prev = last.content_sha256 if last is not None and last.content_sha256 else ZERO_HASH
        ack = meta_int(session, DOWN_SEQ)
    header = Header(
        kind=Kind.UP, schema=migrate.head_revision(), source=party.code,
        replica=party.replica, destination=HQ, seq_from=last_to + 1, seq_to=last_to,
        ack_upto=ack, prev_hash=prev,
    )  # fmt: skip
    folder = data_dir / INCOMING / "poll"
    path, _manifest = write_batch(folder, header, [], {}, party.keys, party.hq)
    return path


def export_to(
    db: Database, data_dir: Path, party: Party, to_dir: Path, *, poll: bool
) -> list[Path]:
    """Copy every unacknowledged batch to `to_dir`; with none and `poll`, a request for news."""
    files = prepare_outgoing(db, data_dir, party)
    if files or not poll:
        return copy_to(files, to_dir)
    request = write_poll(db, data_dir, party)
    try:
        return copy_to([request], to_dir)
    finally:
        request.unlink(missing_ok=True)


def is_poll(path: Path) -> bool:
    """Is this exported file a request for news (an empty range: `…-up-N+1-N.sanad`)?"""
    return is_poll_name(path.name)


def copy_to(files: list[OutgoingFile] | list[Path], target: Path) -> list[Path]:
    """Copy each file to `target` (a USB stick) the atomic way, as the originals were written:
    a link planted on the stick is replaced, never followed (app.sync.safe_files)."""
    paths = [f if isinstance(f, Path) else f.path for f in files]
    try:
        target.mkdir(parents=True, exist_ok=True)
        return [copy_file(path, target / path.name) for path in paths]
    except OSError as err:
        raise SyncError(SyncErrorCode.FOLDER, f"{target}: {_describe(err)}") from None


def save_answer(data_dir: Path, name: str, content: bytes) -> Path:
    """Keep HQ's answer as a file (`*.receipt.sanad`) so it is checked like one from USB."""
    folder = data_dir / INCOMING
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name.replace(".sanad", ".receipt.sanad")
    return atomic_write(path, content)


def _describe(err: OSError) -> str:
    if isinstance(err, NotRegularFile):
        return str(err)
    return str(err.strerror or err)
