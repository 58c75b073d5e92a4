"""Fresh central databases for the sync tests: a copy of a migrated SQLite file, or a new
PostgreSQL database made from a migrated template (CREATE DATABASE … TEMPLATE), dropped after.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import URL

from app.db.engine import sqlite_url


def pg_admin(url: URL) -> psycopg.Connection:
    return psycopg.connect(
        host=url.host or "127.0.0.1", port=url.port or 5432, user=url.username,
        password=url.password, dbname=url.database or "postgres", autocommit=True,
    )  # fmt: skip


class Centrals:
    """Makes fresh central databases of one kind: a copy of the migrated SQLite template, or
    a new PostgreSQL database (CREATE DATABASE … TEMPLATE), dropped afterwards."""

    def __init__(self, kind: str, request: pytest.FixtureRequest) -> None:
        self.kind = kind
        self._sqlite: Path = request.getfixturevalue("sync_sqlite_template")
        self._pg: tuple[URL, str] | None = (
            request.getfixturevalue("sync_pg_template") if kind == "postgresql" else None
        )

    @contextlib.contextmanager
    def new(self, folder: Path) -> Iterator[str]:
        if self._pg is None:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / "central.db"
            shutil.copyfile(self._sqlite, target)
            yield sqlite_url(target)
            return
        url, template = self._pg
        name = f"sanad_t_{uuid.uuid4().hex[:12]}"
        with pg_admin(url) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            with pg_admin(url) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
