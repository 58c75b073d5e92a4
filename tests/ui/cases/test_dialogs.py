"""The other things done in a case window: documents (too large, wrong type, a good scan),
the juvenile court report, editing the details (errors beside fields, stale versions), a
referral's answer, assignment and transfer. Checked in the database through the services."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.services.case_dto import CaseDraft
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.cases import opener
from app.ui.cases.new_dialog import NewCaseDialog
from app.ui.cases.record_dialogs import CourtReportDialog, DocumentDialog, ReferralStateDialog
from app.ui.cases.status_dialogs import AssignDialog, TransferDialog
from app.ui.common.worker import Worker
from tests.ui.cases.windows import case_in_follow_up, open_window, state

pytestmark = [
    pytest.mark.gui,
]

REQUIRED = "هذا الحقل مطلوب."
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_documents_too_large_or_of_the_wrong_type_are_refused_in_arabic(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
    tmp_path: Path,
) -> None:
    case = case_in_follow_up(worker, registered.id)
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    click(qtbot, window.action_buttons["document"])
    dialog = window.dialog
    assert isinstance(dialog, DocumentDialog)

    click(qtbot, dialog.ok_button)
    wait_idle()
    assert dialog.error_text("file") == REQUIRED

    big = tmp_path / "scan.pdf"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: 21 MB on paper, nothing on disk
    dialog.file.setText(str(big))
    dialog.title.setText("حكم المحكمة")
    click(qtbot, dialog.ok_button)
    wait_idle()
    assert dialog.error_text("file") == "حجم المستند أكبر من 20 ميغابايت."

    text = tmp_path / "letter.docx"
    text.write_bytes(b"PK\x03\x04 not a scan")
    dialog.file.setText(str(text))
    click(qtbot, dialog.ok_button)
    wait_idle()
    assert dialog.error_text("file") == (
        "يمكن إرفاق ملفات PDF أو JPEG أو PNG أو TIFF الممسوحة ضوئياً فقط."
    )
    assert state(worker, case.id).current_events("document") == []

    scan = tmp_path / "decision.png"
    scan.write_bytes(PNG)
    dialog.file.setText(str(scan))
    dialog.confidential.setChecked(True)
    click(qtbot, dialog.ok_button)
    wait_idle()
    assert window.dialog is None  # closed once saved
    [document] = state(worker, case.id).current_events("document")
    assert (document.payload["title"], document.payload["mime"], document.confidential) == (
        "حكم المحكمة",
        "image/png",
        True,
    )
    assert window.timeline.selected() is not None
    assert window.timeline.document_button.isVisible()


def test_a_juvenile_case_gets_its_court_report_prefilled_from_the_case(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    case = worker.cases.open_case(
        CaseDraft(
            beneficiary_id=registered.id,
            type_code="juvenile",
            extra={
                "court": "محكمة الأحداث بطرابلس",
                "court_file_number": "145/2026",
                "guardian_name": "علي سالم",
                "next_hearing_on": "2026-12-10",
            },
        )
    )
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    assert window.header.sensitive.isVisible()
    assert window.details.sensitive.isChecked() and not window.details.sensitive.isEnabled()
    click(qtbot, window.action_buttons["court_report"])
    report = window.dialog
    assert isinstance(report, CourtReportDialog)
    assert (report.court.text(), report.court_file_number.text()) == (
        "محكمة الأحداث بطرابلس",
        "145/2026",
    )
    assert report.hearing_on.value() is not None
    click(qtbot, report.ok_button)
    wait_idle()
    for key in ("family_background", "social_situation", "recommendations"):
        assert report.error_text(key) == REQUIRED
    report.family_background.setPlainText("يعيش مع والدته وثلاثة إخوة")
    report.social_situation.setPlainText("ترك المدرسة منذ سنة")
    report.recommendations.setPlainText("إلحاقه ببرنامج تدريب مهني")
    click(qtbot, report.ok_button)
    wait_idle()
    [saved] = state(worker, case.id).current_events("court_report")
    assert saved.confidential
    assert (saved.payload["court_file_number"], saved.payload["hearing_on"]) == (
        "145/2026",
        "2026-12-10",
    )


def test_details_are_saved_with_their_version_and_errors_shown_beside_fields(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    case = worker.cases.open_case(
        CaseDraft(
            beneficiary_id=registered.id,
            type_code="prisoner_family",
            extra={"prisoner_name": "علي", "institution": "الجديدة"},
        )
    )
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    details = window.details
    assert details.type_fields is not None
    assert not details.save_button.isEnabled()
    institution = details.type_fields.inputs["institution"]
    assert isinstance(institution, QLineEdit)
    institution.clear()
    details.summary.setPlainText("الأب موقوف منذ 2025")
    assert details.is_dirty() and details.save_button.isEnabled()
    window.save_details()
    wait_idle()
    assert details.error_text("extra.institution") == REQUIRED
    assert state(worker, case.id).summary == ""

    institution.setText("مؤسسة الإصلاح بالجديدة")
    window.save_details()
    wait_idle()
    stored = state(worker, case.id)
    assert stored.summary == "الأب موقوف منذ 2025"
    assert stored.extra["institution"] == "مؤسسة الإصلاح بالجديدة"
    assert not details.is_dirty()

    # Someone else changes the details meanwhile: saving ours is refused, nothing lost.
    worker.cases.update_details(
        case.id,
        summary="تعديل من زميل",
        extra=stored.extra,
        sensitive=False,
        row_version=stored.row_version,
    )
    details.summary.setPlainText("تعديلي أنا")
    window.save_details()
    wait_idle()
    assert window.message_text() == (
        "عدّل مستخدم آخر هذا السجل بعد أن فتحته. أغلقه ثم افتحه من جديد."
    )
    assert state(worker, case.id).summary == "تعديل من زميل"
    assert details.summary.toPlainText() == "تعديلي أنا"


def test_a_referral_gets_the_agencys_answer(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    case = case_in_follow_up(worker, registered.id)
    sent = worker.case_workflow.add_event(
        case.id, "referral", {"agency": "legal_aid", "reason": "محامٍ للأب"}
    )
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    window.timeline.select_event(sent.id)
    click(qtbot, window.timeline.referral_button)
    answer = window.dialog
    assert isinstance(answer, ReferralStateDialog)
    answer.state.set_code("accepted")
    answer.response.setPlainText("عُيّن محامٍ للأب")
    click(qtbot, answer.ok_button)
    wait_idle()
    [current] = state(worker, case.id).current_events("referral")
    assert (current.state, current.payload["response"], current.payload["agency"]) == (
        "accepted",
        "عُيّن محامٍ للأب",
        "legal_aid",
    )


def test_a_supervisor_assigns_and_a_transfer_freezes_the_case(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    case = case_in_follow_up(worker, registered.id)
    supervisor = worker.accounts.login("supervisor", "supervisor-demo-2026")
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    click(qtbot, window.action_buttons["assign"])
    assign = window.dialog
    assert isinstance(assign, AssignDialog)
    assign.assigned_to.set_code(supervisor.id)
    click(qtbot, assign.ok_button)
    wait_idle()
    assert state(worker, case.id).assigned_to == supervisor.id
    assert window.header.assigned.text() == supervisor.display_name

    click(qtbot, window.action_buttons["transfer"])
    transfer = window.dialog
    assert isinstance(transfer, TransferDialog)
    transfer.to_branch.setText("x")
    transfer.reason.setPlainText("انتقلت الأسرة إلى مصراتة")
    click(qtbot, transfer.ok_button)
    wait_idle()
    assert transfer.error_text("to_branch") == "اختر إحدى القيم الواردة في القائمة."
    transfer.to_branch.setText("MSR01")
    click(qtbot, transfer.ok_button)
    wait_idle()
    assert state(worker, case.id).transfer_to == "MSR01"
    assert "MSR01" in window.notice.text()
    assert not window.stages.isVisible()
    assert not any(b.isVisible() for b in window.action_buttons.values())


def test_a_supervisor_opens_a_sensitive_case_for_a_worker(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    social_worker = worker.ctx.require()
    worker.accounts.login("supervisor", "supervisor-demo-2026")
    dialog = opener.open_new_case(host, worker, ui_worker, registered.id)
    assert isinstance(dialog, NewCaseDialog)
    wait_idle()
    assert not dialog.sensitive.isChecked()
    dialog.case_type.set_code("women_protection")
    assert dialog.sensitive.isChecked() and not dialog.sensitive.isEnabled()
    assert dialog.type_fields is not None and "safe_contact" in dialog.type_fields.inputs
    dialog.assign_to.set_code(social_worker.id)
    click(qtbot, dialog.ok_button)
    wait_idle()
    [case] = worker.cases.cases_of(registered.id)
    assert (case.type_code, case.sensitive, case.assigned_to) == (
        "women_protection",
        True,
        social_worker.id,
    )
    # Created for someone else and sensitive: no break-the-glass question for the creator.
    assert opener.open_window(worker, case.id) is None
