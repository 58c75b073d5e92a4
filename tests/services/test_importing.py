"""Bulk import: every bad row reported, nothing written by a check, exactly the good rows by a
commit, nothing twice; progress, cancelling and stopping while writing; the command line.

The file formats, bad files and the shipped templates are in test_import_formats.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db import bulk
from app.domain.beneficiary import validate_beneficiary
from app.services import importing
from app.services.setup import AppServices
from tests.outbox import audit_actions, data_rows, last_seq
from tests.services.import_samples import (
    BAD,
    EXPECTED_PROBLEMS,
    GOOD,
    HEADERS,
    counts,
    importer,
    write_csv,
)

pytestmark = pytest.mark.db


def test_check_reports_every_bad_row_and_imports_nothing(
    worker: AppServices, mixed_csv: Path
) -> None:
    before = counts(worker)
    report = importer(worker).check(mixed_csv)
    assert [(p.row, p.column, p.code) for p in report.problems] == EXPECTED_PROBLEMS
    assert report.total_rows == 6 and report.ready == 3 and report.bad_rows == 3
    assert report.duplicates == ()
    assert report.file_format == "csv" and report.encoding == "utf-8"
    assert counts(worker) == before


def test_commit_imports_exactly_the_valid_rows_once(worker: AppServices, mixed_csv: Path) -> None:
    with worker.ctx.db.read() as session:
        since = last_seq(session)
    result = importer(worker).commit(mixed_csv)
    assert result.imported == 3 and result.report.bad_rows == 3
    names = sorted(h.full_name for h in worker.beneficiaries.search(""))
    assert names == sorted(" ".join(r[:4]) for r in GOOD)
    after = counts(worker)
    # 3 people, 2 national numbers, 1 phone: each row with its outbox row; 3 index rows.
    assert after["beneficiaries"] == 3 and after["beneficiary_search"] == 3
    assert after["beneficiary_identifiers"] == 2 and after["beneficiary_phones"] == 1
    assert after["outbox"] == 3 + 2 + 1
    with worker.ctx.db.read() as session:
        audits = session.execute(
            text("SELECT user_id, details FROM audit_log WHERE action = 'beneficiary.import'")
        ).all()
        outbox_user = sorted({r.user_id for r in data_rows(session)})
        carried = audit_actions(session, since)
    assert len(audits) == 1 and json.loads(audits[0].details)["count"] == 3
    assert carried == ["beneficiary.import"]  # the import's audit entry travels too
    assert audits[0].user_id == worker.ctx.user.id == outbox_user[0]  # type: ignore[union-attr]
    (mohammed,) = worker.beneficiaries.search("محمد علي سالم")
    view = worker.beneficiaries.get(mohammed.id)
    assert view.phones == ("+218912345678",) and view.municipality_code == "LY021104"
    assert worker.beneficiaries.get(worker.beneficiaries.search("عائشه احمد")[0].id).sex == "F"

    again = importer(worker).commit(mixed_csv)
    assert again.imported == 0 and again.report.ready == 0
    assert {d.row for d in again.report.duplicates} == {2, 3, 4}
    assert {d.existing_id for d in again.report.duplicates} == {
        h.id for h in worker.beneficiaries.search("")
    }
    # Nothing new is written but the audit entry saying the file was imported again.
    assert counts(worker) == {**after, "outbox_audit": after["outbox_audit"] + 1}
    with worker.ctx.db.read() as session:
        assert audit_actions(session, since) == ["beneficiary.import", "beneficiary.import"]
        (details,) = session.execute(
            text("SELECT details FROM audit_log ORDER BY seq DESC LIMIT 1")
        ).scalars()
    assert json.loads(details)["count"] == 0


def test_people_repeated_in_the_file_or_registered_are_skipped_not_errors(
    worker: AppServices, tmp_path: Path
) -> None:
    child_no_number = GOOD[2]
    respelled = ["يوسف", "محمد", "على", "الورفلى", "عائشه المصراتى", "M", "20/09/2015", "", "", ""]
    same_number = [
        "محمود",
        "علي",
        "سالم",
        "الورفلي",
        "فاطمة المقريف",
        "M",
        "1985-01-01",
        "119850123456",
        "",
        "",
    ]
    path = write_csv(
        tmp_path / "dups.csv", HEADERS, [GOOD[0], child_no_number, respelled, same_number]
    )
    report = importer(worker).check(path)
    assert report.problems == ()
    assert [(d.row, d.reason, d.same_as_row) for d in report.duplicates] == [
        (4, "same_person", 3),
        (5, "national_number", 2),
    ]
    assert report.ready == 2
    first = importer(worker).commit(write_csv(tmp_path / "one.csv", HEADERS, [child_no_number]))
    assert first.imported == 1
    report = importer(worker).check(path)
    assert [(d.row, d.reason, d.existing_id) for d in report.duplicates] == [
        (3, "same_person", first.ids[0]),
        (4, "same_person", first.ids[0]),
        (5, "national_number", None),
    ]


def test_progress_and_cancel(worker: AppServices, mixed_csv: Path) -> None:
    seen: list[tuple[int, int]] = []
    importer(worker).commit(mixed_csv, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (6, 12) and seen[-1] == (12, 12)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    other = write_csv(mixed_csv.with_name("other.csv"), HEADERS, [[*GOOD[0][:7], "", "", ""]])
    before = counts(worker)
    result = importer(worker).commit(other, cancel=lambda: True)
    assert result.cancelled and result.imported == 0
    assert counts(worker) == before


def test_commit_after_a_check_of_the_same_content_does_not_validate_again(
    worker: AppServices, mixed_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validated: list[str] = []

    def counting(draft, today, codes):  # type: ignore[no-untyped-def]
        validated.append(draft.first_name)
        return validate_beneficiary(draft, today, codes)

    monkeypatch.setattr(importing, "validate_beneficiary", counting)
    service = importer(worker)
    report = service.check(mixed_csv)
    assert len(validated) == 6
    seen: list[tuple[int, int]] = []
    result = service.commit(mixed_csv, progress=lambda d, t: seen.append((d, t)))
    assert len(validated) == 6  # the check's rows were reused
    assert result.imported == report.ready == 3
    assert result.report.problems == report.problems
    assert seen[0] == (6, 12) and seen[-1] == (12, 12)
    # Nothing is kept after a commit: the same file again is validated again, adds nothing.
    again = service.commit(mixed_csv)
    assert len(validated) == 12 and again.imported == 0


def test_a_file_changed_after_its_check_is_validated_again(
    worker: AppServices, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "people.csv", HEADERS, GOOD[:1])
    service = importer(worker)
    assert service.check(path).ready == 1
    write_csv(path, HEADERS, GOOD[:1] + BAD[:1])  # a row added after the check
    result = service.commit(path)
    assert result.imported == 1
    assert [p.row for p in result.report.problems] == [3]
    assert result.report.total_rows == 2


def test_a_commit_stopped_after_a_check_can_be_retried(
    worker: AppServices, mixed_csv: Path
) -> None:
    service = importer(worker)
    service.check(mixed_csv)
    stopped = service.commit(mixed_csv, cancel=lambda: True)
    assert stopped.cancelled and stopped.imported == 0 and counts(worker)["beneficiaries"] == 0
    assert service.commit(mixed_csv).imported == 3


@pytest.mark.parametrize("answers_before_stop", [1, 2, 3])
def test_stop_while_writing_imports_nothing(
    worker: AppServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers_before_stop: int
) -> None:
    monkeypatch.setattr(bulk, "SUB_BATCH", 2)
    path = write_csv(tmp_path / "many.csv", HEADERS, GOOD)
    answers = iter([False] * answers_before_stop + [True] * 10)
    with worker.ctx.db.read() as session:
        since = last_seq(session)
    # One answer while checking the 3 rows, then one per written batch of 2 (and before).
    result = importer(worker).commit(path, cancel=lambda: next(answers))
    assert result.cancelled and result.imported == 0
    assert counts(worker)["beneficiaries"] == counts(worker)["outbox"] == 0
    with worker.ctx.db.read() as session:
        assert audit_actions(session, since) == []  # nothing of the import travels
    with worker.ctx.db.read() as session:
        assert not session.execute(
            text("SELECT 1 FROM audit_log WHERE action = 'beneficiary.import'")
        ).all()


# -- the command line ----------------------------------------------------------------------------
