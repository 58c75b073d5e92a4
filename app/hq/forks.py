"""A branch restored from an old copy (docs/sync-protocol.md, "Forks"): HQ's side.

When a batch does not continue what HQ applied from its branch, HQ refuses it as a fork and
owes the branch one answer line, queued like any other so it travels over HTTP and USB alike:

    {"kind": "fork", "claim_from", "claim_prev",   the position of the batch refused
     "last_seq", "last_hash",                      where HQ stands for this branch
     "from", "digests",                            one 8-byte digest per change HQ applied
                                                   after the last point both share (base64)
     "rows_after"}                                 HQ version of that point

With it the branch finds exactly which of its unsent changes HQ already has, re-bases the
others after `last_seq` (new sequence numbers, the same changes: nothing applies twice), and
takes back its own rows HQ changed after that point: when the answer is written, the fork line
carries them (`rows`: every row the branch owns with an HQ version above `rows_after`), as
HQ holds them at that moment. A branch that asks again from the same position before it has
taken the answer gets the same line again, not a new one.
"""

from __future__ import annotations

import base64
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import SYNCED_MODELS
from app.db.serialize import to_json_value
from app.db.sync_models import HqBatchRow
from app.hq.ingest import ForkDetected, agreed_batch, lock_ledger, queue_down
from app.sync.batch_file import ZERO_HASH
from app.sync.change_digest import DIGEST_SIZE

FORK = "fork"
_TABLES: list[Table] = [m.__table__ for m in SYNCED_MODELS]  # type: ignore[attr-defined]


def queue_fork(session: Session, fork: ForkDetected) -> int:
    """Owe the branch the fork line for this refused batch (once per position); its seq."""
    manifest = fork.manifest
    branch = manifest.source
    ledger = lock_ledger(session, branch)
    claim = f"{manifest.seq_from}:{manifest.prev_hash}"
    if (
        ledger.fork_claim == claim and ledger.fork_down_seq is not None
        and ledger.fork_down_seq > manifest.ack_upto
    ):  # fmt: skip
        return ledger.fork_down_seq  # already owed, not yet taken
    agreed = agreed_batch(session, branch, manifest)
    if agreed is not None:
        since, rows_after = agreed.seq_to, agreed.hq_version or 0
    elif manifest.seq_from == 1 and manifest.prev_hash == ZERO_HASH:
        since, rows_after = 0, 0
    else:  # nothing in common that HQ can name: everything after the start
        since, rows_after = 0, 0
    seq = queue_down(session, ledger, {
        "kind": FORK, "claim_from": manifest.seq_from, "claim_prev": manifest.prev_hash,
        "last_seq": ledger.last_seq, "last_hash": ledger.last_hash, "from": since + 1,
        "digests": base64.b64encode(applied_digests(session, branch, since)).decode("ascii"),
        "rows_after": rows_after,
    })  # fmt: skip
    ledger.fork_claim, ledger.fork_down_seq = claim, seq
    return seq


def applied_digests(session: Session, branch: str, since: int) -> bytes:
    """The digests of the changes HQ applied from `branch` after `since`, in order (a batch
    applied before digests were kept counts as zeros: it never matches, so its changes are
    re-sent, and merged again as a re-sent insert or update)."""
    parts: list[bytes] = []
    for seq_from, seq_to, digests in session.execute(
        select(HqBatchRow.seq_from, HqBatchRow.seq_to, HqBatchRow.digests)
        .where(
            HqBatchRow.branch == branch,
            HqBatchRow.status == "applied",
            HqBatchRow.seq_to > since,
        )
        .order_by(HqBatchRow.seq_from)
    ):
        count = seq_to - seq_from + 1
        blob = digests if digests is not None and len(digests) == count * DIGEST_SIZE else None
        parts.append(blob or bytes(count * DIGEST_SIZE))
    return b"".join(parts)


def with_rows(session: Session, branch: str, line: dict[str, Any]) -> dict[str, Any]:
    """A fork line as it is sent: with the branch's own rows HQ holds after `rows_after`."""
    after = int(line.get("rows_after") or 0)
    rows: list[dict[str, Any]] = []
    for table in _TABLES:
        cols = [c for c in table.columns if c.key != "local_id"]
        for row in session.execute(
            select(*cols)
            .where(table.c.origin_branch == branch, table.c.hq_version > after)
            .order_by(table.c.hq_version, table.c.id)
        ):
            values = {k: to_json_value(v) for k, v in row._mapping.items()}
            rows.append({"table": table.name, "row": values})
    return {**line, "rows": rows}
