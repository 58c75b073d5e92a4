"""What a registration refuses before writing anything: an exact national-number match, likely
duplicates the worker has not answered, and (a family in one pass) either of them on a row."""

from __future__ import annotations

from app.domain.errors import DomainError, ErrorCode
from app.services.dto import DuplicateCandidate


class DuplicateNationalNumber(DomainError):
    """Someone with this national number is already registered: open them instead."""

    def __init__(self, existing: DuplicateCandidate) -> None:
        super().__init__(ErrorCode.DUPLICATE_NATIONAL_NUMBER, field="national_number")
        self.existing = existing


class PossibleDuplicates(DomainError):
    """Likely the same person as someone registered: the worker must open one or confirm."""

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        super().__init__(ErrorCode.POSSIBLE_DUPLICATE)
        self.candidates = candidates


class FamilyDuplicates(DomainError):
    """Rows of a family whose person is already registered (`exact`: same national number) or
    likely is (candidates the worker has not answered): row index -> candidates."""

    def __init__(self, rows: dict[int, list[DuplicateCandidate]]) -> None:
        super().__init__(ErrorCode.POSSIBLE_DUPLICATE)
        self.rows = rows
