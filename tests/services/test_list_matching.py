"""Matching a list: plain names and CSV, bad and over-long lines, order, scores, one audit
entry a list, and the XLSX of the results (text cells only, never a formula)."""

from __future__ import annotations

import hashlib
import io
import json
import tracemalloc
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import text

from app.domain.errors import DomainError, ErrorCode
from app.domain.list_queries import MAX_LINE_CHARS
from app.services import list_matching, list_workbook
from app.services.list_matching import ListMatchingService, ListResult, ListSummary
from app.services.list_matching_export import MatchSheetLabels, export_matches
from app.services.setup import AppServices
from tests.services.list_people import CSV, PLAIN, register_three

pytestmark = pytest.mark.db


def match(services: AppServices, data: bytes, **options: object) -> list[ListResult]:
    matcher = ListMatchingService(services.ctx)
    return list(matcher.match(io.BytesIO(data), source="list.txt", **options))  # type: ignore[arg-type]


def audits(services: AppServices) -> list[dict[str, object]]:
    with services.ctx.db.read() as session:
        rows = session.execute(
            text("SELECT details FROM audit_log WHERE action = 'search.batch' ORDER BY seq")
        )
        return [json.loads(r.details) for r in rows]


def test_plain_names_in_the_order_read_with_scores_and_reasons(worker: AppServices) -> None:
    people = register_three(worker)
    results = match(worker, PLAIN.encode())
    assert [r.line for r in results] == [1, 4, 5, 6]  # blank lines print nothing
    assert all(r.error is None for r in results)
    ahmed, nouria, number, nobody = results
    assert ahmed.query == "احمد عبد الله الورفلى"
    assert ahmed.matches[0].id == people["ahmed"].id and ahmed.matches[0].score >= 90
    assert ahmed.matches[0].person_number == people["ahmed"].person_number
    assert ahmed.matches[0].name == "أحمد عبدالله مصطفى الورفلي"
    assert nouria.matches[0].id == people["nouria"].id
    assert number.matches[0].id == people["nouria"].id
    assert number.matches[0].score == 100
    assert number.matches[0].reasons == ("national_number:equal",)
    assert nobody.matches == ()
    assert audits(worker) == [
        {
            "file": "list.txt",
            "sha256": audits(worker)[0]["sha256"],
            "limit": 5,
            "lines": 6,
            "queries": 4,
            "refused": 0,
            "matched": 3,
            "perfect": 1,
            "stopped": False,
        }
    ]


def test_csv_with_a_header_scores_name_mother_birth_and_national_number(
    worker: AppServices,
) -> None:
    people = register_three(worker)
    summary = ListSummary()
    results = match(worker, CSV.encode("utf-8-sig"), summary=summary)
    assert [r.line for r in results] == [2, 3, 4]
    khaled, ahmed, bad_date = results
    assert khaled.matches[0].id == people["khaled"].id
    assert khaled.matches[0].score == 100
    assert khaled.matches[0].reasons == ("name:100", "mother:100", "birth_date:100")
    assert ahmed.matches[0].id == people["ahmed"].id and ahmed.matches[0].score == 100
    assert ahmed.matches[0].reasons[0] == "national_number:equal"
    assert bad_date.matches == () and bad_date.error is not None
    assert (bad_date.error.code, bad_date.error.field) == (ErrorCode.DATE_FORMAT, "birth_date")
    assert (summary.lines, summary.queries, summary.refused, summary.perfect) == (5, 2, 1, 2)
    assert len(audits(worker)) == 1


def test_an_over_long_line_is_refused_without_being_read_whole(worker: AppServices) -> None:
    register_three(worker)
    huge = "نورية " * 2_000_000  # 12 MB on one line
    data = f"نورية القماطي\n{huge}\n\r\nخالد الزوي\r\n".encode()
    tracemalloc.start()
    try:
        results = match(worker, data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000  # the 12 MB line was skipped in chunks, never held
    assert [r.line for r in results] == [1, 2, 4]
    error = results[1].error
    assert error is not None and error.code is ErrorCode.LINE_TOO_LONG
    assert error.params == {"max": str(MAX_LINE_CHARS)} and len(results[1].query) <= 100
    assert results[2].matches and results[2].matches[0].name.startswith("خالد")
    long_ascii = "x" * (MAX_LINE_CHARS + 1)  # within the byte cut, over the character limit
    assert match(worker, long_ascii.encode())[0].error is not None


def test_utf16_and_windows_arabic_lists_are_read(worker: AppServices) -> None:
    people = register_three(worker)
    for encoded in (PLAIN.encode("utf-16"), PLAIN.encode("cp1256")):
        results = match(worker, encoded)
        assert [r.line for r in results] == [1, 4, 5, 6]
        assert results[1].matches[0].id == people["nouria"].id


def test_limit_order_and_chunks(worker: AppServices, monkeypatch: pytest.MonkeyPatch) -> None:
    register_three(worker)
    monkeypatch.setattr(list_matching, "CHUNK", 2)  # several read sessions
    lines = ["القماطي", "خالد", "الورفلي", "x" * (MAX_LINE_CHARS + 5), "نورية"] * 3
    results = match(worker, "\n".join(lines).encode(), limit=1)
    assert [r.line for r in results] == list(range(1, 16))
    assert all(len(r.matches) <= 1 for r in results)
    assert [r.error is not None for r in results[:5]] == [False, False, False, True, False]
    (entry,) = audits(worker)
    assert entry["queries"] == 12 and entry["refused"] == 3 and entry["limit"] == 1


def test_stop_and_no_user(worker: AppServices, services: AppServices) -> None:
    register_three(worker)
    summary = ListSummary()
    results = match(worker, PLAIN.encode(), cancel=lambda: True, summary=summary)
    assert results == [] and summary.stopped
    assert audits(worker)[-1]["stopped"] is True
    worker.ctx.user = None
    with pytest.raises(DomainError) as err:
        ListMatchingService(worker.ctx).match(io.BytesIO(b"x"), source="-")
    assert err.value.code is ErrorCode.PERMISSION_DENIED


def test_the_xlsx_has_a_row_per_match_in_order_and_no_formula(
    worker: AppServices, tmp_path: Path
) -> None:
    people = register_three(worker)
    source = tmp_path / "list.txt"
    source.write_text('=HYPERLINK("http://x","y")\nنورية القماطي\n@SUM(1)\n', encoding="utf-8")
    target = tmp_path / "matches.xlsx"
    progress: list[tuple[int, int]] = []
    outcome = export_matches(
        ListMatchingService(worker.ctx),
        source,
        target,
        MatchSheetLabels(words={"name": "Name"}, right_to_left=True),
        progress=lambda done, total: progress.append((done, total)),
    )
    assert outcome.path == target and outcome.summary.queries == 3
    assert progress[-1] == (source.stat().st_size, source.stat().st_size)
    assert not list(tmp_path.glob("*.part"))
    sheet = load_workbook(target).active
    assert sheet is not None and sheet.sheet_view.rightToLeft
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Line", "Query", "Rank", "Person number", "Name", "Score", "Reasons", "Note"]
    assert rows[1] == [1, '=HYPERLINK("http://x","y")', None, None, None, None, None, "No match"]
    assert rows[2][:5] == [2, "نورية القماطي", 1, people["nouria"].person_number,
                           "نورية محمد علي القماطي"]  # fmt: skip
    assert rows[2][5] == 87 and rows[2][6] == "Name 87"  # two of her four names, in order
    assert rows[-1][:2] == [3, "@SUM(1)"]
    xml = zipfile.ZipFile(target).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "HYPERLINK" in xml
    stopped = export_matches(
        ListMatchingService(worker.ctx),
        source,
        tmp_path / "stopped.xlsx",
        MatchSheetLabels(),
        cancel=lambda: True,
    )
    assert stopped.path is None and not (tmp_path / "stopped.xlsx").exists()
    assert not list(tmp_path.glob("*.part"))


def test_an_excel_list_is_read_row_by_row(
    worker: AppServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = register_three(worker)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["اللقب", "الاسم الأول", "اسم الأم", "تاريخ الميلاد", "الرقم الوطني", "ملاحظة"])
    sheet.append(["الزوي", "خالد", "عائشة الورفلي", datetime(1979, 7, 1), None, "قضية 55/ب"])
    sheet.append([None, None, None, None, 119850123456, None])
    sheet.append([])
    sheet.append(["القماطي", "نورية\tمحمد", None, "1990", None, None])
    path = tmp_path / "list.xlsx"
    book.save(path)
    summary = ListSummary()
    results = list(ListMatchingService(worker.ctx).match_file(path, summary=summary))
    assert [r.line for r in results] == [1, 2, 3, 5]
    assert results[0].error is not None and results[0].error.params == {"columns": "ملاحظة"}
    khaled, ahmed, nouria = results[1:]
    assert khaled.matches[0].id == people["khaled"].id  # two of four names, mother, birth
    assert khaled.matches[0].reasons == ("name:85", "mother:100", "birth_date:100")
    assert ahmed.matches[0].id == people["ahmed"].id
    assert ahmed.matches[0].reasons == ("national_number:equal",)
    assert nouria.error is not None and nouria.error.code is ErrorCode.CONTROL_CHARACTER
    assert summary.lines == 5 and summary.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()

    monkeypatch.setattr(list_workbook, "MAX_UNPACKED", 1000)  # a ZIP bomb is never opened
    with pytest.raises(DomainError) as err:
        ListMatchingService(worker.ctx).match_file(path)
    assert err.value.code is ErrorCode.FILE_FORMAT
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(DomainError):
        ListMatchingService(worker.ctx).match_file(fake)


def test_a_phone_or_document_number_on_a_plain_line(worker: AppServices) -> None:
    people = register_three(worker)
    (phone,) = match(worker, "٠٩١-٢٣٤-٥٦٧٨\n".encode())
    assert phone.matches[0].id == people["ahmed"].id
    assert (phone.matches[0].score, phone.matches[0].reasons) == (90, ("phone:equal",))
