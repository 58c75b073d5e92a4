"""A branch restored from an old copy takes HQ's fork answer (docs/sync-protocol.md, "Forks").

The copy and HQ share a history up to some change; after it, HQ holds changes the copy lost
(made by the branch before its disk died, say) and the copy holds changes HQ never saw (made
since the restore), numbered with the same sequence numbers. HQ's fork line says where HQ
stands (`last_seq`, `last_hash`) and gives one digest per change it applied after the last
point both share (`from`…`last_seq`). In ONE transaction the branch then:

1. finds the divergence: its own changes from `from` on (change log and outbox, encoded as
   they were sent) that match HQ's digests one after another are changes HQ already has;
2. moves those into the change log (acknowledged) and re-numbers every later change of its
   outbox after `last_seq` (the same changes, new sequence numbers: nothing applies twice);
3. forgets its unsent batches and records HQ's position as acknowledged, so its next batch
   starts at `last_seq + 1` and continues HQ's chain;
4. takes back its own rows as HQ holds them (the fork line's `rows`), its re-based changes
   laid over them until HQ merges them.

A fork line for a position the branch no longer holds (already recovered) only refreshes the
rows. The result counts what came back and what will be re-sent, for the worker's message.
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from app.db.clock import utcnow
from app.db.models import OutboxRow
from app.db.sync_models import OutgoingBatchRow
from app.sync.batch_file import ZERO_HASH
from app.sync.change_digest import DIGEST_SIZE, change_digest
from app.sync.outbox_export import SENDS_ALONE, encoded_history
from app.sync.outbox_prune import move_to_change_log

_NAMESPACE = uuid.UUID("0b5e7a8e-1f7c-4a6b-9d0e-5265626173e1")


@dataclass(frozen=True, slots=True)
class Recovery:
    rebased: bool  # False: the line was for a position already left behind
    shared: int  # changes of the copy that HQ already had (acknowledged now)
    resent: int  # changes re-numbered after HQ's position, to be sent
    from_hq: int  # rows HQ sent back that the copy lacked or held older


def claim(session: Session) -> tuple[int, str]:
    """Where this branch stands: the first range it has not had acknowledged, and the hash
    of the batch before it (what its next up-batch or poll says)."""
    first = session.scalar(
        select(func.min(OutgoingBatchRow.seq_from)).where(OutgoingBatchRow.acked_at.is_(None))
    )
    start = first if first is not None else (
        session.scalar(select(func.max(OutgoingBatchRow.seq_to))) or 0
    ) + 1  # fmt: skip
    if start == 1:
        return 1, ZERO_HASH
    prev = session.scalar(
        select(OutgoingBatchRow.content_sha256).where(OutgoingBatchRow.seq_to == start - 1)
    )
    return start, prev or ZERO_HASH


def rebase(session: Session, line: dict[str, Any], branch: str) -> Recovery | None:
    """Re-base this branch on HQ's position if the fork line is about where it stands."""
    claim_from, claim_prev = int(line["claim_from"]), str(line["claim_prev"])
    if claim(session) != (claim_from, claim_prev):
        return None
    last_seq, last_hash = int(line["last_seq"]), str(line["last_hash"])
    start = int(line["from"])
    theirs = base64.b64decode(str(line["digests"]))
    if len(theirs) != (last_seq - start + 1) * DIGEST_SIZE:
        raise ValueError("HQ's fork line does not match its own range")
    agreed = start - 1
    for seq, raw in encoded_history(session, start, last_seq, branch):
        at = (seq - start) * DIGEST_SIZE
        if seq != agreed + 1 or change_digest(raw) != theirs[at : at + DIGEST_SIZE]:
            break
        agreed = seq
    shared = move_to_change_log(session, agreed)
    resent = _renumber(session, agreed, last_seq)
    session.execute(delete(OutgoingBatchRow).where(OutgoingBatchRow.acked_at.is_(None)))
    session.execute(delete(OutgoingBatchRow).where(OutgoingBatchRow.seq_to > agreed))
    session.add(
        OutgoingBatchRow(
            batch_id=str(uuid.uuid5(_NAMESPACE, f"{branch}/{last_seq}/{last_hash}")),
            seq_from=start,
            seq_to=last_seq,
            content_sha256=last_hash,
            file_name="",
            created_at=utcnow(),
            acked_at=utcnow(),
        )
    )
    return Recovery(True, shared, resent, 0)


def _renumber(session: Session, agreed: int, last_seq: int) -> int:
    """Every outbox change after `agreed` moves after `last_seq`, in the same order."""
    count = int(session.scalar(select(func.count()).where(OutboxRow.seq > agreed)) or 0)
    # What the worker counts: sync's own audit entries ride along but are not "changes".
    shown = session.scalar(select(func.count()).where(OutboxRow.seq > agreed, SENDS_ALONE))
    shift = last_seq - agreed
    if count and shift:
        # Through negative numbers: a primary key must stay unique after every row's update.
        session.execute(update(OutboxRow).where(OutboxRow.seq > agreed).values(seq=-OutboxRow.seq))
        session.execute(
            update(OutboxRow).where(OutboxRow.seq < 0).values(seq=-OutboxRow.seq + shift)
        )
    newest = session.scalar(select(func.max(OutboxRow.seq))) or 0
    used = max(newest, last_seq)
    if session.get_bind().dialect.name == "sqlite":  # AUTOINCREMENT's counter, never back
        session.execute(
            text("UPDATE sqlite_sequence SET seq = max(seq, :used) WHERE name = 'outbox'"),
            {"used": used},
        )
    return int(shown or 0)
