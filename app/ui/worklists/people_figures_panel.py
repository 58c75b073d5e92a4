"""The "People" side of the branch figures: beneficiaries by sex, by age band and by
municipality, each with how many have an open case (app.services.people_figures defines
both counts). Three small tables, each with its total."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.services.people_figures import PeopleCount, PeopleFigures
from app.ui.common import labels
from app.ui.worklists.figures_model import FigureTable
from app.ui.worklists.widgets import figure_table

translate = QCoreApplication.translate

COL_GROUP = 0
COL_REGISTERED = 1
COL_OPEN_CASE = 2


def age_label(key: str) -> str:
    return {
        "0-5": translate("PeopleFigures", "0 to 5 years"),
        "6-17": translate("PeopleFigures", "6 to 17 years"),
        "18-59": translate("PeopleFigures", "18 to 59 years"),
        "60+": translate("PeopleFigures", "60 years and over"),
    }.get(key, key)


class PeopleFiguresModel(FigureTable):
    """One grouping of the people: a row per group, then the total."""

    def __init__(self, group: str, parent: Any = None) -> None:
        super().__init__(
            [
                group,
                translate("PeopleFigures", "Registered"),
                translate("PeopleFigures", "With an open case"),
            ],
            parent,
        )

    def show(self, rows: tuple[PeopleCount, ...], name: Any, total: tuple[int, int]) -> None:
        out = [[name(r), str(r.registered), str(r.with_open_case)] for r in rows]
        out.append([translate("PeopleFigures", "Total"), str(total[0]), str(total[1])])
        self._set_rows(out, total_row=True)


class PeopleFiguresPanel(QWidget):
    def __init__(self, english: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._english = english
        self.heading = QLabel(
            self.tr(
                "People registered at the branch today, and how many of them have an open case "
                "(new, assessment, plan or follow-up; a person with two open cases counts once). "
                "Age in whole years today."
            )
        )
        self.heading.setWordWrap(True)
        self.by_sex = PeopleFiguresModel(self.tr("Sex"), self)
        self.by_age = PeopleFiguresModel(self.tr("Age band"), self)
        self.by_municipality = PeopleFiguresModel(self.tr("Municipality"), self)
        tables = QHBoxLayout()
        for title, model, stretch in (
            (self.tr("By sex"), self.by_sex, 2),
            (self.tr("By age band"), self.by_age, 2),
            (self.tr("By municipality"), self.by_municipality, 3),
        ):
            box = QVBoxLayout()
            label = QLabel(title)
            label.setStyleSheet("font-weight: bold;")
            box.addWidget(label)
            box.addWidget(figure_table(model), 1)
            tables.addLayout(box, stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(tables, 1)

    def show_figures(self, figures: PeopleFigures | None) -> None:
        if figures is None:
            return
        total = (figures.registered, figures.with_open_case)
        self.by_sex.show(figures.by_sex, lambda r: labels.sex(r.key), total)
        self.by_age.show(figures.by_age, lambda r: age_label(r.key), total)
        self.by_municipality.show(figures.by_municipality, self._place, total)

    def _place(self, row: PeopleCount) -> str:
        if not row.key:
            return self.tr("Not given")
        name = row.name_en if self._english else row.name_ar
        return name or row.key
