"""Opening a new case for a person: its type, summary, the type's own fields, sensitivity and
(for a supervisor) the worker it is assigned to."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout, QWidget

from app.domain.accounts import Role
from app.services.case_dto import CaseDraft
from app.services.case_reference import CaseType
from app.services.dto import UserView
from app.services.setup import AppServices
from app.ui.cases.form import CaseActionDialog, FormRows, text_box
from app.ui.cases.type_fields import TypeFields
from app.ui.common.inputs import ChoiceCombo
from app.ui.common.worker import Worker


class NewCaseDialog(CaseActionDialog):
    """`succeeded` carries the new CaseView."""

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        beneficiary_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, parent)
        self._services = services
        self._beneficiary_id = beneficiary_id
        self._english = services.preferences.language == "en"
        self._supervisor = services.ctx.require().role == Role.SUPERVISOR
        self._types: dict[str, CaseType] = {}
        self.type_fields: TypeFields | None = None
        self.setWindowTitle(self.tr("Open a new case"))
        self.ok_button.setText(self.tr("Open the case"))

        self.case_type = ChoiceCombo([], self.tr("— choose the type of case —"))
        self.case_type.currentIndexChanged.connect(self._type_changed)
        self.summary = text_box(80)
        self.summary.setPlaceholderText(self.tr("Why the case is opened, in a few lines."))
        self.sensitive = QCheckBox(
            self.tr("Sensitive case: only the assigned worker and supervisors may read it")
        )
        self.assign_to = ChoiceCombo([])
        self.form.add("type_code", self.tr("Type of case *"), self.case_type)
        self.form.add("summary", self.tr("Summary"), self.summary)
        self.form.add("sensitive", self.tr("Sensitivity"), self.sensitive)
        if self._supervisor:
            self.form.add("assigned_to", self.tr("Assign to"), self.assign_to)

        self.type_box = QGroupBox(self.tr("Details of this type of case"))
        self._type_layout = QVBoxLayout(self.type_box)
        self.type_box.hide()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(2, self.type_box)

        self.set_intro(self.tr("Loading…"))
        self.ok_button.setEnabled(False)
        svc = services

        def load() -> tuple[str, list[CaseType], list[UserView]]:
            name = svc.beneficiaries.get(beneficiary_id).full_name
            workers = svc.cases.workers() if self._supervisor else []
            return name, svc.case_reference.case_types(), workers

        worker.submit(load, self._loaded, self._failed, owner=self)

    def _loaded(self, result: tuple[str, list[CaseType], list[UserView]]) -> None:
        name, types, workers = result
        self.set_intro(self.tr("New case for: %1").replace("%1", name))
        self._types = {t.code: t for t in types}
        for t in types:
            self.case_type.addItem(t.name_en if self._english else t.name_ar, t.code)
        me = self._services.ctx.require()
        for w in workers:
            self.assign_to.addItem(w.display_name, w.id)
        self.assign_to.set_code(me.id)
        self.ok_button.setEnabled(True)
        self.case_type.setFocus()

    def _type_changed(self) -> None:
        chosen = self._types.get(self.case_type.code())
        if self.type_fields is not None:
            self.extra_forms.clear()
            old = self._type_layout.takeAt(0)
            widget = old.widget() if old is not None else None
            if widget is not None:
                widget.deleteLater()
            self.type_fields = None
        self.sensitive.setEnabled(chosen is None or not chosen.sensitive)
        if chosen is not None and chosen.sensitive:
            self.sensitive.setChecked(True)  # the service forces it too: say so up front
        self.type_box.setVisible(chosen is not None and bool(chosen.fields))
        if chosen is None or not chosen.fields:
            return
        rows = FormRows()
        self.type_fields = TypeFields(
            chosen.fields, rows, self._services.ctx.today(), self._english
        )
        self.extra_forms.append(rows)
        self._type_layout.addWidget(rows)
        rows.show()
        self.adjustSize()

    def call(self) -> Callable[[], object]:
        draft = CaseDraft(
            beneficiary_id=self._beneficiary_id,
            type_code=self.case_type.code(),
            summary=self.summary.toPlainText(),
            sensitive=self.sensitive.isChecked(),
            extra=self.type_fields.values() if self.type_fields is not None else {},
            assign_to=self.assign_to.code() or None if self._supervisor else None,
        )
        cases = self._services.cases
        return lambda: cases.open_case(draft)
