"""The visit agenda: the visits still planned for today or for this week, for one worker's
cases or for the whole branch.

The week is the Libyan working week: it starts on Sunday and ends on Saturday, Friday and
Saturday being the weekend (a visit planned on them still shows, marked as such). A planned
visit is the current version of a visit event (a later correction of the same chain replaces
it) whose state is still "planned"; visits of this week already past and still "planned" show
too: they were not recorded as done. Cases closed or tombstoned are left out. One query picks
the visits, bounded by MAX_VISITS; names are masked as in every list (`summarize`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.db.case_models import CaseEventRow, CaseRow
from app.domain.case_events import EventKind, VisitState
from app.domain.cases import CaseStatus
from app.services.case_views import summarize
from app.services.context import CurrentUser

MAX_VISITS = 2000
WEEKEND = (4, 5)  # date.weekday(): Friday, Saturday


class AgendaSpan(StrEnum):
    TODAY = "today"
    WEEK = "week"


def week_of(day: date) -> tuple[date, date]:
    """The Sunday starting the week of `day`, and the Saturday ending it."""
    start = day - timedelta(days=(day.weekday() + 1) % 7)  # weekday(): Monday 0 ... Sunday 6
    return start, start + timedelta(days=6)


def span_days(span: AgendaSpan, today: date) -> tuple[date, date]:
    return (today, today) if span == AgendaSpan.TODAY else week_of(today)


def is_weekend(day: date) -> bool:
    return day.weekday() in WEEKEND


@dataclass(frozen=True, slots=True)
class AgendaVisit:
    """One planned visit of the agenda."""

    event_id: str
    case_id: str
    case_number: str
    type_code: str
    person_name: str  # masked (MASK) where the reader may not see it
    masked: bool
    assigned_to: str | None
    assigned_name: str
    due_on: date
    place: str | None  # VisitPlace value


def _current(event: type[CaseEventRow]) -> ColumnElement[bool]:
    """No later version of the same chain replaces this event."""
    later = aliased(CaseEventRow)
    return ~exists().where(
        later.amends_id == func.coalesce(event.amends_id, event.id),
        later.deleted_at.is_(None),
        later.id != event.id,
        or_(
            later.created_at > event.created_at,
            and_(later.created_at == event.created_at, later.id > event.id),
        ),
    )


def planned_visits(
    session: Session,
    user: CurrentUser,
    first: date,
    last: date,
    scope: list[ColumnElement[bool]],
) -> list[AgendaVisit]:
    """The planned visits due from `first` to `last` on the cases `scope` selects, by day,
    then case number."""
    found = session.execute(
        select(CaseEventRow.id, CaseEventRow.due_on, CaseEventRow.payload, CaseRow)
        .join(CaseRow, CaseRow.id == CaseEventRow.case_id)
        .where(
            *scope,
            CaseEventRow.kind == EventKind.VISIT.value,
            CaseEventRow.state == VisitState.PLANNED.value,
            CaseEventRow.due_on >= first,
            CaseEventRow.due_on <= last,
            CaseEventRow.deleted_at.is_(None),
            CaseRow.deleted_at.is_(None),
            CaseRow.status != CaseStatus.CLOSED.value,
            _current(CaseEventRow),
        )
        .order_by(CaseEventRow.due_on, CaseRow.number, CaseEventRow.id)
        .limit(MAX_VISITS)
    ).all()
    rows = [r[3] for r in found]
    lines = summarize(session, user, rows)
    out: list[AgendaVisit] = []
    for (event_id, due_on, payload, row), line in zip(found, lines, strict=True):
        place = json.loads(payload or "{}").get("place")
        out.append(
            AgendaVisit(
                event_id=event_id,
                case_id=row.id,
                case_number=row.number,
                type_code=row.type_code,
                person_name=line.person_name,
                masked=line.masked,
                assigned_to=row.assigned_to,
                assigned_name=line.assigned_name,
                due_on=due_on or first,  # never None: the query bounds it
                place=place if isinstance(place, str) else None,
            )
        )
    return out
