"""HQ's answer to a branch: a down-batch with everything the branch has not acknowledged.

Every accepted up-batch (applied, already applied or held) is answered. The answer carries
`ack_upto` (the branch sequence HQ has applied) and the queued answer lines after the last one
the branch said it applied. It is written to a private temporary folder first; a USB receipt
is then written beside the imported file the atomic way (app.sync.safe_files.atomic_write).
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.db.clock import utcnow
from app.db.sync_models import HqBranchRow
from app.hq.enrollment import branch_identity
from app.hq.flags import queue_flags
from app.hq.forks import FORK, with_rows
from app.hq.home import HQ_PARTY
from app.hq.ingest import lock_ledger, pending_down
from app.hq.reference import queue_reference
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
from app.sync.safe_files import atomic_write

RECEIPT_SUFFIX = ".receipt" + SUFFIX


@dataclass(frozen=True, slots=True)
class Answer:
    manifest: Manifest
    data: bytes


def write_answer(
    session: Session,
    branch: str,
    *,
    keys: KeyPair,
    schema: str,
    replica: str,
    work_dir: Path,
    after: int | None = None,
    touch: bool = True,
) -> Answer:
    """Build the down-batch for `branch` inside the caller's transaction (ledger locked).

    `after`: the last answer line the branch says it applied (the `ack_upto` of the batch
    being answered; default: what HQ last heard). `touch=False` leaves the ledger as it is
    (the answer to a replay changes nothing at HQ)."""
    ledger = lock_ledger(session, branch)
    if touch:
        queue_flags(session, ledger)  # the duplicate pairs this branch has not heard of
        queue_reference(session, ledger)  # the reference data version it has not been sent
    row = session.get(HqBranchRow, branch)
    identity = branch_identity(row) if row is not None else None
    if identity is None:
        raise ValueError(f"branch {branch} has no registered keys to answer to")
    if after is None:
        after = ledger.branch_acked_down
    after = max(0, min(after, ledger.down_seq))
    lines = [
        with_rows(session, branch, line) if line.get("kind") == FORK else line
        for line in pending_down(session, branch, after)
    ]
    header = Header(
        kind=Kind.DOWN, schema=schema, source=HQ_PARTY, replica=replica, destination=branch,
        seq_from=after + 1, seq_to=after + len(lines), ack_upto=ledger.last_seq,
        prev_hash=ZERO_HASH,
    )  # fmt: skip
    counts = Counter(str(line.get("kind", "")) for line in lines)
    if touch:
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
    """Write the answer's bytes to `target` atomically (it may be on a USB stick, where a link
    may have been planted: app.sync.safe_files never follows one)."""
    return atomic_write(target, answer.data)
