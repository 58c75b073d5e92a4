"""Merging a batch chunk by chunk, in the caller's ONE transaction (how HQ applies a batch).

Each chunk is merged as app/sync/merge.py merges a batch: the rows its lines touch are read
then (the rows earlier chunks wrote included: same transaction), its new rows are made, the
rest is replayed in sequence order, and its writes follow. On PostgreSQL the writes of one
chunk (COPY for new rows) run on a writer thread while the main thread parses the next chunk
and makes its rows; the main thread waits for them before it uses the session again, so only
one thread ever touches the connection at a time. SQLite writes in the main thread.

Nothing here commits: a failure anywhere (or a kill) rolls every chunk back with the rest of
the batch. `chunk_written` is called after each chunk's writes (a point tests kill at).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from typing import Any

from sqlalchemy.orm import Session

from app.db.name_keys import KeyMaker
from app.sync.batch_stream import Chunk
from app.sync.merge import merge_part
from app.sync.merge_result import MergeResult


@contextmanager
def planned_afresh(session: Session) -> Iterator[None]:
    """On PostgreSQL, no server-side prepared statements for a while: a batch's statements
    repeat dozens of times while its own rows fill the tables, and a plan made generic when
    the tables were empty (psycopg prepares a statement on its 5th run) would go on scanning
    them whole; each statement planned for the rows there are now finds them by index."""
    if session.get_bind().dialect.name != "postgresql":
        yield
        return
    driver: Any = session.connection().connection.driver_connection
    saved = driver.prepare_threshold
    driver.prepare_threshold = None
    try:
        yield
    finally:
        driver.prepare_threshold = saved


def chunk_written(number: int) -> None:
    """Chunk `number` (from 1) of the batch has been written, not committed."""


def merge_stream(
    session: Session,
    branch: str,
    chunks: Iterable[Chunk],
    hq_version: int,
    *,
    fast: bool = True,
    careful: bool = False,
) -> MergeResult:
    """Apply the chunks of one up-batch (in sequence order) from `branch` at HQ; every write
    is over when this returns."""
    result = MergeResult()
    keys = KeyMaker()
    threaded = fast and not careful and session.get_bind().dialect.name == "postgresql"
    if not threaded:
        for number, chunk in enumerate(chunks, 1):
            merge_part(
                session, branch, chunk.lines, hq_version, result, fast=fast, careful=careful,
                plain_text=chunk.plain_text, keys=keys,
            )()  # fmt: skip
            del chunk  # its lines go before the next chunk is parsed
            chunk_written(number)
        return result
    with ThreadPoolExecutor(1, thread_name_prefix="sanad-apply-writer") as writer:
        pending: Future[None] | None = None
        number = 0

        def ready() -> None:
            nonlocal pending
            if pending is not None:
                done, pending = pending, None
                _written(done)  # its failure is raised here, in the main thread
                chunk_written(number)

        try:
            for chunk in chunks:  # the next chunk is parsed while the last one is written
                write = merge_part(
                    session, branch, chunk.lines, hq_version, result, fast=True,
                    plain_text=chunk.plain_text, ready=ready, keys=keys,
                )  # fmt: skip
                number += 1
                pending = writer.submit(write)
                del chunk  # its lines go before the next chunk is parsed
            ready()
        finally:
            if pending is not None:  # failed half way: the writer must be done with the
                _wait_quietly(pending)  # connection before the transaction rolls back
    return result


def _written(pending: Future[None]) -> None:
    """Wait for the writer thread's chunk (raising its failure)."""
    pending.result()


def _wait_quietly(pending: Future[None]) -> None:
    with suppress(Exception):  # the main thread's own failure is the one raised
        pending.result()


def in_chunks(lines: list[dict[str, Any]], size: int, plain_text: bool) -> list[Chunk]:
    """Lines already in memory as chunks (a caller that parsed the batch itself)."""
    return [Chunk(lines[i : i + size], plain_text) for i in range(0, len(lines), size)]
