"""A branch as HQ sees it, driven from Python: export its outbox, apply HQ's answers.

Also hand-made batches (synthetic change lines, other keys, other schemas) for the refusals.
"""

from __future__ import annotations

import json
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.db.migrate import head_revision
from app.db.models import SYNCED_MODELS
from app.db.sync_models import OutgoingBatchRow
from app.hq.enrollment import Registration
from app.hq.service import HqService
from app.services.setup import AppServices
from app.sync.batch_file import (
    ZERO_HASH,
    Header,
    Kind,
    SenderStatus,
    encode_lines,
    verify_batch,
    write_batch,
)
from app.sync.branch_apply import DOWN_SEQ, DownResult, apply_down_batch, meta_int
from app.sync.keys import KeyPair, PublicIdentity
from app.sync.outbox_export import plan_next_batch, write_outgoing

REPLICA = "replica-1"


@dataclass
class Branch:
    services: AppServices
    code: str
    keys: KeyPair
    hq: PublicIdentity
    usb: Path

    def export(self) -> list[Path]:
        """Write every change not yet in a batch (one batch per call, as `sanad sync` does)."""
        with self.services.ctx.db.transaction(None) as session:
            planned = plan_next_batch(session, self.code)
            if planned is None:
                return []
            session.flush()
            record = session.get(OutgoingBatchRow, planned.batch_id)
            assert record is not None
            path = write_outgoing(
                session, record, self.usb, branch=self.code, replica=REPLICA,
                schema=head_revision(), ack_upto=meta_int(session, DOWN_SEQ), keys=self.keys,
                hq=self.hq,
            )  # fmt: skip
        return [path]

    def apply_answer(self, path: Path) -> DownResult:
        """Check HQ's answer with HQ's pinned key and apply it, as the branch does."""
        hq = self.hq

        def sender(party: str) -> SenderStatus | None:
            return SenderStatus(hq, False) if party == "HQ" else None

        verified = verify_batch(
            path, me=self.code, sender_status=sender, schema_known=lambda s: True
        )
        assert verified.manifest.kind is Kind.DOWN
        lines = verified.changes(self.keys)
        with self.services.ctx.db.transaction(None) as session:
            return apply_down_batch(session, verified.manifest, lines)

    def apply_answer_bytes(self, data: bytes, name: str = "answer.receipt.sanad") -> DownResult:
        path = self.usb / name
        path.write_bytes(data)
        return self.apply_answer(path)


def enroll(hq: HqService, code: str, name: str, folder: Path) -> KeyPair:
    """`sanad hq branches add` + the branch registering its keys with the file's token."""
    enroll_file = hq.add_branch(code, name, folder, "http://hq.test:8480")
    token = json.loads(enroll_file.read_text(encoding="utf-8"))["token"]
    keys = KeyPair.generate(code)
    hq.register_keys(Registration(code, token, keys.public))
    return keys


def synced_rows(session: Session) -> dict[str, dict[str, dict[str, Any]]]:
    """Every synced row by table and id, without the installation's own `local_id`."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for model in SYNCED_MODELS:
        table = model.__table__  # type: ignore[attr-defined]
        cols = [c for c in table.columns if c.key != "local_id"]
        out[table.name] = {
            r.id: dict(r._mapping) for r in session.execute(select(*cols).order_by(table.c.id))
        }
    return out


def central_rows(engine: Engine) -> dict[str, dict[str, dict[str, Any]]]:
    with Session(engine) as session:
        return synced_rows(session)


def branch_rows(services: AppServices) -> dict[str, dict[str, dict[str, Any]]]:
    with services.ctx.db.read() as session:
        return synced_rows(session)


def person_line(seq: int, branch: str, n: int) -> dict[str, Any]:
    """A change line inserting a complete beneficiary (synthetic, but what capture writes)."""
    row_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"sanad-test/{branch}/{n}"))
    at = datetime(2026, 11, 22, 9, 0, 0).isoformat(timespec="microseconds")
    fields: dict[str, Any] = {
        "id": row_id, "origin_branch": branch, "created_at": at, "created_by": "u1",
        "first_name": "سالم", "father_name": "محمد", "grandfather_name": "صالح",
        "family_name": f"القماطي{n}", "mother_name": "زينب", "sex": "M",
        "birth_date": "1980-01-02", "nationality": "LY", "address": "", "notes": "",
        "disability_type": "none", "displacement_status": "resident",
        "name_key": f"سالم محمد صالح القماطي{n}", "mother_key": "زينب", "deleted_at": None,
        "person_number": f"{branch}-P-{n:06d}", "birth_date_estimated": False,
        "latin_name": "Salem Mohamed Algamati",
    }  # fmt: skip
    return {
        "seq": seq, "table": "beneficiaries", "row_id": row_id, "op": "insert",
        "changes": {k: [None, v] for k, v in fields.items()}, "row_version": 1,
        "base_hq_version": None, "user_id": "u1", "changed_at": at, "origin": branch,
    }  # fmt: skip


def hand_made(
    folder: Path,
    keys: KeyPair,
    hq: PublicIdentity,
    *,
    source: str,
    seq_from: int,
    seq_to: int,
    lines: list[dict[str, Any]] | None = None,
    schema: str | None = None,
    destination: str = "HQ",
    prev_hash: str = ZERO_HASH,
    kind: Kind = Kind.UP,
) -> Path:
    """A batch written by `keys` claiming to come from `source` (lines default: people)."""
    if lines is None:
        lines = [person_line(s, source, s) for s in range(seq_from, seq_to + 1)]
    header = Header(
        kind=kind, schema=schema or head_revision(), source=source, replica=REPLICA,
        destination=destination, seq_from=seq_from, seq_to=seq_to, ack_upto=0,
        prev_hash=prev_hash,
    )  # fmt: skip
    counts: dict[str, int] = {}
    for line in lines:
        counts[line["table"]] = counts.get(line["table"], 0) + 1
    path, _ = write_batch(folder, header, encode_lines(lines), counts, keys, hq)
    return path


def content_hash(path: Path) -> str:
    """The batch's `content_sha256` (the next batch's `prev_hash`)."""
    with zipfile.ZipFile(path) as archive:
        return str(json.loads(archive.read("manifest.json"))["content_sha256"])
