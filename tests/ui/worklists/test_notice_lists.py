"""The work lists' notices from HQ (a conflict decided against the worker's change) and the
supervisors' open duplicate flags: shown in Arabic, marked read, opening the person's form."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.db.clock import utcnow
from app.db.conflict_models import ConflictNoticeRow
from app.db.models import DuplicateFlagRow
from app.domain.errors import DomainError, ErrorCode
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.worklists.case_list_model import TypeNames
from app.ui.worklists.my_cases_page import MyCasesPage
from app.ui.worklists.supervisor_page import SupervisorPage
from tests.ui.arabic_checks import assert_arabic
from tests.ui.conftest import person

pytestmark = pytest.mark.gui


def _notice(conflict: int, user: str, who: BeneficiaryView, field: str, lost: str | None,
            kept: str | None) -> ConflictNoticeRow:  # fmt: skip
    return ConflictNoticeRow(
        conflict_id=conflict, side="branch", user_id=user, table_name="beneficiaries",
        row_id=who.id, person_id=who.id, field=field, lost_value=lost, kept_value=kept,
        decided_by="سعاد المبروك", reason="تحققنا من الملف الورقي", decided_at=utcnow(),
        received_at=utcnow(),
    )  # fmt: skip


def test_a_worker_sees_their_notices_and_marks_them_read(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    me = worker.ctx.require().id
    ahmed = worker.beneficiaries.register(person())
    with worker.ctx.db.transaction(None) as session:
        session.add(_notice(1, me, ahmed, "address", "حي الأندلس", "طريق الشط"))
        session.add(_notice(2, me, ahmed, "deleted_at", None, "2026-11-20T10:00:00"))
        session.add(_notice(3, "someone-else", ahmed, "notes", "أ", "ب"))
    page = MyCasesPage(worker, ui_worker, TypeNames())
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.refresh()
    wait_idle()
    notices = page.notices
    assert notices.isVisible() and notices.table.rowCount() == 2  # only this worker's
    cells = {notices.table.item(r, 1).text(): r for r in range(2)}
    row = cells["العنوان"]
    texts = [notices.table.item(row, c).text() for c in range(7)]
    assert texts[0] == ahmed.full_name and texts[2:6] == [
        "حي الأندلس", "طريق الشط", "سعاد المبروك", "تحققنا من الملف الورقي",
    ]  # fmt: skip
    other = 1 - row
    assert notices.table.item(other, 1).text() == "السجل نفسه"
    assert (notices.table.item(other, 2).text(), notices.table.item(other, 3).text()) == (
        "قائم", "محذوف",
    )  # fmt: skip
    assert_arabic(page)
    opened: list[str] = []
    page.open_person_requested.connect(opened.append)
    notices.table.itemActivated.emit(notices.table.item(row, 0))
    assert opened == [ahmed.id]
    assert not notices.mark_button.isEnabled()
    notices.table.setCurrentCell(row, 0)
    assert notices.mark_button.isEnabled()
    notices.mark_button.click()
    wait_idle()
    assert notices.table.rowCount() == 1 and notices.table.item(0, 1).text() == "السجل نفسه"
    assert [n.conflict_id for n in worker.conflict_notices.my_notices()] == [2]
    assert len(worker.conflict_notices.my_notices(unread_only=False)) == 2
    with pytest.raises(DomainError) as caught:
        worker.conflict_notices.mark_read(3, "branch")  # another worker's
    assert caught.value.code == ErrorCode.PERMISSION_DENIED
    with pytest.raises(DomainError) as caught:
        worker.conflict_notices.mark_read(99, "branch")
    assert caught.value.code == ErrorCode.NOT_FOUND
    notices.table.setCurrentCell(0, 0)
    notices.mark_button.click()
    wait_idle()
    assert notices.isHidden()  # nothing unread: the list goes away


def test_supervisors_see_the_open_duplicate_flags(
    qtbot: QtBot, services: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    services.accounts.login("worker", "worker-demo-2026")
    ahmed = services.beneficiaries.register(person())
    with services.ctx.db.transaction(None) as session:
        session.add(DuplicateFlagRow(
            pair_id=4, beneficiary_id=ahmed.id, other_branch="BEN01", other_person="b" * 36,
            matched="national_number,name", received_at=utcnow(),
        ))  # fmt: skip
    with pytest.raises(DomainError):  # a social worker has no such list
        services.registry_flags.open_flags()
    services.accounts.login("supervisor", "supervisor-demo-2026")
    page = SupervisorPage(services, ui_worker, TypeNames())
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.refresh()
    wait_idle()
    flags = page.flags
    assert flags.isVisible() and flags.table.rowCount() == 1
    assert flags.table.item(0, 0).text() == ahmed.full_name
    assert "BEN01" in flags.table.item(0, 2).text()
    assert flags.table.item(0, 4).text() == "الرقم الوطني، الاسم الرباعي"
    assert flags.title.text() == "قد يكون مسجلاً في فرع آخر أيضاً (1)"
    opened: list[str] = []
    page.open_person_requested.connect(opened.append)
    flags.table.itemDoubleClicked.emit(flags.table.item(0, 3))
    assert opened == [ahmed.id]
    assert page.notices.isHidden()  # the supervisor has no notice
