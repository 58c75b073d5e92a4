"""A service's copy of HQ's reference data that notices a new version without a restart.

The desk reads municipalities, case types and agencies on every form and list, so each service
keeps them in memory; HQ's answers bring new versions while the app runs (app.sync.
branch_reference keeps the version held in `local_meta`). A cache reloads when that version
changes: at once when this process applied it (its `generation` moved), otherwise (another
process, e.g. `sanad sync import`) at the first read after `RECHECK_SECONDS`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from app.db.unit_of_work import Database
from app.sync.branch_reference import generation, held_version

T = TypeVar("T")
RECHECK_SECONDS = 2.0


class ReferenceCache(Generic[T]):
    def __init__(self, db: Database, load: Callable[[Session], T]) -> None:
        self._db = db
        self._load = load
        self._value: T | None = None
        self._version = -1
        self._generation = -1
        self._checked = 0.0

    def get(self) -> T:
        now = time.monotonic()
        current = generation()
        value = self._value
        if (
            value is not None
            and current == self._generation
            and (now - self._checked < RECHECK_SECONDS)
        ):
            return value
        with self._db.read() as session:
            version = held_version(session)
            if value is None or version != self._version:
                value = self._load(session)
                self._value, self._version = value, version
        self._generation, self._checked = current, now
        return value
