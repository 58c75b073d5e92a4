"""`sanad import beneficiaries FILE [--commit]`: the report a clerk or a script reads.

Without --commit nothing is imported: every bad row is listed (row, column, reason), then the
rows skipped as already registered, then the counts. Exit status: 0 when every row is good
(or already registered), 1 when some rows are bad (with --commit the good ones are imported all
the same), 2 when the file cannot be imported at all (unreadable, not CSV/XLSX, wrong columns).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from app.cli_messages import describe
from app.domain.errors import DomainError, ErrorCode
from app.services.importing import DuplicateRow, ImportReport, ImportService, RowProblem

_FILE_ERRORS = frozenset(
    {
        ErrorCode.FILE_FORMAT,
        ErrorCode.FILE_UNREADABLE,
        ErrorCode.UNKNOWN_COLUMN,
        ErrorCode.MISSING_COLUMN,
    }
)


def run_import(services: object, path: Path, commit: bool) -> int:
    from app.services.setup import AppServices

    assert isinstance(services, AppServices)
    importer = ImportService(services.ctx, services.reference)
    progress = _progress if sys.stderr.isatty() else None
    try:
        if commit:
            result = importer.commit(path, progress=progress)
            report = result.report
        else:
            report = importer.check(path, progress=progress)
    except DomainError as err:
        if err.code not in _FILE_ERRORS:
            raise
        if progress is not None:
            print(file=sys.stderr)
        print(f"sanad: {file_error(path, err)}", file=sys.stderr)
        return 2
    if progress is not None:
        print(file=sys.stderr)
    print_report(report, sys.stdout)
    if commit:
        print(
            f"imported {result.imported} rows"
            + (f"; {report.bad_rows} bad rows were left out" if report.bad_rows else "")
        )
    elif report.ready:
        print(f"nothing imported; run again with --commit to import {report.ready} valid rows")
    else:
        print("nothing imported; there are no valid new rows in this file")
    return 1 if report.bad_rows else 0


def file_error(path: Path, err: DomainError) -> str:
    columns = err.params.get("columns", "")
    if err.code is ErrorCode.UNKNOWN_COLUMN:
        return (
            f"{path.name}: unknown column(s): {columns} "
            "(the accepted headers are listed in docs/import-format.md)"
        )
    if err.code is ErrorCode.MISSING_COLUMN:
        return f"{path.name}: required column(s) missing: {columns}"
    if err.code is ErrorCode.FILE_UNREADABLE:
        return f"{path}: cannot read the file ({err.params.get('reason', '')})"
    reason = err.params.get("reason", "not a CSV or XLSX file")
    return f"{path.name}: cannot import: {reason}" + (f": {columns}" if columns else "")


def problem_text(problem: RowProblem) -> str:
    reason = describe(DomainError(problem.code, field=problem.column, **problem.params))
    return f"row {problem.row}, {reason}"


def duplicate_text(duplicate: DuplicateRow) -> str:
    what = (
        "national number"
        if duplicate.reason == "national_number"
        else ("name, mother's name, birth date and sex")
    )
    if duplicate.existing_id is not None:
        return f"row {duplicate.row}: already registered (same {what}), id {duplicate.existing_id}"
    return f"row {duplicate.row}: same {what} as row {duplicate.same_as_row}"


def print_report(report: ImportReport, out: TextIO) -> None:
    encoding = f", {report.encoding}" if report.encoding else ""
    print(
        f"{report.file_name} ({report.file_format}{encoding}): {report.total_rows} rows", file=out
    )
    if report.problems:
        print(f"bad rows ({report.bad_rows}):", file=out)
        for problem in report.problems:
            print(problem_text(problem), file=out)
    if report.duplicates:
        print(f"skipped, already registered ({len(report.duplicates)}):", file=out)
        for duplicate in report.duplicates:
            print(duplicate_text(duplicate), file=out)
    print(
        f"{report.total_rows} rows: {report.ready} valid and new, {report.bad_rows} bad, "
        f"{len(report.duplicates)} already registered",
        file=out,
    )


def _progress(done: int, total: int) -> None:
    print(f"\rchecking and importing: {done}/{total}", end="", file=sys.stderr, flush=True)
