"""Where generated registries live: scratch PostgreSQL databases named sanad_scale*, on the
server SANAD_SCALE_PG_URL names (default postgres@127.0.0.1:5432), made by the generator and
remade only if a bench made them (bench.pg_scratch)."""

from __future__ import annotations

import os

from sqlalchemy.engine import URL, make_url

from bench import pg_scratch

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
    """The registry's database, empty: created and marked, or remade if a bench made it
    (bench.pg_scratch); a database of that name that no bench made is left alone."""
    name = url.database or ""
    if not name.startswith("sanad_scale"):
        raise SystemExit(f"the registry goes into a database named sanad_scale*, not {name!r}")
    return pg_scratch.fresh(url)
