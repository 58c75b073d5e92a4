"""A small sync world for the reliability tests: one HQ and N real, enrolled branches.

`Hq` is an `HqService` over SQLite or PostgreSQL with its FastAPI app; `SyncBranch` is a real
branch (made as `sanad init` makes it, its first admin logged in) with its `SyncService`
talking to that app in-process (FastAPI's TestClient under the branch's own `HqClient`), a
USB folder, and helpers to make changes. The checks compare HQ's central tables with what
the branches hold, HQ's copy of each branch's audit log with the branch's own, and HQ's books
(ledger, batches) with the branches' outboxes.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

with warnings.catch_warnings():
    # Starlette 1.x would rather use `httpx2`; its TestClient works with httpx all the same.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from app.db.audit import AUDIT_TABLE
from app.db.models import SYNCED_MODELS, OutboxRow
from app.db.sync_models import (
    ChangeLogRow,
    HqAuditRow,
    HqBatchRow,
    HqConflictRow,
    HqLedgerRow,
    HqRejectedRow,
    OutgoingBatchRow,
)
from app.domain.accounts import Role
from app.hq.api import create_app
from app.hq.home import HqHome
from app.hq.service import HqService
from app.services.beneficiaries import BeneficiaryService
from app.services.setup import DB_FILE, AppServices, initialize_branch, open_branch
from app.services.sync import SyncService
from app.sync.http_client import HqClient, RetryPolicy
from tests.conftest import FAST_HASHER, TODAY
from tests.sync.audit_checks import assert_audit_in_step

ADMIN = ("boss", "password-123")
# Case work needs a social worker or a supervisor (a branch admin never touches cases).
CASE_STAFF = (
    ("casesup", "مشرفة الحالات", Role.SUPERVISOR),
    ("casewrk", "أخصائي اجتماعي", Role.SOCIAL_WORKER),
)
HQ_URL = "http://hq.test"  # what the enrollment files say; requests go to the TestClient
FAST_RETRY = RetryPolicy(attempts=2, base_delay=0.0, max_delay=0.0)

Rows = dict[str, dict[str, dict[str, Any]]]  # table -> id -> column -> value


# -- HQ -----------------------------------------------------------------------------------------


@dataclass
class Hq:
    service: HqService
    url: str  # the central database's URL (subprocesses open it too)
    client: TestClient = field(init=False)

    def __post_init__(self) -> None:
        self.client = TestClient(create_app(self.service))

    @property
    def engine(self) -> Engine:
        return self.service.engine

    @property
    def home(self) -> HqHome:
        return self.service.home

    def http_client(self, _url: str) -> HqClient:
        """The branch's real client, its requests served by HQ's app in this process."""
        return HqClient(HQ_URL, client=self.client, policy=FAST_RETRY, sleep=lambda _s: None)

    def close(self) -> None:
        self.client.close()
        self.service.close()


def open_hq(folder: Path, db_url: str) -> Hq:
    return Hq(HqService.open(HqHome.open(folder), db_url), db_url)


# -- branches -----------------------------------------------------------------------------------


def make_branch_template(folder: Path) -> Path:
    """A real branch folder (as `sanad init` makes it) with a branch admin, a supervisor and
    a social worker; code TPL. Its audit log is emptied: every copy would otherwise start
    with the same entries (the same ids), which no two real branches ever share."""
    initialize_branch(folder, "TPL", "قالب")
    services = open_branch(folder, hasher=FAST_HASHER, today=TODAY)
    services.accounts.create_user(
        ADMIN[0], "مدير الفرع", Role.BRANCH_ADMIN, ADMIN[1], by_admin=False
    )
    for username, name, role in CASE_STAFF:
        services.accounts.create_user(username, name, role, ADMIN[1], by_admin=False)
    services.close()
    for extra in folder.glob(f"{DB_FILE}-*"):
        extra.unlink()
    with sqlite3.connect(folder / DB_FILE) as conn:
        conn.execute("DELETE FROM outbox WHERE table_name = ?", (AUDIT_TABLE,))
        conn.execute("DELETE FROM audit_log")
        # A new branch's changes are numbered from 1 (the template's never existed).
        conn.execute("DELETE FROM sqlite_sequence WHERE name IN ('outbox', 'audit_log')")
        assert conn.execute("SELECT count(*) FROM outbox").fetchone() == (0,)
        conn.execute("UPDATE outbox_count SET pending = 0")  # rows left by hand, not by sync
    conn.close()
    return folder


def copy_branch(template: Path, folder: Path, code: str) -> Path:
    """A copy of the template renamed to branch `code` (no service is open on it yet)."""
    shutil.copytree(template, folder)
    with sqlite3.connect(folder / DB_FILE) as conn:
        conn.execute("UPDATE local_meta SET value = ? WHERE key = 'branch.code'", (code,))
        conn.execute("UPDATE local_meta SET value = ? WHERE key = 'branch.name'", (code,))
    conn.close()
    return folder


@dataclass
class SyncBranch:
    code: str
    folder: Path
    services: AppServices
    sync: SyncService
    usb: Path

    @property
    def people(self) -> BeneficiaryService:
        return self.services.beneficiaries

    def export(self) -> list[Path]:
        """`sanad sync export --to USB`."""
        return self.sync.export(self.usb)

    def close(self) -> None:
        self.services.close()

    def outbox_max(self) -> int:
        """The highest change sequence this branch has made (pruned or not)."""
        with self.services.ctx.db.read() as session:
            pending = session.scalar(select(func.max(OutboxRow.seq))) or 0
            logged = session.scalar(select(func.max(ChangeLogRow.seq))) or 0
        return max(pending, logged)

    def pending(self) -> int:
        """Data changes not yet acknowledged (audit entries apart)."""
        with self.services.ctx.db.read() as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(OutboxRow)
                    .where(OutboxRow.table_name != AUDIT_TABLE)
                )
                or 0
            )

    def last_sent(self) -> int:
        """The last change sequence in a batch this branch made (0: none yet)."""
        with self.services.ctx.db.read() as session:
            return session.scalar(select(func.max(OutgoingBatchRow.seq_to))) or 0

    def batches(self) -> list[tuple[str, int, int]]:
        with self.services.ctx.db.read() as session:
            rows = session.execute(
                select(
                    OutgoingBatchRow.batch_id, OutgoingBatchRow.seq_from, OutgoingBatchRow.seq_to
                ).order_by(OutgoingBatchRow.seq_from)
            )
            return [(b, f, t) for b, f, t in rows]


def open_sync_branch(folder: Path, code: str, hq: Hq) -> SyncBranch:
    """Open the branch in `folder`, log its admin in, enroll it with `hq` over HTTP."""
    services = open_branch(folder, hasher=FAST_HASHER, today=TODAY)
    services.accounts.login(*ADMIN)
    sync = SyncService(services.ctx, hq.http_client)
    enrollment = hq.service.add_branch(code, f"فرع {code}", folder.parent, url=HQ_URL)
    result = sync.enroll(enrollment)
    assert result.registered, result
    enrollment.unlink()
    usb = folder.parent / f"usb-{code}"
    usb.mkdir()
    return SyncBranch(code, folder, services, sync, usb)


@contextlib.contextmanager
def world(
    root: Path, central_url: str, template: Path, codes: list[str]
) -> Iterator[tuple[Hq, list[SyncBranch]]]:
    """An HQ over `central_url` and enrolled branches `codes`, all under `root`; closed after."""
    hq = open_hq(root / "hq", central_url)
    branches: list[SyncBranch] = []
    try:
        for code in codes:
            folder = copy_branch(template, root / "branches" / code / "data", code)
            branches.append(open_sync_branch(folder, code, hq))
        yield hq, branches
    finally:
        for branch in branches:
            branch.close()
        hq.close()


# -- what each side holds -----------------------------------------------------------------------


def synced_rows(session: Session) -> Rows:
    """Every synced row by table and id (all columns but the installation's own `local_id`)."""
    out: Rows = {}
    for model in SYNCED_MODELS:
        table = model.__table__  # type: ignore[attr-defined]
        cols = [c for c in table.columns if c.key != "local_id"]
        out[table.name] = {
            r.id: dict(r._mapping) for r in session.execute(select(*cols).order_by(table.c.id))
        }
    return out


def branch_rows(branch: SyncBranch) -> Rows:
    with branch.services.ctx.db.read() as session:
        return synced_rows(session)


def central_rows(hq: Hq, origin: str | None = None) -> Rows:
    """HQ's copy, all of it or the rows of one origin branch."""
    with Session(hq.engine) as session:
        rows = synced_rows(session)
    if origin is None:
        return rows
    return {
        table: {i: r for i, r in by_id.items() if r["origin_branch"] == origin}
        for table, by_id in rows.items()
    }


def counts(rows: Rows) -> dict[str, int]:
    return {table: len(by_id) for table, by_id in rows.items()}


def diff(central: Rows, local: Rows, limit: int = 5) -> list[str]:
    """What differs, in words (empty when equal): a failing test says which rows and fields."""
    out: list[str] = []
    for table in sorted(set(central) | set(local)):
        a, b = central.get(table, {}), local.get(table, {})
        for row_id in sorted(set(a) | set(b)):
            if row_id not in a:
                out.append(f"{table} {row_id}: missing at HQ")
            elif row_id not in b:
                out.append(f"{table} {row_id}: at HQ only")
            elif a[row_id] != b[row_id]:
                fields = sorted(k for k in a[row_id] if a[row_id][k] != b[row_id].get(k))
                detail = ", ".join(f"{k}: HQ {a[row_id][k]!r} branch {b[row_id][k]!r}"
                                   for k in fields)  # fmt: skip
                out.append(f"{table} {row_id}: {detail}")
            if len(out) >= limit:
                return out
    return out


@dataclass(frozen=True)
class Books:
    """HQ's bookkeeping of one branch."""

    last_seq: int
    applied_batches: list[tuple[str, int, int, int]]  # batch id, from, to, changes
    held: int
    rejected_rows: int
    conflicts: int


def books(hq: Hq, code: str) -> Books:
    with Session(hq.engine) as session:
        ledger = session.get(HqLedgerRow, code)
        batches = session.execute(
            select(HqBatchRow.batch_id, HqBatchRow.seq_from, HqBatchRow.seq_to,
                   HqBatchRow.changes, HqBatchRow.status)
            .where(HqBatchRow.branch == code)
            .order_by(HqBatchRow.seq_from)
        ).all()  # fmt: skip
        rejected = session.scalar(
            select(func.count()).select_from(HqRejectedRow).where(HqRejectedRow.branch == code)
        )
        conflicts = session.scalar(
            select(func.count()).select_from(HqConflictRow).where(HqConflictRow.branch == code)
        )
    return Books(
        last_seq=ledger.last_seq if ledger is not None else 0,
        applied_batches=[(b, f, t, c) for b, f, t, c, s in batches if s == "applied"],
        held=sum(1 for *_rest, s in batches if s == "held"),
        rejected_rows=int(rejected or 0),
        conflicts=int(conflicts or 0),
    )


def hq_state(hq: Hq) -> tuple[Any, ...]:
    """What applying changes moves at HQ: every ledger's cursor, the applied batches, per
    synced table its rows, their versions' sum and its tombstones, and per branch the audit
    entries held and the last one's sequence (cheap enough after every kill or refusal; a
    content change without a version change would be a bug found elsewhere)."""
    with Session(hq.engine) as session:
        ledgers = session.execute(
            select(HqLedgerRow.branch, HqLedgerRow.last_seq, HqLedgerRow.last_hash,
                   HqLedgerRow.last_batch_id, HqLedgerRow.rejected_rows, HqLedgerRow.down_seq)
            .order_by(HqLedgerRow.branch)
        ).all()  # fmt: skip
        applied = session.scalars(
            select(HqBatchRow.batch_id)
            .where(HqBatchRow.status == "applied")
            .order_by(HqBatchRow.batch_id)
        ).all()
        tables = [
            tuple(
                session.execute(
                    select(
                        func.count(), func.coalesce(func.sum(model.row_version), 0),
                        func.count(model.deleted_at),
                    )
                ).one()
            )
            for model in SYNCED_MODELS
        ]  # fmt: skip
        audit = session.execute(
            select(HqAuditRow.branch, func.count(), func.coalesce(func.max(HqAuditRow.seq), 0))
            .group_by(HqAuditRow.branch)
            .order_by(HqAuditRow.branch)
        ).all()
    return (tuple(map(tuple, ledgers)), tuple(applied), tuple(tables), tuple(map(tuple, audit)))


def assert_branch_in_step(hq: Hq, branch: SyncBranch) -> None:
    """After a full sync: HQ's copy of the branch's rows equals the branch's, every change
    applied exactly once (the ledger at the last change the branch sent, one applied batch
    per batch the branch made, covering 1..last with no overlap), the outbox pruned of every
    data change, and HQ's copy of its audit log the branch's, entry for entry."""
    held = branch_rows(branch)
    local = {
        table: {i: r for i, r in by_id.items() if r["origin_branch"] == branch.code}
        for table, by_id in held.items()
    }
    central = central_rows(hq, branch.code)
    everything = central_rows(hq)
    copies = [  # rows of other branches it holds (a transfer, a merge): HQ's, by origin
        (table, i) for table, by_id in held.items() for i, r in by_id.items()
        if r["origin_branch"] != branch.code
        and everything[table].get(i, {}).get("origin_branch") != r["origin_branch"]
    ]  # fmt: skip
    assert not copies, f"{branch.code} holds rows HQ does not know as such: {copies[:5]}"
    problems = diff(central, local)
    assert not problems, f"{branch.code}: HQ differs from the branch:\n" + "\n".join(problems)
    assert counts(central) == counts(local)
    last = branch.last_sent()
    record = books(hq, branch.code)
    assert record.last_seq == last, (branch.code, record.last_seq, last)
    made = branch.batches()
    assert [b[:3] for b in record.applied_batches] == made, (branch.code, record, made)
    covered = [s for _id, f, t, _c in record.applied_batches for s in range(f, t + 1)]
    assert covered == list(range(1, last + 1)), f"{branch.code}: applied ranges overlap or gap"
    assert sum(c for *_rest, c in record.applied_batches) == last  # every change, once
    assert (record.held, record.rejected_rows, record.conflicts) == (0, 0, 0), record
    assert branch.pending() == 0, f"{branch.code}: the outbox was not pruned"
    with branch.services.ctx.db.read() as session:
        logged = session.scalars(select(ChangeLogRow.seq).order_by(ChangeLogRow.seq)).all()
        waiting = session.execute(
            select(OutboxRow.seq, OutboxRow.row_id).order_by(OutboxRow.seq)
        ).all()
    assert list(logged) == list(range(1, last + 1))
    # What is left in the outbox: audit entries written after the last batch (the sync's own).
    assert [seq for seq, _id in waiting] == list(range(last + 1, last + 1 + len(waiting)))
    assert_audit_in_step(hq, branch, [row_id for _seq, row_id in waiting])


def assert_hq_is_the_union(hq: Hq, branches: list[SyncBranch]) -> None:
    """HQ holds exactly the branches' rows: each origin's rows equal that branch's."""
    for branch in branches:
        assert_branch_in_step(hq, branch)
    everything = central_rows(hq)
    origins = {r["origin_branch"] for by_id in everything.values() for r in by_id.values()}
    assert origins <= {b.code for b in branches}, origins
