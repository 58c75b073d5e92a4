"""A family registered in one pass: the household's new people, each checked as a person is.

Each new person is validated by the same rules as the person form (validate_beneficiary); a
row's errors are re-keyed `member.<row>.<field>` so the form can show each one on its own
row and field. The household has exactly one head: an existing person or one of the rows.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

from app.domain.arabic import to_western_digits
from app.domain.beneficiary import BeneficiaryData, BeneficiaryDraft, validate_beneficiary
from app.domain.collect import ErrorCollector
from app.domain.errors import ErrorCode, FieldError, ValidationFailed
from app.domain.household import Relationship, parse_relationship

_MEMBER_FIELD = re.compile(r"^member\.(\d+)\.(\w+)$")


def member_field(row: int, field: str) -> str:
    """The error key of `field` on new-person row `row` (0-based)."""
    return f"member.{row}.{field}"


def split_member_field(key: str) -> tuple[int, str] | None:
    """(row, field) of a `member.<row>.<field>` key, else None."""
    match = _MEMBER_FIELD.match(key or "")
    return (int(match.group(1)), match.group(2)) if match else None


@dataclass(frozen=True, slots=True)
class NewMemberDraft:
    """One inline row: the person as typed, their relationship to the head, and the ids of
    registered people the worker confirmed this is not (likely duplicates answered)."""

    person: BeneficiaryDraft
    relationship: str
    confirmed_different: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NewMember:
    data: BeneficiaryData
    relationship: Relationship
    confirmed_different: tuple[str, ...]


def validate_new_members(
    rows: Sequence[NewMemberDraft],
    today: date,
    municipalities: Container[str] | None = None,
    *,
    has_head: bool,
) -> list[NewMember]:
    """Check every row (all errors at once). `has_head`: the household already has its head
    (an existing person), so no row may be the head; otherwise exactly one row must be."""
    c = ErrorCollector()
    members: list[NewMember] = []
    for index, row in enumerate(rows):
        try:
            data: BeneficiaryData | None = validate_beneficiary(row.person, today, municipalities)
        except ValidationFailed as failed:
            data = None
            for e in failed.errors:
                c.add(FieldError(member_field(index, e.field), e.code, dict(e.params)))
        rel = c.take(partial(parse_relationship, row.relationship), None)
        if rel is None:
            _rekey_last(c, index, "relationship")
        if data is not None and rel is not None:
            members.append(NewMember(data, rel, tuple(row.confirmed_different)))
    heads = [i for i, row in enumerate(rows) if row.relationship == Relationship.HEAD.value]
    extra = heads if has_head else heads[1:]
    for index in extra:
        c.add(FieldError(member_field(index, "relationship"), ErrorCode.FAMILY_HEAD_COUNT))
    if not has_head and not heads:
        c.add(FieldError("head_id", ErrorCode.FAMILY_HEAD_COUNT))
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        number = _digits(row.person.national_number)
        if not number:
            continue
        if number in seen:
            c.add(
                FieldError(
                    member_field(index, "national_number"),
                    ErrorCode.NATIONAL_NUMBER_TWICE,
                    {"row": str(seen[number] + 1)},
                )
            )
        else:
            seen[number] = index
    c.raise_if_any()
    return members


def _rekey_last(c: ErrorCollector, index: int, field: str) -> None:
    """parse_relationship raised with field "relationship": put it on its row."""
    last = c.errors[-1]
    if last.field == field:
        c.errors[-1] = FieldError(member_field(index, field), last.code, dict(last.params))


def _digits(raw: str) -> str:
    return re.sub(r"[\s\-]", "", to_western_digits((raw or "").strip()))
