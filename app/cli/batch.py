"""`sanad search --batch FILE` (or `-` for standard input): match a list, one JSON line a query.

FILE is a CSV or text file, or an XLSX workbook (its first sheet); standard input is text.

Each query of the list (a plain line, or a CSV row under a header; docs/import-format.md,
"Matching a list") prints one line, in the order read, as soon as its chunk is answered:

    {"line": 3, "query": "محمد علي الورفلي", "matches": [{"rank": 1, "person_number":
     "TRP01-P-000123", "id": "…", "name": "محمد علي سالم الورفلي", "score": 91,
     "reasons": ["name:91"]}], "error": null}

A line that cannot be read prints `"matches": []` and an error object `{"code", "field",
"message"}`; blank lines and the CSV header print nothing (the header only when it names unknown
columns). A summary goes to standard error. Exit status: 0 when every line was read, 1 when
some were refused (the others were matched all the same), 2 when the list cannot be read.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.messages import describe
from app.domain.errors import DomainError
from app.domain.list_queries import LineError
from app.services.list_matching import DEFAULT_LIMIT, ListMatchingService, ListResult, ListSummary

if TYPE_CHECKING:
    from app.services.setup import AppServices


def error_object(error: LineError) -> dict[str, Any]:
    err = DomainError(error.code, field=error.field, **error.params)
    return {"code": error.code.value, "field": error.field, "message": describe(err)}


def result_object(result: ListResult) -> dict[str, Any]:
    """The JSON object of one line (the format the module docstring shows)."""
    return {
        "line": result.line,
        "query": result.query,
        "matches": [
            {
                "rank": rank,
                "person_number": m.person_number,
                "id": m.id,
                "name": m.name,
                "score": m.score,
                "reasons": list(m.reasons),
            }
            for rank, m in enumerate(result.matches, 1)
        ],
        "error": None if result.error is None else error_object(result.error),
    }


def run_batch(services: AppServices, source: str, limit: int | None) -> int:
    matcher = ListMatchingService(services.ctx)
    summary = ListSummary()
    progress = _progress if sys.stderr.isatty() else None
    limit = DEFAULT_LIMIT if limit is None else limit
    if source == "-":
        results = matcher.match(
            sys.stdin.buffer, source="-", limit=limit, progress=progress, summary=summary
        )
    else:
        path = Path(source)
        if not path.is_file():
            raise ValueError(f"{path}: cannot read the file (no such file)")
        results = matcher.match_file(path, limit=limit, progress=progress, summary=summary)
    out = sys.stdout
    try:
        for result in results:
            out.write(json.dumps(result_object(result), ensure_ascii=False) + "\n")
        out.flush()
    except BrokenPipeError:  # `| head`: the reader has what it wanted
        results.close()  # the audit entry is written for what was read
        devnull = os.open(os.devnull, os.O_WRONLY)  # no second failing flush at exit
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    if progress is not None:
        print(file=sys.stderr)
    print(
        f"{summary.lines} lines: {summary.queries} queries, {summary.matched} with matches "
        f"({summary.perfect} scoring 100), {summary.refused} refused",
        file=sys.stderr,
    )
    return 1 if summary.refused else 0


def _progress(done: int, total: int) -> None:
    shown = f"{done * 100 // total}%" if total else f"{done // 1024} KB"
    print(f"\rmatching: {shown}", end="", file=sys.stderr, flush=True)
