"""Engines for the local SQLite file (WAL) and for server databases (PostgreSQL at HQ)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",  # WAL + NORMAL: durable across app crashes, fast commits
        "PRAGMA foreign_keys=ON",
        "PRAGMA busy_timeout=10000",
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


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 10},
            **kwargs,
        )
        event.listen(engine, "connect", _sqlite_pragmas)

        @event.listens_for(engine, "connect")
        def _no_implicit_tx(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None

        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)
