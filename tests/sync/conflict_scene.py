"""Two branches and a hard conflict between them, for the conflict tests.

TRP01's worker registers a person and opens a case, which HQ moves to BEN01 (so BEN01 holds the
person too). TRP01's folder is then copied (a backup); on the original, worker A changes the
person and syncs (that PC's disk is then lost); the copy is put back and worker B changes the
same person from the same base and syncs: HQ records the conflict. By HTTP or by USB.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.case_models import CaseRow
from app.db.clock import utcnow
from app.db.conflict_models import ConflictNoticeRow
from app.db.models import BeneficiaryRow
from app.domain.accounts import Role
from app.hq.conflict_decide import ConflictDesk
from app.hq.transfers import TransferDesk
from app.services.case_dto import CaseDraft
from app.services.setup import open_branch
from app.services.sync import SyncService
from app.services.sync_outgoing import write_poll
from tests.conftest import FAST_HASHER, TODAY
from tests.services.people import AHMED
from tests.sync.world import Hq, SyncBranch

WORKER_A = ("wrk_a", "worker-a-pass-123")
WORKER_B = ("wrk_b", "worker-b-pass-123")
SUPERVISOR = ("sup", "supervisor-pass-1")


@dataclass
class Scene:
    hq: Hq
    trp: SyncBranch
    ben: SyncBranch
    transport: str
    tmp: Path
    person: str = ""
    users: dict[str, str] = field(default_factory=dict)
    saved: Path | None = None

    @property
    def desk(self) -> ConflictDesk:
        return ConflictDesk.of(self.hq.service)

    # -- people at the branches ---------------------------------------------------------------

    def setup(self) -> None:
        for branch in (self.trp, self.ben):
            accounts = branch.services.accounts
            for (name, password), title in ((WORKER_A, "أخصائية أ"), (WORKER_B, "أخصائي ب")):
                accounts.create_user(name, title, Role.SOCIAL_WORKER, password)
            accounts.create_user(SUPERVISOR[0], "مشرفة", Role.SUPERVISOR, SUPERVISOR[1])
        self.users = {"a": self.login(WORKER_A), "b": self.login(WORKER_B)}
        self.login(WORKER_A)
        self.person = self.trp.people.register(AHMED).id
        case = self.trp.services.cases.open_case(
            CaseDraft(beneficiary_id=self.person, type_code="elderly", summary="مسن يعيش وحده")
        )
        self.trp.services.cases.request_transfer(case.id, "BEN01", "انتقلت الأسرة إلى بنغازي")
        self.sync(self.trp)
        TransferDesk.of(self.hq.service).complete(case.id)
        self.sync(self.ben)
        self.sync(self.trp)

    def login(self, who: tuple[str, str], branch: SyncBranch | None = None) -> str:
        return (branch or self.trp).services.accounts.login(*who).id

    def edit(self, who: tuple[str, str], **values: Any) -> None:
        """`who` changes the person at TRP01 (an update through change capture)."""
        self.login(who)
        ctx = self.trp.services.ctx
        with ctx.db.transaction(ctx.actor()) as session:
            row = session.scalars(select(BeneficiaryRow).where(BeneficiaryRow.id == self.person))
            person = row.one()
            for name, value in values.items():
                setattr(person, name, utcnow() if value == "now" else value)

    def conflict(self, lost_disk: dict[str, Any], copy: dict[str, Any]) -> int:
        """The two changes from one base (A's on the lost disk, B's on the copy); the id of
        the open conflict HQ recorded."""
        self.save()
        self.edit(WORKER_A, **lost_disk)
        self.sync(self.trp)
        self.restore()
        self.edit(WORKER_B, **copy)
        self.sync(self.trp)
        [found] = self.desk.conflicts()
        return found.id

    # -- syncing ----------------------------------------------------------------------------

    def sync(self, branch: SyncBranch) -> None:
        if self.transport == "http":
            branch.sync.sync_now()
            return
        for _trip in range(2):  # a fork answer, then the re-based changes
            files = branch.export() or [self._poll(branch)]
            results = self.hq.service.import_files(files)
            for result in results:
                assert result.receipt is not None, result
                branch.sync.import_file(result.receipt)
            if all(r.outcome != "fork" for r in results):
                return

    @staticmethod
    def _poll(branch: SyncBranch) -> Path:
        """A stick with nothing to send asks HQ for its news (as `sync_now` polls)."""
        ctx = branch.services.ctx
        return write_poll(ctx.db, ctx.data_dir, branch.sync._party())

    def save(self) -> None:
        self.saved = self.tmp / "backup"
        self.trp.services.close()
        shutil.copytree(self.trp.folder, self.saved)
        self._reopen()

    def restore(self) -> None:
        assert self.saved is not None
        self.trp.services.close()
        shutil.rmtree(self.trp.folder)
        shutil.copytree(self.saved, self.trp.folder)
        self._reopen()

    def _reopen(self) -> None:
        services = open_branch(self.trp.folder, hasher=FAST_HASHER, today=TODAY)
        services.accounts.login(*WORKER_A)
        self.trp.services = services
        self.trp.sync = SyncService(services.ctx, self.hq.http_client)

    # -- what each side holds ---------------------------------------------------------------

    def at_hq(self) -> dict[str, Any]:
        with Session(self.hq.engine) as session:
            return _person(session, self.person)

    def at(self, branch: SyncBranch) -> dict[str, Any]:
        with branch.services.ctx.db.read() as session:
            return _person(session, self.person)

    def notices(self, branch: SyncBranch) -> list[SimpleNamespace]:
        with branch.services.ctx.db.read() as session:
            rows = session.scalars(select(ConflictNoticeRow).order_by(ConflictNoticeRow.side))
            return [
                SimpleNamespace(**{c.key: getattr(r, c.key) for c in r.__table__.columns})
                for r in rows
            ]

    def case_owner(self) -> str:
        with Session(self.hq.engine) as session:
            return str(session.scalar(select(CaseRow.origin_branch)))


def _person(session: Session, person: str) -> dict[str, Any]:
    row = session.scalars(select(BeneficiaryRow).where(BeneficiaryRow.id == person)).one()
    return {
        "notes": row.notes, "address": row.address, "deleted": row.deleted_at is not None,
        "row_version": row.row_version, "hq_version": row.hq_version,
    }  # fmt: skip
