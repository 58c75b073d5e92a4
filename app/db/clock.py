"""Time and identity sources, injectable for tests."""

from __future__ import annotations

from datetime import UTC, datetime

import uuid6


def utcnow() -> datetime:
    """Naive UTC (SQLite has no time zones; everything stored is UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_id() -> str:
    """A UUIDv7: unique without coordination, time-ordered (cheap to index)."""
    return str(uuid6.uuid7())
