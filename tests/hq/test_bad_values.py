"""One bad value never blocks a branch: a value HQ cannot store (NUL in a text, a name wider
than its column, an integer outside its column) is a rejected row with its reason, the rest
of the batch applies, HTTP answers 200 (never 500), and `sanad hq import` imports every file
it is given and reports each one. Should a value the rules let through still be refused by
the database, the batch is applied again row by row and only that row is rejected.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.cli import main
from app.db.models import BeneficiaryRow
from app.db.sync_models import HqRejectedRow
from app.hq.api import create_app
from app.hq.service import HqService
from app.sync import merge_fast, value_rules
from tests.hq.branch_side import Branch, content_hash, hand_made, person_line
from tests.sync.world import TestClient

pytestmark = [pytest.mark.db, pytest.mark.sync]

OCTET = {"Content-Type": "application/octet-stream"}


def with_field(line: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(line)
    out["changes"][field] = [None, value]
    return out


def bad_lines() -> tuple[list[dict[str, Any]], dict[int, str]]:
    """Good people and bad ones, in one batch; the bad ones' sequence numbers and why."""
    lines = [person_line(seq, "TRP01", seq) for seq in range(1, 9)]
    lines[1] = with_field(lines[1], "address", "شارع\x00الجمهورية")  # NUL: PostgreSQL refuses
    lines[3] = with_field(lines[3], "first_name", "م" * 61)  # wider than String(60)
    lines[5] = with_field(lines[5], "monthly_income_dirhams", 2**31)  # beyond Integer
    lines[6] = with_field(lines[6], "notes", "\x1b[31mأحمر\x1b[0m")  # an ANSI escape
    return lines, {2: "control", 4: "longer than 60", 6: "outside", 7: "control"}


def rejected(hq: HqService) -> dict[int, tuple[str, str]]:
    with Session(hq.engine) as session:
        return {r.seq: (r.code, r.reason) for r in session.scalars(select(HqRejectedRow))}


def people(hq: HqService) -> int:
    with Session(hq.engine) as session:
        return int(session.scalar(select(func.count()).select_from(BeneficiaryRow)) or 0)


def test_unstorable_values_are_rejected_rows_and_the_rest_applies(
    hq: HqService, branch: Branch
) -> None:
    lines, why = bad_lines()
    path = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1,
                     seq_to=len(lines), lines=lines)  # fmt: skip
    [result] = hq.import_files([path])
    assert (result.outcome, result.applied, result.rejected_rows) == ("applied", 4, 4), result
    assert result.receipt is not None
    got = rejected(hq)
    assert set(got) == set(why)
    for seq, words in why.items():
        code, reason = got[seq]
        assert code == "bad_value" and words in reason, (seq, got[seq])
    assert people(hq) == 4


def test_over_http_a_bad_value_is_never_a_500(hq: HqService, branch: Branch) -> None:
    lines, _why = bad_lines()
    path = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1,
                     seq_to=len(lines), lines=lines)  # fmt: skip
    with TestClient(create_app(hq)) as client:
        answer = client.post("/v1/batches", content=path.read_bytes(), headers=OCTET)
    assert answer.status_code == 200, answer.text
    assert answer.headers["X-Sanad-Outcome"] == "applied"
    assert people(hq) == 4


@pytest.mark.pg
def test_a_value_the_rules_miss_is_still_only_one_rejected_row(
    hq: HqService, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With HQ's own checks switched off, PostgreSQL refuses the NUL itself: the batch is
    applied again row by row, and that row alone is rejected (not a 503, not a stuck branch)."""
    if hq.engine.dialect.name != "postgresql":
        pytest.skip("SQLite stores NUL and long texts: only PostgreSQL refuses them")
    monkeypatch.setattr(value_rules, "value_problem", lambda _rule, _value: None)
    monkeypatch.setattr("app.sync.merge_rules.value_problem", lambda _rule, _value: None)
    monkeypatch.setattr(value_rules.ShapeCheck, "fine", lambda _self, _v, _e="": True)
    assert merge_fast.ShapeCheck is value_rules.ShapeCheck
    lines = [person_line(seq, "TRP01", seq) for seq in range(1, 5)]
    lines[2] = with_field(lines[2], "address", "a\x00b")
    path = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1,
                     seq_to=4, lines=lines)  # fmt: skip
    [result] = hq.import_files([path])
    assert (result.outcome, result.applied, result.rejected_rows) == ("applied", 3, 1), result
    [(code, reason)] = rejected(hq).values()
    assert code == "bad_value" and "cannot be stored" in reason
    assert people(hq) == 3


def test_hq_import_imports_every_file_and_reports_each(
    hq: HqService, branch: Branch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A folder with a batch full of bad values, a good one after it, and junk: all three are
    reported, the good one applied (the command line never stops at the first problem)."""
    url = str(hq.engine.url.render_as_string(hide_password=False))
    hq_dir = str(hq.home.root)
    hq.close()
    lines, _why = bad_lines()
    first = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1,
                      seq_to=len(lines), lines=lines)  # fmt: skip
    good = [person_line(seq, "TRP01", seq) for seq in range(len(lines) + 1, len(lines) + 3)]
    second = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01",
                       seq_from=len(lines) + 1, seq_to=len(lines) + 2, lines=good,
                       prev_hash=content_hash(first))  # fmt: skip
    (branch.usb / "junk.sanad").write_bytes(b"not a batch")
    code = main(["hq", "import", str(branch.usb), "--hq-dir", hq_dir, "--db", url, "--json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    reports = json.loads(out)
    by_file = {r["file"]: r for r in reports}
    assert by_file[first.name]["outcome"] == "applied"
    assert by_file[first.name]["rejected_rows"] == 4
    assert by_file[second.name]["outcome"] == "applied"
    assert by_file["junk.sanad"]["outcome"] == "rejected"
    assert code != 0  # one file was refused: the exit status says so
