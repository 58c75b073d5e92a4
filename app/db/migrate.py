"""Bring a database to the newest schema with Alembic (never `create_all` in production).

Before upgrading an existing SQLite file, a copy is kept beside it (`*.pre-<rev>.bak`).

Alembic itself (~0.1-0.2 s to import) is loaded only when the stored revision differs from
the head: a start-up at head reads one row and the names of the migration scripts.
"""

from __future__ import annotations

import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
VERSIONS_DIR = MIGRATIONS_DIR / "versions"
VERSION_TABLE = "alembic_version"
# Scripts are named after their revision ("0017_outbox_count.py" is revision "0017"), each
# revising the one before (a test checks that Alembic finds the same head).
_SCRIPT_NAME = re.compile(r"^(\d{4})_\w+\.py$")


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest revision (from the scripts' names, once: every batch names it)."""
    numbers = [m.group(1) for p in VERSIONS_DIR.iterdir() if (m := _SCRIPT_NAME.match(p.name))]
    if not numbers:
        raise RuntimeError(f"no migration scripts in {VERSIONS_DIR}")
    return max(numbers)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def upgrade(engine: Engine, *, backup_dir: Path | None = None) -> bool:
    """Upgrade to head; returns True if anything ran."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return False
    from alembic import command

    db_file = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if current is not None and db_file and db_file != ":memory:" and Path(db_file).exists():
        target = (backup_dir or Path(db_file).parent) / f"{Path(db_file).name}.pre-{head}.bak"
        shutil.copy2(db_file, target)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return True
