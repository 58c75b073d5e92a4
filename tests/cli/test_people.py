"""`sanad import beneficiaries` (dry run, commit, again; a bad file refused with exit 2) and
`sanad demo-data` then `sanad search`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.domain.arabic import search_tokens
from tests.services.import_samples import GOOD, HEADERS, write_csv

pytestmark = pytest.mark.db


def test_cli_dry_run_then_commit_then_again(
    data_dir: Path, mixed_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--data-dir", str(data_dir), "import", "beneficiaries", str(mixed_csv)]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "row 5, national_number: digits 2-5 do not match the year of birth" in out
    assert "row 6, first_name: must be written in Arabic letters" in out
    assert "row 6, phone: is not a Libyan phone number" in out
    assert "row 7, municipality: is not one of the allowed values" in out
    assert "6 rows: 3 valid and new, 3 bad, 0 already registered" in out
    assert "nothing imported; run again with --commit to import 3 valid rows" in out

    assert main([*args, "--commit"]) == 1
    assert "imported 3 rows; 3 bad rows were left out" in capsys.readouterr().out
    assert main([*args, "--commit"]) == 1
    out = capsys.readouterr().out
    assert "imported 0 rows" in out and "3 already registered" in out
    assert "row 2: already registered (same national number), id " in out

    clean = write_csv(mixed_csv.with_name("clean.csv"), HEADERS, GOOD)
    assert main(["--data-dir", str(data_dir), "import", "beneficiaries", str(clean)]) == 0
    assert "0 valid and new, 0 bad, 3 already registered" in capsys.readouterr().out


def test_cli_refuses_a_bad_file_with_exit_2(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00garbage")
    assert (
        main(["--data-dir", str(data_dir), "import", "beneficiaries", str(path), "--commit"]) == 2
    )
    err = capsys.readouterr().err
    assert err.startswith("sanad: photo.xlsx: cannot import: not a CSV or XLSX file")
    assert "Traceback" not in err
    path = write_csv(tmp_path / "cols.csv", ["name", *HEADERS[1:]], [])
    assert main(["--data-dir", str(data_dir), "import", "beneficiaries", str(path)]) == 2
    assert "unknown column(s): name" in capsys.readouterr().err


def test_cli_demo_data_then_search(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "demo-data", "--count", "300"]) == 0
    assert "300 demo beneficiaries added" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "search", "محمد", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits
    for hit in hits:
        words = search_tokens(
            " ".join(
                hit[k]
                for k in (
                    "first_name",
                    "father_name",
                    "grandfather_name",
                    "family_name",
                    "mother_name",
                )
            )
        )
        assert any(w.startswith("محمد") for w in words), hit
    assert {"id", "first_name", "mother_name", "identifiers", "phones"} <= hits[0].keys()
