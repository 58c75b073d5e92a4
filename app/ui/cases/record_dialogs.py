"""Recording what a case sends out or keeps: referrals to agencies (and their answers),
juvenile-court social reports, scanned documents, and a plan item's progress."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from app.domain.case_events import EventKind, PlanItemState, ReferralState
from app.domain.errors import DomainError, ErrorCode
from app.services.case_dto import CaseEventView, CaseView
from app.services.setup import AppServices
from app.ui.cases.event_dialogs import EventDialog, iso
from app.ui.cases.form import DateField, text_box
from app.ui.common import case_labels, file_dialogs, messages
from app.ui.common.inputs import ChoiceCombo
from app.ui.common.worker import Worker

DOCUMENT_ERRORS = frozenset(
    {ErrorCode.DOCUMENT_TOO_LARGE, ErrorCode.DOCUMENT_TYPE, ErrorCode.FILE_UNREADABLE}
)


def agency_name(services: AppServices, code: str) -> str:
    found = services.case_reference.agency(code)
    if found is None:
        return code
    return found.name_en if services.preferences.language == "en" else found.name_ar


class ReferralDialog(EventDialog):
    kind = EventKind.REFERRAL

    def __init__(
        self, services: AppServices, worker: Worker, case_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, worker, case_id, parent)
        self.setWindowTitle(self.tr("Referral"))
        english = services.preferences.language == "en"
        self.agency = ChoiceCombo(
            [
                (a.code, a.name_en if english else a.name_ar)
                for a in services.case_reference.agencies()
            ],
            self.tr("— choose the agency —"),
        )
        self.reason = text_box(100)
        self.reason.setPlaceholderText(self.tr("What the agency is asked to do, and why."))
        self.reply_due_on = DateField(self.today)
        self.form.add("agency", self.tr("Agency *"), self.agency)
        self.form.add("reason", self.tr("Reason *"), self.reason)
        self.form.add("reply_due_on", self.tr("Answer expected by"), self.reply_due_on)

    def payload(self) -> dict[str, object]:
        return {
            "agency": self.agency.code(),
            "reason": self.reason.toPlainText(),
            "reply_due_on": iso(self.reply_due_on),
        }


class ReferralStateDialog(EventDialog):
    """The agency's answer: accepted, refused, done (a correction of the referral)."""

    kind = EventKind.REFERRAL

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        referral: CaseEventView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, worker, "", parent, amends=referral)
        self.setWindowTitle(self.tr("Referral answer"))
        self.set_intro(
            self.tr("Referral to %1.").replace(
                "%1", agency_name(services, str(referral.payload.get("agency") or ""))
            )
        )
        self.state = ChoiceCombo(
            [(s.value, case_labels.event_state(s.value)) for s in ReferralState]
        )
        self.state.set_code(referral.state or ReferralState.SENT.value)
        self.response = text_box(100)
        self.response.setPlainText(str(referral.payload.get("response") or ""))
        self.form.add("state", self.tr("State of the referral"), self.state)
        self.form.add("response", self.tr("Answer of the agency"), self.response)

    def payload(self) -> dict[str, object]:
        assert self.amends is not None
        return {
            **self.amends.payload,
            "state": self.state.code(),
            "response": self.response.toPlainText(),
        }


class PlanItemStateDialog(EventDialog):
    """A plan item done or cancelled (a correction of the item)."""

    kind = EventKind.PLAN_ITEM

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        item: CaseEventView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, worker, "", parent, amends=item)
        self.setWindowTitle(self.tr("Plan item progress"))
        self.set_intro(str(item.payload.get("goal") or ""))
        self.state = ChoiceCombo(
            [(s.value, case_labels.event_state(s.value)) for s in PlanItemState]
        )
        self.state.set_code(item.state or PlanItemState.OPEN.value)
        self.form.add("state", self.tr("State of the item"), self.state)

    def payload(self) -> dict[str, object]:
        assert self.amends is not None
        return {**self.amends.payload, "state": self.state.code()}


class CourtReportDialog(EventDialog):
    """The social report a juvenile court asks for; court and file come from the case."""

    kind = EventKind.COURT_REPORT

    def __init__(
        self, services: AppServices, worker: Worker, case: CaseView, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, worker, case.id, parent)
        self.setWindowTitle(self.tr("Social report for the court"))
        self.court = QLineEdit(str(case.extra.get("court") or ""))
        self.court.setMaxLength(200)
        self.court_file_number = QLineEdit(str(case.extra.get("court_file_number") or ""))
        self.court_file_number.setMaxLength(60)
        self.court_file_number.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.hearing_on = DateField(self.today)
        hearing = case.extra.get("next_hearing_on")
        if isinstance(hearing, str) and hearing:
            self.hearing_on.set_value(date.fromisoformat(hearing))
        self.family_background = text_box(90)
        self.social_situation = text_box(90)
        self.recommendations = text_box(90)
        self.form.add("court", self.tr("Court *"), self.court)
        self.form.add("court_file_number", self.tr("Court file number *"), self.court_file_number)
        self.form.add("hearing_on", self.tr("Hearing date"), self.hearing_on)
        self.form.add("family_background", self.tr("Family background *"), self.family_background)
        self.form.add("social_situation", self.tr("Social situation *"), self.social_situation)
        self.form.add("recommendations", self.tr("Recommendations *"), self.recommendations)
        self.set_intro(
            self.tr("The report is confidential: only those who may edit the case see it.")
        )

    def payload(self) -> dict[str, object]:
        return {
            "court": self.court.text(),
            "court_file_number": self.court_file_number.text(),
            "hearing_on": iso(self.hearing_on),
            "family_background": self.family_background.toPlainText(),
            "social_situation": self.social_situation.toPlainText(),
            "recommendations": self.recommendations.toPlainText(),
        }


class DocumentDialog(EventDialog):
    """Attach a scan (PDF, JPEG, PNG or TIFF, at most 20 MB) to the case."""

    kind = EventKind.DOCUMENT

    def __init__(
        self, services: AppServices, worker: Worker, case_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, worker, case_id, parent)
        self.setWindowTitle(self.tr("Attach a document"))
        self.file = QLineEdit()
        self.file.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.file.setPlaceholderText(self.tr("No file chosen"))
        self.choose_button = QPushButton(self.tr("Choose a file…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        picker = QWidget()
        row = QHBoxLayout(picker)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file, 1)
        row.addWidget(self.choose_button)
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.title.setPlaceholderText(self.tr("For example: court decision, medical report"))
        self.confidential = QCheckBox(
            self.tr("Confidential: hidden from anyone reading the case with a reason")
        )
        self.form.add("file", self.tr("File *"), picker)
        self.form.add("title", self.tr("Title *"), self.title)
        self.form.add("confidential", self.tr("Confidentiality"), self.confidential)
        self.set_intro(self.tr("PDF, JPEG, PNG or TIFF scans, at most 20 MB."))

    def choose_file(self) -> None:
        path = file_dialogs.open_file(
            self,
            self.tr("Choose a scanned document"),
            self.tr("Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"),
        )
        if path is not None:
            self.file.setText(str(path))
            if not self.title.text().strip():
                self.title.setText(path.stem)

    def call(self) -> Callable[[], object]:
        path_text = self.file.text().strip()
        if not path_text:
            raise DomainError(ErrorCode.REQUIRED, field="file")
        if not self.title.text().strip():
            # Checked before the file is copied into the case's store.
            raise DomainError(ErrorCode.REQUIRED, field="title")
        flow, case_id = self._services.case_workflow, self.case_id
        path, title = Path(path_text), self.title.text()
        secret = self.confidential.isChecked()
        return lambda: flow.attach_document(case_id, path, title=title, confidential=secret)

    def fields_of(self, err: DomainError) -> dict[str, list[str]]:
        if err.code in DOCUMENT_ERRORS:
            return {"file": [messages.describe(err)]}
        return super().fields_of(err)
