"""Bulk writes store exactly what the ORM path stores: rows, outbox, search index."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import DateTime, text
from sqlalchemy.dialects import sqlite

from app.db import bulk, search_index
from app.db.bulk_sql import db_datetime
from app.db.capture import Actor
from app.db.clock import new_ids
from app.db.name_keys import KeyMaker, person_key
from app.domain.arabic import normalize_arabic
from app.domain.beneficiary import BeneficiaryData, BeneficiaryDraft
from app.domain.duplicates import name_key
from app.domain.household import HousingType, Relationship
from app.services.setup import AppServices

pytestmark = pytest.mark.db

DRAFT = BeneficiaryDraft(
    first_name="عبد الله",
    father_name="مصطفى",
    grandfather_name="إبراهيم",
    family_name="الورفلي",
    mother_name="فاطمة المقريف",
    sex="ذكر",
    birth_date="15/03/1985",
    national_number="119850123456",
    family_booklet_number="556677",
    nationality="LY",
    municipality_code="LY021104",
    address='حي الأندلس، شارع "النصر" 10%',
    phones=["0912345678", "+218 92 765 4321"],
    marital_status="married",
    disability_type="physical",
    disability_degree="moderate",
    displacement_status="displaced",
    monthly_income="1250.5",
    notes="ملاحظة\nسطر ثان",
)
# Outbox rows of data changes (audit entries travel in the outbox too, as "audit_log").
DATA = "table_name != 'audit_log'"
# Differ between two saves of the same person; everything else must be equal.
PER_SAVE = {"local_id", "id", "beneficiary_id", "created_at", "updated_at", "person_number"}


def _actor(services: AppServices) -> Actor:
    return services.ctx.actor()


def _rows(services: AppServices, table: str, where: str, **params: Any) -> list[dict[str, Any]]:
    with services.ctx.db.read() as session:
        result = session.execute(text(f"SELECT * FROM {table} WHERE {where}"), params)
        return [dict(r._mapping) for r in result]


def _bulk_one(services: AppServices, data: BeneficiaryData) -> str:
    with services.ctx.db.transaction(_actor(services)) as session:
        (bid,) = bulk.write_beneficiaries(session, [data], _actor(services))
    return bid


def _outbox(services: AppServices, row_ids: list[str]) -> list[dict[str, Any]]:
    marks = ", ".join(f":r{i}" for i in range(len(row_ids)))
    return _rows(
        services,
        "outbox",
        f"row_id IN ({marks}) ORDER BY seq",
        **{f"r{i}": r for i, r in enumerate(row_ids)},
    )


def _strip(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in PER_SAVE}


def _outbox_shape(services: AppServices, beneficiary_id: str) -> list[tuple[Any, ...]]:
    children = [
        r["id"]
        for t in ("beneficiary_identifiers", "beneficiary_phones")
        for r in _rows(services, t, "beneficiary_id = :b", b=beneficiary_id)
    ]
    shape = []
    for row in _outbox(services, [beneficiary_id, *children]):
        changes = json.loads(row["changes"])
        for key in PER_SAVE & changes.keys():
            assert changes[key][0] is None
            changes[key] = [None, "<varies>"]
        shape.append(
            (
                row["table_name"],
                row["op"],
                row["row_version"],
                row["base_hq_version"],
                row["user_id"],
                json.dumps(changes, sort_keys=True, ensure_ascii=False),
            )
        )
    return sorted(shape)


def test_bulk_written_beneficiary_is_indistinguishable_from_a_registered_one(
    worker: AppServices,
) -> None:
    registered = worker.beneficiaries.register(DRAFT)
    data = worker.beneficiaries.validate(DRAFT)
    bulk_id = _bulk_one(worker, data)

    for table, key in (
        ("beneficiaries", "id"),
        ("beneficiary_identifiers", "beneficiary_id"),
        ("beneficiary_phones", "beneficiary_id"),
    ):
        mine = [_strip(r) for r in _rows(worker, table, f"{key} = :b ORDER BY local_id", b=bulk_id)]
        theirs = [
            _strip(r)
            for r in _rows(worker, table, f"{key} = :b ORDER BY local_id", b=registered.id)
        ]
        assert mine == theirs and mine, table
    # Stored formats, not just equal values: what the ORM wrote, byte for byte.
    (row,) = _rows(worker, "beneficiaries", "id = :b", b=bulk_id)
    (orm_row,) = _rows(worker, "beneficiaries", "id = :b", b=registered.id)
    assert row["birth_date"] == orm_row["birth_date"] == "1985-03-15"
    # Numbered from the same counter: the next number after the registered person's.
    assert orm_row["person_number"] == registered.person_number
    assert row["person_number"][:-6] == orm_row["person_number"][:-6]
    assert int(row["person_number"][-6:]) == int(orm_row["person_number"][-6:]) + 1
    assert len(row["created_at"]) == len(orm_row["created_at"]) == len("2026-11-22 10:00:00.000000")
    assert row["created_at"] == row["updated_at"]
    uuid.UUID(bulk_id)
    assert uuid.UUID(bulk_id).version == 7

    assert _outbox_shape(worker, bulk_id) == _outbox_shape(worker, registered.id)
    assert len(_outbox_shape(worker, bulk_id)) == 5  # person, 2 identifiers, 2 phones

    fts = (
        "SELECT first, father, grandfather, family, mother, ids, pos FROM beneficiary_search"
        " WHERE rowid = :r"
    )
    with worker.ctx.db.read() as session:
        index_rows = [
            tuple(session.execute(text(fts), {"r": r["local_id"]}).one()) for r in (row, orm_row)
        ]
    assert index_rows[0] == index_rows[1]
    assert index_rows[0] == search_index.index_values(
        data.name_parts, data.mother_name, [i.number for i in data.identifiers], data.phones
    )

    view = worker.beneficiaries.get(bulk_id)
    skip = {"id", "created_at", "updated_at", "person_number"}
    assert {k: v for k, v in asdict(view).items() if k not in skip} == {
        k: v for k, v in asdict(registered).items() if k not in skip
    }
    for query in ("عبدالله مصطفي", "0912345678", "119850123456", "فاطمه"):
        assert {h.id for h in worker.beneficiaries.search(query)} == {registered.id, bulk_id}
    assert [e.op for e in worker.beneficiaries.history(bulk_id)] == ["insert"] * 5


def test_households_are_written_with_their_members(worker: AppServices) -> None:
    data = worker.beneficiaries.validate(DRAFT)
    wife = worker.beneficiaries.validate(
        BeneficiaryDraft(
            first_name="فاطمة",
            father_name="علي",
            grandfather_name="سالم",
            family_name="المقريف",
            mother_name="عائشة الزوي",
            sex="F",
            birth_date="1990-01-01",
        )
    )
    son = worker.beneficiaries.validate(
        BeneficiaryDraft(
            first_name="علي",
            father_name="عبد الله",
            grandfather_name="مصطفى",
            family_name="الورفلي",
            mother_name="فاطمة المقريف",
            sex="M",
            birth_date="2015-06-01",
        )
    )
    plan = bulk.HouseholdPlan(
        head=0,
        members=((1, Relationship.SPOUSE), (2, Relationship.SON)),
        municipality_code="LY021104",
        address="الظهرة",
        housing_type=HousingType.RENTED,
        monthly_income_dirhams=900_000,
    )
    actor = _actor(worker)
    with worker.ctx.db.transaction(actor) as session:
        ids = bulk.write_beneficiaries(session, [data, wife, son], actor, [plan])
    head = worker.beneficiaries.get(ids[0])
    assert head.household_id is not None and head.household_relationship == "head"
    household = worker.households.get(head.household_id)
    assert household.head_id == ids[0]
    assert household.housing_type == "rented" and household.monthly_income_dirhams == 900_000
    assert {(m.beneficiary_id, m.relationship) for m in household.members} == {
        (ids[0], "head"),
        (ids[1], "spouse"),
        (ids[2], "son"),
    }
    (out,) = _outbox(worker, [household.id])
    changes = json.loads(out["changes"])
    assert out["op"] == "insert" and changes["head_id"] == [None, ids[0]]
    assert changes["housing_type"] == [None, "rented"]
    # The household's outbox row comes before its members' (sync applies parents first).
    assert out["seq"] < min(r["seq"] for r in _outbox(worker, ids))


def test_a_person_in_two_households_is_refused(worker: AppServices) -> None:
    data = worker.beneficiaries.validate(DRAFT)
    actor = _actor(worker)
    plans = [
        bulk.HouseholdPlan(head=0),
        bulk.HouseholdPlan(head=1, members=((0, Relationship.BROTHER),)),
    ]
    before = _rows(worker, "outbox", "1")
    with pytest.raises(ValueError), worker.ctx.db.transaction(actor) as session:
        bulk.write_beneficiaries(session, [data, data], actor, plans)
    assert _rows(worker, "outbox", "1") == before
    assert _rows(worker, "outbox", DATA) == []
    assert {r["table_name"] for r in before} == {"audit_log"}  # the logins only


def test_a_rolled_back_bulk_write_leaves_nothing(worker: AppServices) -> None:
    data = worker.beneficiaries.validate(DRAFT)
    actor = _actor(worker)
    audit_before = _rows(worker, "outbox", f"NOT ({DATA})")
    with pytest.raises(RuntimeError), worker.ctx.db.transaction(actor) as session:
        bulk.write_beneficiaries(session, [data] * 3, actor)
        raise RuntimeError("crash before commit")
    for table in (
        "beneficiaries",
        "beneficiary_identifiers",
        "beneficiary_phones",
        "beneficiary_search",
    ):
        assert _rows(worker, table, "1") == [], table
    assert _rows(worker, "outbox", DATA) == []
    assert _rows(worker, "outbox", f"NOT ({DATA})") == audit_before


def test_many_people_in_sub_batches_report_progress(
    worker: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "SUB_BATCH", 7)
    data = worker.beneficiaries.validate(DRAFT)
    seen: list[int] = []
    actor = _actor(worker)
    audit_before = _rows(worker, "outbox", f"NOT ({DATA})")
    with worker.ctx.db.transaction(actor) as session:
        ids = bulk.write_beneficiaries(session, [data] * 20, actor, progress=seen.append)
    assert seen == [7, 14, 20]
    assert len(set(ids)) == 20
    local_ids = [r["local_id"] for r in _rows(worker, "beneficiaries", "1 ORDER BY local_id")]
    assert local_ids == list(range(1, 21))
    assert len(_rows(worker, "outbox", DATA)) == 20 * 5
    # The bulk write audits nothing itself (the service that calls it does, once).
    assert _rows(worker, "outbox", f"NOT ({DATA})") == audit_before


def test_lookups_find_registered_people(worker: AppServices) -> None:
    registered = worker.beneficiaries.register(DRAFT)
    data = worker.beneficiaries.validate(DRAFT)
    with worker.ctx.db.read() as session:
        assert bulk.registered_national_numbers(session, ["119850123456", "119850000000"]) == {
            "119850123456": registered.id
        }
        key = person_key(data, KeyMaker())
        assert key == ("M", "1985-03-15", name_key(*data.name_parts), "فاطمه مقريف")
        assert bulk.registered_person_keys(session, [key]) == {key: registered.id}


def test_new_ids_are_unique_ordered_uuid7() -> None:
    ids = new_ids(10_000) + new_ids(5000)
    assert len(set(ids)) == 15_000
    first = ids[:10_000]
    assert first == sorted(first)
    for value in ids[::997]:
        parsed = uuid.UUID(value)
        assert parsed.version == 7 and str(parsed) == value
    assert new_ids(0) == []


NAME_WORDS = st.sampled_from(
    [
        "عبد",
        "الله",
        "ابو",
        "أبو",
        "بكر",
        "ام",
        "أم",
        "الخير",
        "بو",
        "الابو",
        "الام",
        "عبدالله",
        "محمد",
        "الورفلي",
        "سالم",
        "ال",
        "العبد",
        "عبد-",
        "السلام",
        "ة",
        "مُحَمَّد",
    ]
)
NAME_PART = st.lists(NAME_WORDS, min_size=1, max_size=3).map(" ".join)


@given(st.tuples(NAME_PART, NAME_PART, NAME_PART, NAME_PART))
def test_memoized_name_key_equals_the_domain_name_key(parts: tuple[str, str, str, str]) -> None:
    keys = KeyMaker()
    assert keys.name_key(*parts) == name_key(*parts)
    assert keys.name_key(*parts) == name_key(*parts)  # memoized answer too


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)))
def test_stored_datetimes_match_the_orm_format(value: datetime) -> None:
    dialect = sqlite.dialect()
    orm = DateTime().dialect_impl(dialect).bind_processor(dialect)  # what the models use
    assert orm is not None
    assert db_datetime(value) == orm(value)


@given(st.lists(NAME_PART, min_size=1, max_size=3).map(" ".join))
def test_memoized_normalization_equals_normalize_arabic(text: str) -> None:
    keys = KeyMaker()
    assert keys.norm(text) == normalize_arabic(text)
    assert keys.norm(text) == normalize_arabic(text)


def test_one_person_heading_a_household_is_written_with_bound_constants(
    worker: AppServices,
) -> None:
    """One person takes the statements that bind author, branch and time: the same rows."""
    data = worker.beneficiaries.validate(DRAFT)
    actor = _actor(worker)
    with worker.ctx.db.transaction(actor) as session:
        (bid,) = bulk.write_beneficiaries(session, [data], actor, [bulk.HouseholdPlan(head=0)])
    head = worker.beneficiaries.get(bid)
    assert head.household_relationship == "head" and head.household_id is not None
    (household,) = _rows(worker, "households", "id = :h", h=head.household_id)
    assert household["origin_branch"] == actor.branch_code
    assert household["created_by"] == household["updated_by"] == actor.user_id
    assert household["created_at"] == household["updated_at"] == head_row(worker, bid)
    lines = _outbox(worker, [head.household_id, bid])
    assert [r["table_name"] for r in lines] == ["households", "beneficiaries"]
    assert {r["user_id"] for r in lines} == {actor.user_id}
    assert {str(r["changed_at"]) for r in lines} == {household["created_at"]}


def head_row(services: AppServices, bid: str) -> str:
    (row,) = _rows(services, "beneficiaries", "id = :b", b=bid)
    return str(row["created_at"])
