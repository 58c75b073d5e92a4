"""What the work lists answer: lines of a list, the counts of "my cases" and of supervision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.cases import OPEN_STATUSES, STATUS_ORDER
from app.services.case_dto import CaseSummary

# Open statuses in workflow order (a frozenset has none).
OPEN = tuple(s.value for s in STATUS_ORDER if s in OPEN_STATUSES)


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One line of a work list: the case, and since when it is in its status."""

    case: CaseSummary
    status_since: date
    closure_reason: str | None  # set while a closure waits for approval


@dataclass(frozen=True, slots=True)
class MyCasesOverview:
    by_status: dict[str, int]  # every status, zeros included
    overdue: int
    due_this_week: int
    waiting: int

    @property
    def open(self) -> int:
        return sum(self.by_status[s] for s in OPEN)


@dataclass(frozen=True, slots=True)
class MyCasesHome:
    """What the "my cases" tab shows first: the counts and the top of each list."""

    overview: MyCasesOverview
    overdue: list[WorkItem]
    due_this_week: list[WorkItem]
    waiting: list[WorkItem]


@dataclass(frozen=True, slots=True)
class WorkerLoad:
    """One worker's cases as the supervisor sees them (worker_id None: assigned to nobody)."""

    worker_id: str | None
    worker_name: str
    by_status: dict[str, int]
    overdue: int
    no_recent_visit: int

    @property
    def open(self) -> int:
        return sum(self.by_status.get(s, 0) for s in OPEN)


@dataclass(frozen=True, slots=True)
class SupervisionOverview:
    workers: tuple[WorkerLoad, ...]
    open: int
    overdue: int
    no_recent_visit: int
    pending_closures: int
