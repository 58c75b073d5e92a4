"""One transaction per user action: `with db.transaction(actor) as session: ...`.

Repositories receive the session and never commit; the unit of work commits on success and
rolls back on any exception, so nothing is saved half-way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.db.capture import Actor, install_change_capture
from app.db.upkeep import Upkeep


class Database:
    def __init__(self, engine: Engine, upkeep: Upkeep | None = None) -> None:
        """`upkeep`: a branch's file, checkpointed and merged by `app.db.upkeep`."""
        self.engine = engine
        self.upkeep = upkeep
        self._factory = sessionmaker(engine, expire_on_commit=False, autoflush=True)
        install_change_capture(self._factory)

    @contextmanager
    def transaction(self, actor: Actor | None) -> Iterator[Session]:
        """A read-write unit of work; `actor` is required to change synced rows."""
        with self._factory() as session:
            session.info["actor"] = actor
            with session.begin():
                yield session
        if self.upkeep is not None:  # committed: the guards of a desk that is never idle
            self.upkeep.after_commit()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot; anything flushed in it is rolled back."""
        with self._factory() as session, session.begin():
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def raw_read(self) -> Iterator[sqlite3.Connection]:
        """A read-only snapshot on a pooled DBAPI connection of the local SQLite file: for
        the reads done on every key press (search), which skip the Session and the ORM.
        Only SELECTs belong in it; it is rolled back."""
        pooled = self.engine.raw_connection()
        try:
            conn = pooled.driver_connection
            assert isinstance(conn, sqlite3.Connection), "raw reads are for SQLite"
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("ROLLBACK")
        finally:
            pooled.close()

    def dispose(self) -> None:
        if self.upkeep is not None:
            self.upkeep.close()
        self.engine.dispose()


def sqlite_connection(session: Session) -> sqlite3.Connection:
    """The DBAPI connection under `session`'s transaction (the local SQLite file)."""
    conn = session.connection().connection.driver_connection
    assert isinstance(conn, sqlite3.Connection), "a SQLite session"
    return conn
