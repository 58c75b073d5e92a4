"""Where generated registries live: scratch PostgreSQL databases named sanad_scale*, on the
server SANAD_SCALE_PG_URL names (default postgres@127.0.0.1:5432)."""

from __future__ import annotations

import os

import psycopg
from sqlalchemy.engine import URL, make_url

PG_ENV = "SANAD_SCALE_PG_URL"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def psycopg_url(url: str) -> str:
    u = make_url(url)
    auth = u.username or "postgres"
    if u.password:
        auth += f":{u.password}"
    return f"postgresql://{auth}@{u.host or '127.0.0.1'}:{u.port or 5432}/{u.database}"


def database_name(people: int) -> str:
    if people % 1_000_000 == 0:
        return f"sanad_scale_{people // 1_000_000}m"
    return f"sanad_scale_{people}"


def scale_url(database: str) -> URL:
    return make_url(os.environ.get(PG_ENV, PG_DEFAULT)).set(database=database)


def fresh_database(url: URL) -> str:
    name = url.database or ""
    if not name.startswith("sanad_scale"):
        raise SystemExit(f"the registry goes into a database named sanad_scale*, not {name!r}")
    with psycopg.connect(psycopg_url(url.set(database="postgres").render_as_string(False)),
                         autocommit=True) as conn:  # fmt: skip
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.render_as_string(hide_password=False)
