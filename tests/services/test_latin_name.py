"""A person's Latin name (as on the passport): saved and changed as entered, captured for HQ,
given to the search index, imported from its column (English or Arabic header)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.db import search_index
from app.db.models import OutboxRow
from app.domain.errors import ErrorCode, ValidationFailed
from app.services.setup import AppServices
from tests.services.import_samples import GOOD, HEADERS, importer, write_csv, write_xlsx
from tests.services.people import AHMED, person

pytestmark = pytest.mark.db


def _outbox(services: AppServices) -> list[tuple[str, dict[str, list[object]]]]:
    with services.ctx.db.read() as session:
        rows = session.scalars(
            select(OutboxRow).where(OutboxRow.table_name == "beneficiaries").order_by(OutboxRow.seq)
        )
        return [(r.op, json.loads(r.changes)) for r in rows]


def test_saved_changed_and_captured_as_entered(worker: AppServices) -> None:
    people = worker.beneficiaries
    saved = people.register(person(AHMED, latin_name="  Ahmed   Abdalla Alwarfalli "))
    assert saved.latin_name == "Ahmed Abdalla Alwarfalli"
    assert people.get(saved.id).latin_name == "Ahmed Abdalla Alwarfalli"
    changed = people.update(saved.id, person(AHMED, latin_name="AHMED ELWARFALLY"), 1)
    assert people.get(saved.id).latin_name == changed.latin_name == "AHMED ELWARFALLY"
    cleared = people.update(saved.id, person(AHMED), changed.row_version)
    assert cleared.latin_name == ""
    lines = _outbox(worker)
    assert [op for op, _ in lines] == ["insert", "update", "update"]
    assert lines[0][1]["latin_name"] == [None, "Ahmed Abdalla Alwarfalli"]
    assert lines[1][1]["latin_name"] == ["Ahmed Abdalla Alwarfalli", "AHMED ELWARFALLY"]
    assert lines[2][1]["latin_name"] == ["AHMED ELWARFALLY", ""]
    history = people.history(saved.id)
    assert any(c.field == "latin_name" for e in history for c in e.changes)


def test_a_person_without_one_has_it_empty(worker: AppServices) -> None:
    saved = worker.beneficiaries.register(AHMED)
    assert saved.latin_name == ""
    assert _outbox(worker)[0][1]["latin_name"] == [None, ""]


def test_a_bad_one_saves_nothing(worker: AppServices) -> None:
    with pytest.raises(ValidationFailed) as caught:
        worker.beneficiaries.register(person(AHMED, latin_name="أحمد الورفلي"))
    assert [(e.field, e.code) for e in caught.value.errors] == [
        ("latin_name", ErrorCode.LATIN_NAME_INVALID)
    ]
    assert worker.beneficiaries.search("") == []
    assert _outbox(worker) == []


def _index_row(services: AppServices, person_id: str) -> tuple[str, ...]:
    with services.ctx.db.read() as session:
        row = session.execute(
            text(
                "SELECT s.first, s.father, s.grandfather, s.family, s.mother, s.ids, s.pos"
                " FROM beneficiary_search s JOIN beneficiaries b ON b.local_id = s.rowid"
                " WHERE b.id = :p"
            ),
            {"p": person_id},
        ).one()
    return tuple(row)


def test_the_search_index_is_given_the_latin_name(worker: AppServices) -> None:
    """What the index holds for the person, at registration (the bulk writer's statements)
    and at an edit (`search_index.put`): the row `index_values` makes with the Latin name."""

    def expected(latin: str) -> tuple[str, ...]:
        data = worker.beneficiaries.validate(person(AHMED, latin_name=latin))
        numbers = [i.number for i in data.identifiers]
        values = search_index.index_values(
            data.name_parts, data.mother_name, numbers, data.phones, latin_name=latin
        )
        without = search_index.index_values(data.name_parts, data.mother_name, numbers, data.phones)
        assert values != without  # the Latin name adds keys of its own: a test that can fail
        return values

    saved = worker.beneficiaries.register(person(AHMED, latin_name="Ahmed Alwarfalli"))
    assert _index_row(worker, saved.id) == expected("Ahmed Alwarfalli")
    worker.beneficiaries.update(saved.id, person(AHMED, latin_name="Ahmad Elwarfali"), 1)
    assert _index_row(worker, saved.id) == expected("Ahmad Elwarfali")


def test_imported_from_its_column(worker: AppServices, tmp_path: Path) -> None:
    rows = [[*GOOD[0], "Mohamed Ali Alwarfalli"], [*GOOD[1], ""], [*GOOD[2], "محمد"]]
    path = write_csv(tmp_path / "latin.csv", [*HEADERS, "latin_name"], rows)
    report = importer(worker).check(path)
    assert [(p.row, p.column, p.code) for p in report.problems] == [
        (4, "latin_name", ErrorCode.LATIN_NAME_INVALID)
    ]
    result = importer(worker).commit(path)
    views = [worker.beneficiaries.get(i) for i in result.ids]
    assert [v.latin_name for v in views] == ["Mohamed Ali Alwarfalli", ""]
    with worker.ctx.db.read() as session:  # the bulk writer's outbox line carries it too
        line = session.scalars(
            select(OutboxRow.changes).where(OutboxRow.row_id == result.ids[0])
        ).one()
    assert json.loads(line)["latin_name"] == [None, "Mohamed Ali Alwarfalli"]


def test_the_arabic_header_is_known(worker: AppServices, tmp_path: Path) -> None:
    arabic = ["الاسم الأول", "اسم الأب", "اسم الجد", "اللقب", "اسم الأم", "الجنس",
              "تاريخ الميلاد", "الرقم الوطني", "الهاتف", "البلدية", "الاسم باللاتينية"]  # fmt: skip
    path = write_xlsx(tmp_path / "latin.xlsx", arabic, [[*GOOD[0], "Mohamed Ali Alwarfalli"]])
    result = importer(worker).commit(path)
    assert result.report.problems == ()
    assert worker.beneficiaries.get(result.ids[0]).latin_name == "Mohamed Ali Alwarfalli"
