"""Matching a list of people against the registry (`sanad search --batch`, File → Match a list…).

A list (plain names, CSV or an XLSX sheet; `app.domain.list_queries`) is read as a stream; each
query gets its best matches, in the order read: candidates come from the search index
(`search_index.search_local_ids`, the search box's ranking), from the national number and
from a typed person number; each is scored by `app.domain.list_scoring` and the best `limit`
kept, best first (ties keep the search's order).

The database is read in chunks of CHUNK queries, one read session each (a long list does not
hold one snapshot for minutes). The whole list is one audit entry, `search.batch`, written
when the list ends, is stopped, or fails: who, which file, its SHA-256, how many lines, queries,
lines refused and queries matched.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from app.db import beneficiary_repo as repo
from app.db import search_index
from app.db.audit import append_audit
from app.domain.list_queries import LineError, ListQuery, ListReader, too_long
from app.domain.list_scoring import Candidate, score
from app.domain.person_numbers import normalize_person_number
from app.services.beneficiary_views import hit as _hit
from app.services.context import ServiceContext
from app.services.list_lines import Lines, LineSource
from app.services.list_workbook import WorkbookLines, is_workbook

DEFAULT_LIMIT = 5
MAX_LIMIT = 50
CHUNK = 200
_SEARCH_WORDS = 12  # a query longer than a name and a mother's name is cut for the search
Progress = Callable[[int, int], None]  # bytes (or rows) read, in all (0: unknown)
Cancel = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class ListMatch:
    person_number: str
    id: str
    name: str
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ListResult:
    """One line's answer: its matches (best first), or why the line was refused."""

    line: int
    query: str
    matches: tuple[ListMatch, ...] = ()
    error: LineError | None = None


@dataclass(slots=True)
class ListSummary:
    """Counts of a run, filled in as it goes (also what the audit entry records)."""

    lines: int = 0
    queries: int = 0
    refused: int = 0
    matched: int = 0  # queries with at least one match
    perfect: int = 0  # queries whose best match scored 100
    stopped: bool = False
    sha256: str = ""


class ListMatchingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def match(
        self,
        stream: BinaryIO,
        *,
        source: str,
        limit: int = DEFAULT_LIMIT,
        total_bytes: int = 0,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        summary: ListSummary | None = None,
    ) -> Generator[ListResult, None, None]:
        """The results of every query of `stream`, in the order read.

        `source` names the list in the audit entry (a file name, or "-" for standard input).
        Needs a logged-in user (the audit entry is theirs); raises before reading otherwise.
        """
        return self.match_lines(
            LineSource(stream, total_bytes),
            source=source,
            limit=limit,
            progress=progress,
            cancel=cancel,
            summary=summary,
        )

    def match_file(
        self,
        path: Path,
        *,
        limit: int = DEFAULT_LIMIT,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        summary: ListSummary | None = None,
    ) -> Generator[ListResult, None, None]:
        """As `match`, for a CSV or text file, or an XLSX workbook (its first sheet's rows)."""
        if is_workbook(path):
            return self.match_lines(
                WorkbookLines(path),
                source=path.name,
                limit=limit,
                progress=progress,
                cancel=cancel,
                summary=summary,
            )
        return self._match_text_file(path, limit, progress, cancel, summary)

    def _match_text_file(
        self,
        path: Path,
        limit: int,
        progress: Progress | None,
        cancel: Cancel | None,
        summary: ListSummary | None,
    ) -> Generator[ListResult, None, None]:
        self._ctx.actor()  # no user: refused before the file is opened
        with path.open("rb") as stream:
            yield from self.match(
                stream,
                source=path.name,
                limit=limit,
                total_bytes=path.stat().st_size,
                progress=progress,
                cancel=cancel,
                summary=summary,
            )

    def match_lines(
        self,
        lines: Lines,
        *,
        source: str,
        limit: int = DEFAULT_LIMIT,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        summary: ListSummary | None = None,
    ) -> Generator[ListResult, None, None]:
        """As `match`, over lines read another way (a workbook's rows: `list_workbook`)."""
        user_id = self._ctx.actor().user_id
        limit = max(1, min(limit, MAX_LIMIT))
        summary = summary if summary is not None else ListSummary()
        return self._run(lines, source, limit, progress, cancel, summary, user_id)

    def _run(
        self,
        lines: Lines,
        source: str,
        limit: int,
        progress: Progress | None,
        cancel: Cancel | None,
        summary: ListSummary,
        user_id: str,
    ) -> Generator[ListResult, None, None]:
        reader = ListReader(lines.separator)
        pending: list[ListQuery | LineError] = []
        try:
            for line in lines:
                summary.lines = line.number
                item = (
                    too_long(line.number, line.text)
                    if line.too_long
                    else reader.read(line.number, line.text)
                )
                if item is None:
                    continue
                pending.append(item)
                if len(pending) >= CHUNK:
                    if cancel is not None and cancel():
                        summary.stopped = True
                        return
                    yield from self._answer(pending, limit, summary)
                    pending = []
                    if progress is not None:
                        progress(lines.position, lines.total)
            if pending and not (cancel is not None and cancel()):
                yield from self._answer(pending, limit, summary)
            elif pending:
                summary.stopped = True
            if progress is not None:
                progress(lines.position, lines.total)
        except GeneratorExit:  # the caller stopped reading (`| head`)
            summary.stopped = True
            raise
        finally:
            summary.sha256 = lines.sha256
            self._audit(source, limit, summary, user_id)

    def _answer(
        self, items: list[ListQuery | LineError], limit: int, summary: ListSummary
    ) -> Iterator[ListResult]:
        with self._ctx.db.read() as session:
            results = [
                ListResult(i.line, i.text, error=i)
                if isinstance(i, LineError)
                else ListResult(i.line, i.text, tuple(best_matches(session, i, limit)))
                for i in items
            ]
        for result in results:
            if result.error is not None:
                summary.refused += 1
            else:
                summary.queries += 1
                summary.matched += bool(result.matches)
                summary.perfect += bool(result.matches and result.matches[0].score == 100)
            yield result

    def _audit(self, source: str, limit: int, summary: ListSummary, user_id: str) -> None:
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            append_audit(
                session,
                "search.batch",
                user_id=user_id,
                details={
                    "file": source[:200],
                    "sha256": summary.sha256,
                    "limit": limit,
                    "lines": summary.lines,
                    "queries": summary.queries,
                    "refused": summary.refused,
                    "matched": summary.matched,
                    "perfect": summary.perfect,
                    "stopped": summary.stopped,
                },
            )


def best_matches(session: Session, query: ListQuery, limit: int) -> list[ListMatch]:
    """Up to `limit` people for `query`, best first (in one read session)."""
    local_ids: dict[int, None] = {}
    number: str | None = None
    if query.national_number:
        for person_row in repo.by_national_number(session, query.national_number):
            local_ids.setdefault(person_row.local_id)
    if query.name and not query.structured:
        number = normalize_person_number(query.name)
        exact = repo.local_id_of_number(session, number) if number else None
        if exact is not None:
            local_ids.setdefault(exact)
    words = (query.name or query.mother_name).split()[:_SEARCH_WORDS]
    if words:
        pool = max(limit * 4, 20)
        for local_id in search_index.search_local_ids(session, " ".join(words), pool):
            local_ids.setdefault(local_id)
    scored = []
    for rank, row in enumerate(repo.hits_by_local_ids(session, list(local_ids))):
        hit = _hit(row)
        parts = (hit.first_name, hit.father_name, hit.grandfather_name, hit.family_name)
        documents = tuple(i.number for i in hit.identifiers)
        person = Candidate(
            parts, hit.mother_name, hit.birth_date, hit.national_number, documents, hit.phones
        )
        found = score(
            query, person, person_number_equal=bool(number) and hit.person_number == number
        )
        match = ListMatch(hit.person_number, hit.id, hit.full_name, found.value, found.reasons)
        scored.append((-found.value, rank, match))
    scored.sort(key=lambda s: (s[0], s[1]))
    return [m for _, _, m in scored[:limit]]
