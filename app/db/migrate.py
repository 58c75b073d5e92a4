"""Bring a database to the newest schema with Alembic (never `create_all` in production).

Before upgrading an existing SQLite file, a copy is kept beside it (`*.pre-<rev>.bak`).
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest revision (read from the migration scripts once: every batch names it)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, *, backup_dir: Path | None = None) -> bool:
    """Upgrade to head; returns True if anything ran."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return False
    db_file = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if current is not None and db_file and db_file != ":memory:" and Path(db_file).exists():
        target = (backup_dir or Path(db_file).parent) / f"{Path(db_file).name}.pre-{head}.bak"
        shutil.copy2(db_file, target)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return True
