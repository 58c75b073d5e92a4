"""A batch's plaintext, compressed and hashed while its producer makes the next piece.

The producer (reading the outbox through SQLite) and the consumer (SHA-256 and zstd, C code
that lets go of the GIL) run on two threads: on two cores writing a batch costs about as much
as its slower half instead of the sum of both. At most `AHEAD` pieces wait between them, so
memory stays bounded whatever the batch's size.
"""

from __future__ import annotations

import hashlib
import io
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor

import zstandard

AHEAD = 4  # pieces handed over and not yet compressed (each a few MB at most)


def compress_and_hash(pieces: Iterable[bytes], *, level: int) -> tuple[bytes, str]:
    """(zstd frame of the concatenated pieces, SHA-256 hex digest of their plaintext)."""
    content_hash = hashlib.sha256()
    compressed = io.BytesIO()
    compressor = zstandard.ZstdCompressor(level=level, threads=0)
    with (
        compressor.stream_writer(compressed, closefd=False) as writer,
        ThreadPoolExecutor(1, thread_name_prefix="batch-zstd") as worker,
    ):

        def take(piece: bytes) -> None:
            content_hash.update(piece)
            writer.write(piece)

        waiting: deque[Future[None]] = deque()
        try:
            for piece in pieces:
                if len(waiting) >= AHEAD:
                    waiting.popleft().result()
                waiting.append(worker.submit(take, piece))
            while waiting:
                waiting.popleft().result()
        finally:
            for pending in waiting:  # the producer failed: drop what has not started
                pending.cancel()
    return compressed.getvalue(), content_hash.hexdigest()
