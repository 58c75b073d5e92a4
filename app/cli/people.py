"""People on the command line: find them, import them in bulk, add demo ones.

    sanad search QUERY [--json] [--limit N]          find beneficiaries, best first (a person
                                                     number, TRP01-P-000123, finds that person)
    sanad search --batch FILE|- [--limit N] [--user NAME]
                                                     match a list (one query a line, or CSV):
                                                     one JSON line per query (app.cli.batch)
    sanad import beneficiaries FILE [--commit] [--user NAME]
    sanad demo-data --count N [--seed S]             add deterministic demo beneficiaries

`sanad import` prints the report a clerk or a script reads. Without --commit nothing is
imported: every bad row is listed (row, column, reason), then the rows skipped as already
registered, then the counts. Exit status: 0 when every row is good (or already registered), 1
when some rows are bad (with --commit the good ones are imported all the same), 2 when the file
cannot be imported at all (unreadable, not CSV/XLSX, wrong columns).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from app.bootstrap import build_services
from app.cli.context import act_as_admin
from app.cli.messages import describe
from app.domain.errors import DomainError, ErrorCode

if TYPE_CHECKING:  # the parser is built on every `sanad` start: the services load on use
    from app.services.importing import DuplicateRow, ImportReport, RowProblem
    from app.services.setup import AppServices

COMMANDS = ("demo-data", "import", "search")

_FILE_ERRORS = frozenset(
    {
        ErrorCode.FILE_FORMAT,
        ErrorCode.FILE_UNREADABLE,
        ErrorCode.UNKNOWN_COLUMN,
        ErrorCode.MISSING_COLUMN,
    }
)


def add_people_commands(sub: Any) -> None:
    """`demo-data`, `import` and `search`."""
    demo = sub.add_parser("demo-data", help="add deterministic demo beneficiaries")
    demo.add_argument("--count", type=int, required=True)
    demo.add_argument("--seed", type=int, default=2026)

    imp = sub.add_parser("import", help="bulk import")
    imp_sub = imp.add_subparsers(dest="what", required=True)
    imp_b = imp_sub.add_parser("beneficiaries", help="CSV or XLSX of beneficiaries")
    imp_b.add_argument("file")
    imp_b.add_argument(
        "--commit",
        action="store_true",
        help="import the valid rows (default: check only, import nothing)",
    )
    imp_b.add_argument("--user", help="account the rows are recorded under (default: first admin)")

    search = sub.add_parser("search", help="find beneficiaries")
    search.add_argument("query", nargs="?")
    search.add_argument("--json", action="store_true", help="print one JSON array, best first")
    search.add_argument("--limit", type=int, help="results per query (20; --batch: 5)")
    search.add_argument(
        "--batch",
        metavar="FILE",
        help="match a list, one query a line or CSV with a header ('-': standard input); "
        "prints one JSON line per query",
    )
    search.add_argument("--user", help="--batch: account the audit entry is recorded under")


def run_people(args: argparse.Namespace, data_dir: Path) -> int:
    services = build_services(data_dir)
    try:
        if args.command == "search" and args.batch is not None:
            if args.query is not None:
                raise ValueError("search: give a QUERY or --batch FILE, not both")
            from app.cli.batch import run_batch

            act_as_admin(services, args.user)
            return run_batch(services, args.batch, args.limit)
        if args.command == "search":
            return _search(services, args)
        if args.command == "demo-data":
            from app.demo.register import add_demo_people

            act_as_admin(services, None)
            added = add_demo_people(services, args.count, seed=args.seed, progress=_count)
            print(f"\n{added} demo beneficiaries added")
            return 0
        act_as_admin(services, args.user)
        return run_import(services, Path(args.file), commit=args.commit)
    finally:
        services.close()


def _count(done: int, total: int) -> None:
    print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)


def _search(services: AppServices, args: argparse.Namespace) -> int:
    if args.query is None:
        raise ValueError("search: give a QUERY, or --batch FILE")
    limit = 20 if args.limit is None else args.limit
    hits = services.beneficiaries.search(args.query, limit=max(1, min(limit, 1000)))
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": h.id,
                        "person_number": h.person_number,
                        "first_name": h.first_name,
                        "father_name": h.father_name,
                        "grandfather_name": h.grandfather_name,
                        "family_name": h.family_name,
                        "mother_name": h.mother_name,
                        "sex": h.sex,
                        "birth_date": h.birth_date.isoformat(),
                        "identifiers": [
                            {"type": i.type, "number": i.number} for i in h.identifiers
                        ],
                        "phones": list(h.phones),
                    }
                    for h in hits
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for h in hits:
        print(
            f"{h.person_number or h.id}  {h.full_name}  {h.birth_date:%d/%m/%Y}"
            f"  {h.national_number or '-'}"
        )
    if not hits:
        print("no matches", file=sys.stderr)
    return 0


def run_import(services: AppServices, path: Path, commit: bool) -> int:
    from app.services.importing import ImportService

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
