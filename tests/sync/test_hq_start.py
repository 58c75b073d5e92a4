"""Several HQ processes starting at once on a new HQ folder and an empty central database, as
a deployment behind a load balancer starts: one of them migrates the database and makes HQ's
keys, the others wait for it (app.hq.asgi's startup lock: a file lock in the folder and, on
PostgreSQL, an advisory lock), and every process then serves with the same keys.

A process that made keys of its own would sign answers the branches refuse (they pin HQ's
keys); two migrating at once would fail on each other's tables. The branch here syncs through
a round-robin balancer, so each of its syncs is answered by another process.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from app.db import migrate
from app.db.engine import make_engine, sqlite_url
from app.hq.asgi import ADVISORY_KEY, WorkerSetupError, open_worker_service, startup_lock
from app.hq.home import ENV_HQ_DB, ENV_HQ_DIR, HQ_PARTY, HqHome
from app.hq.service import HqService
from app.services.setup import open_branch
from app.services.sync import SyncService
from app.sync.http_client import RetryPolicy
from app.sync.keys import KeyPair
from tests.conftest import FAST_HASHER, TODAY
from tests.sync.centrals import pg_admin
from tests.sync.changes import register
from tests.sync.conftest import PG_ENV
from tests.sync.hq_processes import (
    START_TIMEOUT,
    Deliveries,
    HqCluster,
    HqServer,
    balanced_clients,
)
from tests.sync.world import ADMIN, Hq, SyncBranch, assert_branch_in_step, copy_branch

pytestmark = [pytest.mark.sync, pytest.mark.db]

PATIENT = RetryPolicy(attempts=8, base_delay=0.2, max_delay=2.0)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def empty_central_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A central database with no tables yet."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "central.db")
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    url = make_url(base)
    name = f"sanad_e_{uuid.uuid4().hex[:12]}"
    with pg_admin(url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with pg_admin(url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_three_hq_processes_start_at_once_on_an_empty_database(
    empty_central_url: str, branch_template: Path, tmp_path: Path
) -> None:
    cluster = HqCluster.make(empty_central_url, tmp_path / "hq", tmp_path, 3)
    branch: SyncBranch | None = None
    admin: HqService | None = None
    try:
        cluster.start()  # each one asserts it came up
        engine = make_engine(empty_central_url)
        try:
            assert migrate.current_revision(engine) == migrate.head_revision()
        finally:
            engine.dispose()
        assert [p.name for p in (cluster.folder / "keys").iterdir()] == ["HQ.keys.json"]

        admin = HqService(HqHome.open(cluster.folder), make_engine(empty_central_url))
        data = copy_branch(branch_template, tmp_path / "branch" / "data", "TRP01")
        services = open_branch(data, hasher=FAST_HASHER, today=TODAY)
        services.accounts.login(*ADMIN)
        deliveries = Deliveries()
        sync = SyncService(services.ctx, balanced_clients(cluster.ports, 0, deliveries, PATIENT))
        branch = SyncBranch("TRP01", data, services, sync, data.parent / "usb")
        enrollment = admin.add_branch("TRP01", "طرابلس", data.parent, url=cluster.url)
        assert sync.enroll(enrollment).registered  # answered by the first process
        for n in range(3):  # each sync answered by the next process, signed with HQ's keys
            register(branch, n)
            assert sync.sync_now().sent_batches == 1
        answered = {d.port for d in deliveries.done if d.status == 200}
        assert answered == set(cluster.ports), deliveries.done
        assert_branch_in_step(Hq(admin, empty_central_url), branch)
    finally:
        if branch is not None:
            branch.close()
        if admin is not None:
            admin.close()
        cluster.stop()


def blocked_on_folder_lock(pid: int) -> bool:
    """Is process `pid` waiting for a file lock (Linux: a `->` line of /proc/locks)?"""
    lines = Path("/proc/locks").read_text().splitlines()
    return any(p[1:2] == ["->"] and p[5:6] == [str(pid)] for p in map(str.split, lines))


def waiting_for_advisory_lock(engine: Engine) -> bool:
    with engine.connect() as conn:
        waiting = conn.scalar(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                "AND objid::bigint = :key"
            ),
            {"key": ADVISORY_KEY},
        )
    return bool(waiting)


def wait_until(condition: Callable[[], bool], server: HqServer, home: HqHome) -> None:
    """Until `condition`; failing at once if the server went on and made HQ's keys."""
    deadline = time.monotonic() + START_TIMEOUT
    while not condition():
        assert not KeyPair.exists(home.keys_dir, HQ_PARTY), f"it did not wait:\n{server.log()}"
        assert time.monotonic() < deadline, f"it never waited:\n{server.log()}"
        time.sleep(0.05)


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads Linux's /proc/locks")
def test_serve_waits_for_another_starting_process(empty_central_url: str, tmp_path: Path) -> None:
    """While another process holds the startup lock (its folder's file lock; on PostgreSQL,
    with another folder, the database's advisory lock: a second machine), `sanad hq serve`
    waits: it writes no settings, makes no keys and migrates nothing until the lock is free."""
    pg = empty_central_url.startswith("postgresql")
    home = HqHome.open(tmp_path / "hq")
    server = HqServer(empty_central_url, home.root, tmp_path / "hq-serve.log")
    engine = make_engine(empty_central_url)
    key = {"key": ADVISORY_KEY}
    try:
        with engine.connect() as holder, contextlib.ExitStack() as held:
            if pg:
                holder.execute(text("SELECT pg_advisory_lock(:key)"), key)
                holder.commit()
                held.callback(holder.execute, text("SELECT pg_advisory_unlock(:key)"), key)
            else:
                held.enter_context(startup_lock(home))
            server.launch()
            waiting = (
                (lambda: waiting_for_advisory_lock(engine))
                if pg
                else (lambda: blocked_on_folder_lock(server.pid()))
            )
            wait_until(waiting, server, home)
            time.sleep(0.2)
            assert migrate.current_revision(engine) is None  # nothing migrated meanwhile
            assert list(home.keys_dir.iterdir()) == []
            assert pg or home.config() == {}  # not even --db remembered yet
        server.wait_ready()  # the lock released: it goes on
        assert migrate.current_revision(engine) == migrate.head_revision()
        assert KeyPair.exists(home.keys_dir, HQ_PARTY)
    finally:
        engine.dispose()
        server.stop()


def test_a_worker_refuses_a_folder_or_database_not_prepared(tmp_path: Path) -> None:
    """Workers only serve: what `sanad hq serve` prepares first, they never make."""
    home = HqHome.open(tmp_path / "hq")
    db_url = sqlite_url(tmp_path / "central.db")
    env = {ENV_HQ_DIR: str(home.root), ENV_HQ_DB: db_url}
    with pytest.raises(WorkerSetupError, match="must be set"):
        open_worker_service({ENV_HQ_DIR: str(home.root)})
    with pytest.raises(WorkerSetupError, match="not a prepared HQ folder"):
        open_worker_service(env)
    assert list(home.keys_dir.iterdir()) == []  # no keys made by the worker
    home.keys()
    home.replica()
    with pytest.raises(WorkerSetupError, match="migrates it"):
        open_worker_service(env)
    engine = make_engine(db_url)
    migrate.upgrade(engine)
    engine.dispose()
    service = open_worker_service(env)
    try:
        assert service.identity == home.keys().public
    finally:
        service.close()
