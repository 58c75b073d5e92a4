"""Alembic migrations and the SQLite engine (app.db.migrate, app.db.engine)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from app.db import (
    account_models,  # noqa: F401
    conflict_models,  # noqa: F401
    migrate,
    models,  # noqa: F401  (registers the tables)
    reference_models,  # noqa: F401
    registry_models,  # noqa: F401
    sync_models,  # noqa: F401
)
from app.db.base import Base
from app.db.engine import make_engine, sqlite_url
from app.db.unit_of_work import Database

pytestmark = pytest.mark.db

# The FTS5 search index is created by raw SQL in the migration; it has no model.
FTS_TABLE = "beneficiary_search"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = make_engine(sqlite_url(tmp_path / "fresh.db"))
    yield eng
    eng.dispose()


def _schema_differences(engine: Engine) -> list[object]:
    def include_name(name: str | None, type_: str, _parent: object) -> bool:
        return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))

    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={"compare_type": True, "include_name": include_name},
        )
        return list(compare_metadata(context, Base.metadata))


def test_upgrade_from_empty_to_head(engine: Engine) -> None:
    assert migrate.current_revision(engine) is None
    assert migrate.upgrade(engine) is True
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert migrate.upgrade(engine) is False  # already at head: nothing runs
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert FTS_TABLE in tables


def test_the_head_by_script_names_is_alembics_head() -> None:
    # Start-up reads the head from the scripts' names, without importing Alembic.
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == script.get_current_head()
    revisions = sorted(r.revision for r in script.walk_revisions())
    names = sorted(p.name[:4] for p in migrate.VERSIONS_DIR.glob("[0-9]*.py"))
    assert names == revisions  # one script per revision, named after it


def test_current_revision_is_read_without_alembic(engine: Engine) -> None:
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert migrate.current_revision(engine) == (
            MigrationContext.configure(conn).get_current_revision()
        )


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    migrate.upgrade(engine)
    assert _schema_differences(engine) == []


def test_the_comparison_would_see_a_difference(engine: Engine) -> None:
    # Guard against a vacuous comparison: drop an index and it must be reported.
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_outbox_row_id"))
    assert any("ix_outbox_row_id" in repr(d) for d in _schema_differences(engine))


def test_downgrade_to_base_and_up_again(engine: Engine) -> None:
    migrate.upgrade(engine)
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert migrate.upgrade(engine) is True
    assert _schema_differences(engine) == []


def test_wal_mode_and_pragmas(engine: Engine) -> None:
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000


def test_branch_database_is_in_wal_mode(db: Database) -> None:
    with db.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_fts5_index_is_usable(engine: Engine) -> None:
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO beneficiary_search(rowid, first, father, grandfather, family, mother,"
                " ids, pos) VALUES (1, 'احمد', 'عبدالله', 'مصطفي', 'ورفلي', 'فاطمه',"
                " '119850123456', '1احمد 2عبدالله 3مصطفي 4ورفلي')"
            )
        )
        found = conn.execute(
            text("SELECT rowid FROM beneficiary_search WHERE beneficiary_search MATCH :q"),
            {"q": 'first:"احمد" AND father:"عبد"*'},  # column filters still work
        ).all()
    assert found == [(1,)]
