"""Load: twenty branches syncing at once over real HTTP on 127.0.0.1, on PostgreSQL and on
SQLite, with ONE HQ process (`sanad hq serve`) and with THREE over one central database: three
`sanad hq serve` on three ports, started at once on one HQ folder, or one `sanad hq serve
--workers 3`. Every branch enrolls over HTTP, registers people and syncs three times, all
concurrently; in the end every batch was applied exactly once, HQ holds exactly the branches'
rows, and every outbox is pruned.

With three processes the branches reach HQ through a round-robin load balancer
(tests.sync.hq_processes.Balancer): a branch's successive requests go to different processes,
and each batch upload is also delivered, at the same moment, to another process, so that two
deliveries of one batch race in two processes: exactly one of them applies it. On SQLite the
three processes share one file (WAL, busy_timeout; each write transaction takes the write lock
at its first statement): slower than PostgreSQL, but exactly once all the same.

And the same with an HQ process SIGKILLed while the branches sync, then started again (with
--workers, a worker SIGKILLed: uvicorn starts another): the branches' retries (and a user
pressing "sync now" again) carry every change over exactly once.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import make_engine
from app.db.sync_models import HqBatchRow
from app.hq.home import HqHome
from app.hq.service import HqService
from app.services.setup import open_branch
from app.services.sync import ClientFactory, SyncService
from app.services.sync_errors import NETWORK_CODES, SyncError
from app.sync.http_client import HqClient, RetryPolicy
from tests.conftest import FAST_HASHER, TODAY
from tests.outbox import audit_actions
from tests.services.people import person
from tests.sync.changes import draft, register
from tests.sync.hq_processes import (
    Deliveries,
    HqCluster,
    HqServer,
    balanced_clients,
)
from tests.sync.world import ADMIN, Hq, SyncBranch, assert_hq_is_the_union, copy_branch

pytestmark = [pytest.mark.sync, pytest.mark.db]

BRANCHES = 20
SYNCS = 3
SYNC_DEADLINE = 120.0
# Patient retries: twenty uploads queue behind one another at a single SQLite writer.
PATIENT = RetryPolicy(attempts=8, base_delay=0.2, max_delay=2.0)
PROCESSES = 3


@dataclass(frozen=True)
class Front:
    """How the branches reach HQ: the URL their enrollment files say, HQ's folder, and the
    client factory of branch number i."""

    url: str
    folder: Path
    clients: Callable[[int], ClientFactory]


def direct(server: HqServer) -> Front:
    return Front(server.url, server.folder, lambda _i: lambda u: HqClient(u, policy=PATIENT))


def balanced(cluster: HqCluster, deliveries: Deliveries) -> Front:
    """Through the round-robin balancer; branch i starts at process i."""
    ports = cluster.ports
    return Front(
        cluster.url, cluster.folder, lambda i: balanced_clients(ports, i, deliveries, PATIENT)
    )


@pytest.fixture
def hq_server(central_url: str, tmp_path: Path) -> Iterator[HqServer]:
    server = HqServer(central_url, tmp_path / "hq", tmp_path / "hq-serve.log")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def hq_cluster(central_url: str, tmp_path: Path) -> Iterator[HqCluster]:
    """Three `sanad hq serve` on one HQ folder (new: they race to make it) and one database."""
    cluster = HqCluster.make(central_url, tmp_path / "hq", tmp_path, PROCESSES)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def hq_workers(central_url: str, tmp_path: Path) -> Iterator[HqServer]:
    """One `sanad hq serve --workers 3`."""
    server = HqServer(central_url, tmp_path / "hq", tmp_path / "hq-serve.log", workers=PROCESSES)
    try:
        server.start()
        yield server
    finally:
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
    count: int, front: Front, admin: HqService, template: Path, folder: Path
) -> tuple[list[SyncBranch], list[Path]]:
    branches: list[SyncBranch] = []
    enrollments: list[Path] = []
    for i in range(count):
        code = f"LD{i:02d}"
        data = copy_branch(template, folder / code / "data", code)
        services = open_branch(data, hasher=FAST_HASHER, today=TODAY)
        services.accounts.login(*ADMIN)
        sync = SyncService(services.ctx, front.clients(i))
        branches.append(SyncBranch(code, data, services, sync, data.parent / "usb"))
        enrollments.append(admin.add_branch(code, f"فرع {i}", data.parent, url=front.url))
    return branches, enrollments


def sync_all_at_once(
    front: Front, central_url: str, template: Path, folder: Path, count: int,
    chaos: threading.Thread | None = None,
) -> int:  # fmt: skip
    """`count` branches enroll, work and sync concurrently; then every batch they made was
    applied once, HQ holds exactly their rows, and their outboxes are pruned. Returns the
    number of batches made."""
    admin = HqService(HqHome.open(front.folder), make_engine(central_url))
    branches: list[SyncBranch] = []
    try:
        branches, enrollments = make_branches(count, front, admin, template, folder)
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
        return made
    finally:
        for branch in branches:
            branch.close()
        admin.close()


def applied_when(central_url: str, batches: int) -> Callable[[], None]:
    """Waits until `batches` batches are in at HQ (then the others are being sent)."""

    def wait() -> None:
        engine = make_engine(central_url)
        try:
            deadline = time.monotonic() + SYNC_DEADLINE
            while time.monotonic() < deadline:
                with Session(engine) as session:
                    applied = session.scalar(select(func.count()).select_from(HqBatchRow)) or 0
                if applied >= batches:
                    return
                time.sleep(0.02)
        finally:
            engine.dispose()

    return wait


def assert_each_upload_applied_once(deliveries: Deliveries, made: int, *, killed: bool) -> None:
    """At the HTTP level: no upload was answered `applied` twice, whichever process got it;
    with no process killed, every batch was answered `applied` exactly once (a kill may cut
    that answer off: the retry is then `already_applied`), and every twin answered."""
    applied = deliveries.applied()
    assert all(n == 1 for n in applied.values()), applied.most_common(3)
    ports = Counter(d.port for d in deliveries.done if d.status == 200)
    assert len(ports) == PROCESSES, ports  # every process served batches
    raced = Counter(d.body for d in deliveries.done if d.status == 200)
    assert sum(1 for n in raced.values() if n >= 2) >= made // 2, "too few deliveries raced"
    if not killed:
        assert len(applied) == made, (len(applied), made)
        statuses = Counter(d.status for d in deliveries.done)
        assert set(statuses) == {200}, statuses


def test_twenty_branches_sync_at_once_with_one_hq(
    hq_server: HqServer, central_url: str, branch_template: Path, tmp_path: Path
) -> None:
    sync_all_at_once(
        direct(hq_server), central_url, branch_template, tmp_path / "branches", BRANCHES
    )
    assert hq_server.starts == 1


def test_hq_killed_while_branches_sync_loses_and_repeats_nothing(
    hq_server: HqServer, central_url: str, branch_template: Path, tmp_path: Path
) -> None:
    count = 8
    wait = applied_when(central_url, count)  # a third of the batches

    def kill_and_restart() -> None:
        wait()
        hq_server.kill()
        hq_server.start()

    chaos = threading.Thread(target=kill_and_restart)
    sync_all_at_once(
        direct(hq_server), central_url, branch_template, tmp_path / "branches", count, chaos
    )
    assert hq_server.starts == 2


def test_twenty_branches_sync_at_once_with_three_hq_processes(
    hq_cluster: HqCluster, central_url: str, branch_template: Path, tmp_path: Path
) -> None:
    deliveries = Deliveries(twins=True)
    front = balanced(hq_cluster, deliveries)
    made = sync_all_at_once(front, central_url, branch_template, tmp_path / "branches", BRANCHES)
    deliveries.wait()
    assert_each_upload_applied_once(deliveries, made, killed=False)


def test_hq_process_killed_while_branches_sync_with_three_loses_and_repeats_nothing(
    hq_cluster: HqCluster, central_url: str, branch_template: Path, tmp_path: Path
) -> None:
    """One of the three processes SIGKILLed mid-load, then started again (it prepares while
    the other two serve); its requests cut off are retried at the next process."""
    deliveries = Deliveries(twins=True)
    victim = hq_cluster.servers[0]
    wait = applied_when(central_url, BRANCHES)  # a third of the batches

    def kill_and_restart() -> None:
        wait()
        victim.kill()
        time.sleep(0.5)  # meanwhile its turn of the balancer finds nobody there
        victim.start()

    chaos = threading.Thread(target=kill_and_restart)
    front = balanced(hq_cluster, deliveries)
    made = sync_all_at_once(
        front, central_url, branch_template, tmp_path / "branches", BRANCHES, chaos
    )
    deliveries.wait()
    assert [s.starts for s in hq_cluster.servers] == [2, 1, 1]
    assert_each_upload_applied_once(deliveries, made, killed=True)


def test_hq_worker_killed_while_twenty_branches_sync_with_workers(
    hq_workers: HqServer, central_url: str, branch_template: Path, tmp_path: Path
) -> None:
    """`sanad hq serve --workers 3` (the kernel spreads connections over the workers) with
    every upload delivered twice at once, and one worker SIGKILLed mid-load: uvicorn starts
    another, and nothing is lost or applied twice."""
    deliveries = Deliveries(twins=True)
    ports = [hq_workers.port]
    wait = applied_when(central_url, BRANCHES)
    killed: list[int] = []

    def kill_a_worker() -> None:
        wait()
        killed.append(hq_workers.kill_worker())

    front = Front(
        hq_workers.url, hq_workers.folder,
        lambda i: balanced_clients(ports, i, deliveries, PATIENT),
    )  # fmt: skip
    chaos = threading.Thread(target=kill_a_worker)
    made = sync_all_at_once(
        front, central_url, branch_template, tmp_path / "branches", BRANCHES, chaos
    )
    deliveries.wait()
    applied = deliveries.applied()
    assert all(n == 1 for n in applied.values()), applied.most_common(3)
    assert len(deliveries.uploads()) == made
    hq_workers.wait_worker_replaced(killed[0])  # uvicorn saw it die and started another
