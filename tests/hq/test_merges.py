"""Confirming a duplicate pair merges the two records without deleting either; an unmerge puts
every moved reference back. Every row is accounted for (counts and checksums at HQ), both
branches hear of it by HTTP and by USB, and the retired record's branch opens the survivor.

Real branches sync with HQ over its HTTP app in-process, on SQLite and PostgreSQL (marked pg).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.case_models import CaseRow
from app.db.models import SYNCED_MODELS, BeneficiaryRow, HouseholdRow, IdentifierRow, PhoneRow
from app.db.registry_models import HqDecisionRow, HqMergeRow, PersonRedirectRow
from app.db.serialize import to_json_value
from app.domain.household import HouseholdDraft
from app.hq.decisions import verify_chain
from app.hq.enrollment import HqError
from app.hq.registry_matches import find_matches
from app.services.setup import open_branch
from app.services.sync import SyncService
from tests.conftest import FAST_HASHER, TODAY
from tests.hq.registry_world import WORKER, Registry
from tests.services.people import AHMED, numbered, person
from tests.sync.case_changes import open_case
from tests.sync.world import Hq, SyncBranch

pytestmark = [pytest.mark.db, pytest.mark.sync]

SAME = "نفس الرقم الوطني ونفس الأم وتاريخ الميلاد: شخص واحد سجّل في فرعين"
WRONG = "تبيّن من السجل المدني أنهما أخوان توأمان"
# Columns a merge or unmerge rewrites on every row it touches (besides the moved values).
BOOKKEEPING = {"row_version", "hq_version", "updated_at", "updated_by", "local_id"}


def snapshot(registry: Registry) -> tuple[dict[str, int], str]:
    """HQ's synced tables: row counts, and one checksum of every row's content."""
    counts: dict[str, int] = {}
    digest = hashlib.sha256()
    with registry.hq.service._read() as session:
        for model in SYNCED_MODELS:
            table = model.__table__  # type: ignore[attr-defined]
            cols = [c for c in table.columns if c.key not in BOOKKEEPING]
            rows = session.execute(select(*cols).order_by(table.c.id)).all()
            counts[table.name] = len(rows)
            for row in rows:
                values = {k: to_json_value(v) for k, v in row._mapping.items()}
                digest.update(json.dumps([table.name, values], sort_keys=True).encode())
    return counts, digest.hexdigest()


def two_records(registry: Registry) -> tuple[str, str, str, str]:
    """A's record (a phone), and B's record of the same person heading a household, with a
    passport, another phone and a case: (A's person, B's person, B's household, B's case)."""
    at_a = registry.a.people.register(AHMED)
    registry.a.sync.sync_now()
    b = registry.b
    at_b = b.people.register(
        person(phones=["0923456789"], passport_number="LY1234567")
    )  # fmt: skip
    household = b.services.households.create(HouseholdDraft(head_id=at_b.id, address="بنغازي"))
    case_id = open_case(b, at_b.id, 1)
    b.sync.sync_now()
    registry.a.sync.sync_now()
    return at_a.id, at_b.id, household.id, case_id


def rows_at(branch: SyncBranch, model: type, **where: str) -> list[str]:
    with branch.services.ctx.db.read() as session:
        query = select(model.id)  # type: ignore[attr-defined]
        for column, value in where.items():
            query = query.where(getattr(model, column) == value)
        return sorted(session.scalars(query))


def test_confirm_merges_without_deleting_and_unmerge_puts_every_row_back(
    registry: Registry,
) -> None:
    a_id, b_id, household, case_id = two_records(registry)
    [pair] = registry.pairs("open")
    before = snapshot(registry)
    with registry.hq.service._read() as session:
        numbers_before = {
            i: session.get(BeneficiaryRow, i).person_number  # type: ignore[union-attr]
            for i in (a_id, b_id)
        }
    assert all(numbers_before.values())

    outcome = registry.desk.confirm(pair.id, "officer-1", SAME, keep="a" if
                                    pair.person_a == a_id else "b")  # fmt: skip
    assert (outcome.survivor, outcome.retired) == (a_id, b_id)
    merged = snapshot(registry)
    assert merged[0] == before[0]  # nothing deleted, nothing added
    assert merged[1] != before[1]
    with registry.hq.service._read() as session:
        retired = session.get(BeneficiaryRow, b_id)
        assert retired is not None and retired.deleted_at is None  # kept, whole
        assert retired.person_number == numbers_before[b_id]  # each keeps its own number
        assert session.get(BeneficiaryRow, a_id).person_number == numbers_before[a_id]  # type: ignore[union-attr]
        assert retired.household_id is None
        survivor = session.get(BeneficiaryRow, a_id)
        assert survivor is not None and survivor.household_id == household
        assert session.get(HouseholdRow, household).head_id == a_id  # type: ignore[union-attr]
        assert session.get(CaseRow, case_id).beneficiary_id == a_id  # type: ignore[union-attr]
        numbers = session.execute(
            select(IdentifierRow.id_type, IdentifierRow.beneficiary_id)
            .where(IdentifierRow.deleted_at.is_(None))
            .order_by(IdentifierRow.id_type, IdentifierRow.beneficiary_id)
        ).all()
        # The passport came over; B's copy of the national number stays on the retired record.
        assert sorted(numbers) == sorted([
            ("national_number", a_id), ("national_number", b_id), ("passport", a_id)
        ])  # fmt: skip
        phones = session.scalars(select(PhoneRow.beneficiary_id)).all()
        assert sorted(phones) == [a_id, a_id]
    assert registry.pairs("confirmed")[0].id == pair.id

    for branch in (registry.a, registry.b):
        branch.sync.sync_now()
    b = registry.b
    view = b.people.get(b_id)  # B's app opens the survivor
    assert (view.id, view.merged_from, view.origin_branch) == (a_id, b_id, "TRP01")
    # Each record keeps its own number: B's shows the survivor's, and says which it asked for.
    assert view.person_number == registry.a.people.get(a_id).person_number
    assert view.person_number.startswith("TRP01-P-")
    assert view.merged_from_number.startswith(f"{b.code}-P-")
    assert {i.type for i in view.identifiers} == {"national_number", "passport"}
    assert len(view.phones) == 2
    assert [h.id for h in b.people.search("أحمد الورفلي")] == [a_id]  # the person, once
    assert rows_at(b, CaseRow, beneficiary_id=a_id) == [case_id]
    assert b.services.registry_flags.flags_of(b_id) == []  # the pair is decided
    a_view = registry.a.people.get(a_id)
    assert a_view.merged_from is None and len(a_view.phones) == 2
    assert rows_at(registry.a, CaseRow) == []  # B's cases never go to A
    with b.services.ctx.db.read() as session:
        assert session.get(PersonRedirectRow, b_id) is not None

    # B goes on working on the person: a new case on the survivor is B's to open.
    second = open_case(b, a_id, 2)
    b.sync.sync_now()
    with registry.hq.service._read() as session:
        assert session.get(CaseRow, second) is not None
    assert [s.rejected_rows for s in registry.hq.service.status()] == [0, 0]

    undone = registry.desk.unmerge(outcome.merge_id, "officer-2", WRONG)
    assert (undone.status, undone.left) == ("undone", 0)
    assert undone.moved == outcome.moved
    after = snapshot(registry)
    assert after[0]["cases"] == before[0]["cases"] + 1  # the case opened since, only
    with registry.hq.service._read() as session:
        assert session.get(CaseRow, case_id).beneficiary_id == b_id  # type: ignore[union-attr]
        assert session.get(HouseholdRow, household).head_id == b_id  # type: ignore[union-attr]
        assert session.get(BeneficiaryRow, a_id).household_id is None  # type: ignore[union-attr]
    assert [p.status for p in registry.pairs(None)] == ["open"]  # to decide again
    for branch in (registry.a, registry.b):
        branch.sync.sync_now()
    assert b.people.get(b_id).id == b_id
    assert registry.a.people.get(a_id).phones == ("+218912345678",)  # B's phone forgotten
    assert len(b.services.registry_flags.flags_of(b_id)) == 1  # the flag is back

    with registry.hq.service._read() as session:
        actions = session.scalars(select(HqDecisionRow.action).order_by(HqDecisionRow.id))
        assert list(actions) == ["reference_publish", "merge", "unmerge"]  # HQ's start, then ours
        assert verify_chain(session) is None


def test_unmerge_alone_restores_the_checksum(registry: Registry) -> None:
    a_id, _b_id, _household, _case = two_records(registry)
    [pair] = registry.pairs("open")
    before = snapshot(registry)
    outcome = registry.desk.confirm(pair.id, "officer-1", SAME)
    registry.desk.unmerge(outcome.merge_id, "officer-1", WRONG)
    assert snapshot(registry) == before
    assert a_id in (outcome.survivor, outcome.retired)


def test_a_value_changed_since_the_merge_is_left_on_unmerge(registry: Registry) -> None:
    a_id, b_id, household, _case = two_records(registry)
    [pair] = registry.pairs("open")
    outcome = registry.desk.confirm(pair.id, "officer-1", SAME, keep="a" if
                                    pair.person_a == a_id else "b")  # fmt: skip
    registry.b.sync.sync_now()
    # At B, the household gets a new head meanwhile (B's own record of someone else).
    other = registry.b.people.register(numbered(3))
    with registry.hq.service._write() as session:  # as B's sync would have moved it
        session.get(HouseholdRow, household).head_id = other.id  # type: ignore[union-attr]
    undone = registry.desk.unmerge(outcome.merge_id, "officer-1", WRONG)
    assert undone.left == 1 and undone.moved == outcome.moved - 1
    with registry.hq.service._read() as session:
        assert session.get(HouseholdRow, household).head_id == other.id  # type: ignore[union-attr]
        merge = session.get(HqMergeRow, outcome.merge_id)
        assert merge is not None and merge.status == "undone"
    assert b_id != a_id


def test_the_redirect_travels_by_usb_too(registry: Registry) -> None:
    at_a = registry.a.people.register(AHMED)
    at_b = registry.b.people.register(person(phones=[]))
    for branch in (registry.a, registry.b):
        [result] = registry.hq.service.import_files(branch.export())
        assert result.receipt is not None
        branch.sync.import_file(result.receipt)
    [pair] = registry.pairs("open")
    keep = "a" if pair.person_a == at_a.id else "b"
    registry.desk.confirm(pair.id, "officer-1", SAME, keep=keep)
    # Nothing new to send at BEN01: its stick carries a request for HQ's news.
    assert registry.b.sync.export(registry.b.usb / "news") == []
    [request] = registry.b.sync.export(registry.b.usb / "news", poll=True)
    assert registry.b.sync.is_poll(request)
    [result] = registry.hq.service.import_files([request])
    assert result.receipt is not None
    registry.b.sync.import_file(result.receipt)
    view = registry.b.people.get(at_b.id)
    assert (view.id, view.merged_from) == (at_a.id, at_b.id)


def test_refusals_change_nothing(registry: Registry) -> None:
    a_id, _b_id, _h, _c = two_records(registry)
    [pair] = registry.pairs("open")
    before = snapshot(registry)
    for call, code in (
        (lambda: registry.desk.confirm(999, "officer", SAME), "no_pair"),
        (lambda: registry.desk.confirm(pair.id, "officer", "قصير"), "bad_reason"),
        (lambda: registry.desk.confirm(pair.id, "", SAME), "bad_reason"),
        (lambda: registry.desk.confirm(pair.id, "officer", SAME, keep="c"), "bad_keep"),
        (lambda: registry.desk.unmerge(999, "officer", WRONG), "no_merge"),
    ):
        with pytest.raises(HqError) as err:
            call()
        assert err.value.code == code
    assert snapshot(registry) == before
    outcome = registry.desk.confirm(pair.id, "officer", SAME)
    merged = snapshot(registry)
    for call, code in (
        (lambda: registry.desk.confirm(pair.id, "officer", SAME), "decided"),
        (lambda: registry.desk.dismiss(pair.id, "officer", WRONG), "decided"),
    ):
        with pytest.raises(HqError) as err:
            call()
        assert err.value.code == code
    registry.desk.unmerge(outcome.merge_id, "officer", WRONG)
    with pytest.raises(HqError) as err:
        registry.desk.unmerge(outcome.merge_id, "officer", WRONG)
    assert err.value.code == "undone"
    assert merged != before and a_id


def test_the_commands(registry: Registry, capsys: pytest.CaptureFixture[str]) -> None:
    two_records(registry)
    [pair] = registry.pairs("open")
    capsys.readouterr()
    assert registry.cli("duplicates", "confirm", str(pair.id), "--reason", SAME, "--by",
                        "officer-1", "--json") == 0  # fmt: skip
    merged = json.loads(capsys.readouterr().out)
    assert merged["status"] == "active" and merged["pair"] == pair.id
    assert registry.cli("duplicates", "show", str(pair.id), "--json") == 0
    assert json.loads(capsys.readouterr().out)["merge"] == merged["merge"]
    assert registry.cli("duplicates", "confirm", str(pair.id), "--reason", SAME) == 2
    assert "already confirmed" in capsys.readouterr().err
    assert registry.cli("duplicates", "unmerge", str(merged["merge"]), "--reason", WRONG) == 0
    assert "undone" in capsys.readouterr().out
    assert registry.cli("duplicates", "unmerge", "77", "--reason", WRONG) == 2
    assert "no merge 77" in capsys.readouterr().err
    assert registry.cli("decisions", "list", "--json") == 0
    logged = json.loads(capsys.readouterr().out)
    assert [(d["action"], d["subject"], d["by"]) for d in logged[:2]] == [
        ("unmerge", f"merge {merged['merge']}", getpass.getuser()),  # no --by: the OS user
        ("merge", f"pair {pair.id}", "officer-1"),
    ]  # (before them: HQ's first reference-data version, published as it started)
    assert logged[1]["reason"] == SAME and logged[0]["reason"] == WRONG
    assert registry.cli("decisions", "verify") == 0
    assert "intact" in capsys.readouterr().out
    with registry.hq.service._write() as session:  # someone edits a reason in the database
        session.get(HqDecisionRow, logged[1]["id"]).reason = "سبب آخر"  # type: ignore[union-attr]
    assert registry.cli("decisions", "verify") == 2
    assert f"broken at entry {logged[1]['id']}" in capsys.readouterr().out


def test_a_retired_record_pairs_with_no_one(registry: Registry) -> None:
    a_id, b_id, _h, _c = two_records(registry)
    [pair] = registry.pairs("open")
    with registry.hq.service._read() as session:
        assert [(m.a.id, m.b.id) for m in find_matches(session, {a_id})] == [
            (pair.person_a, pair.person_b)
        ]
    outcome = registry.desk.confirm(pair.id, "officer-1", SAME)
    with registry.hq.service._read() as session:  # neither side finds the redirect again
        assert find_matches(session, {a_id, b_id}) == []
    registry.desk.unmerge(outcome.merge_id, "officer-1", WRONG)
    with registry.hq.service._read() as session:
        assert len(find_matches(session, {a_id})) == 1


def reopen(branch: SyncBranch, hq: Hq) -> None:
    services = open_branch(branch.folder, hasher=FAST_HASHER, today=TODAY)
    services.accounts.login(*WORKER)
    branch.services, branch.sync = services, SyncService(services.ctx, hq.http_client)


def test_only_the_retired_records_branch_hangs_work_on_the_survivor_and_only_while_merged(
    registry: Registry,
) -> None:
    """Once the merge is undone, BEN01's case on TRP01's person is refused like any branch's
    would be: the exception is the merge's, not a hole in ownership."""
    a_id, _b_id, _h, _c = two_records(registry)
    [pair] = registry.pairs("open")
    outcome = registry.desk.confirm(pair.id, "officer-1", SAME, keep="a" if
                                    pair.person_a == a_id else "b")  # fmt: skip
    registry.b.sync.sync_now()
    registry.desk.unmerge(outcome.merge_id, "officer-1", WRONG)  # B has not heard of it yet
    late = open_case(registry.b, a_id, 2)
    registry.b.sync.sync_now()
    with registry.hq.service._read() as session:
        assert session.get(CaseRow, late) is None
    rejected = {s.code: s.rejected_rows for s in registry.hq.service.status()}
    assert rejected == {"TRP01": 0, "BEN01": 1}


def test_a_branch_restored_from_a_copy_older_than_the_merge_gets_the_redirect_again(
    registry: Registry, tmp_path: Path
) -> None:
    a_id, b_id, _h, _c = two_records(registry)
    b = registry.b
    b.services.close()
    shutil.copytree(b.folder, tmp_path / "backup")  # before the merge
    reopen(b, registry.hq)
    [pair] = registry.pairs("open")
    registry.desk.confirm(pair.id, "officer-1", SAME, keep="a" if
                          pair.person_a == a_id else "b")  # fmt: skip
    b.sync.sync_now()
    assert b.people.get(b_id).id == a_id
    b.services.close()  # the disk dies; the old copy comes back
    shutil.rmtree(b.folder)
    shutil.copytree(tmp_path / "backup", b.folder)
    reopen(b, registry.hq)
    assert b.people.get(b_id).id == b_id
    b.sync.sync_now()
    view = b.people.get(b_id)
    assert (view.id, view.merged_from) == (a_id, b_id)
    assert [h.id for h in b.people.search("أحمد الورفلي")] == [a_id]
