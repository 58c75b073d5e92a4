"""The same person at two branches: HQ finds the pair as the batches arrive, an officer lists,
shows and dismisses it, and a dismissed pair reopens only when a value that matched changes.

Real branches sync with HQ over its HTTP app in-process, on SQLite and PostgreSQL (marked pg);
the commands run in-process through `sanad`'s own parser.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db.sync_models import HqDuplicatePairRow
from app.hq import registry_matches
from app.hq.enrollment import HqError
from app.hq.registry_matches import find_matches
from app.services.setup import open_branch
from app.services.sync import SyncService
from tests.conftest import FAST_HASHER, TODAY
from tests.hq.registry_world import WORKER, Registry
from tests.services.people import AHMED, numbered, person
from tests.sync.world import Hq, SyncBranch

pytestmark = [pytest.mark.db, pytest.mark.sync]

REASON = "أخوان توأمان: اسمان مختلفان في السجل المدني"


def test_the_same_national_number_at_two_branches_is_one_open_pair(registry: Registry) -> None:
    at_a = registry.a.people.register(AHMED)
    registry.a.sync.sync_now()
    assert registry.pairs() == []  # one record: nothing to pair
    at_b = registry.b.people.register(person(phones=[]))
    registry.b.sync.sync_now()
    [pair] = registry.pairs("open")
    assert {pair.person_a, pair.person_b} == {at_a.id, at_b.id}
    assert {pair.branch_a, pair.branch_b} == {"TRP01", "BEN01"}
    assert (pair.kind, pair.score) == ("identifier", 100.0)
    assert pair.matched == ("national_number",)
    # Another sync of either branch finds the same pair, not a second one.
    registry.a.people.register(numbered(1))
    registry.a.sync.sync_now()
    registry.b.sync.sync_now()
    assert [p.id for p in registry.pairs(None)] == [pair.id]


def test_a_likely_match_with_spelling_variants_and_a_swapped_date(registry: Registry) -> None:
    # A writes 12/03/1985; B, with no national number, writes 03/12/1985 (day and month
    # swapped), "عبد الله" for "عبدالله" and "فاطمه ابراهيم" for "فاطمة إبراهيم".
    at_a = registry.a.people.register(person(birth_date="1985-03-12"))
    registry.a.sync.sync_now()
    variant = person(
        father_name="عبد الله",
        mother_name="فاطمه ابراهيم",
        birth_date="1985-12-03",
        national_number="",
        phones=[],
    )
    at_b = registry.b.people.register(variant)
    registry.b.sync.sync_now()
    [pair] = registry.pairs("open")
    assert {pair.person_a, pair.person_b} == {at_a.id, at_b.id}
    assert pair.kind == "likely" and 82 <= pair.score < 100
    assert "birth_date" not in pair.matched and "sex" in pair.matched


def test_different_people_and_one_branch_make_no_pair(registry: Registry) -> None:
    for i in range(5):
        registry.a.people.register(numbered(i))
        registry.b.people.register(numbered(i + 10))
    registry.a.sync.sync_now()
    registry.b.sync.sync_now()
    assert registry.pairs(None) == []
    # Within a branch, two records are the desk's own business (its duplicate check).
    with registry.hq.service._read() as session:
        ids = session.scalars(select(HqDuplicatePairRow.id)).all()
    assert ids == []


def test_dismissed_stays_dismissed_until_a_matched_value_changes(registry: Registry) -> None:
    at_a = registry.a.people.register(AHMED)
    registry.a.sync.sync_now()
    at_b = registry.b.people.register(person(phones=[]))
    registry.b.sync.sync_now()
    [pair] = registry.pairs("open")
    dismissed = registry.desk.dismiss(pair.id, "officer-1", REASON)
    assert dismissed.status == "dismissed"
    detail = registry.desk.pair(pair.id)
    assert (detail.decided_by, detail.reason) == ("officer-1", REASON)

    # A change to something that did not match (the address) leaves it dismissed, and so does
    # a new identifier only one side has.
    version = registry.a.people.get(at_a.id).row_version
    registry.a.people.update(
        at_a.id, person(address="طرابلس، سوق الجمعة", passport_number="P1234567"), version
    )
    registry.a.sync.sync_now()
    assert registry.pairs("open") == []
    assert [p.status for p in registry.pairs(None)] == ["dismissed"]

    # Now both hold that passport too: what matched has changed, the pair opens again.
    version = registry.b.people.get(at_b.id).row_version
    registry.b.people.update(at_b.id, person(phones=[], passport_number="P1234567"), version)
    registry.b.sync.sync_now()
    [again] = registry.pairs("open")
    assert again.id == pair.id
    assert again.matched == ("national_number", "passport")
    assert registry.desk.pair(pair.id).decided_by is None


def test_refusals_change_nothing(registry: Registry) -> None:
    registry.a.people.register(AHMED)
    registry.a.sync.sync_now()
    registry.b.people.register(person(phones=[]))
    registry.b.sync.sync_now()
    [pair] = registry.pairs("open")
    with pytest.raises(HqError, match="no duplicate pair 999"):
        registry.desk.dismiss(999, "officer-1", REASON)
    with pytest.raises(HqError, match="reason"):
        registry.desk.dismiss(pair.id, "officer-1", "  no ")
    with pytest.raises(HqError, match="who decides"):
        registry.desk.dismiss(pair.id, " ", REASON)
    with pytest.raises(HqError, match="unknown status"):
        registry.desk.pairs("maybe")
    assert registry.pairs("open") == [pair]
    registry.desk.dismiss(pair.id, "officer-1", REASON)
    with pytest.raises(HqError, match="already dismissed: nothing was changed"):
        registry.desk.dismiss(pair.id, "officer-2", "another reason")
    assert registry.desk.pair(pair.id).decided_by == "officer-1"


def test_the_commands(registry: Registry, capsys: pytest.CaptureFixture[str]) -> None:
    registry.a.people.register(AHMED)
    registry.a.sync.sync_now()
    registry.b.people.register(person(phones=[]))
    registry.b.sync.sync_now()
    assert registry.cli("duplicates", "list", "--json") == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["status"] == "open" and listed["matched"] == ["national_number"]
    assert registry.cli("duplicates", "show", str(listed["id"])) == 0
    out = capsys.readouterr().out
    assert "identifier match" in out and "أحمد عبدالله مصطفى الورفلي" in out
    assert "national_number 119850123456" in out
    assert registry.cli("duplicates", "show", "77") == 2
    assert capsys.readouterr().err == "sanad: no duplicate pair 77\n"
    assert registry.cli("duplicates", "dismiss", str(listed["id"]), "--reason", "x") == 2
    assert "reason" in capsys.readouterr().err
    assert (
        registry.cli("duplicates", "dismiss", str(listed["id"]), "--reason", REASON, "--by", "o1")
        == 0
    )
    assert "dismissed" in capsys.readouterr().out
    assert registry.cli("duplicates", "list") == 0
    assert capsys.readouterr().out == "no open duplicate pairs\n"
    assert registry.cli("duplicates", "list", "--status", "all", "--json") == 0
    assert json.loads(capsys.readouterr().out)[0]["status"] == "dismissed"


def test_matching_in_small_chunks_finds_the_same_pairs(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Queries bind a bounded number of values; with tiny chunks every path runs many times.
    monkeypatch.setattr(registry_matches, "CHUNK", 5)
    monkeypatch.setattr(registry_matches, "PG_CHUNK", 5)
    for i in range(12):
        registry.a.people.register(numbered(i))
    registry.a.sync.sync_now()
    twins = [registry.b.people.register(person(numbered(i), first_name="سليم")) for i in range(12)]
    registry.b.sync.sync_now()
    pairs = registry.pairs(None)
    assert len(pairs) == 12 and {p.kind for p in pairs} == {"identifier"}
    with registry.hq.service._read() as session:
        again = find_matches(session, [t.id for t in twins] * 3)
    assert sorted((m.a.id, m.b.id) for m in again) == sorted(
        (p.person_a, p.person_b) for p in pairs
    )
    with registry.hq.service._read() as session:
        assert session.scalar(select(func.count()).select_from(HqDuplicatePairRow)) == 12


def flags(branch: SyncBranch, person_id: str) -> list[tuple[str, str, tuple[str, ...]]]:
    found = branch.services.registry_flags.flags_of(person_id)
    return [(f.other_branch, f.other_person, f.matched) for f in found]


def test_both_branches_hear_of_the_pair_and_of_its_dismissal(registry: Registry) -> None:
    at_a = registry.a.people.register(AHMED)
    registry.a.sync.sync_now()
    at_b = registry.b.people.register(person(phones=[]))
    registry.b.sync.sync_now()  # the pair is found in B's apply; B's answer carries the flag
    assert flags(registry.b, at_b.id) == [("TRP01", at_a.id, ("national_number",))]
    assert flags(registry.a, at_a.id) == []  # A has not synced since
    registry.a.sync.sync_now()
    assert flags(registry.a, at_a.id) == [("BEN01", at_b.id, ("national_number",))]
    registry.a.sync.sync_now()
    registry.b.sync.sync_now()  # nothing new: still one flag each
    assert len(flags(registry.a, at_a.id)) == len(flags(registry.b, at_b.id)) == 1

    [pair] = registry.pairs("open")
    registry.desk.dismiss(pair.id, "officer-1", REASON)
    registry.a.sync.sync_now()
    registry.b.sync.sync_now()
    assert flags(registry.a, at_a.id) == flags(registry.b, at_b.id) == []


def test_flags_travel_by_usb_too(registry: Registry) -> None:
    at_a = registry.a.people.register(AHMED)
    at_b = registry.b.people.register(person(phones=[]))
    for branch in (registry.a, registry.b):
        files = branch.export()
        results = registry.hq.service.import_files(files)
        assert [r.outcome for r in results] == ["applied"]
        assert results[-1].receipt is not None
        branch.sync.import_file(results[-1].receipt)
    # A's batch came first: A's answer had no pair yet; B's answer carries it.
    assert flags(registry.a, at_a.id) == []
    assert flags(registry.b, at_b.id) == [("TRP01", at_a.id, ("national_number",))]
    registry.a.people.register(numbered(3))  # A's next stick carries a change, and brings news
    [result] = registry.hq.service.import_files(registry.a.export())
    assert result.receipt is not None
    registry.a.sync.import_file(result.receipt)
    assert flags(registry.a, at_a.id) == [("BEN01", at_b.id, ("national_number",))]


def reopen(branch: SyncBranch, hq: Hq) -> None:
    services = open_branch(branch.folder, hasher=FAST_HASHER, today=TODAY)
    services.accounts.login(*WORKER)
    branch.services, branch.sync = services, SyncService(services.ctx, hq.http_client)


def test_a_branch_restored_from_an_old_copy_hears_of_its_pairs_again(
    registry: Registry, tmp_path: Path
) -> None:
    a = registry.a
    at_a = a.people.register(AHMED)
    a.sync.sync_now()
    backup = tmp_path / "backup"
    a.services.close()
    shutil.copytree(a.folder, backup)  # a backup from before any pair
    reopen(a, registry.hq)
    at_b = registry.b.people.register(person(phones=[]))
    registry.b.sync.sync_now()
    a.sync.sync_now()
    assert flags(a, at_a.id) == [("BEN01", at_b.id, ("national_number",))]

    # The disk dies; the old copy comes back, knowing nothing of the pair.
    a.services.close()
    shutil.rmtree(a.folder)
    shutil.copytree(backup, a.folder)
    reopen(a, registry.hq)
    assert flags(a, at_a.id) == []
    a.sync.sync_now()
    assert flags(a, at_a.id) == [("BEN01", at_b.id, ("national_number",))]
    assert [p.status for p in registry.pairs(None)] == ["open"]  # nothing found twice
