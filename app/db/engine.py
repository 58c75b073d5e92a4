"""Engines for the local SQLite file (WAL) and for server databases (PostgreSQL at HQ)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from app.db.upkeep import BUSY_MS, JOURNAL_SIZE_LIMIT


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _manual_checkpoints(dbapi_connection: Any, _record: Any) -> None:
    # A branch's database: checkpoints run when the desk is idle (app.db.upkeep), not in
    # whichever commit crosses 1,000 pages; the WAL file is cut back when it restarts.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.execute(f"PRAGMA journal_size_limit={JOURNAL_SIZE_LIMIT}")
    cursor.close()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",  # WAL + NORMAL: durable across app crashes, fast commits
        "PRAGMA foreign_keys=ON",
        f"PRAGMA busy_timeout={BUSY_MS}",
        "PRAGMA cache_size=-65536",  # 64 MiB page cache
        "PRAGMA temp_store=MEMORY",
        # No memory map: at 1,000,000 people scrolling 20,000 search results mapped ~85 MB
        # more of the file into the process for no faster search (bench/startup.py).
        "PRAGMA mmap_size=0",
    ):
        cursor.execute(pragma)
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    # pysqlite's implicit transactions are off (see make_engine); start one ourselves so
    # that reads and writes of one unit of work see one snapshot.
    conn.exec_driver_sql("BEGIN")


def driver_cursor(session: Session) -> sqlite3.Cursor:
    """A cursor of the sqlite3 connection under `session`, in its transaction (what the ORM
    holds is flushed first)."""
    session.flush()
    dbapi = session.connection().connection.driver_connection
    if not isinstance(dbapi, sqlite3.Connection):
        raise RuntimeError("this needs the SQLite driver")
    return dbapi.cursor()


def make_engine(url: str, *, manual_checkpoints: bool = False, **kwargs: Any) -> Engine:
    """An engine for `url`; `manual_checkpoints` (a branch's SQLite file): no automatic WAL
    checkpoints, `app.db.upkeep.Upkeep` runs them."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 10},
            **kwargs,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        if manual_checkpoints:
            event.listen(engine, "connect", _manual_checkpoints)

        @event.listens_for(engine, "connect")
        def _no_implicit_tx(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None

        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)
