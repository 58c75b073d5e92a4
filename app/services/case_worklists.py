"""Work lists over the branch's cases: a worker's "my cases" and the supervisor's view.

Every list reads the derived columns of `cases` (status, assigned_to, next_due_on,
last_visit_on) through the indexes `ix_cases_worklist` (assigned_to, status, next_due_on) and
`ix_cases_status_due` (status, next_due_on): a page is first chosen as row ids from the index
with ORDER BY ... LIMIT, then only those rows are loaded and summarized (names masked by
`app.services.case_views.summarize`). Counts are single GROUP BY / COUNT queries; nothing loops
over all cases in Python. A reader's sort, filter text or stage (`ListQuery`,
app.services.case_list_query) goes into the same page query; the visit agenda is
app.services.case_agenda's.

Definitions (today is `ctx.today()`):
- open: status new, assessment, plan or follow-up (`OPEN_STATUSES`; a case pending closure
  waits for the supervisor, a closed one for nobody);
- overdue: an open case whose next due date (its earliest planned visit, open plan item or
  unanswered referral) is before today;
- due this week: an open case whose next due date is today or in the six days after it;
- waiting for action: an open case, not frozen by a transfer request, that waits for its
  worker to decide the next step: it is new (its assessment is still to be done), or nothing
  is scheduled on it (no planned visit, open plan item or referral with a date);
- no visit for 30 days: an open case whose last visit done (or, never visited, its opening)
  was 30 days ago or more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from app.db.case_models import CaseRow
from app.db.models import UserRow
from app.domain.accounts import Role
from app.domain.cases import STATUS_ORDER, CaseStatus
from app.services import case_list_query as list_query
from app.services.case_agenda import AgendaSpan, AgendaVisit, planned_visits, span_days
from app.services.case_dto import CaseSummary
from app.services.case_list_query import DEFAULT, ListQuery
from app.services.case_views import summarize, user_names
from app.services.cases import CASE_WRITERS
from app.services.context import CurrentUser, ServiceContext
from app.services.worklist_dto import OPEN as OPEN
from app.services.worklist_dto import MyCasesHome as MyCasesHome
from app.services.worklist_dto import MyCasesOverview as MyCasesOverview
from app.services.worklist_dto import SupervisionOverview as SupervisionOverview
from app.services.worklist_dto import WorkerLoad as WorkerLoad
from app.services.worklist_dto import WorkItem as WorkItem

DUE_WINDOW_DAYS = 7  # "this week": today and the six days after it
NO_VISIT_DAYS = 30
MAX_PAGE = 500
BRANCH_READERS = (Role.SUPERVISOR, Role.AUDITOR)
UNASSIGNED = ""  # the worker filter for cases assigned to nobody


class WorkList(StrEnum):
    OVERDUE = "overdue"
    DUE_THIS_WEEK = "due_this_week"
    WAITING = "waiting"
    OPEN = "open"  # every open case, overdue first
    NO_RECENT_VISIT = "no_recent_visit"
    PENDING_CLOSURE = "pending_closure"


@dataclass(frozen=True, slots=True)
class _Exclusions:
    """Cases left out by rowid: tombstoned ones, and (from "waiting") transfer-frozen ones."""

    gone: tuple[int, ...]
    frozen: tuple[int, ...]

    def live(self) -> list[ColumnElement[bool]]:
        return [CaseRow.local_id.not_in(self.gone)] if self.gone else []


def _statuses() -> dict[str, int]:
    return {s.value: 0 for s in STATUS_ORDER}


class CaseWorklistService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ------------------------------------------------------------------ conditions

    def _conditions(self, wanted: WorkList, skip: _Exclusions) -> list[ColumnElement[bool]]:
        today = self._ctx.today()
        if wanted == WorkList.PENDING_CLOSURE:
            return [CaseRow.status == CaseStatus.PENDING_CLOSURE.value]
        where: list[ColumnElement[bool]] = [CaseRow.status.in_(OPEN)]
        if wanted == WorkList.OVERDUE:
            where.append(CaseRow.next_due_on < today)
        elif wanted == WorkList.DUE_THIS_WEEK:
            where.append(CaseRow.next_due_on >= today)
            where.append(CaseRow.next_due_on < today + timedelta(days=DUE_WINDOW_DAYS))
        elif wanted == WorkList.WAITING:
            if skip.frozen:
                where.append(CaseRow.local_id.not_in(skip.frozen))
            where.append(or_(CaseRow.status == CaseStatus.NEW.value, CaseRow.next_due_on.is_(None)))
        elif wanted == WorkList.NO_RECENT_VISIT:
            where.append(self._last_contact() <= today - timedelta(days=NO_VISIT_DAYS))
        return where

    @staticmethod
    def _exclusions(session: Session) -> _Exclusions:
        """The tombstoned cases (deleted at HQ and synced down) and those frozen by a transfer
        request, found by one sequential scan.

        Neither `deleted_at` nor `transfer_to` is in an index: testing them on every candidate
        row would read the table row by row (40 ms for one worker holding 50,000 cases). The
        few such cases are left out by rowid instead, which every index carries, so counts and
        page queries stay inside `ix_cases_worklist`.
        """
        gone: list[int] = []
        frozen: list[int] = []
        for local_id, deleted in session.execute(
            select(CaseRow.local_id, CaseRow.deleted_at.is_not(None)).where(
                or_(CaseRow.deleted_at.is_not(None), CaseRow.transfer_to.is_not(None))
            )
        ):
            (gone if deleted else frozen).append(local_id)
        return _Exclusions(tuple(gone), tuple(frozen))

    @staticmethod
    def _last_contact() -> ColumnElement[Any]:
        return func.coalesce(CaseRow.last_visit_on, CaseRow.opened_on)

    def _order(self, wanted: WorkList) -> list[Any]:
        # local_id (the rowid, present in every index) breaks ties, so the id query stays
        # inside the index.
        if wanted in (WorkList.OVERDUE, WorkList.DUE_THIS_WEEK):
            return [CaseRow.next_due_on, CaseRow.local_id]
        if wanted == WorkList.OPEN:
            return [CaseRow.next_due_on.is_(None), CaseRow.next_due_on, CaseRow.local_id]
        if wanted == WorkList.NO_RECENT_VISIT:
            return [self._last_contact(), CaseRow.local_id]
        return [CaseRow.status_changed_on, CaseRow.local_id]  # longest waiting first

    def _page(
        self,
        session: Session,
        user: CurrentUser,
        wanted: WorkList,
        scope: list[ColumnElement[bool]],
        skip: _Exclusions,
        limit: int,
        offset: int,
        query: ListQuery = DEFAULT,
    ) -> list[WorkItem]:
        # A stage asked for (a chip) stands instead of the list's condition and order.
        listed = self._conditions(wanted, skip) if query.stage is None else []
        own = self._order(wanted if query.stage is None else WorkList.OPEN)
        ids = session.scalars(
            select(CaseRow.local_id)
            .where(*scope, *listed, *list_query.conditions(query, user.id))
            .order_by(*list_query.order(query, user.id, own))
            .limit(max(1, min(limit, MAX_PAGE)))
            .offset(max(0, offset))
        ).all()
        if not ids:
            return []
        loaded = {
            r.local_id: r for r in session.scalars(select(CaseRow).where(CaseRow.local_id.in_(ids)))
        }
        rows = [loaded[i] for i in ids]
        return _items(rows, summarize(session, user, rows))

    def _count(
        self,
        session: Session,
        wanted: WorkList,
        scope: list[ColumnElement[bool]],
        skip: _Exclusions,
    ) -> int:
        conditions = self._conditions(wanted, skip)
        stmt = select(func.count()).select_from(CaseRow).where(*scope, *conditions)
        return session.scalar(stmt) or 0

    # ------------------------------------------------------------------ my cases

    def _mine(self) -> CurrentUser:
        return self._ctx.require(*CASE_WRITERS)

    def my_overview(self) -> MyCasesOverview:
        """Counts of the user's own cases: by status (one GROUP BY) and per work list."""
        user = self._mine()
        with self._ctx.db.read() as session:
            skip = self._exclusions(session)
            return self._my_overview(session, [CaseRow.assigned_to == user.id], skip)

    def _my_overview(
        self, session: Session, mine: list[ColumnElement[bool]], skip: _Exclusions
    ) -> MyCasesOverview:
        scope = [*mine, *skip.live()]
        counts = _statuses()
        rows = session.execute(
            select(CaseRow.status, func.count()).where(*scope).group_by(CaseRow.status)
        )
        for status, count in rows:
            counts[status] = count
        return MyCasesOverview(
            by_status=counts,
            overdue=self._count(session, WorkList.OVERDUE, scope, skip),
            due_this_week=self._count(session, WorkList.DUE_THIS_WEEK, scope, skip),
            waiting=self._count(session, WorkList.WAITING, scope, skip),
        )

    def my_cases(
        self,
        wanted: WorkList,
        *,
        limit: int = 100,
        offset: int = 0,
        query: ListQuery = DEFAULT,
    ) -> list[WorkItem]:
        """A page of one of the user's own work lists (social workers and supervisors),
        sorted and filtered as `query` asks (a stage replaces the list's condition)."""
        user = self._mine()
        with self._ctx.db.read() as session:
            skip = self._exclusions(session)
            scope = [CaseRow.assigned_to == user.id, *skip.live()]
            return self._page(session, user, WorkList(wanted), scope, skip, limit, offset, query)

    def my_home(self, *, limit: int = 50) -> MyCasesHome:
        """The counts and the first `limit` lines of the overdue, due-this-week and waiting
        lists, in one read (what the "my cases" tab shows first)."""
        user = self._mine()
        with self._ctx.db.read() as session:
            skip = self._exclusions(session)
            mine = [CaseRow.assigned_to == user.id]
            scope = [*mine, *skip.live()]

            def page(wanted: WorkList) -> list[WorkItem]:
                return self._page(session, user, wanted, scope, skip, limit, 0)

            return MyCasesHome(
                overview=self._my_overview(session, mine, skip),
                overdue=page(WorkList.OVERDUE),
                due_this_week=page(WorkList.DUE_THIS_WEEK),
                waiting=page(WorkList.WAITING),
            )

    def agenda(self, span: AgendaSpan, *, branch: bool = False) -> list[AgendaVisit]:
        """The visits planned for today or this week (Sunday to Saturday): of the user's own
        cases, or (`branch`, supervisors and auditors) of every case of the branch."""
        user = self._branch() if branch else self._mine()
        first, last = span_days(AgendaSpan(span), self._ctx.today())
        scope = [] if branch else [CaseRow.assigned_to == user.id]
        with self._ctx.db.read() as session:
            return planned_visits(session, user, first, last, scope)

    # ------------------------------------------------------------------ supervision

    def _branch(self) -> CurrentUser:
        return self._ctx.require(*BRANCH_READERS)

    @staticmethod
    def _worker_scope(worker_id: str | None) -> list[ColumnElement[bool]]:
        if worker_id is None:
            return []
        if worker_id == UNASSIGNED:
            return [CaseRow.assigned_to.is_(None)]
        return [CaseRow.assigned_to == worker_id]

    def branch_cases(
        self,
        wanted: WorkList,
        *,
        worker_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
        query: ListQuery = DEFAULT,
    ) -> list[WorkItem]:
        """A page of a branch work list (supervisors; auditors read). `worker_id` narrows it
        to one worker's cases (`UNASSIGNED` for cases assigned to nobody)."""
        user = self._branch()
        with self._ctx.db.read() as session:
            skip = self._exclusions(session)
            scope = [*self._worker_scope(worker_id), *skip.live()]
            return self._page(session, user, WorkList(wanted), scope, skip, limit, offset, query)

    def pending_closures(self, *, limit: int = 100, offset: int = 0) -> list[WorkItem]:
        """Closure requests waiting for approval, the oldest request first."""
        return self.branch_cases(WorkList.PENDING_CLOSURE, limit=limit, offset=offset)

    def supervision(self) -> SupervisionOverview:
        """Every worker's load (counts by status, overdue, no visit for 30 days) and the
        branch totals: a few GROUP BY queries."""
        self._branch()
        with self._ctx.db.read() as session:
            skip = self._exclusions(session)
            loads: dict[str | None, dict[str, int]] = {}
            for worker, status, count in session.execute(
                select(CaseRow.assigned_to, CaseRow.status, func.count())
                .where(*skip.live())
                .group_by(CaseRow.assigned_to, CaseRow.status)
            ):
                loads.setdefault(worker, _statuses())[status] = count
            overdue = self._per_worker(session, WorkList.OVERDUE, skip)
            no_visit = self._per_worker(session, WorkList.NO_RECENT_VISIT, skip)
            names = user_names(session)
            for worker_id in self._active_workers(session):
                loads.setdefault(worker_id, _statuses())
            workers = [
                WorkerLoad(
                    worker_id=worker,
                    worker_name=names.get(worker, "") if worker else "",
                    by_status=counts,
                    overdue=overdue.get(worker, 0),
                    no_recent_visit=no_visit.get(worker, 0),
                )
                for worker, counts in loads.items()
            ]
        workers.sort(key=lambda w: (w.worker_id is None, w.worker_name, w.worker_id or ""))
        return SupervisionOverview(
            workers=tuple(workers),
            open=sum(w.open for w in workers),
            overdue=sum(overdue.values()),
            no_recent_visit=sum(no_visit.values()),
            pending_closures=sum(
                w.by_status.get(CaseStatus.PENDING_CLOSURE.value, 0) for w in workers
            ),
        )

    def _per_worker(
        self, session: Session, wanted: WorkList, skip: _Exclusions
    ) -> dict[str | None, int]:
        rows = session.execute(
            select(CaseRow.assigned_to, func.count())
            .where(*skip.live(), *self._conditions(wanted, skip))
            .group_by(CaseRow.assigned_to)
        )
        return dict(rows.all())

    @staticmethod
    def _active_workers(session: Session) -> list[str]:
        return list(
            session.scalars(
                select(UserRow.id).where(
                    UserRow.active.is_(True), UserRow.role.in_([r.value for r in CASE_WRITERS])
                )
            )
        )


def _items(rows: Sequence[CaseRow], lines: Sequence[CaseSummary]) -> list[WorkItem]:
    return [
        WorkItem(
            case=line,
            status_since=row.status_changed_on,
            closure_reason=row.closure_reason
            if row.status == CaseStatus.PENDING_CLOSURE.value
            else None,
        )
        for row, line in zip(rows, lines, strict=True)
    ]
