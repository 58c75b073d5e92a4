"""The lines of a list file or of standard input, read as a stream with bounded memory.

A line is read up to MAX_LINE_CHARS (+ a little): a longer one is reported by its number and
its first characters and the rest of it is skipped in chunks, never held whole. Text is UTF-8
(with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), or, line by line where UTF-8
fails, Windows Arabic (cp1256). The SHA-256 of the bytes read is kept for the audit entry.
"""

from __future__ import annotations

import codecs
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from app.domain.list_queries import MAX_LINE_CHARS

# UTF-8 takes at most 4 bytes a character: a line within the limit is within this many bytes.
_MAX_LINE_BYTES = MAX_LINE_CHARS * 4 + 2
_SKIP_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based, as an editor counts
    text: str  # the line without its end; the first characters when too_long
    too_long: bool = False


class Lines(Protocol):
    """What the matching reads: numbered lines, how far it has read of how much (0: unknown),
    the SHA-256 of the list, and the cell separator a list imposes (None: found in its header)."""

    separator: str | None

    def __iter__(self) -> Iterator[Line]: ...

    @property
    def position(self) -> int: ...

    @property
    def total(self) -> int: ...

    @property
    def sha256(self) -> str: ...


class LineSource:
    """Iterates the lines of a binary stream; `bytes_read` and `sha256` follow the reading."""

    separator: str | None = None

    def __init__(self, stream: BinaryIO, total_bytes: int = 0) -> None:
        self._stream = stream
        self._hash = hashlib.sha256()
        self._total = total_bytes
        self.bytes_read = 0

    @property
    def position(self) -> int:
        return self.bytes_read

    @property
    def total(self) -> int:
        return self._total

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def _readline(self, limit: int) -> bytes:
        chunk = self._stream.readline(limit)
        self._hash.update(chunk)
        self.bytes_read += len(chunk)
        return chunk

    def __iter__(self) -> Iterator[Line]:
        first = self._readline(_MAX_LINE_BYTES + 1)
        if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield from self._utf16(first)
            return
        first = first.removeprefix(codecs.BOM_UTF8)
        number = 0
        chunk = first
        while chunk:
            number += 1
            yield self._line(number, chunk)
            chunk = self._readline(_MAX_LINE_BYTES + 1)

    def _line(self, number: int, chunk: bytes) -> Line:
        ended = chunk.endswith(b"\n")
        if not ended and len(chunk) > _MAX_LINE_BYTES:
            self._skip_rest()
            return Line(number, chunk[:400].decode("utf-8", errors="ignore")[:100], too_long=True)
        text = _decode(chunk).rstrip("\r\n")
        if len(text) > MAX_LINE_CHARS:
            return Line(number, text[:100], too_long=True)
        return Line(number, text)

    def _skip_rest(self) -> None:
        while True:
            chunk = self._readline(_SKIP_CHUNK)
            if not chunk or chunk.endswith(b"\n"):
                return

    def _utf16(self, first: bytes) -> Iterator[Line]:
        """UTF-16 lines: decoded incrementally, each cut at MAX_LINE_CHARS."""
        rest = io.BufferedReader(_Counted(self, first))
        text = io.TextIOWrapper(rest, encoding="utf-16", errors="replace", newline=None)
        number = 0
        while True:
            chunk = text.readline(MAX_LINE_CHARS + 1)
            if not chunk:
                return
            number += 1
            if not chunk.endswith("\n") and len(chunk) > MAX_LINE_CHARS:
                while True:
                    more = text.readline(_SKIP_CHUNK)
                    if not more or more.endswith("\n"):
                        break
                yield Line(number, chunk[:100], too_long=True)
            else:
                yield Line(number, chunk.rstrip("\r\n"))


class _Counted(io.RawIOBase):
    """The stream after its first line, for a TextIOWrapper; the source counts and hashes."""

    def __init__(self, source: LineSource, head: bytes) -> None:
        self._source = source
        self._head = head

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            data, self._head = self._head[: len(buffer)], self._head[len(buffer) :]
        else:
            data = self._source._readline(len(buffer))  # counted and hashed there
        buffer[: len(data)] = data
        return len(data)


def _decode(chunk: bytes) -> str:
    try:
        return chunk.decode("utf-8")
    except UnicodeDecodeError:
        return chunk.decode("cp1256", errors="replace")
