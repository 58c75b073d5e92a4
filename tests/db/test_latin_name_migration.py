"""Migration 0014: `beneficiaries.latin_name`, "" for every existing person; a person's insert
still waiting in the outbox gets the columns HQ requires that it lacks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text

from app.db import migrate
from app.db.engine import make_engine, sqlite_url

pytestmark = pytest.mark.db

PERSON = "01a00000-0000-7000-8000-000000000001"


def _move(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)


def _columns(engine: Engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("beneficiaries")}


@pytest.fixture
def old(tmp_path: Path) -> Iterator[Engine]:
    """A branch database at 0013 with one person whose insert has not been sent yet."""
    engine = make_engine(sqlite_url(tmp_path / "old.db"))
    _move(engine, "0013")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO beneficiaries (id, origin_branch, created_at, created_by,"
                " updated_at, updated_by, row_version, person_number, first_name, father_name,"
                " grandfather_name, family_name, mother_name, sex, birth_date,"
                " birth_date_estimated, nationality, address, disability_type,"
                " displacement_status, notes, name_key, mother_key) VALUES (:id, 'TRP01',"
                " '2026-01-01 08:00:00', 'u', '2026-01-01 08:00:00', 'u', 1, 'TRP01-P-000001',"
                " 'أحمد', 'علي', 'سالم', 'الورفلي', 'فاطمة', 'M', '1980-07-01', 1, 'LY', '',"
                " 'none', 'resident', '', 'k', 'm')"
            ),
            {"id": PERSON},
        )
        conn.execute(
            text(
                "INSERT INTO outbox (table_name, row_id, op, changes, row_version, user_id,"
                " changed_at) VALUES ('beneficiaries', :r, 'insert', :c, 1, 'u',"
                " '2026-01-01 08:00:00')"
            ),
            {"r": PERSON, "c": '{"first_name":[null,"أحمد"],"id":[null,"x"]}'},
        )
    yield engine
    engine.dispose()


def test_existing_people_have_no_latin_name(old: Engine) -> None:
    assert "latin_name" not in _columns(old)
    assert migrate.upgrade(old) is True
    with old.connect() as conn:
        assert conn.execute(text("SELECT latin_name FROM beneficiaries")).scalar_one() == ""


def test_a_waiting_insert_gets_what_hq_requires(old: Engine) -> None:
    migrate.upgrade(old)
    with old.connect() as conn:
        changes = conn.execute(text("SELECT changes FROM outbox")).scalar_one()
    assert json.loads(changes) == {
        "birth_date_estimated": [None, True],  # 0013 added it, and the row says so
        "first_name": [None, "أحمد"],
        "id": [None, "x"],
        "latin_name": [None, ""],
    }
    assert "أحمد" in changes  # written as capture writes it (no \\u escapes)


def test_an_insert_captured_whole_is_left_alone(old: Engine) -> None:
    whole = '{"birth_date_estimated":[null,false],"id":[null,"x"],"latin_name":[null,"Ali"]}'
    with old.begin() as conn:
        conn.execute(text("UPDATE outbox SET changes = :c"), {"c": whole})
    migrate.upgrade(old)
    with old.connect() as conn:
        assert conn.execute(text("SELECT changes FROM outbox")).scalar_one() == whole


def test_down_and_up_again(old: Engine) -> None:
    migrate.upgrade(old)
    with old.begin() as conn:
        conn.execute(text("UPDATE beneficiaries SET latin_name = 'Ahmed Ali Alwarfalli'"))
    _move(old, "0013", down=True)
    assert "latin_name" not in _columns(old)
    with old.connect() as conn:  # the rest of the person is kept
        assert conn.execute(text("SELECT first_name FROM beneficiaries")).scalar_one() == "أحمد"
    _move(old, "head")
    assert "latin_name" in _columns(old)
    with old.connect() as conn:
        assert conn.execute(text("SELECT latin_name FROM beneficiaries")).scalar_one() == ""
