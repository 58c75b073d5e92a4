"""Scratch PostgreSQL databases for the benches: made by a bench, marked, and never any other.

A bench takes its database's name from an option or an environment variable. It creates the
database and marks it with a comment (`COMMENT ON DATABASE`, kept by the server outside the
database, so no table is added to the schema under test). A database is dropped or remade
only when it carries that mark: one a bench made, in this run or an earlier one. A database of
that name without the mark is someone's data: the bench refuses and says so, and touches
nothing.
"""

from __future__ import annotations

import psycopg
from psycopg import sql
from sqlalchemy.engine import URL

MARK = "sanad bench scratch database (bench/pg_scratch.py): a bench may drop it"


class NotScratch(SystemExit):
    """The named database exists and no bench made it."""


def _admin(url: URL) -> psycopg.Connection:
    """An autocommit connection to the server's `postgres` database."""
    return psycopg.connect(
        host=url.host or "127.0.0.1", port=url.port or 5432, user=url.username or "postgres",
        password=url.password, dbname="postgres", autocommit=True,
    )  # fmt: skip


def _mark_of(conn: psycopg.Connection, name: str) -> tuple[bool, str | None]:
    """(exists, its comment)."""
    row = conn.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        (name,),
    ).fetchone()
    return (row is not None, row[0] if row else None)


def _name(url: URL) -> str:
    if not url.database or url.database in ("postgres", "template0", "template1"):
        raise NotScratch(f"a bench needs a scratch database of its own, not {url.database!r}")
    return url.database


def fresh(url: URL) -> str:
    """The database `url` names, empty: created and marked, or (if a bench made it before)
    dropped and made again. Refuses, touching nothing, if it exists without the mark."""
    name = _name(url)
    ident = sql.Identifier(name)
    with _admin(url) as conn:
        exists, mark = _mark_of(conn, name)
        if exists and mark != MARK:
            raise NotScratch(
                f"database {name!r} exists and was not made by a bench: it is left alone. "
                "Name another one (the bench's option or environment variable), or drop it "
                "yourself if it is a scratch database."
            )
        if exists:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(ident))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(ident))
        conn.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(ident, sql.Literal(MARK)))
    return url.render_as_string(hide_password=False)


def drop(url: URL) -> bool:
    """Drop the database if a bench made it (it carries the mark); True if dropped."""
    name = _name(url)
    with _admin(url) as conn:
        exists, mark = _mark_of(conn, name)
        if not exists or mark != MARK:
            return False
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
    return True
