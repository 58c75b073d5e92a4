"""Load: twenty branches syncing at once with ONE HQ process (`sanad hq serve`, on
PostgreSQL and on SQLite), over real HTTP on 127.0.0.1. Every branch enrolls over HTTP,
registers people and syncs three times, all concurrently; in the end every batch was applied
exactly once, HQ holds exactly the branches' rows, and every outbox is pruned.

And the same with the HQ process SIGKILLed while the branches sync, then started again: the
branches' retries (and a user pressing "sync now" again) carry every change over exactly once.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import make_engine
from app.db.sync_models import HqBatchRow
from app.hq.home import HqHome
from app.hq.service import HqService
from app.services.setup import open_branch
from app.services.sync import SyncService
from app.services.sync_errors import NETWORK_CODES, SyncError
from app.sync.http_client import HqClient, RetryPolicy
from tests.conftest import FAST_HASHER, TODAY
from tests.outbox import audit_actions
from tests.services.people import person
from tests.sync.changes import draft, register
from tests.sync.world import ADMIN, Hq, SyncBranch, assert_hq_is_the_union, copy_branch

pytestmark = [pytest.mark.sync, pytest.mark.db]

BRANCHES = 20
SYNCS = 3
START_TIMEOUT = 60.0
SYNC_DEADLINE = 120.0
# Patient retries: twenty uploads queue behind one another at a single SQLite writer.
PATIENT = RetryPolicy(attempts=8, base_delay=0.2, max_delay=2.0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class HqServer:
    """`sanad hq serve` on a loopback port, as a separate process: started, killed, again."""

    def __init__(self, central_url: str, folder: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = folder
        self._argv = [
            sys.executable, "-m", "app", "hq", "serve", "--hq-dir", str(folder),
            "--db", central_url, "--host", "127.0.0.1", "--port", str(self.port),
        ]  # fmt: skip
        self._log_path = log
        self._log: IO[str] = log.open("a")
        self._proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        self._proc = subprocess.Popen(
            self._argv, stdout=self._log, stderr=subprocess.STDOUT, env=env
        )
        self.starts += 1
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert self._proc.poll() is None, self._log_path.read_text()
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "HQ did not start"
            time.sleep(0.05)

    def kill(self) -> None:
        assert self._proc is not None
        self._proc.send_signal(signal.SIGKILL)
        self._proc.wait()

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.send_signal(signal.SIGTERM)
            try:
                self._proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._log.close()


@pytest.fixture
def hq_server(central_url: str, tmp_path: Path) -> Iterator[HqServer]:
    server = HqServer(central_url, tmp_path / "hq", tmp_path / "hq-serve.log")
    server.start()
    yield server
    server.stop()


def sync_until_done(branch: SyncBranch, deadline: float) -> int:
    """`sync now`, and again while HQ cannot be reached (as a user would); batches sent."""
    while True:
        try:
            result = branch.sync.sync_now()
        except SyncError as err:
            if err.code not in NETWORK_CODES or time.monotonic() > deadline:
                raise
            time.sleep(0.5)
            continue
        # All sent: only this run's own audit entry waits (for the next batch with a change),
        # and it is not a pending change.
        assert branch.pending() == 0 and result.pending_changes == 0, result
        with branch.services.ctx.db.read() as session:
            assert audit_actions(session) == ["sync.run"], branch.code
        return result.sent_batches


def run_branch(branch: SyncBranch, enrollment: Path, first: int) -> int:
    """Enroll over HTTP, then three rounds of work and sync; returns batches sent."""
    deadline = time.monotonic() + SYNC_DEADLINE
    while True:  # enrolling, too, waits for HQ when it is down
        try:
            branch.sync.enroll(enrollment)
            if branch.sync.status().registered:
                break
        except SyncError as err:
            if err.code not in NETWORK_CODES:
                raise
        assert time.monotonic() < deadline, f"{branch.code} could not enroll"
        time.sleep(0.5)
    people = branch.people
    sent = 0
    ids: list[str] = []
    for round_no in range(SYNCS):
        for k in range(2):
            ids.append(register(branch, first + round_no * 2 + k).id)
        if round_no:  # and an edit of someone already at HQ
            edited = person(draft(first), address=f"جولة {round_no}")
            people.update(ids[0], edited, people.get(ids[0]).row_version)
        sent += sync_until_done(branch, deadline)
    return sent


def make_branches(
    count: int, server: HqServer, admin: HqService, template: Path, folder: Path
) -> tuple[list[SyncBranch], list[Path]]:
    branches: list[SyncBranch] = []
    enrollments: list[Path] = []
    for i in range(count):
        code = f"LD{i:02d}"
        data = copy_branch(template, folder / code / "data", code)
        services = open_branch(data, hasher=FAST_HASHER, today=TODAY)
        services.accounts.login(*ADMIN)
        sync = SyncService(services.ctx, lambda u: HqClient(u, policy=PATIENT))
        branches.append(SyncBranch(code, data, services, sync, data.parent / "usb"))
        enrollments.append(admin.add_branch(code, f"فرع {i}", data.parent, url=server.url))
    return branches, enrollments


def sync_all_at_once(
    server: HqServer, central_url: str, template: Path, folder: Path, count: int,
    chaos: threading.Thread | None = None,
) -> None:  # fmt: skip
    """`count` branches enroll, work and sync concurrently; then every batch they made was
    applied once, HQ holds exactly their rows, and their outboxes are pruned."""
    admin = HqService(HqHome.open(server.folder), make_engine(central_url))
    branches: list[SyncBranch] = []
    try:
        branches, enrollments = make_branches(count, server, admin, template, folder)
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=count) as pool:
            if chaos is not None:
                chaos.start()
            firsts = range(0, 1000 * count, 1000)  # each branch its own national numbers
            sent = list(pool.map(run_branch, branches, enrollments, firsts))
        if chaos is not None:
            chaos.join()
        elapsed = time.monotonic() - started

        made = sum(len(b.batches()) for b in branches)
        # One batch per round, HQ killed or not: the sync's own audit entries never make one
        # (a retry after a failure sends the batch already made, and makes none).
        assert made == count * SYNCS
        # Each batch counted once, by the run that got HQ's answer to it.
        assert sum(sent) == made
        with Session(admin.engine) as session:
            recorded = session.execute(
                select(HqBatchRow.status, func.count()).group_by(HqBatchRow.status)
            ).all()
        assert dict(recorded) == {"applied": made}  # every batch applied, none twice
        assert_hq_is_the_union(Hq(admin, central_url), branches)
        assert elapsed < SYNC_DEADLINE, elapsed
    finally:
        for branch in branches:
            branch.close()
        admin.close()


def test_twenty_branches_sync_at_once_with_one_hq(
    hq_server: HqServer, central_url: str, branch_template: Path, tmp_path: Path
) -> None:
    sync_all_at_once(hq_server, central_url, branch_template, tmp_path / "branches", BRANCHES)
    assert hq_server.starts == 1


def test_hq_killed_while_branches_sync_loses_and_repeats_nothing(
    hq_server: HqServer, central_url: str, branch_template: Path, tmp_path: Path
) -> None:
    count = 8
    engine = make_engine(central_url)

    def kill_and_restart() -> None:
        """Once a third of the batches are in, while the others are being sent."""
        deadline = time.monotonic() + SYNC_DEADLINE
        while time.monotonic() < deadline:
            with Session(engine) as session:
                applied = session.scalar(select(func.count()).select_from(HqBatchRow)) or 0
            if applied >= count:
                break
            time.sleep(0.02)
        hq_server.kill()
        hq_server.start()

    chaos = threading.Thread(target=kill_and_restart)
    try:
        sync_all_at_once(
            hq_server, central_url, branch_template, tmp_path / "branches", count, chaos
        )
    finally:
        engine.dispose()
    assert hq_server.starts == 2
