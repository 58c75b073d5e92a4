"""HQ's reference data: versions published at HQ reach every branch, by HTTP and by USB, and
the desk uses them without a restart; an older version never undoes a newer one; a bad file
changes nothing; a branch's own edit of reference data is refused.

Real branches sync with HQ's HTTP app in-process, on SQLite and PostgreSQL (marked pg); the
officer's commands run in-process through `sanad`'s own parser.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.db.models import LocalMetaRow, MunicipalityRow
from app.db.reference_models import HqReferenceVersionRow
from app.db.registry_models import HqDecisionRow
from app.db.sync_models import HqDownQueueRow
from app.hq.reference import SEED_BY, current_version, reference_line, shipped_documents
from app.resources import resources_dir
from app.services.reference import load_municipalities_file
from app.services.setup import open_branch
from app.services.sync import SyncService
from app.sync.branch_reference import VERSION, apply_reference, held_version
from tests.conftest import FAST_HASHER, TODAY
from tests.services.people import numbered
from tests.sync.world import (
    ADMIN,
    Hq,
    SyncBranch,
    copy_branch,
    make_branch_template,
    open_sync_branch,
    world,
)

pytestmark = [pytest.mark.db, pytest.mark.sync]

REASON = "بلدية جديدة بقرار مجلس الوزراء"
NEW_TOWN = [
    "municipalities", "LY029901", "--name-ar", "الزاوية الجديدة", "--name-en", "New Zawiya",
    "--district-code", "LY0299", "--district-ar", "الزاوية", "--district-en", "Az Zawiya",
]  # fmt: skip


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_branch_template(tmp_path_factory.mktemp("reference-template") / "branch")


@dataclass
class Ministry:
    hq: Hq
    a: SyncBranch  # TRP01
    url: str
    root: Path
    template: Path

    def cli(self, *argv: str) -> int:
        return main(["hq", "reference", *argv, "--hq-dir", str(self.hq.home.root),
                     "--db", self.url])  # fmt: skip

    def state(self) -> tuple[Any, ...]:
        """What a refused command must leave as it was: versions, decisions, rows, queues."""
        with self.hq.service._read() as session:
            return (
                current_version(session),
                session.scalar(select(func.count()).select_from(HqDecisionRow)),
                session.scalar(select(func.count()).select_from(HqDownQueueRow)),
                sorted(
                    (m.code, m.name_ar, m.version, m.active)
                    for m in session.scalars(select(MunicipalityRow))
                ),
            )


@pytest.fixture
def ministry(central_url: str, tmp_path: Path, template: Path) -> Iterator[Ministry]:
    with world(tmp_path, central_url, template, ["TRP01"]) as (hq, [a]):
        yield Ministry(hq, a, central_url, tmp_path, template)


_people = iter(range(1000))


def usb_round(branch: SyncBranch, hq: Hq) -> None:
    """The branch's stick to HQ and back: export, `sanad hq import`, `sanad sync import`."""
    branch.people.register(numbered(next(_people)))
    files = branch.export()
    results = hq.service.import_files(files)
    assert results[-1].receipt is not None, results
    branch.sync.import_file(results[-1].receipt)


def test_hq_starts_with_the_shipped_lists_as_version_1(ministry: Ministry) -> None:
    shipped = shipped_documents()
    with ministry.hq.service._read() as session:
        [version] = session.scalars(select(HqReferenceVersionRow)).all()
        decision = session.get(HqDecisionRow, version.decision_id)
        held = session.scalar(select(func.count()).select_from(MunicipalityRow))
    assert (version.version, version.by) == (1, SEED_BY)
    assert version.rows == sum(len(rows) for rows in shipped.values())
    assert decision is not None and decision.action == "reference_publish"
    assert held == len(shipped["municipalities"])
    ministry.hq.service.close()  # a second start publishes nothing more
    again = type(ministry.hq.service).open(ministry.hq.home, ministry.url)
    with again._read() as session:
        assert current_version(session) == 1
    again.close()
    # An enrolled branch, once synced, holds version 1: the same lists it was shipped with.
    ministry.a.sync.sync_now()
    with ministry.a.services.ctx.db.read() as session:
        assert held_version(session) == 1
    assert len(ministry.a.services.reference.municipalities()) == len(shipped["municipalities"])


def test_a_new_municipality_reaches_a_branch_over_http_and_is_used_at_once(
    ministry: Ministry, capsys: pytest.CaptureFixture[str]
) -> None:
    a = ministry.a
    a.sync.sync_now()
    reference = a.services.reference  # the very service object the desk's forms call
    assert reference.municipality("LY029901") is None  # read: now in its cache
    juvenile = a.services.case_reference.case_type("juvenile")
    capsys.readouterr()

    assert ministry.cli("set", *NEW_TOWN, "--reason", REASON, "--by", "officer-1") == 0
    assert "version 2 published (1 rows: municipalities LY029901)" in capsys.readouterr().out
    assert ministry.cli("set", "case_types", "juvenile", "--name-ar", "حدث جانح",
                        "--reason", "تسمية أوضح", "--json") == 0  # fmt: skip
    published = json.loads(capsys.readouterr().out)
    assert published["version"] == 3
    [row] = published["rows"]
    assert (row["before"]["name_ar"], row["after"]["name_ar"]) == (juvenile.name_ar, "حدث جانح")

    a.sync.sync_now()

    town = reference.municipality("LY029901")
    assert town is not None and (town.name_ar, town.district_ar) == ("الزاوية الجديدة", "الزاوية")
    assert reference.find_municipality("الزاويه الجديده") == town  # any spelling, as ever
    assert "LY029901" in reference.municipality_codes()
    assert a.services.case_reference.case_type("juvenile").name_ar == "حدث جانح"
    with a.services.ctx.db.read() as session:
        assert held_version(session) == 3
    # Who, when, why: the version and the decision.
    assert ministry.cli("show", "2", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["by"], shown["reason"]) == ("officer-1", REASON)
    # HQ hears the branch applied it with the branch's next batch.
    assert shown["branches"] == [{"branch": "TRP01", "sent": 3, "acknowledged": False}]
    a.people.register(numbered(next(_people)))
    a.sync.sync_now()
    assert ministry.cli("show", "2", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["branches"] == [{"branch": "TRP01", "sent": 3, "acknowledged": True}]
    assert ministry.cli("list", "--json") == 0
    assert [v["version"] for v in json.loads(capsys.readouterr().out)] == [3, 2, 1]


def test_an_edited_export_file_reaches_a_branch_by_usb(
    ministry: Ministry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = ministry.a
    usb_round(a, ministry.hq)
    file = tmp_path / "reference.json"
    assert ministry.cli("export", str(file)) == 0
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["version"] == 1 and set(data["tables"]) == {
        "municipalities", "case_types", "agencies"
    }  # fmt: skip
    data["tables"]["municipalities"].append({
        "code": "LY029901", "name_ar": "الزاوية الجديدة", "name_en": "New Zawiya",
        "district_code": "LY0299", "district_ar": "الزاوية", "district_en": "Az Zawiya",
        "active": True,
    })  # fmt: skip
    agency = data["tables"]["agencies"][0]
    agency["name_ar"] += " (مكتب الخدمة الاجتماعية)"
    retired = data["tables"]["municipalities"][0]
    retired["active"] = False
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()

    assert ministry.cli("import", str(file), "--reason", REASON, "--json") == 0
    published = json.loads(capsys.readouterr().out)
    assert published["version"] == 2
    assert sorted((r["table"], r["key"]) for r in published["rows"]) == sorted(
        [
            ("municipalities", "LY029901"),
            ("agencies", agency["code"]),
            ("municipalities", retired["code"]),
        ]
    )  # fmt: skip — only the rows that changed
    # The same file again changes nothing (no version 3).
    assert ministry.cli("import", str(file), "--reason", REASON) == 0
    assert "nothing differs" in capsys.readouterr().out

    usb_round(a, ministry.hq)

    assert a.services.reference.municipality("LY029901") is not None
    assert a.services.reference.municipality(retired["code"]) is None  # retired: not offered
    assert a.services.case_reference.agency(agency["code"]).name_ar == agency["name_ar"]
    # Nor a newer app's lists (as the next release of Sanad would ship them).
    shipped = json.loads((resources_dir() / "reference" / "municipalities.json").read_text("utf-8"))
    shipped["version"] = "2099.1"
    newer = tmp_path / "municipalities.json"
    newer.write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    with a.services.ctx.db.transaction(None) as session:
        assert load_municipalities_file(newer, session) is False
    assert a.services.reference.municipality(retired["code"]) is None
    with a.services.ctx.db.read() as session:
        assert held_version(session) == 2
        kept = session.get(MunicipalityRow, retired["code"])
        assert kept is not None and kept.active is False  # old records keep their town
    # A restart keeps HQ's lists: the lists shipped with the app are not loaded over them.
    a.services.close()
    a.services = open_branch(a.folder, hasher=FAST_HASHER, today=TODAY)
    assert a.services.reference.municipality(retired["code"]) is None
    assert a.services.reference.municipality("LY029901") is not None
    assert a.services.case_reference.agency(agency["code"]).name_ar == agency["name_ar"]
    # Nor a newer app's lists (as the next release of Sanad would ship them).
    shipped = json.loads((resources_dir() / "reference" / "municipalities.json").read_text("utf-8"))
    shipped["version"] = "2099.1"
    newer = tmp_path / "municipalities.json"
    newer.write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    with a.services.ctx.db.transaction(None) as session:
        assert load_municipalities_file(newer, session) is False
    assert a.services.reference.municipality(retired["code"]) is None


def test_an_older_or_replayed_version_never_undoes_a_newer_one(
    ministry: Ministry, capsys: pytest.CaptureFixture[str]
) -> None:
    a, hq = ministry.a, ministry.hq
    usb_round(a, hq)
    assert ministry.cli("set", *NEW_TOWN, "--reason", REASON) == 0
    a.people.register(numbered(next(_people)))
    [result] = hq.service.import_files(a.export())
    assert result.receipt is not None
    old_receipt = a.usb / "old.receipt.sanad"
    shutil.copyfile(result.receipt, old_receipt)  # carries version 2
    a.sync.import_file(result.receipt)
    assert ministry.cli("set", *NEW_TOWN[:2], "--name-ar", "الزاوية الغربية",
                        "--reason", "تصحيح الاسم") == 0  # fmt: skip
    a.sync.sync_now()  # version 3
    assert a.services.reference.municipality("LY029901").name_ar == "الزاوية الغربية"

    a.sync.import_file(old_receipt)  # the old stick again: already applied, nothing changes
    assert a.services.reference.municipality("LY029901").name_ar == "الزاوية الغربية"
    # Even a version-2 line under a new number (as a replay would be) is older: ignored.
    with hq.service._read() as session:
        line = reference_line(session, 1, 2)
    line["tables"]["municipalities"][0]["name_ar"] = "قديم"
    with a.services.ctx.db.transaction(None) as session:
        assert apply_reference(session, line) is False
        assert held_version(session) == 3
    assert a.services.reference.municipality("LY029901").name_ar == "الزاوية الغربية"


def test_a_later_branch_and_a_restored_copy_get_the_current_version(
    ministry: Ministry, tmp_path: Path
) -> None:
    a, hq = ministry.a, ministry.hq
    a.sync.sync_now()  # version 1
    backup = tmp_path / "backup"
    a.services.close()
    shutil.copytree(a.folder, backup)  # a copy holding version 1
    assert ministry.cli("set", *NEW_TOWN, "--reason", REASON) == 0
    # A branch enrolled after the publication gets the whole current set.
    folder = copy_branch(ministry.template, ministry.root / "branches" / "BEN01" / "data", "BEN01")
    b = open_sync_branch(folder, "BEN01", hq)
    try:
        b.sync.sync_now()
        assert b.services.reference.municipality("LY029901") is not None
        with b.services.ctx.db.read() as session:
            assert held_version(session) == 2
    finally:
        b.close()

    # The disk dies; the old copy comes back, holding version 1; its next sync brings 2.
    shutil.rmtree(a.folder)
    shutil.copytree(backup, a.folder)
    a.services = open_branch(a.folder, hasher=FAST_HASHER, today=TODAY)
    a.services.accounts.login(*ADMIN)
    a.sync = SyncService(a.services.ctx, hq.http_client)
    assert a.services.reference.municipality("LY029901") is None
    a.sync.sync_now()
    assert a.services.reference.municipality("LY029901") is not None


def test_a_version_is_applied_whole_or_not_at_all(ministry: Ministry) -> None:
    a = ministry.a
    a.sync.sync_now()
    good = {"code": "LY029901", "name_ar": "بلدة", "name_en": "Town", "district_code": "LY0299",
            "district_ar": "الزاوية", "district_en": "Az Zawiya", "active": True}  # fmt: skip
    bad = {**good, "code": "LY029902", "name_ar": "x" * 500}
    line = {"kind": "reference", "version": 2, "base": 1,
            "tables": {"municipalities": [good, bad]}}  # fmt: skip
    with a.services.ctx.db.transaction(None) as session:
        assert apply_reference(session, line) is False
    with a.services.ctx.db.read() as session:
        assert held_version(session) == 1
        assert session.get(MunicipalityRow, "LY029901") is None  # not even the good row
    line["tables"]["municipalities"] = [good]
    with a.services.ctx.db.transaction(None) as session:
        assert apply_reference(session, line) is True
    assert a.services.reference.municipality("LY029901") is not None
    with a.services.ctx.db.read() as session:
        meta = session.get(LocalMetaRow, VERSION)
        assert meta is not None and meta.value == "2"
