"""`sanad search --batch FILE|-`: one JSON line a query, in the order read; bad lines as error
objects; exit 1 when some lines were refused, 2 when the list cannot be read."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.services.setup import open_branch
from tests.conftest import FAST_HASHER, TODAY
from tests.services.list_people import CSV, PLAIN, register_three

pytestmark = pytest.mark.db


@pytest.fixture
def people(data_dir: Path) -> dict[str, str]:
    services = open_branch(data_dir, hasher=FAST_HASHER, today=TODAY)
    try:
        services.accounts.login("worker", "worker-demo-2026")
        return {k: v.id for k, v in register_three(services).items()}
    finally:
        services.close()


def lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_a_plain_list_prints_one_json_line_a_query_in_order(
    data_dir: Path, people: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "names.txt"
    path.write_text(PLAIN, encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "search", "--batch", str(path)]) == 0
    captured = capsys.readouterr()
    found = lines(captured.out)
    assert [o["line"] for o in found] == [1, 4, 5, 6]
    first = found[0]
    assert list(first) == ["line", "query", "matches", "error"]
    assert first["query"] == "احمد عبد الله الورفلى" and first["error"] is None
    best = first["matches"][0]  # type: ignore[index]
    assert list(best) == ["rank", "person_number", "id", "name", "score", "reasons"]
    assert best["id"] == people["ahmed"] and best["rank"] == 1
    assert found[2]["matches"][0]["score"] == 100  # type: ignore[index]
    assert found[2]["matches"][0]["reasons"] == ["national_number:equal"]  # type: ignore[index]
    assert found[3]["matches"] == []
    assert "6 lines: 4 queries, 3 with matches (1 scoring 100), 0 refused" in captured.err


def test_csv_from_standard_input_with_a_bad_line_exits_1(
    data_dir: Path,
    people: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CSV.encode("utf-8-sig"))))
    assert main(["--data-dir", str(data_dir), "search", "--batch", "-", "--limit", "1"]) == 1
    captured = capsys.readouterr()
    found = lines(captured.out)
    assert [o["line"] for o in found] == [2, 3, 4]
    assert found[0]["matches"][0]["id"] == people["khaled"]  # type: ignore[index]
    assert found[1]["matches"][0]["reasons"][0] == "national_number:equal"  # type: ignore[index]
    assert all(len(o["matches"]) <= 1 for o in found)  # type: ignore[arg-type]
    assert found[2]["matches"] == []
    assert found[2]["error"] == {
        "code": "date_format",
        "field": "birth_date",
        "message": "birth_date: is not a date (YYYY-MM-DD or DD/MM/YYYY)",
    }
    assert "1 refused" in captured.err and "Traceback" not in captured.err


def test_a_missing_list_exits_2_and_plain_search_still_works(
    data_dir: Path, people: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.txt"
    assert main(["--data-dir", str(data_dir), "search", "--batch", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"sanad: {missing}: cannot read the file") and "Traceback" not in err
    assert main(["--data-dir", str(data_dir), "search", "نورية", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == people["nouria"]
    assert main(["--data-dir", str(data_dir), "search"]) == 2
    assert "give a QUERY, or --batch FILE" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "search", "x", "--batch", str(missing)]) == 2
    assert "not both" in capsys.readouterr().err
