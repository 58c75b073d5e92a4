"""What HQ refuses about reference data, changing nothing: a bad or stale import file, a bad
`set`, and any branch's change to a reference table (HQ owns them; a branch only receives).

On SQLite and PostgreSQL (marked pg); the commands run in-process through `sanad`'s parser.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.db.case_models import AgencyRow, CaseTypeRow
from app.db.models import MunicipalityRow, OutboxRow
from app.db.registry_models import HqDecisionRow
from app.db.sync_models import HqDownQueueRow, HqRejectedRow
from app.hq.reference import current_version
from app.hq.reference_desk import MAX_FILE
from app.hq.service import HqService
from app.sync.reference_tables import TABLES, read_documents
from tests.hq.branch_side import Branch, hand_made

pytestmark = [pytest.mark.db, pytest.mark.sync]

REASON = "تحديث القوائم المرجعية"


def hq_state(hq: HqService) -> tuple[Any, ...]:
    """Versions, decisions, answer lines queued, and every reference row as HQ holds it."""
    with hq._read() as session:
        return (
            current_version(session),
            session.scalar(select(func.count()).select_from(HqDecisionRow)),
            session.scalar(select(func.count()).select_from(HqDownQueueRow)),
            {spec.name: read_documents(session, spec) for spec in TABLES},
        )


def cli(hq: HqService, url: str, *argv: str) -> int:
    return main(["hq", "reference", *argv, "--hq-dir", str(hq.home.root), "--db", url])


def export(hq: HqService, url: str, folder: Path) -> tuple[Path, dict[str, Any]]:
    path = folder / "reference.json"
    assert cli(hq, url, "export", str(path)) == 0
    return path, json.loads(path.read_text(encoding="utf-8"))


def _town(**over: Any) -> dict[str, Any]:
    return {
        "code": "LY029901", "name_ar": "بلدة", "name_en": "Town", "district_code": "LY0299",
        "district_ar": "الزاوية", "district_en": "Az Zawiya", "active": True, **over,
    }  # fmt: skip


def _edit(data: dict[str, Any], how: str) -> dict[str, Any] | bytes:
    towns = data["tables"]["municipalities"]
    if how == "not JSON":
        return b'{"format": 1, "kind": "sanad-reference", '
    if how == "not UTF-8":
        return json.dumps(data).encode("utf-8").replace(b'"format"', b'"\xff\xfeformat"')
    if how == "another kind of file":
        data["kind"] = "sanad-enrollment"
    elif how == "another format":
        data["format"] = 2
    elif how == "a version never published":
        data["version"] = 99
    elif how == "an unknown table":
        data["tables"]["grant_programmes_v9"] = []
    elif how == "an unknown field":
        towns.append(_town(population=5000))
    elif how == "a missing field":
        towns.append({k: v for k, v in _town().items() if k != "name_en"})
    elif how == "a name too long":
        towns.append(_town(name_ar="ب" * 101))
    elif how == "a control character":
        towns.append(_town(name_ar="بلدة\x1b[2J"))
    elif how == "an empty name":
        towns.append(_town(name_en="  "))
    elif how == "a key with a space":
        towns.append(_town(code="LY 0299"))
    elif how == "a key twice":
        towns += [_town(), _town(name_en="Town 2")]
    elif how == "active not true or false":
        towns[0]["active"] = "yes"
    elif how == "a bad case type field":
        photo = {"key": "x", "label_ar": "س", "label_en": "X", "kind": "photo"}
        data["tables"]["case_types"][0]["fields"].append(photo)
    elif how == "a position not a number":
        data["tables"]["case_types"][0]["position"] = "first"
    elif how == "good rows beside one bad row":
        towns += [_town(), _town(code="LY029902", district_en="")]
        data["tables"]["agencies"][0]["name_en"] = "Renamed"
    elif how == "rows not a list":
        data["tables"]["agencies"] = {"code": "x"}
    return data


BAD_FILES = [
    "not JSON", "not UTF-8", "another kind of file", "another format",
    "a version never published", "an unknown table", "an unknown field", "a missing field",
    "a name too long", "a control character", "an empty name", "a key with a space",
    "a key twice", "active not true or false", "a bad case type field",
    "a position not a number", "good rows beside one bad row", "rows not a list",
]  # fmt: skip


@pytest.mark.parametrize("how", BAD_FILES)
def test_a_bad_import_file_is_refused_whole(
    hq: HqService, central_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    path, data = export(hq, central_url, tmp_path)
    edited = _edit(data, how)
    if isinstance(edited, bytes):
        path.write_bytes(edited)
    else:
        path.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    before = hq_state(hq)
    capsys.readouterr()

    assert cli(hq, central_url, "import", str(path), "--reason", REASON) == 2

    out, err = capsys.readouterr()
    assert out == "" and err.startswith("sanad: reference.json: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert hq_state(hq) == before


def test_a_file_too_large_is_refused_before_it_is_read(
    hq: HqService, central_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "reference.json"
    path.write_bytes(b" " * (MAX_FILE + 1))
    before = hq_state(hq)
    assert cli(hq, central_url, "import", str(path), "--reason", REASON) == 2
    assert "larger than 5 MiB" in capsys.readouterr().err
    assert hq_state(hq) == before


def test_a_row_changed_since_the_export_is_not_overwritten(
    hq: HqService, central_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, data = export(hq, central_url, tmp_path)  # version 1
    first = data["tables"]["municipalities"][0]
    assert (
        cli(
            hq,
            central_url,
            "set",
            "municipalities",
            first["code"],
            "--name-en",
            "Renamed",
            "--reason",
            REASON,
        )
        == 0
    )  # fmt: skip  — version 2, by another officer
    first["name_en"] = "Old file's name"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = hq_state(hq)
    capsys.readouterr()
    assert cli(hq, central_url, "import", str(path), "--reason", REASON) == 2
    err = capsys.readouterr().err
    assert f"{first['code']!r}: changed at HQ in version 2, after this file's version 1" in err
    assert hq_state(hq) == before
    # The old file's other edits are still welcome (that row was not changed since).
    first["name_en"] = "Renamed"
    data["tables"]["agencies"][0]["name_en"] = "Another name"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli(hq, central_url, "import", str(path), "--reason", REASON, "--json") == 0
    published = json.loads(capsys.readouterr().out)
    assert published["version"] == 3 and [r["table"] for r in published["rows"]] == ["agencies"]


@pytest.mark.parametrize(
    "argv",
    [
        ["municipalities", "LY029901", "--name-ar", "بلدة"],  # a new row needs every field
        ["municipalities", "LY010101", "--field", "population=5"],
        ["municipalities", "LY010101", "--kind", "court"],  # an agency's field
        ["municipalities", "LY010101", "--active", "perhaps"],
        ["municipalities", "LY010101", "--field", "active"],
        ["municipalities", "LY 010101", "--name-ar", "بلدة"],
        ["case_types", "juvenile", "--position", "-1"],
        ["case_types", "juvenile", "--fields", '[{"key": 1}]'],
        ["case_types", "juvenile", "--fields", "not json"],
        ["agencies", "public_prosecution", "--name-ar", ""],
    ],
)
def test_a_bad_set_is_refused(
    hq: HqService, central_url: str, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    before = hq_state(hq)
    assert cli(hq, central_url, "set", *argv, "--reason", REASON) == 2
    err = capsys.readouterr().err
    assert err.startswith("sanad: ") and err.count("\n") == 1 and "Traceback" not in err, err
    assert hq_state(hq) == before


def test_a_set_without_a_reason_is_refused(
    hq: HqService, central_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = hq_state(hq)
    assert cli(hq, central_url, "set", "municipalities", "LY010101", "--name-en", "X",
               "--reason", " ok ") == 2  # fmt: skip
    assert "give a reason" in capsys.readouterr().err
    assert hq_state(hq) == before


def _line(seq: int, table: str, row_id: str, op: str, changes: dict[str, list[Any]]) -> Any:
    return {
        "seq": seq, "table": table, "row_id": row_id, "op": op, "changes": changes,
        "row_version": 1, "base_hq_version": None, "user_id": "u1",
        "changed_at": "2026-12-01T10:00:00.000000", "origin": "TRP01",
    }  # fmt: skip


def test_a_branch_edit_of_reference_data_is_refused(hq: HqService, branch: Branch) -> None:
    """A signed, enrolled branch sending changes to HQ's reference tables: each is a
    rejected row (read_only), HQ's lists and versions stay as they were."""
    before = hq_state(hq)
    lines = [
        _line(1, "municipalities", "LY010101", "update", {"name_ar": ["أم الرزم", "مدينتي"]}),
        _line(2, "municipalities", "LY999999", "insert",
              {k: [None, v] for k, v in _town(code="LY999999").items()}),
        _line(3, "case_types", "juvenile", "update", {"sensitive": [True, False]}),
        _line(4, "agencies", "public_prosecution", "delete", {"active": [True, False]}),
        _line(5, "hq_reference_versions", "1", "update", {"by": ["sanad", "TRP01"]}),
    ]  # fmt: skip
    path = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1,
                     seq_to=len(lines), lines=lines)  # fmt: skip

    [result] = hq.import_files([path])

    assert (result.outcome, result.applied, result.rejected_rows) == ("applied", 0, 5), result
    with hq._read() as session:
        codes = session.execute(
            select(HqRejectedRow.seq, HqRejectedRow.code).order_by(HqRejectedRow.seq)
        ).all()
    assert codes == [(s, "read_only") for s in range(1, 6)]
    after = hq_state(hq)
    assert after[0] == before[0] and after[1] == before[1] and after[3] == before[3]
    # The branch is told in its answer which changes HQ refused.
    assert result.receipt is not None
    down = branch.apply_answer(result.receipt)
    assert down.applied == 2  # HQ's reference data, then the confirmation


def test_a_branch_never_sends_its_reference_rows(branch: Branch) -> None:
    """Reference rows changed in a branch's own database (by hand, say) never enter its
    outbox: nothing of them can travel up."""
    services = branch.services
    with services.ctx.db.read() as session:
        pending = session.scalar(select(func.count()).select_from(OutboxRow))
    with services.ctx.db.transaction(services.ctx.actor()) as session:
        town = session.get(MunicipalityRow, "LY010101")
        assert town is not None
        town.name_ar = "مدينتي"
        session.add(AgencyRow(code="mine", name_ar="جهة", name_en="Mine", kind="ngo",
                              version="x", active=True))  # fmt: skip
        juvenile = session.get(CaseTypeRow, "juvenile")
        assert juvenile is not None
        juvenile.sensitive = False
    with services.ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(OutboxRow)) == pending


def test_an_unknown_version_or_table_is_one_line(
    hq: HqService, central_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(hq, central_url, "show", "99") == 2
    assert capsys.readouterr().err == "sanad: no reference version 99\n"
    assert cli(hq, central_url, "list", "municipalities", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) == len(hq_state(hq)[3]["municipalities"])
