"""HQ fixtures: a central DB (SQLite, and PostgreSQL when SANAD_TEST_PG_URL is set), an HQ
service in a temporary folder, and an enrolled branch (the demo branch, renamed TRP01)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

from app.db import migrate
from app.db.engine import make_engine, sqlite_url
from app.hq.home import HqHome
from app.hq.service import HqService
from app.services.setup import AppServices
from tests.hq.branch_side import Branch, enroll
from tests.hq.registry_world import registry, registry_template  # noqa: F401 (fixtures)

PG_ENV = "SANAD_TEST_PG_URL"


def _admin(url: URL) -> psycopg.Connection:
    return psycopg.connect(
        host=url.host or "127.0.0.1", port=url.port or 5432, user=url.username,
        password=url.password, dbname=url.database or "postgres", autocommit=True,
    )  # fmt: skip


@pytest.fixture(scope="session")
def pg_database() -> Iterator[tuple[URL, str]]:
    """One migrated PostgreSQL database per run (dropped at the end); emptied per test."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    url = make_url(base)
    name = f"sanad_t_{uuid.uuid4().hex[:12]}"
    with _admin(url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(url.set(database=name).render_as_string(hide_password=False))
    migrate.upgrade(engine)
    engine.dispose()
    yield url, name
    with _admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _emptied(url: URL, name: str) -> str:
    """Every table of the run's database emptied (as fresh as a new database, and faster)."""
    with _admin(url.set(database=name)) as conn:
        # A connection a failed test left behind must not block the TRUNCATE.
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version'"
            )
        ]
        with conn.transaction():  # DELETE: far quicker than TRUNCATE on a few rows
            for table in tables:
                conn.execute(f"DELETE FROM {repr_ident(table)}")
    return url.set(database=name).render_as_string(hide_password=False)


def repr_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated central SQLite database per run, copied per test."""
    path = tmp_path_factory.mktemp("central") / "central.db"
    engine = make_engine(sqlite_url(path))
    migrate.upgrade(engine)
    engine.dispose()
    for extra in path.parent.glob("central.db-*"):
        extra.unlink()
    return path


def _sqlite_copy(template: Path, folder: Path) -> str:
    target = folder / "central.db"
    shutil.copyfile(template, target)
    return sqlite_url(target)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def central_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[str]:
    if request.param == "sqlite":
        yield _sqlite_copy(sqlite_template, tmp_path)
        return
    url, name = request.getfixturevalue("pg_database")
    yield _emptied(url, name)


@pytest.fixture
def hq_home(tmp_path: Path) -> HqHome:
    return HqHome.open(tmp_path / "hq")


@pytest.fixture
def hq(hq_home: HqHome, central_url: str) -> Iterator[HqService]:
    service = HqService.open(hq_home, central_url)
    yield service
    service.close()


@pytest.fixture
def sqlite_hq(hq_home: HqHome, tmp_path: Path, sqlite_template: Path) -> Iterator[HqService]:
    """For checks that do not depend on the database server (run once, on SQLite)."""
    service = HqService.open(hq_home, _sqlite_copy(sqlite_template, tmp_path))
    yield service
    service.close()


@pytest.fixture
def branch(worker: AppServices, hq: HqService, tmp_path: Path) -> Branch:
    """The demo branch with its worker logged in, made TRP01 and enrolled at `hq`."""
    worker.ctx.branch_code = "TRP01"
    keys = enroll(hq, "TRP01", "طرابلس", tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    return Branch(worker, "TRP01", keys, hq.identity, usb)
