"""How a case work list is narrowed and ordered on the reader's request: a column to sort by,
a filter text, a stage. Everything happens in the SQL of the page query, so a list paged lazily
is sorted and filtered as a whole, never only the rows already loaded.

- Sort: dates as dates, case numbers as text (they are zero-padded), statuses in workflow
  order, case types in the order the screen gives (its names in its language), people by their
  normalized name key (أحمد and احمد side by side), workers by their display name. Empty
  values go last either way; the row id breaks ties so pages never overlap.
- Filter text: part of the case number, or part of the person's name (matched on the
  normalized name key with `normalize_arabic`, so أحمد finds احمد), or a type or stage the
  screen found by its shown name (`type_codes`, `statuses`). A name matches only on cases whose
  names the reader sees without breaking the glass (not sensitive, or assigned to the reader):
  a filter must not reveal who a masked case is about.
- Stage: only the cases in that status (the stage chips).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, case, false, func, or_, select

from app.db.case_models import CaseRow
from app.db.models import BeneficiaryRow, UserRow
from app.domain.arabic import normalize_arabic
from app.domain.cases import STATUS_ORDER

MAX_FILTER_LENGTH = 100


class SortKey(StrEnum):
    NUMBER = "number"
    PERSON = "person"
    TYPE = "type"
    STATUS = "status"
    NEXT_DUE = "next_due"
    LAST_VISIT = "last_visit"
    WORKER = "worker"
    SINCE = "since"
    CLOSURE_REASON = "closure_reason"


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What the reader asked of a list (the defaults: the list's own order, everything)."""

    sort: SortKey | None = None
    descending: bool = False
    text: str = ""
    type_codes: tuple[str, ...] = ()  # types whose shown name contains the text
    statuses: tuple[str, ...] = ()  # statuses whose shown name contains the text
    stage: str | None = None  # only cases in this status
    type_order: tuple[str, ...] = ()  # type codes in the order their shown names sort

    @property
    def filtering(self) -> bool:
        return bool(self.text.strip()) or self.stage is not None

    @property
    def plain(self) -> bool:
        """Nothing asked: the list as it comes."""
        return self.sort is None and not self.filtering


DEFAULT = ListQuery()


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _person() -> Select[str]:
    return select(BeneficiaryRow.name_key).where(BeneficiaryRow.id == CaseRow.beneficiary_id)


def _names_seen(user_id: str) -> ColumnElement[bool]:
    """Cases whose names the reader sees without a grant (see `names_visible`)."""
    return or_(CaseRow.sensitive.is_(False), CaseRow.assigned_to == user_id)


def conditions(query: ListQuery, user_id: str) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if query.stage is not None:
        where.append(CaseRow.status == query.stage)
    raw = query.text.strip()[:MAX_FILTER_LENGTH]
    if not raw:
        return where
    anyof: list[ColumnElement[bool]] = [
        func.upper(CaseRow.number).like(_like(raw.upper()), escape="\\")
    ]
    key = normalize_arabic(raw)
    if key:
        named = _person().where(BeneficiaryRow.name_key.like(_like(key), escape="\\")).exists()
        anyof.append(_names_seen(user_id) & named)
    if query.type_codes:
        anyof.append(CaseRow.type_code.in_(query.type_codes))
    if query.statuses:
        anyof.append(CaseRow.status.in_(query.statuses))
    where.append(or_(false(), *anyof))
    return where


def _rank(column: Any, codes: tuple[str, ...]) -> Any:
    if not codes:
        return column
    return case({code: i for i, code in enumerate(codes)}, value=column, else_=len(codes))


def _key(query: ListQuery, user_id: str) -> Any:
    sort = query.sort
    if sort == SortKey.NUMBER:
        return CaseRow.number
    if sort == SortKey.PERSON:
        # A masked name sorts as empty (last), never by the name it hides.
        return case((_names_seen(user_id), _person().scalar_subquery()), else_=None)
    if sort == SortKey.TYPE:
        return _rank(CaseRow.type_code, query.type_order)
    if sort == SortKey.STATUS:
        return _rank(CaseRow.status, tuple(s.value for s in STATUS_ORDER))
    if sort == SortKey.NEXT_DUE:
        return CaseRow.next_due_on
    if sort == SortKey.LAST_VISIT:
        return CaseRow.last_visit_on
    if sort == SortKey.WORKER:
        return (
            select(UserRow.display_name).where(UserRow.id == CaseRow.assigned_to).scalar_subquery()
        )
    if sort == SortKey.SINCE:
        return CaseRow.status_changed_on
    return CaseRow.closure_reason


def order(query: ListQuery, user_id: str, default: list[Any]) -> list[Any]:
    """ORDER BY terms: the asked column (empty values last), then the list's own order."""
    if query.sort is None:
        return default
    key = _key(query, user_id)
    direction = key.desc() if query.descending else key.asc()
    return [key.is_(None), direction, *default]
