"""A real HQ in the test process and a real branch, for the branch's sync tests: the fixtures that
make them (tests/services/conftest.py provides them) and helpers that read back what sync did.

HQ is app.hq's service behind its FastAPI app, served by uvicorn on a loopback port (started,
stopped and restarted by the tests to play "HQ down"); USB runs use the same service's file
import.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.audit import AUDIT_TABLE
from app.db.engine import sqlite_url
from app.db.models import AuditRow, LocalMetaRow, OutboxRow
from app.db.sync_models import ChangeLogRow, HqAuditRow, OutgoingBatchRow
from app.domain.accounts import Role
from app.hq.api import create_app
from app.hq.audit_check import verify_chains
from app.hq.home import HqHome
from app.hq.service import HqService
from app.services.setup import AppServices, initialize_branch, open_branch
from app.services.sync import SyncService
from app.sync.batch_file import (
    SenderStatus,
    verify_batch,
)
from app.sync.http_client import HqClient, RetryPolicy
from app.sync.keys import KeyPair
from tests.conftest import FAST_HASHER, TODAY
from tests.outbox import audit_actions, data_rows
from tests.services.people import AHMED, person

CODE = "TRP01"
FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02)


# -- an HQ in the test process ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class HqServer:
    """HQ's HTTP API on 127.0.0.1:port, in a thread; stop() and start() again at will."""

    def __init__(self, service: HqService) -> None:
        self.service = service
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        config = uvicorn.Config(
            create_app(self.service), host="127.0.0.1", port=self.port, log_level="warning",
            lifespan="off", ws="none", http="h11",
        )  # fmt: skip
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            assert time.monotonic() < deadline, "HQ did not start"
            time.sleep(0.01)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        self._server = self._thread = None


@pytest.fixture(scope="session")
def hq_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated HQ folder, made once and copied per test (migrations take a while)."""
    folder = tmp_path_factory.mktemp("hq-template") / "hq"
    HqService.open(HqHome.open(folder), sqlite_url(folder / "hq.db")).close()
    return folder


@pytest.fixture
def hq(hq_template: Path, tmp_path: Path) -> Iterator[HqService]:
    folder = tmp_path / "hq"
    shutil.copytree(hq_template, folder)
    service = HqService.open(HqHome.open(folder), sqlite_url(folder / "hq.db"))
    yield service
    service.close()


@pytest.fixture
def server(hq: HqService) -> Iterator[HqServer]:
    running = HqServer(hq)
    yield running
    running.stop()


def make_branch(folder: Path, code: str = CODE) -> AppServices:
    """A real branch (as `sanad init` makes it) with its first admin logged in."""
    initialize_branch(folder, code, "فرع طرابلس")
    services = open_branch(folder, hasher=FAST_HASHER, today=TODAY)
    services.accounts.create_user("boss", "مدير", Role.BRANCH_ADMIN, "password-123", by_admin=False)
    services.accounts.login("boss", "password-123")
    return services


@pytest.fixture(scope="session")
def branch_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("branch-template") / "branch"
    make_branch(folder).close()
    for extra in folder.glob("sanad.db-*"):
        extra.unlink()
    return folder


@pytest.fixture
def branch(branch_template: Path, tmp_path: Path) -> Iterator[AppServices]:
    """A real branch TRP01 (made by `sanad init`), its first admin logged in."""
    folder = tmp_path / "real-branch"
    shutil.copytree(branch_template, folder)
    services = open_branch(folder, hasher=FAST_HASHER, today=TODAY)
    services.accounts.login("boss", "password-123")
    yield services
    services.close()


def fast_factory(transport: httpx.BaseTransport | None = None) -> Callable[[str], HqClient]:
    return lambda url: HqClient(url, policy=FAST, transport=transport, sleep=lambda _s: None)


def enroll(
    branch: AppServices, hq: HqService, url: str, tmp: Path, **kw: Any
) -> tuple[SyncService, Path]:
    enrollment = hq.add_branch(CODE, "فرع طرابلس", tmp, url=url)
    sync = SyncService(branch.ctx, kw.get("factory") or fast_factory())
    sync.enroll(enrollment, kw.get("keys_out"))
    return sync, enrollment


def count(branch: AppServices, model: Any) -> int:
    with branch.ctx.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def data_pending(branch: AppServices) -> int:
    """Data changes still in the outbox (audit entries apart)."""
    with branch.ctx.db.read() as session:
        return len(data_rows(session))


def trail(branch: AppServices) -> list[str]:
    """The audit entries still in the outbox, by action. The sync's own entries (export,
    import, run) are written after the batch they describe and never make a batch alone:
    they wait for the next batch that carries a real change."""
    with branch.ctx.db.read() as session:
        return audit_actions(session)


Line = tuple[str, str | None]  # table, and the action when it is an audit entry


def outbox_lines(branch: AppServices) -> list[Line]:
    """What is waiting in the outbox, in order, as `batch_lines` shows a batch."""
    with branch.ctx.db.read() as session:
        rows = session.execute(
            select(OutboxRow.table_name, OutboxRow.changes).order_by(OutboxRow.seq)
        ).all()
    return [(t, json.loads(c)["action"][1] if t == AUDIT_TABLE else None) for t, c in rows]


AuditEntry = tuple[str, str, str, str]  # id, action, prev_hash, hash


def branch_audit(branch: AppServices) -> list[AuditEntry]:
    """The branch's audit log, in its order."""
    with branch.ctx.db.read() as session:
        rows = session.execute(
            select(AuditRow.id, AuditRow.action, AuditRow.prev_hash, AuditRow.hash)
            .order_by(AuditRow.seq)
        ).all()  # fmt: skip
    return [(i, a, p, h) for i, a, p, h in rows]


def hq_audit(hq: HqService) -> list[AuditEntry]:
    """HQ's copy of the branch's audit log, in the order it came (by the carrying change)."""
    with hq.engine.connect() as conn:
        rows = conn.execute(
            select(HqAuditRow.id, HqAuditRow.action, HqAuditRow.prev_hash, HqAuditRow.hash)
            .where(HqAuditRow.branch == CODE)
            .order_by(HqAuditRow.seq)
        ).all()  # fmt: skip
    return [(i, a, p, h) for i, a, p, h in rows]


def assert_hq_chain_intact(hq: HqService, entries: int) -> None:
    with Session(hq.engine) as session:
        (report,) = verify_chains(session, CODE)
    assert report.intact and report.from_genesis and report.entries == entries, report


def batches(branch: AppServices) -> list[tuple[str, int, int]]:
    """The batches this branch made: id and change range, in order."""
    with branch.ctx.db.read() as session:
        rows = session.execute(
            select(OutgoingBatchRow.batch_id, OutgoingBatchRow.seq_from, OutgoingBatchRow.seq_to)
            .order_by(OutgoingBatchRow.seq_from)
        ).all()  # fmt: skip
    return [(b, f, t) for b, f, t in rows]


def meta(branch: AppServices) -> dict[str, str]:
    with branch.ctx.db.read() as session:
        return {r.key: r.value for r in session.scalars(select(LocalMetaRow))}


def snapshot(branch: AppServices) -> tuple[Any, ...]:
    """Everything a refused answer must leave as it was."""
    with branch.ctx.db.read() as session:
        return (
            session.scalars(select(OutboxRow.seq).order_by(OutboxRow.seq)).all(),
            count(branch, ChangeLogRow),
            session.execute(select(OutgoingBatchRow.batch_id, OutgoingBatchRow.acked_at)).all(),
            meta(branch),
        )


def batch_lines(branch: AppServices, hq: HqService, path: Path) -> list[Line]:
    """What an up-batch carries: (table, audit action or None) per line, in order."""
    keys = KeyPair.load(branch.ctx.data_dir / "keys", CODE)
    sender = SenderStatus(keys.public, revoked=False)
    verified = verify_batch(
        path, me="HQ", sender_status=lambda s: sender if s == CODE else None,
        schema_known=lambda _s: True,
    )  # fmt: skip
    return [
        (line["table"], line["changes"]["action"][1] if line["table"] == AUDIT_TABLE else None)
        for line in verified.changes(hq.keys)
    ]


def register_people(branch: AppServices, n: int = 2) -> list[str]:
    ids: list[str] = []
    for i in range(n):
        year = 1960 + len(ids) + 7 * (count(branch, OutboxRow) % 5)
        view = branch.beneficiaries.register(
            person(
                AHMED,
                first_name=["أحمد", "سالم", "خالد", "علي", "عمر"][i % 5],
                mother_name=["زينب علي", "مبروكة سالم", "حليمة عمر", "سالمة أحمد", "نورية"][i % 5],
                birth_date=f"{year}-03-15",
                national_number=f"1{year}{count(branch, OutboxRow):07d}",
                phones=[f"0912{count(branch, OutboxRow):06d}"],
            )
        )
        ids.append(view.id)
    return ids
