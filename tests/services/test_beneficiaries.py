"""Registering and editing beneficiaries: outbox, audit, history, stale edits, bad input."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.db.audit import first_broken_entry
from app.db.models import AuditRow
from app.domain.beneficiary import BeneficiaryDraft
from app.domain.errors import DomainError, ErrorCode, ValidationFailed
from app.services.setup import AppServices
from tests.outbox import audit_lines, data_rows, last_seq
from tests.services.people import person, row_counts

pytestmark = pytest.mark.db

WORKER_NAME = "أخصائية اجتماعية (تجريبي)"
SUPERVISOR_NAME = "مشرفة الفرع (تجريبي)"


def _outbox_for(
    services: AppServices, since: int = 0
) -> list[tuple[str, str, dict[str, list[object]], int, str]]:
    """The data changes in the outbox after `since` (audit entries: `_audit_for`)."""
    with services.ctx.db.read() as session:
        return [
            (r.table_name, r.op, json.loads(r.changes), r.row_version, r.user_id)
            for r in data_rows(session, since)
        ]


def _audit_for(services: AppServices, since: int = 0) -> list[tuple[str, str | None]]:
    """The audit entries the outbox carries after `since`: (action, entity id)."""
    with services.ctx.db.read() as session:
        return [(line.action, line.entity_id) for line in audit_lines(session, since)]


def _last_seq(services: AppServices) -> int:
    with services.ctx.db.read() as session:
        return last_seq(session)


def test_register_saves_everything_with_its_outbox_and_audit(worker: AppServices) -> None:
    assert worker.ctx.user is not None
    since = _last_seq(worker)  # the login's audit entry
    view = worker.beneficiaries.register(
        person(phones=["0912345678", "+218 92 111 2222"], admin_number="A-77")
    )
    assert view.full_name == "أحمد عبدالله مصطفى الورفلي"
    assert view.row_version == 1
    assert view.origin_branch == "DEMO"
    assert view.phones == ("+218912345678", "+218921112222")
    assert view.identifier("national_number") == "119850123456"
    assert view.identifier("admin_number") == "A-77"
    assert worker.beneficiaries.get(view.id) == view

    entries = _outbox_for(worker, since)
    assert [(t, op) for t, op, *_ in entries] == [
        ("beneficiaries", "insert"),
        ("beneficiary_identifiers", "insert"),
        ("beneficiary_identifiers", "insert"),
        ("beneficiary_phones", "insert"),
        ("beneficiary_phones", "insert"),
    ]
    assert {user for *_, user in entries} == {worker.ctx.user.id}
    assert entries[0][2]["first_name"] == [None, "أحمد"]
    assert entries[0][2]["name_key"] == [None, "احمد عبدالله مصطفي ورفلي"]
    with worker.ctx.db.read() as session:
        audit = session.scalars(select(AuditRow.action).where(AuditRow.entity_id == view.id)).all()
        assert audit == ["beneficiary.create"]
        assert first_broken_entry(session) is None
    # The audit entry travels to HQ with the changes, after them (same transaction).
    assert _audit_for(worker, since) == [("beneficiary.create", view.id)]
    with worker.ctx.db.read() as session:
        assert max(r.seq for r in data_rows(session, since)) < audit_lines(session, since)[0].seq


def test_update_records_only_what_changed(worker: AppServices) -> None:
    view = worker.beneficiaries.register(person())
    since = _last_seq(worker)
    updated = worker.beneficiaries.update(
        view.id, person(first_name="محمود", phones=["0922345678"]), view.row_version
    )
    assert updated.row_version == 2
    assert updated.first_name == "محمود"
    assert updated.phones == ("+218922345678",)
    entries = _outbox_for(worker, since)
    by_table = sorted((t, op) for t, op, *_ in entries)
    assert by_table == [
        ("beneficiaries", "update"),
        ("beneficiary_phones", "delete"),  # the old phone is a tombstone
        ("beneficiary_phones", "insert"),
    ]
    assert entries[0][:2] == ("beneficiaries", "update")
    assert entries[0][2] == {
        "first_name": ["أحمد", "محمود"],
        "name_key": ["احمد عبدالله مصطفي ورفلي", "محمود عبدالله مصطفي ورفلي"],
    }
    assert entries[0][3] == 2
    assert _audit_for(worker, since) == [("beneficiary.update", view.id)]


def test_saving_unchanged_data_changes_nothing(worker: AppServices) -> None:
    view = worker.beneficiaries.register(person())
    since = _last_seq(worker)
    again = worker.beneficiaries.update(view.id, person(), view.row_version)
    assert again.row_version == view.row_version
    assert _outbox_for(worker, since) == []
    # Only the save itself is audited (someone opened and saved the record).
    assert _audit_for(worker, since) == [("beneficiary.update", view.id)]


def test_stale_update_is_refused_and_changes_nothing(worker: AppServices) -> None:
    view = worker.beneficiaries.register(person())
    current = worker.beneficiaries.update(view.id, person(notes="أول"), view.row_version)
    before = row_counts(worker)
    with pytest.raises(DomainError) as caught:
        # Someone else saved in between: this form still holds version 1.
        worker.beneficiaries.update(view.id, person(notes="ثاني"), view.row_version)
    assert caught.value.code is ErrorCode.STALE_RECORD
    assert worker.beneficiaries.get(view.id) == current
    assert row_counts(worker) == before


def test_update_of_an_unknown_record(worker: AppServices) -> None:
    with pytest.raises(DomainError) as caught:
        worker.beneficiaries.update("no-such-id", person(), 1)
    assert caught.value.code is ErrorCode.NOT_FOUND
    with pytest.raises(DomainError) as caught:
        worker.beneficiaries.get("no-such-id")
    assert caught.value.code is ErrorCode.NOT_FOUND


def test_history_lists_changes_with_user_names(services: AppServices) -> None:
    services.accounts.login("worker", "worker-demo-2026")
    view = services.beneficiaries.register(person())
    services.accounts.logout()
    services.accounts.login("supervisor", "supervisor-demo-2026")
    services.beneficiaries.update(view.id, person(family_name="المصراتي"), view.row_version)

    history = services.beneficiaries.history(view.id)
    assert [(e.table, e.op, e.user) for e in history] == [
        ("beneficiaries", "insert", WORKER_NAME),
        ("beneficiary_identifiers", "insert", WORKER_NAME),
        ("beneficiary_phones", "insert", WORKER_NAME),
        ("beneficiaries", "update", SUPERVISOR_NAME),
    ]
    changes = {c.field: (c.old, c.new) for c in history[-1].changes}
    assert changes["family_name"] == ("الورفلي", "المصراتي")
    assert history[0].at <= history[-1].at
    assert services.beneficiaries.history("no-such-id") == []


def test_history_names_a_removed_phone(worker: AppServices) -> None:
    view = worker.beneficiaries.register(person())
    assert view.phones
    worker.beneficiaries.update(view.id, person(phones=[]), view.row_version)
    removed = [e for e in worker.beneficiaries.history(view.id) if e.op == "delete"]
    assert [(e.table, e.changes[0].field, e.changes[0].old) for e in removed] == [
        ("beneficiary_phones", "e164", view.phones[0])
    ]


BAD_DRAFTS = {
    "empty form": BeneficiaryDraft(),
    "latin name": person(first_name="Ahmed"),
    "sex mismatch": person(sex="F"),
    "year mismatch": person(birth_date="1990-03-15"),
    "future birth": person(birth_date="2027-01-01", national_number=""),
    "too old": person(birth_date="1900-01-01", national_number=""),
    "bad phone": person(phones=["12345"]),
    "bad income": person(monthly_income="a lot"),
    "unknown municipality": person(municipality_code="NOPE"),
}


@pytest.mark.parametrize("draft", BAD_DRAFTS.values(), ids=BAD_DRAFTS.keys())
def test_bad_input_never_changes_data(worker: AppServices, draft: BeneficiaryDraft) -> None:
    existing = worker.beneficiaries.register(
        person(national_number="", phones=[], birth_date="1970-01-01")
    )
    before = row_counts(worker)
    with pytest.raises(ValidationFailed):
        worker.beneficiaries.register(draft)
    with pytest.raises(ValidationFailed):
        worker.beneficiaries.update(existing.id, draft, existing.row_version)
    assert row_counts(worker) == before
    assert worker.beneficiaries.get(existing.id) == existing


def test_nobody_logged_in_may_not_register(services: AppServices) -> None:
    before = row_counts(services)
    with pytest.raises(DomainError) as caught:
        services.beneficiaries.register(person())
    assert caught.value.code is ErrorCode.PERMISSION_DENIED
    assert row_counts(services) == before


def test_municipality_from_the_reference_list_is_accepted(worker: AppServices) -> None:
    code = worker.reference.municipalities()[0].code
    view = worker.beneficiaries.register(person(municipality_code=code))
    assert view.municipality_code == code
