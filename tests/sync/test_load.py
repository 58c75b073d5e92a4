"""Load: twenty branches syncing at once with ONE HQ process (`sanad hq serve`, on
PostgreSQL and on SQLite), over real HTTP on 127.0.0.1. Every branch enrolls over HTTP,
registers people and syncs three times, all concurrently; in the end every batch was applied
exactly once, HQ holds exactly the branches' rows, and every outbox is pruned."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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
from app.sync.http_client import HqClient, RetryPolicy
from tests.conftest import FAST_HASHER, TODAY
from tests.services.people import person
from tests.sync.changes import draft
from tests.sync.world import ADMIN, Hq, SyncBranch, assert_hq_is_the_union, copy_branch

pytestmark = [pytest.mark.sync, pytest.mark.db]

BRANCHES = 20
SYNCS = 3
START_TIMEOUT = 60.0
# Patient retries: twenty uploads queue behind one another at a single SQLite writer.
PATIENT = RetryPolicy(attempts=8, base_delay=0.2, max_delay=2.0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def hq_server(central_url: str, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`sanad hq serve` on a free loopback port; yields its URL and HQ folder."""
    folder = tmp_path / "hq"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp_path / "hq-serve.log").open("w")
    argv = [sys.executable, "-m", "app", "hq", "serve", "--hq-dir", str(folder),
            "--db", central_url, "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    server = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert server.poll() is None, (tmp_path / "hq-serve.log").read_text()
            try:
                if httpx.get(f"{url}/v1/health", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "HQ did not start"
            time.sleep(0.1)
        yield url, folder
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def run_branch(branch: SyncBranch, enrollment: Path, first: int) -> int:
    """Enroll over HTTP, then three rounds of work and sync; returns batches sent."""
    branch.sync.enroll(enrollment)
    people = branch.people
    sent = 0
    ids: list[str] = []
    for round_no in range(SYNCS):
        for k in range(2):
            ids.append(people.register(draft(first + round_no * 2 + k)).id)
        if round_no:  # and an edit of someone already at HQ
            edited = person(draft(first), address=f"جولة {round_no}")
            people.update(ids[0], edited, people.get(ids[0]).row_version)
        result = branch.sync.sync_now()
        assert result.pending_changes == 0, result
        sent += result.sent_batches
    return sent


def test_twenty_branches_sync_at_once_with_one_hq(
    hq_server: tuple[str, Path], central_url: str, branch_template: Path, tmp_path: Path
) -> None:
    url, hq_dir = hq_server
    admin = HqService(HqHome.open(hq_dir), make_engine(central_url))
    branches: list[SyncBranch] = []
    enrollments: list[Path] = []
    try:
        for i in range(BRANCHES):
            code = f"LD{i:02d}"
            folder = copy_branch(branch_template, tmp_path / "branches" / code / "data", code)
            services = open_branch(folder, hasher=FAST_HASHER, today=TODAY)
            services.accounts.login(*ADMIN)
            sync = SyncService(services.ctx, lambda u: HqClient(u, policy=PATIENT))
            branches.append(SyncBranch(code, folder, services, sync, folder.parent / "usb"))
            enrollments.append(admin.add_branch(code, f"فرع {i}", folder.parent, url=url))

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=BRANCHES) as pool:
            firsts = range(0, 1000 * BRANCHES, 1000)  # each branch its own national numbers
            sent = list(pool.map(run_branch, branches, enrollments, firsts))
        elapsed = time.monotonic() - started

        made = sum(len(b.batches()) for b in branches)
        assert sum(sent) == made >= BRANCHES * SYNCS
        with Session(admin.engine) as session:
            recorded = session.execute(
                select(HqBatchRow.status, func.count()).group_by(HqBatchRow.status)
            ).all()
        assert dict(recorded) == {"applied": made}  # every batch applied, none twice
        assert_hq_is_the_union(Hq(admin, central_url), branches)
        assert elapsed < 120, elapsed
    finally:
        for branch in branches:
            branch.close()
        admin.close()
