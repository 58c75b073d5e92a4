"""HQ's answer to a branch: a down-batch with everything the branch has not acknowledged.

Every accepted up-batch (applied, already applied or held) is answered. The answer carries
`ack_upto` (the branch sequence HQ has applied) and the queued answer lines after the last one
the branch said it applied. It is written to a private temporary folder first; a USB receipt
is then copied beside the imported file the atomic way (`.part`, fsync, rename).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.db.clock import utcnow
from app.db.sync_models import HqBranchRow
from app.hq.enrollment import branch_identity
from app.hq.home import HQ_PARTY
from app.hq.ingest import lock_ledger, pending_down
from app.sync.batch_file import (
    SUFFIX,
    ZERO_HASH,
    Header,
    Kind,
    Manifest,
    encode_lines,
    write_batch,
)
from app.sync.keys import KeyPair

RECEIPT_SUFFIX = ".receipt" + SUFFIX


@dataclass(frozen=True, slots=True)
class Answer:
    manifest: Manifest
    data: bytes


def write_answer(
    session: Session, branch: str, *, keys: KeyPair, schema: str, replica: str, work_dir: Path
) -> Answer:
    """Build the down-batch for `branch` inside the caller's transaction (ledger locked)."""
    ledger = lock_ledger(session, branch)
    row = session.get(HqBranchRow, branch)
    identity = branch_identity(row) if row is not None else None
    if identity is None:
        raise ValueError(f"branch {branch} has no registered keys to answer to")
    after = ledger.branch_acked_down
    lines = pending_down(session, branch, after)
    header = Header(
        kind=Kind.DOWN, schema=schema, source=HQ_PARTY, replica=replica, destination=branch,
        seq_from=after + 1, seq_to=after + len(lines), ack_upto=ledger.last_seq,
        prev_hash=ZERO_HASH,
    )  # fmt: skip
    counts = Counter(str(line.get("kind", "")) for line in lines)
    ledger.last_receipt_at = utcnow()
    folder = Path(tempfile.mkdtemp(prefix="answer-", dir=work_dir))
    try:
        path, manifest = write_batch(folder, header, encode_lines(lines), dict(counts), keys,
                                     identity)  # fmt: skip
        return Answer(manifest, path.read_bytes())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def receipt_path(imported: Path) -> Path:
    name = imported.name
    stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    return imported.with_name(stem + RECEIPT_SUFFIX)


def is_receipt(path: Path) -> bool:
    return path.name.endswith(RECEIPT_SUFFIX)


def save_receipt(answer: Answer, target: Path) -> Path:
    """Write the answer's bytes to `target` atomically (it may be on a USB stick)."""
    part = target.with_name(target.name + ".part")
    with part.open("wb") as out:
        out.write(answer.data)
        out.flush()
        os.fsync(out.fileno())
    part.replace(target)
    try:
        fd = os.open(target.parent, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder
        return target
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return target
