"""Branch figures on cases: opened and closed per month and type, average time to close, and
the overdue rate today (supervisors; auditors read). Aggregated in SQL by GROUP BY.

- opened in a month: cases whose opening date falls in it;
- closed in a month: cases closed (closing date) in it and still closed; a case closed and
  reopened since counts again only when it is closed again;
- average days to close: mean of (closing date - opening date) over the cases closed in the
  period;
- overdue rate: of the cases open today (new, assessment, plan, follow-up), the share whose
  next due date is before today.
Tombstoned cases (deleted at HQ) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from app.db.case_models import CaseRow
from app.domain.accounts import Role
from app.domain.cases import CaseStatus
from app.domain.errors import DomainError, ErrorCode
from app.services.case_reference import CaseReferenceService
from app.services.case_worklists import OPEN
from app.services.context import ServiceContext
from app.services.people_figures import PeopleFigures, people_figures

FIGURE_READERS = (Role.SUPERVISOR, Role.AUDITOR)
MAX_MONTHS = 120


@dataclass(frozen=True, slots=True)
class MonthCount:
    """Cases of one type opened and closed in one month ("2026-11")."""

    month: str
    type_code: str
    opened: int
    closed: int


@dataclass(frozen=True, slots=True)
class TypeFigures:
    """One case type over the period (type_code "" for all types together)."""

    type_code: str
    opened: int
    closed: int
    days_to_close_total: int  # summed over the `closed` cases
    open_now: int
    overdue_now: int

    @property
    def average_days_to_close(self) -> float | None:
        return self.days_to_close_total / self.closed if self.closed else None

    @property
    def overdue_rate(self) -> float | None:
        """Overdue open cases / open cases, today (None when nothing is open)."""
        return self.overdue_now / self.open_now if self.open_now else None


@dataclass(frozen=True, slots=True)
class BranchFigures:
    branch_code: str
    since: date  # the first day of the first month
    until: date  # the last day of the last month
    today: date
    months: tuple[str, ...]  # every month of the period, oldest first
    cells: tuple[MonthCount, ...]  # only (month, type) pairs with something opened or closed
    by_type: tuple[TypeFigures, ...]  # types with any figure, in reference order
    total: TypeFigures

    def cell(self, month: str, type_code: str | None = None) -> tuple[int, int]:
        """(opened, closed) in `month`, for one type or (None) all types."""
        found = [c for c in self.cells if c.month == month and type_code in (None, c.type_code)]
        return sum(c.opened for c in found), sum(c.closed for c in found)

    def type_codes(self) -> tuple[str, ...]:
        return tuple(t.type_code for t in self.by_type)


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def last_of_month(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def months_between(since: date, until: date) -> tuple[str, ...]:
    out: list[str] = []
    day = first_of_month(since)
    while day <= until:
        out.append(month_key(day))
        day = last_of_month(day) + timedelta(days=1)
    return tuple(out)


class CaseFiguresService:
    def __init__(self, ctx: ServiceContext, reference: CaseReferenceService) -> None:
        self._ctx = ctx
        self._reference = reference

    def default_period(self) -> tuple[date, date]:
        """The last twelve months, this one included."""
        today = self._ctx.today()
        start = first_of_month(today)
        for _ in range(11):
            start = first_of_month(start - timedelta(days=1))
        return start, last_of_month(today)

    def people(self) -> PeopleFigures:
        """Beneficiaries by sex, age band and municipality, each with how many have an open
        case, today (app.services.people_figures says what each count is)."""
        self._ctx.require(*FIGURE_READERS)
        with self._ctx.db.read() as session:
            return people_figures(session, self._ctx.today())

    def figures(self, first_month: date, last_month: date) -> BranchFigures:
        """The figures of the months from `first_month` to `last_month` (any day of each)."""
        self._ctx.require(*FIGURE_READERS)
        since, until = first_of_month(first_month), last_of_month(last_month)
        months = months_between(since, until)
        if since > until or len(months) > MAX_MONTHS:
            raise DomainError(ErrorCode.INVALID_CHOICE, field="period")
        today = self._ctx.today()
        live = CaseRow.deleted_at.is_(None)
        opened_month = func.strftime("%Y-%m", CaseRow.opened_on)
        closed_month = func.strftime("%Y-%m", CaseRow.closed_on)
        closed_in = [
            live,
            CaseRow.status == CaseStatus.CLOSED.value,
            CaseRow.closed_on >= since,
            CaseRow.closed_on <= until,
        ]
        days = func.julianday(CaseRow.closed_on) - func.julianday(CaseRow.opened_on)
        cells: dict[tuple[str, str], list[int]] = {}
        per_type: dict[str, list[int]] = {}  # opened, closed, days, open now, overdue now

        def slot(code: str) -> list[int]:
            return per_type.setdefault(code, [0, 0, 0, 0, 0])

        with self._ctx.db.read() as session:
            for month, code, count in session.execute(
                select(opened_month, CaseRow.type_code, func.count())
                .where(live, CaseRow.opened_on >= since, CaseRow.opened_on <= until)
                .group_by(opened_month, CaseRow.type_code)
            ):
                cells.setdefault((month, code), [0, 0])[0] = count
                slot(code)[0] += count
            for month, code, count, total_days in session.execute(
                select(closed_month, CaseRow.type_code, func.count(), func.sum(days))
                .where(*closed_in)
                .group_by(closed_month, CaseRow.type_code)
            ):
                cells.setdefault((month, code), [0, 0])[1] = count
                slot(code)[1] += count
                slot(code)[2] += round(total_days or 0)
            for code, open_now, overdue_now in session.execute(
                select(
                    CaseRow.type_code,
                    func.count(),
                    func.count().filter(CaseRow.next_due_on < today),
                )
                .where(live, CaseRow.status.in_(OPEN))
                .group_by(CaseRow.type_code)
            ):
                slot(code)[3] = open_now
                slot(code)[4] = overdue_now
        rank = {t.code: i for i, t in enumerate(self._reference.case_types())}
        codes = sorted(per_type, key=lambda c: (rank.get(c, len(rank)), c))
        by_type = tuple(TypeFigures(code, *per_type[code]) for code in codes)
        sums = [sum(v[i] for v in per_type.values()) for i in range(5)]
        return BranchFigures(
            branch_code=self._ctx.branch_code,
            since=since,
            until=until,
            today=today,
            months=months,
            cells=tuple(
                MonthCount(month, code, opened, closed)
                for (month, code), (opened, closed) in sorted(
                    cells.items(), key=lambda item: (item[0][0], rank.get(item[0][1], len(rank)))
                )
            ),
            by_type=by_type,
            total=TypeFigures("", *sums),
        )
