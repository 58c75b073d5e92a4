"""A case transferred to a branch that registered the same person itself ends with one record
there: the case moves onto the target's own record (tests/hq/test_transfers.py has the rest)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.case_models import CaseEventRow
from tests.hq import test_transfers
from tests.hq.test_transfers import SUPERVISOR, WORKER, Desk, login, open_case_and_ask
from tests.services.people import AHMED
from tests.services.people import person as draft
from tests.sync.world import books, branch_rows, central_rows

pytestmark = [pytest.mark.db, pytest.mark.sync]
# The transfer tests' world: two branches and HQ, on SQLite and PostgreSQL.
transfer_template = test_transfers.transfer_template
desk = test_transfers.desk


def test_a_target_that_has_the_person_too_ends_with_one_record(desk: Desk) -> None:
    """The person moved to Benghazi and was registered there too before the case followed:
    the case moves onto BEN01's own record; BEN01 holds one record of the person, and edits
    it and the case freely."""
    a, b = desk.a, desk.b
    login(b, WORKER)
    own = b.people.register(draft(phones=["0923456789"]))
    b.sync.sync_now()
    case_id, number = open_case_and_ask(a)
    desk.transfers.complete(number)
    b.sync.sync_now()
    central = central_rows(desk.hq)
    assert central["cases"][case_id]["beneficiary_id"] == own.id
    held = branch_rows(b)
    assert set(held["beneficiaries"]) == {own.id}  # one record: its own
    numbers = [r["number"] for r in held["beneficiary_identifiers"].values()]
    assert numbers.count(AHMED.national_number) == 1
    assert held["cases"][case_id] == central["cases"][case_id]
    with b.services.ctx.db.read() as session:
        completion = session.scalars(
            select(CaseEventRow.payload).where(CaseEventRow.case_id == case_id)
        ).all()
    assert any(f'"to": "{own.id}"' in p for p in completion)  # the event says so

    login(b, SUPERVISOR)
    worker_b = next(w.id for w in b.services.cases.workers() if w.username == WORKER[0])
    b.services.cases.assign(case_id, worker_b)
    login(b, WORKER)
    b.services.case_workflow.add_event(case_id, "note", {"text": "استلام الحالة في بنغازي"})
    view = b.people.get(own.id)
    b.people.update(own.id, draft(phones=["0923456789"], address="بنغازي - الفويهات"),
                    view.row_version)  # fmt: skip
    b.sync.sync_now()
    record = books(desk.hq, "BEN01")
    assert (record.conflicts, record.rejected_rows, record.held) == (0, 0, 0), record
    assert central_rows(desk.hq)["beneficiaries"][own.id]["address"] == "بنغازي - الفويهات"
    # TRP01's record stays TRP01's, and HQ still sees the pair for its officer.
    assert central["beneficiaries"][central["cases"][case_id]["beneficiary_id"]]
    a_person = next(p for p, r in central["beneficiaries"].items() if r["origin_branch"] == "TRP01")
    assert a_person != own.id
