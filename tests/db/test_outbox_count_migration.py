"""Migration 0017: the count of changes waiting is counted once from the outbox already there
(sync's own audit entries left out), then kept by triggers on inserts and on changes of a
row's table or JSON; downgrading drops the table and its triggers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text

from app.db import migrate
from app.db.engine import make_engine, sqlite_url

pytestmark = pytest.mark.db

INSERT = text(
    "INSERT INTO outbox (table_name, row_id, op, changes, row_version, user_id, changed_at)"
    " VALUES (:t, 'r', 'insert', :c, 1, 'u', '2026-01-01 08:00:00')"
)
PERSON = {"t": "beneficiaries", "c": '{"first_name":[null,"أحمد"]}'}
LOGIN = {"t": "audit_log", "c": '{"action":[null,"login"],"id":[null,"a"]}'}
SYNC_RUN = {"t": "audit_log", "c": '{"action":[null,"sync.run"],"id":[null,"b"]}'}


def _move(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)


def _kept(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT pending FROM outbox_count")).scalar_one())


@pytest.fixture
def old(tmp_path: Path) -> Iterator[Engine]:
    """A branch database at 0015 with two changes and sync's own entry waiting."""
    engine = make_engine(sqlite_url(tmp_path / "old.db"))
    _move(engine, "0015")
    with engine.begin() as conn:
        for row in (PERSON, LOGIN, SYNC_RUN):
            conn.execute(INSERT, row)
    yield engine
    engine.dispose()


def test_the_count_starts_from_the_outbox_there(old: Engine) -> None:
    assert migrate.upgrade(old) is True
    assert _kept(old) == 2


def test_triggers_count_inserts_and_changes_of_kind(old: Engine) -> None:
    migrate.upgrade(old)
    with old.begin() as conn:
        conn.execute(INSERT, PERSON)
        conn.execute(INSERT, SYNC_RUN)  # not counted
    assert _kept(old) == 3
    with old.begin() as conn:  # a person's change rewritten: still one change
        conn.execute(text("UPDATE outbox SET changes = '{}' WHERE table_name = 'beneficiaries'"))
    assert _kept(old) == 3
    with old.begin() as conn:  # a counted row turned into sync's own entry, and back
        conn.execute(text("UPDATE outbox SET changes = :c WHERE seq = 2"), {"c": SYNC_RUN["c"]})
        assert conn.execute(text("SELECT pending FROM outbox_count")).scalar_one() == 2
        conn.execute(
            text("UPDATE outbox SET table_name = 'beneficiaries' WHERE seq = 2"),
        )
    assert _kept(old) == 3
    with old.begin() as conn:  # a rolled-back insert leaves the count as it was
        conn.execute(INSERT, PERSON)
        conn.rollback()
    assert _kept(old) == 3


def test_downgrade_drops_the_count_and_its_triggers(old: Engine) -> None:
    migrate.upgrade(old)
    _move(old, "0015", down=True)
    with old.connect() as conn:
        left = conn.execute(
            text("SELECT name FROM sqlite_master WHERE name LIKE 'outbox_count%'")
        ).all()
    assert left == []
    with old.begin() as conn:
        conn.execute(INSERT, PERSON)  # no trigger fires into a missing table
