"""Migration 0012: existing people get person numbers, per origin branch, in registration
order, the same wherever it runs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text

from app.db import migrate
from app.db.engine import make_engine, sqlite_url

pytestmark = pytest.mark.db

BASE = datetime(2026, 1, 1, 8, 0)
# (id, origin, minutes after BASE): ids and times deliberately out of step with each other
# and with the insertion order; two people registered in the same instant go by id.
PEOPLE = [
    ("01a00000-0000-7000-8000-000000000005", "TRP01", 30),
    ("01a00000-0000-7000-8000-000000000001", "BEN01", 10),
    ("01a00000-0000-7000-8000-000000000004", "TRP01", 10),
    ("01a00000-0000-7000-8000-000000000003", "TRP01", 10),
    ("01a00000-0000-7000-8000-000000000002", "TRP01", 20),
    ("01a00000-0000-7000-8000-000000000006", "BEN01", 5),
]
EXPECTED = {
    "01a00000-0000-7000-8000-000000000003": "TRP01-P-000001",
    "01a00000-0000-7000-8000-000000000004": "TRP01-P-000002",
    "01a00000-0000-7000-8000-000000000002": "TRP01-P-000003",
    "01a00000-0000-7000-8000-000000000005": "TRP01-P-000004",
    "01a00000-0000-7000-8000-000000000006": "BEN01-P-000001",
    "01a00000-0000-7000-8000-000000000001": "BEN01-P-000002",
}


def _upgrade(engine: Engine, revision: str) -> None:
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def _old_database(path: Path, people: list[tuple[str, str, int]]) -> Engine:
    engine = make_engine(sqlite_url(path))
    _upgrade(engine, "0011")
    with engine.begin() as conn:
        for row_id, origin, minutes in people:
            at = BASE + timedelta(minutes=minutes)
            conn.execute(
                text(
                    "INSERT INTO beneficiaries (id, origin_branch, created_at, created_by,"
                    " updated_at, updated_by, row_version, first_name, father_name,"
                    " grandfather_name, family_name, mother_name, sex, birth_date, nationality,"
                    " address, disability_type, displacement_status, notes, name_key, mother_key)"
                    " VALUES (:id, :o, :at, 'u', :at, 'u', 1, 'أحمد', 'علي', 'سالم', 'الورفلي',"
                    " 'فاطمة', 'M', '1980-01-01', 'LY', '', 'none', 'resident', '', 'k', 'm')"
                ),
                {"id": row_id, "o": origin, "at": at},
            )
    return engine


def _numbers(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, person_number FROM beneficiaries"))
        return {r[0]: r[1] for r in rows}


@pytest.fixture
def old(tmp_path: Path) -> Iterator[Engine]:
    engine = _old_database(tmp_path / "old.db", PEOPLE)
    yield engine
    engine.dispose()


def test_backfill_numbers_each_branch_in_registration_order(old: Engine) -> None:
    assert migrate.upgrade(old) is True
    assert _numbers(old) == EXPECTED


def test_backfill_is_the_same_wherever_it_runs(old: Engine, tmp_path: Path) -> None:
    """HQ holds the people in another order of insertion (and another local key): the same
    people of a branch get the same numbers."""
    other = _old_database(tmp_path / "hq.db", list(reversed(PEOPLE)))
    try:
        migrate.upgrade(old)
        migrate.upgrade(other)
        assert _numbers(other) == _numbers(old) == EXPECTED
    finally:
        other.dispose()


def test_numbers_are_unique_after_the_migration(old: Engine) -> None:
    migrate.upgrade(old)
    with pytest.raises(Exception, match="UNIQUE"), old.begin() as conn:
        conn.execute(
            text("UPDATE beneficiaries SET person_number = 'TRP01-P-000001' WHERE id = :i"),
            {"i": "01a00000-0000-7000-8000-000000000001"},
        )


def test_a_waiting_insert_gets_its_persons_number(old: Engine) -> None:
    """A person registered before the upgrade and not yet sent: HQ refuses a new person
    without a number, so the insert in the outbox carries the number the row was given."""
    person = "01a00000-0000-7000-8000-000000000002"
    with old.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO outbox (table_name, row_id, op, changes, row_version, user_id,"
                " changed_at) VALUES ('beneficiaries', :r, 'insert', :c, 1, 'u', :at)"
            ),
            {"r": person, "c": '{"first_name":[null,"أحمد"],"id":[null,"x"]}', "at": BASE},
        )
    _upgrade(old, "0012")  # later revisions add their own columns (test_latin_name_migration)
    with old.connect() as conn:
        changes = conn.execute(text("SELECT changes FROM outbox")).scalar_one()
    assert json.loads(changes) == {
        "first_name": [None, "أحمد"],
        "id": [None, "x"],
        "person_number": [None, EXPECTED[person]],
    }
    assert "أحمد" in changes  # written as capture writes it (no \\u escapes)


def _meta(engine: Engine, key: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT value FROM local_meta WHERE key = :k"), {"k": key}
        ).scalar()


def test_0016_keeps_the_branchs_highest_number_from_then_on(old: Engine) -> None:
    """Set from the rows at the upgrade (this branch's numbers only), then kept by triggers
    whatever writes a number; it never goes down."""
    with old.begin() as conn:
        conn.execute(text("INSERT INTO local_meta (key, value) VALUES ('branch.code', 'TRP01')"))
    _upgrade(old, "0015")
    with old.begin() as conn:  # a number past a million: longer is higher
        conn.execute(
            text("UPDATE beneficiaries SET person_number = 'TRP01-P-1000000' WHERE id = :i"),
            {"i": "01a00000-0000-7000-8000-000000000002"},
        )
    assert _meta(old, "person_seq_used") is None
    _upgrade(old, "0016")
    assert _meta(old, "person_seq_used") == "1000000"
    with old.begin() as conn:
        conn.execute(  # another branch's number and junk move nothing
            text(
                "UPDATE beneficiaries SET person_number = CASE id WHEN :a THEN 'BEN01-P-9999999'"
                " ELSE 'TRP01-P-99x' END WHERE id IN (:a, :b)"
            ),
            {
                "a": "01a00000-0000-7000-8000-000000000001",
                "b": "01a00000-0000-7000-8000-000000000006",
            },
        )
        conn.execute(  # an old number taken back: the mark stays
            text("UPDATE beneficiaries SET person_number = 'TRP01-P-000007' WHERE id = :i"),
            {"i": "01a00000-0000-7000-8000-000000000002"},
        )
    assert _meta(old, "person_seq_used") == "1000000"
    with old.begin() as conn:
        conn.execute(
            text("UPDATE beneficiaries SET person_number = 'TRP01-P-1000042' WHERE id = :i"),
            {"i": "01a00000-0000-7000-8000-000000000003"},
        )
    assert _meta(old, "person_seq_used") == "1000042"
