"""Keeping the branch's file in shape off the save's path: WAL checkpoints, index merges.

A registration used to stall now and then behind work that was not its own: SQLite's automatic
WAL checkpoint (every 1,000 pages written, 26-28 ms) and FTS5's automerge of the search index
(every ~64th write transaction, a 60-300 ms merge). On a branch's database both are off — each
connection has `wal_autocheckpoint=0` (`make_engine(..., manual_checkpoints=True)`) and the
index `automerge=0` (a setting stored in the index; `prepare`) — and are done here instead:

- `step`, when the desk is idle (the shell's idle timer, on the worker) and after long
  operations: one merge step of the index (about MERGE_PAGES pages written), then a PASSIVE
  checkpoint (it never waits for a reader or a writer); a complete one is followed by a
  one-row write, so that restarting the WAL (which syncs its header) happens here and not in
  the next save;
- guards for a desk that is never idle, run after a commit (`after_commit`): a PASSIVE
  checkpoint once FORCE_CHECKPOINT_COMMITS write transactions went by without one, or the WAL
  file passed WAL_LIMIT bytes; a merge step once FORCE_MERGE_COMMITS went by without one
  (FTS5 also merges a level by itself when it reaches 16 segments: the index never degrades
  without bound either way);
- `close`: the WAL checkpointed and truncated when the branch is closed.

Bulk writes (imports, demo data) let the index merge as it goes, as before: `merge_as_it_goes`.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

log = logging.getLogger(__name__)

INDEX = "beneficiary_search"
MERGE_PAGES = 32  # pages written by one idle merge step
WAL_LIMIT = 64 * 1024 * 1024  # bytes: past this a checkpoint runs at the next commit
JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024  # the WAL file is cut back to this when it restarts
FORCE_CHECKPOINT_COMMITS = 1000
FORCE_MERGE_COMMITS = 256
FTS_DEFAULT_AUTOMERGE = 4  # FTS5's own default
BUSY_MS = 10_000  # the connections' busy timeout (app.db.engine)
IDLE_BUSY_MS = 200  # idle work and closing wait no longer than this for another writer


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """`PRAGMA wal_checkpoint`'s answer: blocked?, frames in the WAL, frames copied back."""

    busy: bool
    wal_frames: int
    copied_frames: int

    @property
    def complete(self) -> bool:
        return not self.busy and self.wal_frames == self.copied_frames


def checkpoint(conn: sqlite3.Connection, mode: str = "PASSIVE") -> Checkpoint:
    if mode not in {"PASSIVE", "FULL", "RESTART", "TRUNCATE"}:
        raise ValueError(mode)
    busy, frames, copied = conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
    return Checkpoint(bool(busy), int(frames), int(copied))


def merge_step(conn: sqlite3.Connection, pages: int = MERGE_PAGES) -> bool:
    """One merge step of the index in its own transaction; True if it merged anything (then
    more may be left). FTS5 merges only levels holding several segments."""
    before = conn.total_changes
    conn.execute(f"INSERT INTO {INDEX}({INDEX}, rank) VALUES ('merge', ?)", (pages,))
    return conn.total_changes - before >= 2  # FTS5's documented sign of work done


def automerge(conn: sqlite3.Connection) -> int:
    found = conn.execute(f"SELECT v FROM {INDEX}_config WHERE k = 'automerge'").fetchone()
    return FTS_DEFAULT_AUTOMERGE if found is None else int(found[0])


def set_automerge(conn: sqlite3.Connection, value: int) -> None:
    conn.execute(f"INSERT INTO {INDEX}({INDEX}, rank) VALUES ('automerge', ?)", (value,))


def merge_as_it_goes(conn: sqlite3.Connection) -> bool:
    """In the caller's transaction, before a bulk write fills the index: let it merge as it
    goes (FTS5's default). True if it was off (`merge_when_idle` puts it back at the end)."""
    if automerge(conn) != 0:
        return False
    set_automerge(conn, FTS_DEFAULT_AUTOMERGE)
    return True


def merge_when_idle(conn: sqlite3.Connection) -> None:
    set_automerge(conn, 0)


class Upkeep:
    """The checkpoints and merges of one branch database (thread-safe)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        database = engine.url.database
        self._wal = Path(f"{database}-wal") if database and database != ":memory:" else None
        self._lock = threading.Lock()
        self._since_checkpoint = 0
        self._since_merge = 0

    @contextmanager
    def _driver(self) -> Iterator[sqlite3.Connection]:
        with self._engine.connect() as conn:
            dbapi = conn.connection.driver_connection
            assert isinstance(dbapi, sqlite3.Connection)
            yield dbapi  # autocommit (make_engine): each statement is its own transaction

    def prepare(self) -> None:
        """Turn the index's automerge off (once: the setting is stored in the index)."""
        with self._driver() as conn:
            if automerge(conn) != 0:
                set_automerge(conn, 0)

    def wal_bytes(self) -> int:
        if self._wal is None:
            return 0
        try:
            return self._wal.stat().st_size
        except OSError:
            return 0

    def after_commit(self) -> None:
        """After each write transaction: the guards of a desk that is never idle."""
        with self._lock:
            self._since_checkpoint += 1
            self._since_merge += 1
            merge = self._since_merge >= FORCE_MERGE_COMMITS
            flush = (
                self._since_checkpoint >= FORCE_CHECKPOINT_COMMITS or self.wal_bytes() > WAL_LIMIT
            )
        if not (merge or flush):
            return
        try:
            with self._driver() as conn:
                if merge:
                    self._merge(conn)
                if flush:
                    self._checkpoint(conn)
        except sqlite3.Error:  # the data is committed; this upkeep is tried again later
            log.warning("database upkeep after a commit failed", exc_info=True)

    def step(self, pages: int = MERGE_PAGES) -> bool:
        """One bounded piece of idle work: a merge step, then a PASSIVE checkpoint. True while
        the index has more to merge (call again while still idle)."""
        with self._driver() as conn:
            conn.execute(f"PRAGMA busy_timeout={IDLE_BUSY_MS}")  # another writer: not now
            try:
                more = self._merge(conn, pages)
                self._checkpoint(conn)
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) and "busy" not in str(err):
                    raise
                return False
            finally:
                conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        return more

    def settle(self, max_steps: int = 1000) -> None:
        """After a long operation (an import, demo data): merge until done, checkpoint."""
        for _ in range(max_steps):
            if not self.step():
                break

    def close(self) -> None:
        """The WAL copied into the database and truncated (a closing branch)."""
        try:
            with self._driver() as conn:
                conn.execute(f"PRAGMA busy_timeout={IDLE_BUSY_MS}")  # never hold up closing
                try:
                    checkpoint(conn, "TRUNCATE")
                finally:
                    conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        except sqlite3.Error:
            log.warning("closing checkpoint failed", exc_info=True)

    def _merge(self, conn: sqlite3.Connection, pages: int = MERGE_PAGES) -> bool:
        more = merge_step(conn, pages)
        with self._lock:
            self._since_merge = 0
        return more

    def _checkpoint(self, conn: sqlite3.Connection) -> Checkpoint:
        done = checkpoint(conn)
        if done.complete and done.wal_frames:
            conn.execute(_RESTART_WAL)  # the WAL starts over here, not in the next save
        with self._lock:
            self._since_checkpoint = 0
        return done


# Any write restarts a fully checkpointed WAL; a row of this database's own facts.
_RESTART_WAL = "INSERT OR REPLACE INTO local_meta (key, value) VALUES ('upkeep.wal_restart', '1')"
