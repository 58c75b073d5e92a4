"""Reading the branch's audit log: browse and filter it (supervisors, auditors) and verify its
hash chain. Writing is `app.db.audit.append_audit`, called inside each action's transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from app.db.audit import first_broken_entry
from app.db.models import AuditRow, BeneficiaryRow, UserRow
from app.domain.accounts import Role
from app.services.context import ServiceContext

AUDIT_READERS = (Role.SUPERVISOR, Role.AUDITOR, Role.BRANCH_ADMIN)
PAGE = 500


@dataclass(frozen=True, slots=True)
class AuditFilter:
    action_prefix: str = ""  # "case." for every case action, "login" for logins...
    user_id: str | None = None
    entity_id: str | None = None
    since: date | None = None
    until: date | None = None  # inclusive
    limit: int = PAGE
    before_seq: int | None = None  # paging: entries older than this one


@dataclass(frozen=True, slots=True)
class AuditEntryView:
    seq: int
    at: datetime
    user_id: str | None
    user_name: str
    action: str
    entity: str | None
    entity_id: str | None
    details: dict[str, object]
    person_number: str = ""  # the person's readable number, for an entry about a person


@dataclass(frozen=True, slots=True)
class ChainCheck:
    entries: int
    first_broken: int | None  # the seq of the first entry whose hash or link fails

    @property
    def intact(self) -> bool:
        return self.first_broken is None


def _utc_start_of(day: date) -> datetime:
    """The first instant of `day` on this machine's clock, as the naive UTC the log stores."""
    local = datetime.combine(day, time.min).astimezone()
    return local.astimezone(UTC).replace(tzinfo=None)


class AuditLogService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def browse(self, wanted: AuditFilter) -> list[AuditEntryView]:
        """Newest first. Supervisors, auditors and branch admins only."""
        self._ctx.require(*AUDIT_READERS)
        stmt = select(AuditRow).order_by(AuditRow.seq.desc()).limit(max(1, min(wanted.limit, 5000)))
        if wanted.action_prefix:
            stmt = stmt.where(AuditRow.action.startswith(wanted.action_prefix, autoescape=True))
        if wanted.user_id:
            stmt = stmt.where(AuditRow.user_id == wanted.user_id)
        if wanted.entity_id:
            stmt = stmt.where(AuditRow.entity_id == wanted.entity_id)
        if wanted.since:
            stmt = stmt.where(AuditRow.at >= _utc_start_of(wanted.since))
        if wanted.until:
            stmt = stmt.where(AuditRow.at < _utc_start_of(wanted.until + timedelta(days=1)))
        if wanted.before_seq is not None:
            stmt = stmt.where(AuditRow.seq < wanted.before_seq)
        with self._ctx.db.read() as session:
            names = {r[0]: r[1] for r in session.execute(select(UserRow.id, UserRow.display_name))}
            rows = list(session.scalars(stmt))
            people = {r.entity_id for r in rows if r.entity == "beneficiary" and r.entity_id}
            numbers = {
                bid: number or ""
                for bid, number in session.execute(
                    select(BeneficiaryRow.id, BeneficiaryRow.person_number).where(
                        BeneficiaryRow.id.in_(sorted(people))
                    )
                )
            }
            return [
                AuditEntryView(
                    seq=r.seq,
                    at=r.at,
                    user_id=r.user_id,
                    user_name=names.get(r.user_id or "", ""),
                    action=r.action,
                    entity=r.entity,
                    entity_id=r.entity_id,
                    details=json.loads(r.details or "{}"),
                    person_number=numbers.get(r.entity_id or "", ""),
                )
                for r in rows
            ]

    def actions(self) -> list[str]:
        """The distinct actions in the log, for the browser's filter."""
        self._ctx.require(*AUDIT_READERS)
        with self._ctx.db.read() as session:
            return list(
                session.scalars(select(AuditRow.action).distinct().order_by(AuditRow.action))
            )

    def verify(self) -> ChainCheck:
        """Check every entry's hash and link to the one before."""
        with self._ctx.db.read() as session:
            count = session.scalar(select(func.count()).select_from(AuditRow)) or 0
            return ChainCheck(count, first_broken_entry(session))
