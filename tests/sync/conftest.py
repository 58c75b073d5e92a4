"""Fixtures of the sync reliability tests: a central database (SQLite, and a fresh PostgreSQL
database per test when SANAD_TEST_PG_URL is set), an HQ over it, and real enrolled branches
made quickly from one template."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL, make_url

from app.db import migrate
from app.db.engine import make_engine, sqlite_url
from tests.sync.centrals import Centrals, pg_admin
from tests.sync.world import (
    Hq,
    SyncBranch,
    copy_branch,
    make_branch_template,
    open_hq,
    open_sync_branch,
)

PG_ENV = "SANAD_TEST_PG_URL"
DB_PARAMS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)]


@pytest.fixture(scope="session")
def sync_pg_template() -> Iterator[tuple[URL, str]]:
    """One migrated PostgreSQL database per run, copied per test (CREATE … TEMPLATE)."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    url = make_url(base)
    name = f"sanad_tpl_{uuid.uuid4().hex[:12]}"
    with pg_admin(url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(url.set(database=name).render_as_string(hide_password=False))
    migrate.upgrade(engine)
    engine.dispose()
    yield url, name
    with pg_admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sync_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("central-template") / "central.db"
    engine = make_engine(sqlite_url(path))
    migrate.upgrade(engine)
    engine.dispose()
    for extra in path.parent.glob("central.db-*"):
        extra.unlink()
    return path


@pytest.fixture(params=DB_PARAMS)
def centrals(request: pytest.FixtureRequest) -> Centrals:
    """Fresh central databases on SQLite, and on PostgreSQL (marked pg) when available."""
    return Centrals(request.param, request)


@pytest.fixture
def central_url(centrals: Centrals, tmp_path: Path) -> Iterator[str]:
    """One fresh central database for the test."""
    with centrals.new(tmp_path) as url:
        yield url


@pytest.fixture
def hq(central_url: str, tmp_path: Path) -> Iterator[Hq]:
    world = open_hq(tmp_path / "hq", central_url)
    yield world
    world.close()


@pytest.fixture(scope="session")
def branch_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_branch_template(tmp_path_factory.mktemp("branch-template") / "branch")


BranchFactory = Callable[[str], SyncBranch]


@pytest.fixture
def make_branch(branch_template: Path, hq: Hq, tmp_path: Path) -> Iterator[BranchFactory]:
    """`make_branch("TRP01")`: a real branch enrolled at `hq`, its admin logged in."""
    made: list[SyncBranch] = []

    def make(code: str) -> SyncBranch:
        folder = copy_branch(branch_template, tmp_path / "branches" / code / "data", code)
        branch = open_sync_branch(folder, code, hq)
        made.append(branch)
        return branch

    yield make
    for branch in made:
        branch.close()
