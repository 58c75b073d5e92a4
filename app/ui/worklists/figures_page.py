"""The branch figures tab (supervisors, auditors): cases opened and closed per month and type
over a chosen period, average time to close, overdue rate; export to CSV or Excel (audited);
and, on its "People" tab, the beneficiaries today by sex, age band and municipality."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.case_export import ExportFormat, ExportResult, FigureLabels
from app.services.case_figures import BranchFigures
from app.services.case_reference import CaseType
from app.services.people_figures import PeopleFigures
from app.services.setup import AppServices
from app.ui.common import file_dialogs
from app.ui.common.inputs import date_edit
from app.ui.common.os_errors import os_error_text
from app.ui.common.worker import Worker
from app.ui.worklists.case_list_model import TypeNames
from app.ui.worklists.figures_model import MonthFiguresModel, TypeFiguresModel, days_text, rate_text
from app.ui.worklists.people_figures_panel import PeopleFiguresPanel
from app.ui.worklists.widgets import ALERT, Chip, ProblemLabel, chip_style, figure_table

MONTH_FORMAT = "MM/yyyy"


class FiguresPage(QWidget):
    error = Signal(object)
    exported = Signal(object)  # ExportResult

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        type_names: TypeNames,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self._type_names = type_names
        self.figures: BranchFigures | None = None

        title = QLabel(self.tr("Branch figures"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        first, last = services.case_figures.default_period()
        self.since = self._month_edit(first)
        self.until = self._month_edit(last)
        self.type_combo = QComboBox()
        self.type_combo.setMinimumContentsLength(18)
        self.type_combo.addItem(self.tr("All types"), None)
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.refresh)
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.csv_button.clicked.connect(lambda: self.export(ExportFormat.CSV))
        self.xlsx_button = QPushButton(self.tr("Export Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.export(ExportFormat.XLSX))

        period = QHBoxLayout()
        period.addWidget(title)
        period.addSpacing(16)
        period.addWidget(QLabel(self.tr("From")))
        period.addWidget(self.since)
        period.addWidget(QLabel(self.tr("To")))
        period.addWidget(self.until)
        period.addWidget(QLabel(self.tr("Case type")))
        period.addWidget(self.type_combo)
        period.addWidget(self.show_button)
        period.addStretch(1)
        period.addWidget(self.csv_button)
        period.addWidget(self.xlsx_button)

        self.opened_chip = Chip()
        self.closed_chip = Chip()
        self.average_chip = Chip()
        self.overdue_chip = Chip(chip_style(ALERT))
        chips = QHBoxLayout()
        for chip in (self.opened_chip, self.closed_chip, self.average_chip, self.overdue_chip):
            chips.addWidget(chip)
        chips.addStretch(1)

        self.months = MonthFiguresModel(self)
        self.types = TypeFiguresModel(type_names, self)
        self.month_table = figure_table(self.months)
        self.type_table = figure_table(self.types)
        self.month_heading = QLabel()
        self.type_heading = QLabel(self.tr("Per case type (open and overdue: today)"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        for label, table in (
            (self.month_heading, self.month_table),
            (self.type_heading, self.type_table),
        ):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            label.setStyleSheet("font-weight: bold;")
            box_layout.addWidget(label)
            box_layout.addWidget(table, 1)
            splitter.addWidget(box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([380, 860])
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.problem = ProblemLabel()
        self._type_changed()
        self.people_figures: PeopleFigures | None = None
        self.people = PeopleFiguresPanel(english=type_names.english)
        cases = QWidget()
        cases_layout = QVBoxLayout(cases)
        cases_layout.setContentsMargins(4, 4, 4, 4)
        cases_layout.addLayout(chips)
        cases_layout.addWidget(splitter, 1)
        self.views = QTabWidget()
        self.views.setObjectName("figure_views")
        self.views.addTab(cases, self.tr("Cases"))
        self.views.addTab(self.people, self.tr("People (today)"))

        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.problem)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.status_label)

    def _month_edit(self, day: date) -> QDateEdit:
        return date_edit(day.replace(day=1), MONTH_FORMAT)

    def period(self) -> tuple[date, date]:
        # Read the dates, never the text (RTL reverses the sections of the text).
        since, until = self.since.date(), self.until.date()
        return date(since.year(), since.month(), 1), date(until.year(), until.month(), 1)

    def set_period(self, first: date, last: date) -> None:
        self.since.setDate(QDate(first.year, first.month, 1))
        self.until.setDate(QDate(last.year, last.month, 1))

    # -- data ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        services = self._services
        first, last = self.period()

        def load() -> tuple[list[CaseType], BranchFigures, PeopleFigures]:
            types = list(services.case_reference.case_types())  # a new version: new names
            figures = services.case_figures
            return types, figures.figures(first, last), figures.people()

        self.show_button.setEnabled(False)
        self._worker.submit(load, self._arrived, self._failed, owner=self)

    def _failed(self, err: BaseException) -> None:
        self.show_button.setEnabled(True)
        if not self.problem.show_error(err):
            self.error.emit(err)

    def _arrived(self, answer: tuple[list[CaseType], BranchFigures, PeopleFigures]) -> None:
        types, figures, people = answer
        self.people_figures = people
        self.people.show_figures(people)
        if types:
            self._type_names.load(types)
        self.show_button.setEnabled(True)
        self.problem.hide()
        self.figures = figures
        chosen = self.type_combo.currentData()
        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        self.type_combo.addItem(self.tr("All types"), None)
        for code in figures.type_codes():
            self.type_combo.addItem(self._type_names(code), code)
        found = self.type_combo.findData(chosen)
        self.type_combo.setCurrentIndex(max(0, found))
        self.type_combo.blockSignals(False)
        total = figures.total
        self.opened_chip.show_count(self.tr("Opened"), total.opened)
        self.closed_chip.show_count(self.tr("Closed"), total.closed)
        self.average_chip.setText(
            self.tr("Average time to close: %1 days").replace(
                "%1", days_text(total.average_days_to_close)
            )
        )
        self.overdue_chip.setText(
            self.tr("Overdue today: %1 of %2 open cases (%3)")
            .replace("%1", str(total.overdue_now))
            .replace("%2", str(total.open_now))
            .replace("%3", rate_text(total.overdue_rate))
        )
        self.types.show(figures)
        self._type_changed()

    def _type_changed(self, _index: int = 0) -> None:
        code = self.type_combo.currentData()
        self.months.show(self.figures, code)
        heading = self.tr("Opened and closed per month")
        if code is not None:
            heading = f"{heading} — {self.type_combo.currentText()}"
        self.month_heading.setText(heading)

    # -- export -------------------------------------------------------------------------------

    def labels(self) -> FigureLabels:
        return FigureLabels(
            title=self.tr("Case figures"),
            branch=self.tr("Branch"),
            period=self.tr("Period"),
            as_of=self.tr("Open and overdue as of"),
            by_month=self.tr("Per month"),
            by_type=self.tr("Per case type"),
            month=self.tr("Month"),
            case_type=self.tr("Case type"),
            opened=self.tr("Opened"),
            closed=self.tr("Closed"),
            average_days=self.tr("Average days to close"),
            open_now=self.tr("Open"),
            overdue_now=self.tr("Overdue"),
            overdue_rate=self.tr("Overdue rate (%)"),
            all_types=self.tr("All types"),
            right_to_left=self.isRightToLeft(),
        )

    def ask_export_path(self, fmt: ExportFormat) -> Path | None:
        """Where to save (a save dialog); None if the user cancels."""
        first, last = self.period()
        name = f"case-figures-{first:%Y-%m}-{last:%Y-%m}.{fmt.value}"
        pattern = (
            self.tr("CSV files (*.csv)")
            if fmt == ExportFormat.CSV
            else self.tr("Excel files (*.xlsx)")
        )
        path = file_dialogs.save_file(self, self.tr("Export the figures"), name, pattern)
        if path is None:
            return None
        return path if path.suffix.lower() == f".{fmt.value}" else path.with_suffix(f".{fmt.value}")

    def export(self, fmt: ExportFormat) -> None:
        path = self.ask_export_path(fmt)
        if path is None:
            return
        first, last = self.period()
        services, labels = self._services, self.labels()
        names = self._type_names.as_dict()
        language = services.preferences.language

        def write() -> ExportResult:
            return services.case_export.export_figures(
                path, first, last, fmt=fmt, labels=labels, language=language, type_names=names
            )

        self.csv_button.setEnabled(False)
        self.xlsx_button.setEnabled(False)
        self.status_label.setText(self.tr("Exporting…"))
        self._worker.submit(write, self._export_done, self._export_failed, owner=self)

    def _export_done(self, result: ExportResult) -> None:
        self.csv_button.setEnabled(True)
        self.xlsx_button.setEnabled(True)
        self.status_label.setText(
            self.tr("Saved to %1").replace("%1", file_dialogs.isolate(result.path))
        )
        self.exported.emit(result)

    def _export_failed(self, err: BaseException) -> None:
        self.csv_button.setEnabled(True)
        self.xlsx_button.setEnabled(True)
        self.status_label.clear()
        if isinstance(err, OSError):
            QMessageBox.warning(
                self,
                self.tr("Export the figures"),
                self.tr("The file could not be written:\n%1").replace("%1", os_error_text(err)),
            )
            return
        if not self.problem.show_error(err):
            self.error.emit(err)
