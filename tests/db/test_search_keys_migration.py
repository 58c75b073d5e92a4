"""Migration 0015: names re-keyed with the new normalization, the search index rebuilt from the
people (identifiers, phones and the Latin name included), and its vocabulary table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text

from app.db import migrate, search_index
from app.db.engine import make_engine, sqlite_url
from app.db.unit_of_work import Database
from app.domain.arabic import normalize_arabic

pytestmark = pytest.mark.db

PEOPLE = [
    # (id, names, mother, latin name, national number, phone)
    ("01a00000-0000-7000-8000-000000000001", ("عائشة", "أبو بكر", "عبد الرؤوف", "الجزائري"),
     "أسماء علي", "Aisha Boubaker", "219900000001", "+218912345678"),
    ("01a00000-0000-7000-8000-000000000002", ("إلياس", "علاء الدين", "بن غلبون", "الورفلي"),
     "فاطمۃ", "", "119900000002", None),
]  # fmt: skip


def _move(engine: Engine, revision: str) -> None:
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


@pytest.fixture
def old(tmp_path: Path) -> Iterator[Engine]:
    """A branch at 0014 whose people were keyed and indexed by the old normalization."""
    engine = make_engine(sqlite_url(tmp_path / "old.db"))
    _move(engine, "0014")
    with engine.begin() as conn:
        for local_id, (pid, names, mother, latin, national, phone) in enumerate(PEOPLE, 1):
            conn.execute(
                text(
                    "INSERT INTO beneficiaries (local_id, id, origin_branch, created_at,"
                    " created_by, updated_at, updated_by, row_version, person_number, first_name,"
                    " father_name, grandfather_name, family_name, mother_name, sex, birth_date,"
                    " nationality, address, disability_type, displacement_status, notes,"
                    " name_key, mother_key, latin_name) VALUES (:l, :id, 'TRP01',"
                    " '2026-01-01 08:00:00', 'u', '2026-01-01 08:00:00', 'u', 1, :num, :a, :b,"
                    " :c, :d, :m, 'F', '1990-01-01', 'LY', '', 'none', 'resident', '', 'old',"
                    " 'old', :latin)"
                ),
                {"l": local_id, "id": pid, "num": f"TRP01-P-00000{local_id}", "a": names[0],
                 "b": names[1], "c": names[2], "d": names[3], "m": mother, "latin": latin},
            )  # fmt: skip
            conn.execute(
                text(
                    "INSERT INTO beneficiary_identifiers (id, origin_branch, created_at,"
                    " created_by, updated_at, updated_by, row_version, beneficiary_id, id_type,"
                    " number) VALUES (:i, 'TRP01', '2026-01-01', 'u', '2026-01-01', 'u', 1, :b,"
                    " 'national_id', :n)"
                ),
                {"i": pid[:-2] + "9" + pid[-1], "b": pid, "n": national},
            )
            if phone:
                conn.execute(
                    text(
                        "INSERT INTO beneficiary_phones (id, origin_branch, created_at,"
                        " created_by, updated_at, updated_by, row_version, beneficiary_id,"
                        " e164, position) VALUES (:i, 'TRP01', '2026-01-01', 'u', '2026-01-01',"
                        " 'u', 1, :b, :e, 0)"
                    ),
                    {"i": pid[:-2] + "8" + pid[-1], "b": pid, "e": phone},
                )
            # the old index row: words as the old code wrote them (here: raw, unfolded)
            conn.execute(
                text(
                    "INSERT INTO beneficiary_search(rowid, first, father, grandfather, family,"
                    " mother, ids, pos) VALUES (:r, :a, :b, :c, :d, :m, :n, '')"
                ),
                {"r": local_id, "a": names[0], "b": names[1], "c": names[2], "d": names[3],
                 "m": mother, "n": national},
            )  # fmt: skip
    yield engine
    engine.dispose()


def test_keys_are_recomputed(old: Engine) -> None:
    migrate.upgrade(old)
    with old.connect() as conn:
        rows = conn.execute(
            text("SELECT name_key, mother_key FROM beneficiaries ORDER BY local_id")
        )
        keys = list(rows)
    assert keys == [
        (normalize_arabic(" ".join(names)), normalize_arabic(mother))
        for _, names, mother, *_ in PEOPLE
    ]
    assert keys[0] == ("عايشه بوبكر عبدالروف جزايري", "اسما علي")


def test_the_index_is_rebuilt_and_finds_the_new_variants(old: Engine) -> None:
    migrate.upgrade(old)
    db = Database(old)
    with db.read() as session:
        stored = session.execute(
            text("SELECT first, father, grandfather, family, mother, ids, pos FROM"
                 " beneficiary_search WHERE rowid = 1")
        ).one()  # fmt: skip
        assert tuple(stored) == search_index.index_values(
            PEOPLE[0][1], PEOPLE[0][2], ["219900000001"], ["+218912345678"], "Aisha Boubaker"
        )
        find = lambda q: search_index.search_local_ids(session, q, 10)  # noqa: E731
        assert find("عايشة بوبكر") == [1]
        assert find("0912345678") == [1]
        assert find("Aisha Boubaker") == [1]
        assert find("إلياس") == [2]
        assert find("ياسين") == []
        assert find("فاطمة") == [2]  # the mother's name typed with the usual ة
        assert find("الياس علاءالدين ابن غلبون") == [2]
        assert find("علاء الدين الورفلى") == [2]
        # the typo tier's vocabulary table exists and holds the words
        assert "ورفلي" in {t for (t,) in session.execute(
            text("SELECT term FROM beneficiary_search_vocab"))}  # fmt: skip


def test_a_person_left_out_of_the_index_stays_out(old: Engine) -> None:
    # A merged (retired) record is dropped from the index: rebuilding does not bring it back.
    with old.begin() as conn:
        conn.execute(text("DELETE FROM beneficiary_search WHERE rowid = 2"))
    migrate.upgrade(old)
    with old.connect() as conn:
        assert [r for (r,) in conn.execute(text("SELECT rowid FROM beneficiary_search"))] == [1]
