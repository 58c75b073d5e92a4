"""Time and identity sources, injectable for tests."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

import uuid6

_HEX3 = tuple(f"{i:03x}" for i in range(4096))


def utcnow() -> datetime:
    """Naive UTC (SQLite has no time zones; everything stored is UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_id() -> str:
    """A UUIDv7: unique without coordination, time-ordered (cheap to index)."""
    return str(uuid6.uuid7())


def new_ids(count: int) -> list[str]:
    """`count` UUIDv7s in increasing order, ten times cheaper than as many `new_id()` (bulk writes).

    The current millisecond, 12 random bits, then a 62-bit counter that starts at a random value
    and counts up by one per id (RFC 9562 §6.2, method 2, "monotonic random").
    """
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    high = f"{(ms << 16) | 0x7000 | (rand >> 68 & 0xFFF):016x}"
    prefix = f"{high[:8]}-{high[8:12]}-{high[12:16]}-"
    low = (0b10 << 62) | (rand & ((1 << 61) - 1))  # variant bits, room to count without carry
    end = low + count
    out: list[str] = []
    while low < end:
        head = f"{prefix}{low >> 48:04x}-{(low >> 12) & 0xFFFFFFFFF:09x}"
        first = low & 0xFFF
        last = min(0x1000, first + end - low)
        out.extend([head + tail for tail in _HEX3[first:last]])
        low += last - first
    return out
