"""Running HQ's API under uvicorn, in one process or in several (`sanad hq serve --workers N`,
or several `sanad hq serve` behind a load balancer on one central database).

Exactly once across processes rests on the database (each batch applies in one transaction
holding its branch's ledger row: `FOR UPDATE` on PostgreSQL, the single writer on SQLite), so
what is left to this module is what must happen once, before any process serves:

- `prepare` (the master, or each `sanad hq serve`): migrate the central database, make HQ's
  key pairs, its replica id and its counter. It runs under a startup lock, a file lock in HQ's
  folder and, on PostgreSQL, an advisory lock, so that several processes started at once
  neither migrate side by side nor each write other keys (branches pin HQ's keys: a process
  signing with keys of its own would have its answers refused).
- `create_worker_app` (uvicorn's factory in each worker, which uvicorn *spawns*: a fresh
  interpreter that inherits only the environment): reads HQ's folder and the database URL from
  SANAD_HQ_DIR and SANAD_HQ_DB (`worker_environment`), refuses a database the master did not
  bring to this version's schema, opens the service and closes it when the worker stops.

Every process serving one HQ must see the same HQ folder (keys, held batches: a batch held by
one process is applied from that folder by whichever process fills its gap).
"""

from __future__ import annotations

import contextlib
import os
import sys
import zlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, text

from app.db import migrate
from app.db.engine import make_engine
from app.hq.home import ENV_HQ_DB, ENV_HQ_DIR, HQ_PARTY, HqHome
from app.hq.service import HqService
from app.sync.keys import KeyPair

if TYPE_CHECKING:
    from fastapi import FastAPI

WORKER_FACTORY = "app.hq.asgi:create_worker_app"  # uvicorn's import string (factory=True)
LOCK_FILE = "serve.lock"
# PostgreSQL advisory lock key of HQ's startup (any fixed 63-bit number; this one is a CRC).
ADVISORY_KEY = zlib.crc32(b"sanad-hq-startup")


class WorkerSetupError(RuntimeError):
    """A worker cannot serve: started without the master's preparation."""


def worker_environment(home: HqHome, db_url: str) -> dict[str, str]:
    """What a spawned worker needs to find HQ: its folder and the central database's URL."""
    return {ENV_HQ_DIR: str(home.root), ENV_HQ_DB: db_url}


@contextlib.contextmanager
def startup_lock(home: HqHome) -> Iterator[None]:
    """Hold HQ's folder for one starting process at a time (config, keys, migration)."""
    with _folder_lock(home.root / LOCK_FILE):
        yield


if sys.platform == "win32":  # pragma: no cover - HQ is served from Linux

    @contextlib.contextmanager
    def _folder_lock(_path: Path) -> Iterator[None]:
        yield  # one `sanad hq serve` per folder on Windows

else:
    import fcntl

    @contextlib.contextmanager
    def _folder_lock(path: Path) -> Iterator[None]:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # released when fd closes, or the process dies
            yield
        finally:
            os.close(fd)


@contextlib.contextmanager
def _database_lock(engine: Engine) -> Iterator[None]:
    """On PostgreSQL, one starting HQ process at a time across machines (an advisory lock,
    released by the database if this process dies); SQLite lives in HQ's folder."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_KEY})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
            conn.commit()


def prepare(home: HqHome, db_url: str) -> HqService:
    """Once per start, before any worker: migrate the database, make HQ's keys, replica id
    and counter (HqService makes them on first use). Call it under `startup_lock`."""
    engine = make_engine(db_url)
    try:
        with _database_lock(engine):
            migrate.upgrade(engine)
            return HqService(home, engine)
    except BaseException:
        engine.dispose()
        raise


def open_worker_service(environ: dict[str, str] | None = None) -> HqService:
    """A worker's service over what the master prepared (nothing made, nothing migrated)."""
    env = os.environ if environ is None else environ
    folder, db_url = env.get(ENV_HQ_DIR), env.get(ENV_HQ_DB)
    if not folder or not db_url:
        raise WorkerSetupError(
            f"{ENV_HQ_DIR} and {ENV_HQ_DB} must be set: start workers with "
            "`sanad hq serve --workers N`"
        )
    home = HqHome(Path(folder))
    if not KeyPair.exists(home.keys_dir, HQ_PARTY) or not home.config().get("replica"):
        raise WorkerSetupError(f"{folder} is not a prepared HQ folder (no keys or replica id)")
    engine = make_engine(db_url)
    try:
        current, head = migrate.current_revision(engine), migrate.head_revision()
        if current != head:
            raise WorkerSetupError(
                f"the central database is at schema {current}, this HQ needs {head}: "
                "`sanad hq serve` migrates it before starting its workers"
            )
        return HqService(home, engine)
    except BaseException:
        engine.dispose()
        raise


def create_worker_app() -> FastAPI:
    """uvicorn's factory in each worker process: the API over a service of its own."""
    from app.hq.api import create_app

    service = open_worker_service()
    app = create_app(service)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        try:
            yield
        finally:
            service.close()

    app.router.lifespan_context = lifespan
    return app
