"""A registration's save (app.services.beneficiary_save) stores exactly what the ORM path with
change capture (`insert_person`) stores: rows, outbox lines, search index row, audit entry,
and answers with the person as a re-read shows them."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import pytest
from sqlalchemy import text

from app.db.audit import first_broken_entry
from app.services.beneficiaries import insert_person
from app.services.beneficiary_save import save_new_person
from app.services.beneficiary_views import view
from app.services.dto import BeneficiaryView, DuplicateCandidate
from app.services.setup import AppServices
from tests.db.test_bulk import DRAFT

pytestmark = pytest.mark.db

# Differ between two saves of the same person; everything else must be equal.
PER_SAVE = {"local_id", "id", "beneficiary_id", "created_at", "updated_at", "person_number"}
AUDIT_PER_SAVE = {"seq", "id", "at", "entity_id", "prev_hash", "hash"}


def _rows(services: AppServices, sql: str, **params: Any) -> list[dict[str, Any]]:
    with services.ctx.db.read() as session:
        return [dict(r._mapping) for r in session.execute(text(sql), params)]


def _stored(services: AppServices, person_id: str) -> dict[str, Any]:
    """Everything a save wrote about one person, less what differs between two saves."""

    def strip(row: dict[str, Any], skip: set[str] = PER_SAVE) -> dict[str, Any]:
        return {k: v for k, v in row.items() if k not in skip}

    out: dict[str, Any] = {}
    for table, key in (
        ("beneficiaries", "id"),
        ("beneficiary_identifiers", "beneficiary_id"),
        ("beneficiary_phones", "beneficiary_id"),
        ("duplicate_decisions", "beneficiary_id"),
    ):
        rows = _rows(
            services, f"SELECT * FROM {table} WHERE {key} = :p ORDER BY local_id", p=person_id
        )
        out[table] = [strip(r) for r in rows]
    (person,) = _rows(services, "SELECT * FROM beneficiaries WHERE id = :p", p=person_id)
    out["stamps"] = person["created_at"] == person["updated_at"] and len(person["created_at"])
    out["search"] = _rows(
        services,
        "SELECT first, father, grandfather, family, mother, ids, pos FROM beneficiary_search"
        " WHERE rowid = :r",
        r=person["local_id"],
    )
    children = [
        r["id"]
        for t in ("beneficiary_identifiers", "beneficiary_phones", "duplicate_decisions")
        for r in _rows(services, f"SELECT id FROM {t} WHERE beneficiary_id = :p", p=person_id)
    ]
    lines = []
    for row_id in (person_id, *children):
        for line in _rows(services, "SELECT * FROM outbox WHERE row_id = :r", r=row_id):
            changes = json.loads(line["changes"])
            for key in PER_SAVE & changes.keys():
                assert changes[key][0] is None
                changes[key] = [None, "<varies>"]
            lines.append((line["seq"], line["table_name"], line["op"], line["row_version"],
                          line["base_hq_version"], line["user_id"], changes))  # fmt: skip
    lines.sort(key=lambda line: line[0])  # the order sync sends them in
    out["outbox"] = [line[1:] for line in lines]
    (audit,) = _rows(services, "SELECT * FROM audit_log WHERE entity_id = :p", p=person_id)
    out["audit"] = strip(audit, AUDIT_PER_SAVE)
    (audit_line,) = _rows(services, "SELECT * FROM outbox WHERE row_id = :r", r=audit["id"])
    assert audit_line["seq"] > max(line[0] for line in lines)  # after the person's lines
    assert audit_line["changed_at"] == audit["at"]
    changes = json.loads(audit_line["changes"])
    assert changes["hash"] == [None, audit["hash"]]
    assert changes["entity_id"] == [None, person_id]
    out["audit_line"] = sorted(changes)
    return out


def _orm_save(services: AppServices, decided: list[DuplicateCandidate]) -> BeneficiaryView:
    """The ORM path: what `register` stored before (and a family's save still does)."""
    data = services.beneficiaries.validate(DRAFT)
    with services.ctx.db.transaction(services.ctx.actor()) as session:
        return view(session, insert_person(session, services.ctx, data, decided))


@pytest.mark.parametrize("with_decision", [False, True])
def test_the_save_stores_what_the_orm_path_stores(worker: AppServices, with_decision: bool) -> None:
    other = worker.beneficiaries.register(
        DRAFT.__class__(**{**asdict(DRAFT), "national_number": "", "first_name": "سالم"})
    )
    decided = (
        [DuplicateCandidate(other.id, "", "", other.birth_date, "M", None, 88.4, exact=False)]
        if with_decision
        else []
    )
    orm = _orm_save(worker, decided)
    data = worker.beneficiaries.validate(DRAFT)
    actor = worker.ctx.actor()
    with worker.ctx.db.transaction(actor) as session:  # register's write step, less the
        saved = save_new_person(session, actor, data, decided)  # number check (the ORM's has it)

    assert _stored(worker, saved.id) == _stored(worker, orm.id)
    # The answer is the person as a re-read gives them, without the re-read.
    assert saved == worker.beneficiaries.get(saved.id)
    skip = {"id", "created_at", "updated_at", "person_number"}
    assert {k: v for k, v in asdict(saved).items() if k not in skip} == {
        k: v for k, v in asdict(orm).items() if k not in skip
    }
    assert saved.person_number > orm.person_number
    with worker.ctx.db.read() as session:
        assert first_broken_entry(session) is None  # the audit chain holds
    for query in ("عبدالله مصطفي", "0912345678", "فاطمه"):
        assert saved.id in {h.id for h in worker.beneficiaries.search(query)}
