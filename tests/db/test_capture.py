"""Change capture (app.db.capture): every change to a synced row writes its outbox row."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.db.base import SYNC_BOOKKEEPING
from app.db.capture import Actor, MissingActorError
from app.db.models import (
    BeneficiaryRow,
    HouseholdRow,
    LocalMetaRow,
    OutboxRow,
    PhoneRow,
    UserRow,
)
from app.db.unit_of_work import Database
from tests.db.rows import beneficiary_row, count, outbox, stored_beneficiary

pytestmark = pytest.mark.db


class Boom(Exception):
    pass


def _insert(db: Database, actor: Actor, **fields: object) -> str:
    with db.transaction(actor) as session:
        row = beneficiary_row(**fields)
        session.add(row)
        session.flush()
        return row.id


def _stored(db: Database, beneficiary_id: str) -> dict[str, object]:
    with db.read() as session:
        values = stored_beneficiary(session, beneficiary_id)
    assert values is not None
    return values


def _edit(db: Database, actor: Actor | None, beneficiary_id: str, **fields: object) -> None:
    with db.transaction(actor) as session:
        row = session.scalar(select(BeneficiaryRow).where(BeneficiaryRow.id == beneficiary_id))
        assert row is not None
        for key, value in fields.items():
            setattr(row, key, value)


def test_insert_writes_one_outbox_row_with_every_field(db: Database, actor: Actor) -> None:
    with db.read() as session:
        before = count(session, OutboxRow)
    row_id = _insert(db, actor)
    with db.read() as session:
        rows = outbox(session)
    assert len(rows) == before + 1
    entry = rows[-1]
    assert (entry.table_name, entry.row_id, entry.op) == ("beneficiaries", row_id, "insert")
    assert entry.user_id == "user-one"
    assert entry.row_version == 1
    assert entry.base_hq_version is None
    assert entry.changes["first_name"] == [None, "محمد"]
    assert entry.changes["birth_date"] == [None, "1985-03-15"]
    assert entry.changes["origin_branch"] == [None, "TRP01"]
    assert entry.changes["created_by"] == [None, "user-one"]
    assert entry.changes["id"] == [None, row_id]
    assert not SYNC_BOOKKEEPING & entry.changes.keys()  # carried in the outbox's own columns


def test_insert_fills_the_sync_metadata(db: Database, actor: Actor) -> None:
    stored = _stored(db, _insert(db, actor))
    assert uuid.UUID(str(stored["id"])).version == 7
    assert stored["origin_branch"] == "TRP01"
    assert stored["created_by"] == stored["updated_by"] == "user-one"
    assert isinstance(stored["created_at"], datetime)
    assert stored["created_at"] == stored["updated_at"]
    assert stored["row_version"] == 1
    assert stored["hq_version"] is None
    assert stored["deleted_at"] is None


def test_update_records_only_the_changed_fields(
    db: Database, actor: Actor, other_actor: Actor
) -> None:
    row_id = _insert(db, actor)
    _edit(
        db,
        other_actor,
        row_id,
        first_name="أحمد",
        birth_date=date(1985, 4, 1),
        father_name="علي",  # the same value: not a change
    )
    with db.read() as session:
        entry = outbox(session)[-1]
    stored = _stored(db, row_id)
    assert (entry.op, entry.row_id, entry.user_id, entry.row_version) == (
        "update",
        row_id,
        "user-two",
        2,
    )
    assert entry.changes == {
        "first_name": ["محمد", "أحمد"],
        "birth_date": ["1985-03-15", "1985-04-01"],
    }
    assert stored["row_version"] == 2
    assert stored["updated_by"] == "user-two"
    assert stored["created_by"] == "user-one"
    assert stored["updated_at"] >= stored["created_at"]  # type: ignore[operator]


def test_each_update_bumps_the_row_version(db: Database, actor: Actor) -> None:
    row_id = _insert(db, actor)
    for version, name in enumerate(["أحمد", "محمود", "مصطفى"], start=2):
        _edit(db, actor, row_id, first_name=name)
        with db.read() as session:
            entry = outbox(session)[-1]
        assert entry.row_version == version
        assert _stored(db, row_id)["row_version"] == version


def test_writing_the_same_values_records_nothing(db: Database, actor: Actor) -> None:
    row_id = _insert(db, actor)
    with db.read() as session:
        before = count(session, OutboxRow)
    _edit(db, actor, row_id, first_name="محمد", hq_version=7)  # same name; bookkeeping only
    with db.read() as session:
        assert count(session, OutboxRow) == before
    assert _stored(db, row_id)["row_version"] == 1


def test_outbox_carries_the_base_hq_version(db: Database, actor: Actor) -> None:
    row_id = _insert(db, actor)
    _edit(db, actor, row_id, hq_version=41)
    _edit(db, actor, row_id, notes="تغيير")
    with db.read() as session:
        entry = outbox(session)[-1]
    assert (entry.op, entry.base_hq_version, entry.row_version) == ("update", 41, 2)
    assert entry.changes == {"notes": ["", "تغيير"]}


def test_tombstone_is_a_delete_in_the_outbox(db: Database, actor: Actor) -> None:
    row_id = _insert(db, actor)
    gone = datetime(2026, 11, 22, 10, 0, 0)
    _edit(db, actor, row_id, deleted_at=gone)
    with db.read() as session:
        entry = outbox(session)[-1]
    assert (entry.op, entry.row_version, entry.user_id) == ("delete", 2, "user-one")
    assert entry.changes == {"deleted_at": [None, gone.isoformat(timespec="microseconds")]}
    assert _stored(db, row_id)["deleted_at"] == gone  # the row stays, marked


def test_every_change_in_a_transaction_is_captured_in_order(db: Database, actor: Actor) -> None:
    with db.read() as session:
        before = count(session, OutboxRow)
    with db.transaction(actor) as session:
        household = HouseholdRow(head_id="pending")
        session.add(household)
        session.flush()
        person = beneficiary_row(household_id=household.id, household_relationship="head")
        session.add(person)
        session.flush()
        household.head_id = person.id
        session.flush()
        session.add(PhoneRow(beneficiary_id=person.id, e164="+218912345678", position=0))
        person_id = person.id
    with db.read() as session:
        rows = outbox(session)[before:]
    assert [(r.table_name, r.op) for r in rows] == [
        ("households", "insert"),
        ("beneficiaries", "insert"),
        ("households", "update"),
        ("beneficiary_phones", "insert"),
    ]
    assert [r.seq for r in rows] == sorted(r.seq for r in rows)
    assert rows[2].changes == {"head_id": ["pending", person_id]}
    assert all(r.user_id == "user-one" for r in rows)


def test_rolled_back_insert_leaves_no_outbox_row(db: Database, actor: Actor) -> None:
    with db.read() as session:
        outbox_before = outbox(session)
        people_before = count(session, BeneficiaryRow)
    with pytest.raises(Boom), db.transaction(actor) as session:
        session.add(beneficiary_row())
        session.flush()  # the outbox row is written ...
        assert count(session, OutboxRow) == len(outbox_before) + 1
        raise Boom  # ... and rolled back with the change
    with db.read() as session:
        assert outbox(session) == outbox_before
        assert count(session, BeneficiaryRow) == people_before


def test_rolled_back_update_leaves_no_outbox_row_and_no_change(db: Database, actor: Actor) -> None:
    row_id = _insert(db, actor)
    with db.read() as session:
        before = outbox(session)
    with pytest.raises(Boom), db.transaction(actor) as session:
        row = session.scalar(select(BeneficiaryRow).where(BeneficiaryRow.id == row_id))
        assert row is not None
        row.first_name = "أحمد"
        session.flush()
        raise Boom
    with db.read() as session:
        assert outbox(session) == before
    stored = _stored(db, row_id)
    assert (stored["first_name"], stored["row_version"]) == ("محمد", 1)


def test_hard_delete_of_a_synced_row_is_refused(db: Database, actor: Actor) -> None:
    row_id = _insert(db, actor)
    with db.read() as session:
        before = count(session, OutboxRow)
    with pytest.raises(RuntimeError, match="tombstone"), db.transaction(actor) as session:
        session.delete(session.scalar(select(BeneficiaryRow).where(BeneficiaryRow.id == row_id)))
    assert _stored(db, row_id)["deleted_at"] is None
    with db.read() as session:
        assert count(session, OutboxRow) == before


def test_inserting_a_synced_row_without_an_actor_is_refused(db: Database) -> None:
    with db.read() as session:
        before = (count(session, BeneficiaryRow), count(session, OutboxRow))
    with pytest.raises(MissingActorError), db.transaction(None) as session:
        session.add(beneficiary_row())
    with db.read() as session:
        assert (count(session, BeneficiaryRow), count(session, OutboxRow)) == before


def test_changing_a_synced_row_without_an_actor_is_refused(db: Database, actor: Actor) -> None:
    row_id = _insert(db, actor)
    with pytest.raises(MissingActorError):
        _edit(db, None, row_id, first_name="أحمد")
    with pytest.raises(MissingActorError):
        _edit(db, None, row_id, deleted_at=datetime(2026, 1, 1))
    assert _stored(db, row_id)["first_name"] == "محمد"
    assert _stored(db, row_id)["deleted_at"] is None


def test_unsynced_tables_need_no_actor_and_write_no_outbox(db: Database) -> None:
    with db.read() as session:
        before = count(session, OutboxRow)
    with db.transaction(None) as session:
        session.add(LocalMetaRow(key="test.key", value="1"))
        user = session.scalar(select(UserRow).limit(1))
        assert user is not None
        user.failed_attempts += 1
    with db.read() as session:
        assert count(session, OutboxRow) == before
        assert session.get(LocalMetaRow, "test.key") is not None


def test_a_read_never_writes(db: Database, actor: Actor) -> None:
    row_id = _insert(db, actor)
    with db.read() as session:
        before = count(session, OutboxRow)
    with db.read() as session:
        row = session.scalar(select(BeneficiaryRow).where(BeneficiaryRow.id == row_id))
        assert row is not None
        session.info["actor"] = actor
        row.first_name = "أحمد"
        session.flush()
    with db.read() as session:
        assert count(session, OutboxRow) == before
    assert _stored(db, row_id)["first_name"] == "محمد"
