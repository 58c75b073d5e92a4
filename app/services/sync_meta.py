"""The branch's sync settings and state, kept as `local_meta` rows (`sync.*`), and which
schemas a batch may be made with."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from app.db import migrate
from app.db.models import LocalMetaRow

HQ_URL = "sync.hq_url"
HQ_IDENTITY = "sync.hq_identity"
REPLICA = "sync.replica"
REGISTERED = "sync.registered"
LAST_ERROR = "sync.last_error"
LAST_ERROR_REASON = "sync.last_error_reason"
LAST_ERROR_DETAIL = "sync.last_error_detail"
LAST_ERROR_AT = "sync.last_error_at"


@lru_cache(maxsize=1)
def _known_schemas() -> frozenset[str]:
    from alembic.script import ScriptDirectory  # only when a batch is read (~0.1 s to import)

    script = ScriptDirectory.from_config(migrate.alembic_config())
    return frozenset(r.revision for r in script.walk_revisions())


def known_schema(revision: str) -> bool:
    """A batch made with any schema of our migration chain can be read (not a newer one)."""
    return revision in _known_schemas()


def set_meta(session: Any, key: str, value: str) -> None:
    session.merge(LocalMetaRow(key=key, value=value))


def parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
