"""The print preview (pages, zoom), printing to a PDF printer with the system dialog skipped,
saving as PDF, and the day's visit sheets with progress and cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pypdfium2
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from app.printing.document import Form, PrintMeta, render_bytes
from app.printing.flowables import para
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.common import file_dialogs
from app.ui.common.worker import Worker
from app.ui.printing.batch_print_dialog import BatchPrintDialog
from app.ui.printing.preview import PrintPreviewDialog
from tests.printing.pdf_text import page_count
from tests.ui.conftest import WAIT_MS
from tests.ui.printing.print_helpers import TOMORROW, audit_actions, previews, visits_tomorrow

pytestmark = pytest.mark.gui


def two_pages() -> bytes:
    meta = PrintMeta("طرابلس", "TRP01", "سعاد", datetime(2026, 11, 22, 10, 0))
    long = [para("فقرة طويلة من نص الاستمارة تملأ الصفحة الثانية سطرا بعد سطر. " * 12)] * 4
    return render_bytes([Form("الأولى", [para("نص قصير")]), Form("الثانية", long)], meta)


@pytest.fixture
def preview(qtbot: QtBot, ui_worker: Worker) -> Iterator[PrintPreviewDialog]:
    dialog = PrintPreviewDialog(ui_worker, two_pages(), title="test", file_name="sheets")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.rendered_pages() == [0, 1], timeout=WAIT_MS)
    yield dialog


def test_the_preview_shows_every_page_and_zoom_changes_their_size(
    qtbot: QtBot, preview: PrintPreviewDialog
) -> None:
    assert preview.page_count() == 2 and preview.page_list.count() == 2
    first = preview.pages[0]
    pixmap = first.pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() == pytest.approx(first.width(), abs=2)
    before = first.size()
    preview.step_zoom(1)
    assert first.width() > before.width() and first.height() > before.height()
    assert preview.zoom_label.text() == f"{round(preview.zoom * 100)}%"
    qtbot.waitUntil(lambda: first.rendered_at == preview.zoom, timeout=WAIT_MS)
    assert first.pixmap().width() == pytest.approx(first.width(), abs=2)
    for _ in range(3):
        preview.step_zoom(-1)
    assert first.width() < before.width()
    preview.fit_width()
    room = preview.scroller.viewport().width()
    assert room - 40 <= first.width() <= room


def test_save_as_pdf_writes_the_same_bytes(
    qtbot: QtBot,
    preview: PrintPreviewDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    wait_idle: Callable[[], None],
) -> None:
    asked: list[str] = []

    def choose(dialog: QFileDialog) -> list[str]:
        asked.append(dialog.selectedFiles()[0])
        assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)  # Arabic, RTL
        return [str(tmp_path / "saved")]

    monkeypatch.setattr(file_dialogs, "_ask", choose)
    preview.save_pdf()
    wait_idle()
    assert asked[0].endswith("sheets.pdf")
    assert (tmp_path / "saved.pdf").read_bytes() == two_pages_of(preview)
    assert not list(tmp_path.glob("*.part"))
    # The path keeps its left-to-right order inside the Arabic sentence.
    assert preview.status.text().endswith(f"\u2066{tmp_path / 'saved.pdf'}\u2069")


def test_a_failed_save_is_told_in_arabic(
    preview: PrintPreviewDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    wait_idle: Callable[[], None],
) -> None:
    from app.ui.printing import preview as preview_module

    def full(_path: Path, _pdf: bytes) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(file_dialogs, "save_file", lambda *_a: tmp_path / "x.pdf")
    monkeypatch.setattr(preview_module, "write_pdf", full)
    preview.save_pdf()
    wait_idle()
    assert preview.status.text() == "تعذر حفظ الملف: القرص ممتلئ: أفرغ بعض المساحة ثم أعد المحاولة."


def two_pages_of(preview: PrintPreviewDialog) -> bytes:
    return preview._pdf


@pytest.mark.parametrize(("pages", "expected"), [(None, 2), ((2, 2), 1)])
def test_print_paints_the_pages_on_the_chosen_printer(
    qtbot: QtBot,
    preview: PrintPreviewDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pages: tuple[int, int] | None,
    expected: int,
) -> None:
    out = tmp_path / "printed.pdf"

    def exec_(dialog: QPrintDialog) -> int:  # the user picks a PDF printer and maybe a range
        printer = dialog.printer()
        printer.setOutputFileName(str(out))
        if pages is not None:
            printer.setFromTo(*pages)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    assert preview.print_document() is True
    assert preview.printing
    qtbot.waitUntil(lambda: not preview.printing, timeout=WAIT_MS)
    assert page_count(out) == expected
    printed = pypdfium2.PdfDocument(str(out))
    source = pypdfium2.PdfDocument(two_pages_of(preview))
    try:
        width, height = printed[0].get_size()
        assert (round(width), round(height)) == (595, 842)  # A4
        first = (pages or (1, 2))[0] - 1
        # The printed sheet looks like its page of the document, not like the other page.
        same = difference(printed[0], source[first])
        other = difference(printed[0], source[1 - first])
        assert same * 2 < other, (same, other)
    finally:
        printed.close()
        source.close()


def difference(a: pypdfium2.PdfPage, b: pypdfium2.PdfPage) -> float:
    """How much two pages differ: the mean grey difference of their images (0 = the same)."""
    from PIL import ImageChops

    one, two = (p.render(scale=0.25).to_pil().convert("L") for p in (a, b))  # blurs AA
    histogram = ImageChops.difference(one, two).histogram()
    return sum(value * count for value, count in enumerate(histogram)) / (one.width * one.height)


def test_a_print_dialog_cancelled_prints_nothing(
    preview: PrintPreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda _d: QDialog.DialogCode.Rejected.value)
    assert preview.print_document() is False
    assert not preview.printing


def test_the_batch_dialog_prepares_the_days_sheets_up_to_100_percent(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    visits_tomorrow(worker, registered.id, 3)
    dialog = BatchPrintDialog(worker, ui_worker, host)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen_day() == TOMORROW
    values: list[int] = []
    dialog.bar.valueChanged.connect(values.append)
    dialog.start()
    assert dialog.running and not dialog.prepare_button.isEnabled()
    wait_idle()
    assert dialog.bar.value() == dialog.bar.maximum() == 100
    assert values == sorted(values) and values[-1] == 100
    assert dialog.preview is not None
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.page_count() == 3)
    assert audit_actions(worker) == ["print.visit_sheets"]


def test_the_batch_day_is_typed_and_a_wrong_one_is_said(
    qtbot: QtBot, host: QWidget, worker: AppServices, ui_worker: Worker
) -> None:
    dialog = BatchPrintDialog(worker, ui_worker, host)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.line.setText("32/01/2027")
    dialog.start()
    assert not dialog.running
    assert dialog.status.text() == "التاريخ غير صحيح (يوم/شهر/سنة)."
    assert audit_actions(worker) == []
    dialog.day.line.setText(TOMORROW.strftime("%d%m%Y"))
    assert dialog.chosen_day() == TOMORROW


def test_cancelling_the_batch_stops_it_and_nothing_is_printed(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    visits_tomorrow(worker, registered.id, 2)
    dialog = BatchPrintDialog(worker, ui_worker, host)
    qtbot.addWidget(dialog)
    dialog.show()
    gate = threading.Event()
    ui_worker.submit(lambda: gate.wait(WAIT_MS / 1000))  # the batch waits behind this
    dialog.start()
    dialog.cancel()  # before the worker reaches it: deterministic
    assert dialog.running and not dialog.cancel_button.isEnabled()
    gate.set()
    wait_idle()
    assert not dialog.running and dialog.isVisible()
    cancelled = QCoreApplication.translate("BatchPrintDialog", "Cancelled: nothing was printed.")
    assert dialog.status.text() == cancelled and cancelled != "Cancelled: nothing was printed."
    assert dialog.preview is None and not previews()
    assert audit_actions(worker) == []
    dialog.cancel()  # not running: Cancel closes
    assert not dialog.isVisible()


def test_a_day_without_visits_says_so(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    dialog = BatchPrintDialog(worker, ui_worker, host)
    qtbot.addWidget(dialog)
    dialog.start()
    wait_idle()
    expected = QCoreApplication.translate(
        "BatchPrintDialog", "No planned visits are due on that day."
    )
    assert dialog.status.text() == expected and dialog.preview is None
