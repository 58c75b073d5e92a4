"""A change's identity without its sequence number: how a restored branch and HQ tell which
changes they share (docs/sync-protocol.md, "Forks").

A branch writes each change line as `{"seq":N,` followed by the rest of the change (table, row
id, operation, fields, versions, user, time, origin). The digest is BLAKE2b-64 of what follows
the line's first comma, so the same change keeps its digest when it is re-based onto new
sequence numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from hashlib import blake2b

DIGEST_SIZE = 8


def change_digest(raw_line: bytes) -> bytes:
    """The 8-byte digest of one encoded change line (with or without its final newline):
    of what follows its first comma (`{"seq":N,` is where a branch puts the number)."""
    rest = raw_line.rstrip(b"\n").partition(b",")[2]
    return blake2b(rest, digest_size=DIGEST_SIZE).digest()


def digests(raw_lines: Iterable[bytes]) -> bytes:
    """The digests of these lines (with or without their newlines), concatenated in order:
    one chain of C calls per line, no Python frame (`change_digest` gives the same)."""
    return b"".join(
        [
            blake2b(line.rstrip(b"\n").partition(b",")[2], digest_size=DIGEST_SIZE).digest()
            for line in raw_lines
        ]
    )


def split_digests(blob: bytes) -> list[bytes]:
    return [blob[i : i + DIGEST_SIZE] for i in range(0, len(blob), DIGEST_SIZE)]
