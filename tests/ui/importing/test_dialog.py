"""File → Import: check (bad rows listed in Arabic, nothing written), then import the rest."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.importing.dialog import ImportDialog, Step
from app.ui.importing.report_model import ImportReportModel, report_lines

pytestmark = pytest.mark.gui

HEADER = [
    "الاسم الأول",
    "اسم الأب",
    "اسم الجد",
    "اللقب",
    "اسم الأم",
    "الجنس",
    "تاريخ الميلاد",
    "الرقم الوطني",
    "الهاتف",
    "البلدية",
]
GOOD = [
    [
        "نورية",
        "محمد",
        "علي",
        "القماطي",
        "سالمة أحمد",
        "أنثى",
        "14/02/1990",
        "219900123456",
        "0913335555",
        "LY021104",
    ],
    [
        "عادل",
        "سعيد",
        "مفتاح",
        "الزوي",
        "حليمة عمر",
        "ذكر",
        "1985-07-30",
        "119850777777",
        "0924441111",
        "",
    ],
]
BAD = [
    ["Khaled", "سالم", "علي", "الورفلي", "فاطمة", "ذكر", "1980-01-01", "11980", "0913335556", ""],
]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


@pytest.fixture
def dialog(qtbot: QtBot, worker: AppServices, ui_worker: Worker) -> ImportDialog:
    found = ImportDialog(worker, ui_worker)
    qtbot.addWidget(found)
    found.show()
    return found


def test_check_lists_bad_rows_then_imports_the_valid_ones(
    qtbot: QtBot,
    dialog: ImportDialog,
    worker: AppServices,
    tmp_path: Path,
    wait_idle: Callable[[], None],
) -> None:
    path = write_csv(tmp_path / "people.csv", [*GOOD, *BAD])
    dialog.check_file(path)
    wait_idle()
    assert dialog.step is Step.CHECKED
    assert dialog.report is not None and dialog.report.ready == 2
    assert worker.beneficiaries.search("") == []  # the check imports nothing
    lines = [
        (
            dialog.model.index(r, 0).data(),
            dialog.model.index(r, 1).data(),
            dialog.model.index(r, 2).data(),
        )
        for r in range(dialog.model.rowCount())
    ]
    assert ("4", "الاسم الأول", "اكتب الاسم بالحروف العربية فقط.") in lines
    assert ("4", "الرقم الوطني", "الرقم الوطني 12 رقمًا ويبدأ بالرقم 1 أو 2.") in lines
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "استيراد صفين صالحين"

    with qtbot.waitSignal(dialog.imported) as signal:
        dialog.import_button.click()
        wait_idle()
    assert signal.args == [2]
    assert dialog.step is Step.DONE
    assert not dialog.import_button.isEnabled()
    assert len(worker.beneficiaries.search("")) == 2

    # The same file again: both people are already registered, nothing new to import.
    dialog.check_file(path)
    wait_idle()
    assert dialog.report is not None and dialog.report.ready == 0
    assert not dialog.import_button.isEnabled()
    reasons = [dialog.model.index(r, 2).data() for r in range(dialog.model.rowCount())]
    assert reasons.count("مسجَّل مسبقًا (الرقم الوطني نفسه)") == 2


def test_a_file_with_wrong_columns_says_why(
    dialog: ImportDialog, worker: AppServices, tmp_path: Path, wait_idle: Callable[[], None]
) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("name,age\nمحمد,30\n", encoding="utf-8")
    dialog.check_file(path)
    wait_idle()
    assert dialog.step is Step.IDLE
    assert dialog.error.text().startswith("عمود غير معروف.")
    assert "age" in dialog.error.text()
    assert not dialog.import_button.isEnabled()


def test_report_model(qtmodeltester, worker: AppServices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.services.importing import ImportService

    report = ImportService(worker.ctx, worker.reference).check(
        write_csv(tmp_path / "people.csv", [*GOOD, *BAD, GOOD[0]])
    )
    model = ImportReportModel()
    model.set_lines(report_lines(report, arabic=True))
    qtmodeltester.check(model)
    assert model.rowCount() >= 3
    assert model.index(model.rowCount() - 1, 2).data() == "الرقم الوطني نفسه في الصف 2"
