"""Bulk import of beneficiaries from CSV or XLSX: check every row, then import the good ones.

`check` reads and validates the whole file and looks for people already registered (same
national number, or the same normalized name, mother's name, birth date and sex) or repeated
inside the file; it changes nothing. `commit` does the same checks again and imports exactly the
valid new rows in one transaction (with their outbox and search-index rows and one audit entry).
Importing the same file twice adds nothing the second time.

A `commit` right after a `check` of the same file content (same SHA-256), on the same day and
with the same municipality list, reuses the rows that check validated instead of validating
them again (the app's import dialog checks, then imports); the look-up of people registered
already is always done again, inside the importing transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.db import bulk
from app.db.audit import append_audit
from app.db.name_keys import KeyMaker, PersonKeyTuple, person_key
from app.domain.beneficiary import BeneficiaryData, validate_beneficiary
from app.domain.errors import ValidationFailed
from app.services.context import ServiceContext
from app.services.gc_pause import paused_gc
from app.services.import_columns import map_headers
from app.services.import_files import Table, file_sha256, parse_table, read_file
from app.services.import_rows import (
    Choices,
    MunicipalityCache,
    RowProblem,
    row_draft,
    row_problems,
)
from app.services.reference import ReferenceService

__all__ = ["DuplicateRow", "ImportReport", "ImportResult", "ImportService", "RowProblem"]

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
_CANCEL_EVERY = 500


@dataclass(frozen=True, slots=True)
class DuplicateRow:
    """A row skipped because that person is registered already, or earlier in the file."""

    row: int
    reason: str  # "national_number" | "same_person"
    existing_id: str | None = None  # registered beneficiary
    same_as_row: int | None = None  # an earlier row of the same file


@dataclass(frozen=True, slots=True)
class ImportReport:
    file_name: str
    file_format: str
    encoding: str | None
    columns: tuple[str, ...]
    total_rows: int  # data rows, blank ones not counted
    ready: int  # valid rows of people not registered yet: what commit imports
    problems: tuple[RowProblem, ...]
    duplicates: tuple[DuplicateRow, ...]
    cancelled: bool = False

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})


@dataclass(frozen=True, slots=True)
class ImportResult:
    report: ImportReport
    imported: int
    ids: tuple[str, ...] = ()

    @property
    def cancelled(self) -> bool:
        return self.report.cancelled


class _Cancelled(Exception):
    """The user stopped the import while it was being written (the transaction rolls back)."""


@dataclass(slots=True)
class _Checked:
    table: Table  # without its rows once they are validated (they are not needed after)
    total: int  # data rows of the file
    problems: list[RowProblem]
    valid: list[tuple[int, BeneficiaryData]]
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class _Validated:
    """What the last complete `check` found, and what it depended on."""

    sha256: str
    today: date
    municipality_codes: frozenset[str]
    checked: _Checked


class ImportService:
    def __init__(self, ctx: ServiceContext, reference: ReferenceService) -> None:
        self._ctx = ctx
        self._reference = reference
        self._last_check: _Validated | None = None

    @paused_gc()
    def check(
        self, path: Path, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> ImportReport:
        """Read and check every row; nothing is written. Raises DomainError for a bad file."""
        checked = self._validate(path, progress, cancel, halves=False, keep=True)
        if checked.cancelled:
            return _report(path, checked, [], [])
        with self._ctx.db.read() as session:
            new, duplicates = _split_duplicates(session, checked.valid, KeyMaker())
        return _report(path, checked, new, duplicates)

    @paused_gc()
    def commit(
        self, path: Path, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> ImportResult:
        """Check again, then import exactly the valid new rows in one transaction.

        Progress runs over checking (first half) and writing (second half). If `cancel`
        answers True at any point before the commit, nothing is imported.
        """
        actor = self._ctx.actor()
        checked = self._validate(path, progress, cancel, halves=True, keep=False)
        if checked.cancelled:
            return ImportResult(_report(path, checked, [], []), 0)
        total = checked.total
        keys = KeyMaker()
        try:
            with self._ctx.db.transaction(actor) as session:
                new, duplicates = _split_duplicates(session, checked.valid, keys)
                report = _report(path, checked, new, duplicates)

                def written(done: int) -> None:
                    if cancel is not None and cancel():
                        raise _Cancelled  # rolls the whole import back
                    if progress is not None:
                        share = done * total // len(new) if new else total
                        progress(total + share, 2 * total)

                written(0)
                ids = bulk.write_beneficiaries(
                    session, [data for _, data in new], actor, progress=written, keys=keys
                )
                written(len(new))
                append_audit(
                    session,
                    "beneficiary.import",
                    user_id=actor.user_id,
                    details={
                        "file": path.name,
                        "sha256": checked.table.sha256,
                        "count": len(ids),
                        "rows": total,
                        "already_registered": len(duplicates),
                        "bad_rows": report.bad_rows,
                    },
                )
        except _Cancelled:
            return ImportResult(replace(report, cancelled=True), 0)
        return ImportResult(report, len(ids), tuple(ids))

    # -- reading and validating ---------------------------------------------------------------

    def _validate(
        self,
        path: Path,
        progress: Progress | None,
        cancel: Cancel | None,
        *,
        halves: bool,
        keep: bool,
    ) -> _Checked:
        """Every row checked; reused from the last check if that was of the same content
        (`keep`: remember this one for the commit that follows)."""
        raw = read_file(path)
        sha256 = file_sha256(raw)
        today = self._ctx.today()
        codes = self._reference.municipality_codes()
        last, self._last_check = self._last_check, None
        scale = 2 if halves else 1
        if last is not None and (last.sha256, last.today, last.municipality_codes) == (
            sha256,
            today,
            codes,
        ):
            total = last.checked.total
            if progress is not None:
                progress(total, total * scale)
            if keep:  # checked again: the same answer
                self._last_check = last
            elif cancel is not None and cancel():
                self._last_check = last  # still good for the next try
                return replace(last.checked, cancelled=True)
            return last.checked
        table = parse_table(raw, sha256)
        del raw  # the table holds the content now
        mapping = map_headers(table.headers)
        municipality_of = MunicipalityCache(self._reference)
        choice = Choices()
        total = len(table.rows)
        checked = _Checked(replace(table, rows=[]), total, [], [])
        for done, (number, cells) in enumerate(table.rows, 1):
            problems, draft, phones = row_draft(number, cells, mapping, municipality_of, choice)
            try:
                data = validate_beneficiary(draft, today, codes)
            except ValidationFailed as failed:
                problems.extend(row_problems(number, failed, phones))
            else:
                if not problems:
                    checked.valid.append((number, data))
            checked.problems.extend(problems)
            if done % _CANCEL_EVERY == 0 or done == total:
                if progress is not None:
                    progress(done, total * scale)
                if cancel is not None and cancel():
                    checked.cancelled = True
                    break
        if keep and not checked.cancelled:
            self._last_check = _Validated(sha256, today, codes, checked)
        return checked


# -- duplicates --------------------------------------------------------------------------------


def _split_duplicates(
    session: Session, valid: list[tuple[int, BeneficiaryData]], keys: KeyMaker
) -> tuple[list[tuple[int, BeneficiaryData]], list[DuplicateRow]]:
    """(rows to import, rows skipped as already registered or repeated in the file)."""
    person_keys = [person_key(data, keys) for _, data in valid]
    numbers = bulk.registered_national_numbers(
        session, [n for _, data in valid if (n := data.national_number)]
    )
    people = bulk.registered_person_keys(session, person_keys)
    seen_numbers: dict[str, int] = {}
    seen_people: dict[PersonKeyTuple, int] = {}
    new: list[tuple[int, BeneficiaryData]] = []
    duplicates: list[DuplicateRow] = []
    for (row, data), key in zip(valid, person_keys, strict=True):
        number = data.national_number
        if number and number in numbers:
            duplicates.append(DuplicateRow(row, "national_number", existing_id=numbers[number]))
        elif key in people:
            duplicates.append(DuplicateRow(row, "same_person", existing_id=people[key]))
        elif number and number in seen_numbers:
            duplicates.append(
                DuplicateRow(row, "national_number", same_as_row=seen_numbers[number])
            )
        elif key in seen_people:
            duplicates.append(DuplicateRow(row, "same_person", same_as_row=seen_people[key]))
        else:
            new.append((row, data))
            if number:
                seen_numbers[number] = row
            seen_people[key] = row
    return new, duplicates


def _report(
    path: Path,
    checked: _Checked,
    new: list[tuple[int, BeneficiaryData]],
    duplicates: list[DuplicateRow],
) -> ImportReport:
    table = checked.table
    mapping = map_headers(table.headers)
    return ImportReport(
        file_name=path.name,
        file_format=table.file_format,
        encoding=table.encoding,
        columns=tuple(mapping[p] for p in sorted(mapping)),
        total_rows=checked.total,
        ready=len(new),
        problems=tuple(sorted(checked.problems, key=lambda p: (p.row, _position(p, mapping)))),
        duplicates=tuple(duplicates),
        cancelled=checked.cancelled,
    )


def _position(problem: RowProblem, mapping: dict[int, str]) -> int:
    """Where the problem's column is in the file, so a row's problems read left to right."""
    if problem.column.startswith("column "):
        return int(problem.column.removeprefix("column ")) - 1
    return next((p for p, name in mapping.items() if name == problem.column), len(mapping))
