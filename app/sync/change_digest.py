"""A change's identity without its sequence number: how a restored branch and HQ tell which
changes they share (docs/sync-protocol.md, "Forks").

A branch writes each change line as `{"seq":N,` followed by the rest of the change (table, row
id, operation, fields, versions, user, time, origin). The digest is BLAKE2b-64 of that rest,
so the same change keeps its digest when it is re-based onto new sequence numbers. A line in
another form is digested whole (it then simply never matches a re-based copy).
"""

from __future__ import annotations

from collections.abc import Iterable
from hashlib import blake2b

DIGEST_SIZE = 8
_PREFIX = b'{"seq":'


def change_digest(raw_line: bytes) -> bytes:
    """The 8-byte digest of one encoded change line (with or without its final newline)."""
    line = raw_line.rstrip(b"\n")
    if line.startswith(_PREFIX):
        comma = line.find(b",")
        if comma > 0:
            line = line[comma + 1 :]
    return blake2b(line, digest_size=DIGEST_SIZE).digest()


def digests(raw_lines: Iterable[bytes]) -> bytes:
    """The digests of these lines, concatenated in order."""
    return b"".join(map(change_digest, raw_lines))


def split_digests(blob: bytes) -> list[bytes]:
    return [blob[i : i + DIGEST_SIZE] for i in range(0, len(blob), DIGEST_SIZE)]
