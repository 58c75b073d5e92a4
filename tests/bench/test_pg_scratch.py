"""Benches drop and remake only the PostgreSQL databases a bench made (bench.pg_scratch)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

from bench import pg_scratch
from bench.registry_db import psycopg_url

pytestmark = [pytest.mark.db, pytest.mark.pg]

PG_ENV = "SANAD_TEST_PG_URL"


@pytest.fixture
def server() -> Iterator[tuple[URL, list[str]]]:
    """The test server's URL and a list of database names to remove afterwards."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    names: list[str] = []
    url = make_url(base)
    yield url, names
    with psycopg.connect(_admin(url), autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin(url: URL) -> str:
    return psycopg_url(url.set(database="postgres").render_as_string(hide_password=False))


def _tables(url: str) -> list[str]:
    with psycopg.connect(psycopg_url(url)) as conn:
        return [
            r[0]
            for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]


def _exists(url: URL, name: str) -> bool:
    with psycopg.connect(_admin(url), autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    return found is not None


def test_a_database_no_bench_made_is_never_dropped(server: tuple[URL, list[str]]) -> None:
    url, cleanup = server
    name = f"sanad_t_someones_{uuid.uuid4().hex[:10]}"
    cleanup.append(name)
    with psycopg.connect(_admin(url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    theirs = url.set(database=name)
    with psycopg.connect(psycopg_url(theirs.render_as_string(False))) as conn:
        conn.execute("CREATE TABLE kept (x int)")
    with pytest.raises(pg_scratch.NotScratch, match="not made by a bench"):
        pg_scratch.fresh(theirs)
    assert pg_scratch.drop(theirs) is False
    assert _exists(url, name)
    assert _tables(theirs.render_as_string(False)) == ["kept"]


def test_a_bench_database_is_made_marked_remade_and_dropped(
    server: tuple[URL, list[str]],
) -> None:
    url, cleanup = server
    name = f"sanad_t_scratch_{uuid.uuid4().hex[:10]}"
    cleanup.append(name)
    ours = url.set(database=name)
    made = pg_scratch.fresh(ours)
    with psycopg.connect(psycopg_url(made)) as conn:
        conn.execute("CREATE TABLE leftover (x int)")
    assert _tables(made) == ["leftover"]
    again = pg_scratch.fresh(ours)  # a bench made it: remade empty
    assert _tables(again) == []  # the mark is outside the database: no table of its own
    assert pg_scratch.drop(ours) is True
    assert not _exists(url, name)
    assert pg_scratch.drop(ours) is False  # gone: nothing to do


def test_the_server_databases_are_refused(server: tuple[URL, list[str]]) -> None:
    url, _ = server
    for name in ("postgres", "template1", None):
        with pytest.raises(pg_scratch.NotScratch):
            pg_scratch.fresh(url.set(database=name))
