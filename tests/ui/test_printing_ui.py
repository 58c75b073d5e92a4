"""Printing in the app: the preview (pages, zoom), printing to a PDF printer with the system
dialog skipped, saving as PDF, the day's visit sheets with progress and cancel, the print
buttons of the person, household and case screens, and a scanned QR code opening its record
(in both keyboard layouts)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pypdfium2
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QDialog, QMenuBar, QWidget
from pytestqt.qtbot import QtBot

from app.domain.household import HouseholdDraft
from app.domain.record_code import RecordKind, record_code
from app.printing.document import Form, PrintMeta, render_bytes
from app.printing.flowables import para
from app.services.case_dto import CaseDraft, CaseView
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui import print_actions, print_preview
from app.ui.batch_print_dialog import BatchPrintDialog
from app.ui.beneficiary_form import BeneficiaryForm
from app.ui.household_form import HouseholdForm
from app.ui.print_preview import PrintPreviewDialog
from app.ui.search_page import SearchPage
from app.ui.worker import Worker
from tests.conftest import TODAY
from tests.printing.pdf_text import page_count
from tests.ui.conftest import WAIT_MS, type_text
from tests.ui.test_case_walks import host, open_window

pytestmark = [pytest.mark.gui]
__all__ = ["host"]

TOMORROW = TODAY + timedelta(days=1)
# The Arabic (101) keyboard: what the keys of a record code type when it is the active layout.
ARABIC_LAYOUT = {
    "a": "ش", "b": "لا", "c": "ؤ", "d": "ي", "e": "ث", "f": "ب", "h": "ه", "n": "ى", "s": "س",
}  # fmt: skip


def two_pages() -> bytes:
    meta = PrintMeta("طرابلس", "TRP01", "سعاد", datetime(2026, 11, 22, 10, 0))
    long = [para("فقرة طويلة من نص الاستمارة تملأ الصفحة الثانية سطرا بعد سطر. " * 12)] * 4
    return render_bytes([Form("الأولى", [para("نص قصير")]), Form("الثانية", long)], meta)


def previews() -> list[PrintPreviewDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreviewDialog)]


@pytest.fixture
def preview(qtbot: QtBot, ui_worker: Worker) -> Iterator[PrintPreviewDialog]:
    dialog = PrintPreviewDialog(ui_worker, two_pages(), title="test", file_name="sheets")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.rendered_pages() == [0, 1], timeout=WAIT_MS)
    yield dialog


@pytest.fixture(autouse=True)
def no_preview_left() -> Iterator[None]:
    yield
    for dialog in previews():
        dialog.close()


@pytest.fixture
def warned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(print_actions, "warn", lambda _parent, text: shown.append(text))
    return shown


def audit_actions(services: AppServices) -> list[str]:
    """The print entries of the audit log, oldest first."""
    from sqlalchemy import select

    from app.db.models import AuditRow

    with services.ctx.db.read() as session:
        rows = session.scalars(
            select(AuditRow.action).where(AuditRow.action.like("print.%")).order_by(AuditRow.seq)
        )
        return list(rows)


# ---------------------------------------------------------------- the preview


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

    def choose(_parent: QWidget, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(tmp_path / "saved"), ""

    monkeypatch.setattr(print_preview.QFileDialog, "getSaveFileName", choose)
    preview.save_pdf()
    wait_idle()
    assert asked[0].endswith("sheets.pdf")
    assert (tmp_path / "saved.pdf").read_bytes() == two_pages_of(preview)
    assert not list(tmp_path.glob("*.part"))


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


# ---------------------------------------------------------------- the day's visit sheets


def visits_tomorrow(services: AppServices, person: str, cases: int) -> list[CaseView]:
    out = []
    for _ in range(cases):
        case = services.cases.open_case(CaseDraft(person, "elderly", summary="متابعة"))
        services.case_workflow.add_event(
            case.id, "visit", {"due_on": TOMORROW.isoformat(), "place": "home"}
        )
        out.append(case)
    return out


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


# ---------------------------------------------------------------- the screens' print buttons


def test_the_person_form_prints_the_intake_form(
    qtbot: QtBot,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    form = BeneficiaryForm(worker, ui_worker, registered.id)
    qtbot.addWidget(form)
    form.show()
    wait_idle()
    assert form.print_button.isVisible()
    qtbot.mouseClick(form.print_button, Qt.MouseButton.LeftButton)
    wait_idle()
    [shown] = form.findChildren(PrintPreviewDialog)
    qtbot.waitUntil(lambda: shown.page_count() >= 1, timeout=WAIT_MS)
    assert audit_actions(worker) == ["print.intake"]
    form.start_editing()
    assert not form.print_button.isVisible()  # print what is saved, not what is being typed


def test_the_household_form_prints_once_saved(
    qtbot: QtBot,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    household = worker.households.create(HouseholdDraft(head_id=registered.id))
    form = HouseholdForm(worker, ui_worker, household_id=household.id)
    qtbot.addWidget(form)
    assert not form.print_button.isEnabled()
    wait_idle()
    assert form.print_button.isEnabled()
    form.print_household()
    wait_idle()
    assert len(form.findChildren(PrintPreviewDialog)) == 1
    assert audit_actions(worker) == ["print.household"]


def test_the_case_window_prints_its_forms(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    [case] = visits_tomorrow(worker, registered.id, 1)
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    button = window.print_button
    button.update_actions()
    actions = button.actions_by_form
    assert actions["summary"].isEnabled() and actions["visit"].isEnabled()
    assert not actions["referral"].isEnabled()  # no referral selected
    assert not actions["court"].isVisible()  # not a juvenile case
    actions["summary"].trigger()
    wait_idle()
    [shown] = window.findChildren(PrintPreviewDialog)
    assert case.number in shown.windowTitle()
    window.timeline.select_row(0)
    assert window.timeline.selected() is not None
    actions["visit"].trigger()
    wait_idle()
    assert audit_actions(worker) == ["print.case_summary", "print.visit_sheet"]


def test_a_refused_print_is_explained(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
    warned: list[str],
) -> None:
    [case] = visits_tomorrow(worker, registered.id, 1)
    worker.accounts.login("admin", "admin-demo-2026")
    print_actions.print_case(host, worker, ui_worker, case.id, "summary")
    wait_idle()
    assert warned and warned[0] != "You are not allowed to do this."  # in Arabic
    assert not previews()
    assert QApplication.overrideCursor() is None


def test_the_print_menu_offers_blank_forms_and_the_days_sheets(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    bar = QMenuBar(host)
    menu = print_actions.add_print_menu(bar, host, worker, ui_worker)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert len(texts) == 3
    menu.actions()[1].trigger()  # the blank visit sheet
    wait_idle()
    assert len(host.findChildren(PrintPreviewDialog)) == 1
    assert audit_actions(worker) == ["print.blank_visit"]
    worker.accounts.login("admin", "admin-demo-2026")
    admin_menu = print_actions.add_print_menu(QMenuBar(host), host, worker, ui_worker)
    assert len([a for a in admin_menu.actions() if not a.isSeparator()]) == 2


# ---------------------------------------------------------------- scanning a QR code


def arabic_layout(code: str) -> str:
    return "".join(ARABIC_LAYOUT.get(char, char) for char in code)


@pytest.mark.parametrize("layout", [str, arabic_layout])
def test_scanning_a_form_opens_its_record(
    qtbot: QtBot,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    layout: Callable[[str], str],
) -> None:
    page = SearchPage(worker, ui_worker)
    qtbot.addWidget(page)
    household = worker.households.create(HouseholdDraft(head_id=registered.id))
    [case] = visits_tomorrow(worker, registered.id, 1)
    for kind, record, signal in (
        (RecordKind.BENEFICIARY, registered.id, page.open_requested),
        (RecordKind.HOUSEHOLD, household.id, page.household_requested),
        (RecordKind.CASE, case.id, page.case_requested),
    ):
        typed = layout(record_code(kind, record))
        assert typed != record_code(kind, record) or layout is str
        page.box.clear()
        type_text(page.box, typed)
        with qtbot.waitSignal(signal, timeout=WAIT_MS) as caught:
            qtbot.keyClick(page.box, Qt.Key.Key_Return)
        assert caught.args == [record]
