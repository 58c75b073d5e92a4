"""The print preview: a printed document's pages as images (page list, scroll, zoom), printed
through the system's print dialog, or saved as a PDF file.

Pages are rasterized by pypdfium2 on the worker thread (PDFium is not thread-safe: every call
runs there, one at a time, and each call opens and closes its own document), and only the
pages in view are kept as images, so a 500-page batch previews as quickly as one form.
Printing renders one page at a time on the worker and paints it on the printer here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QKeySequence,
    QPageSize,
    QPainter,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.ui.common import file_dialogs
from app.ui.common.os_errors import os_error_text
from app.ui.common.screen_fit import fit_to_screen
from app.ui.common.worker import Worker
from app.ui.printing.pdf_pages import PageImage, page_sizes, render_pages, write_pdf

ZOOMS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)
SCREEN_DPI = 96.0  # 100 % shows a page at its size on a 96 dpi screen
PRINT_DPI_MAX = 300  # enough for text and the QR code; a 1200 dpi A4 image would be 400 MB
KEEP_AROUND = 6  # pages rendered beyond those in view (scrolling shows them at once)
GAP = 12


class PageView(QLabel):
    """One page: a white sheet of the page's size at the current zoom, its image once
    rendered."""

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.rendered_at: float | None = None
        self.setFrameShape(QFrame.Shape.Box)
        self.setStyleSheet("background: white; color: #999;")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def clear_image(self) -> None:
        self.clear()
        self.rendered_at = None


class PrintPreviewDialog(QDialog):
    """Shows `pdf` and prints or saves it. `file_name` (no extension) names the saved file."""

    def __init__(
        self,
        worker: Worker,
        pdf: bytes,
        *,
        title: str,
        file_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._worker = worker
        self._pdf = pdf
        self._file_name = file_name
        self._sizes: list[tuple[float, float]] = []
        self._zoom = 1.0
        self._fit = True
        self._pending = False
        self._printing = False
        self.pages: list[PageView] = []
        self.setWindowTitle(self.tr("Print preview — %1").replace("%1", title))

        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.clicked.connect(lambda: self.print_document())
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.clicked.connect(self.save_pdf)
        self.zoom_out_button = QPushButton(self.tr("Zoom out"))
        self.zoom_out_button.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_button.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = QPushButton(self.tr("Zoom in"))
        self.zoom_in_button.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.zoom_in_button.clicked.connect(lambda: self.step_zoom(1))
        self.fit_button = QPushButton(self.tr("Fit width"))
        self.fit_button.clicked.connect(self.fit_width)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        buttons = [self.print_button, self.save_button, self.zoom_out_button]
        buttons += [self.zoom_in_button, self.fit_button, self.close_button]
        for button in buttons:
            button.setAutoDefault(False)
        self.status = QLabel(self.tr("Preparing the pages…"))

        self.page_list = QListWidget()
        self.page_list.setMaximumWidth(130)
        self.page_list.currentRowChanged.connect(self.show_page)
        self.sheet = QWidget()
        self.sheet.setStyleSheet("background: #8a8a8a;")
        self.sheet_layout = QVBoxLayout(self.sheet)
        self.sheet_layout.setSpacing(GAP)
        self.sheet_layout.setContentsMargins(GAP, GAP, GAP, GAP)
        self.sheet_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.sheet)
        self.scroller.setWidgetResizable(True)
        self.scroller.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroller.verticalScrollBar().valueChanged.connect(lambda _v: self._schedule())
        splitter = QSplitter()
        splitter.addWidget(self.page_list)
        splitter.addWidget(self.scroller)
        splitter.setStretchFactor(1, 1)

        top = QHBoxLayout()
        top.addWidget(self.print_button)
        top.addWidget(self.save_button)
        top.addSpacing(16)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            top.addWidget(widget)
        top.addWidget(self.fit_button)
        top.addStretch(1)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(30)
        self._timer.timeout.connect(self._render_visible)
        self._set_actions_enabled(False)
        fit_to_screen(self, 980, 820)
        worker.submit(lambda: page_sizes(pdf), self._opened, self._failed, owner=self)

    # -- pages ------------------------------------------------------------------------------

    def page_count(self) -> int:
        return len(self._sizes)

    @property
    def zoom(self) -> float:
        return self._zoom

    def _opened(self, sizes: list[tuple[float, float]]) -> None:
        self._sizes = sizes
        for index in range(len(sizes)):
            self.page_list.addItem(self.tr("Page %1").replace("%1", str(index + 1)))
            page = PageView(index, self.sheet)
            self.pages.append(page)
            self.sheet_layout.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        self._set_actions_enabled(bool(sizes))
        self.status.setText(self.tr("Pages: %1").replace("%1", str(len(sizes))))
        if self._fit:
            self.fit_width()
        else:
            self.set_zoom(self._zoom)

    def _page_px(self, index: int, zoom: float) -> tuple[int, int]:
        width, height = self._sizes[index]
        scale = zoom * SCREEN_DPI / 72.0
        return round(width * scale), round(height * scale)

    def set_zoom(self, zoom: float) -> None:
        self._zoom = max(ZOOMS[0], min(ZOOMS[-1], zoom))
        self.zoom_label.setText(f"{round(self._zoom * 100)}%")
        for page in self.pages:
            page.setFixedSize(*self._page_px(page.index, self._zoom))
            if page.rendered_at is not None and page.rendered_at != self._zoom:
                page.clear_image()
        self._schedule()

    def step_zoom(self, direction: int) -> None:
        self._fit = False
        if direction > 0:
            bigger = [z for z in ZOOMS if z > self._zoom + 0.001]
            self.set_zoom(bigger[0] if bigger else ZOOMS[-1])
        else:
            smaller = [z for z in ZOOMS if z < self._zoom - 0.001]
            self.set_zoom(smaller[-1] if smaller else ZOOMS[0])

    def fit_width(self) -> None:
        self._fit = True
        if not self._sizes:
            return
        # The room left once the vertical scroll bar shows (it does for any page that fits
        # the width), so that fitting never brings a horizontal scroll bar.
        extent = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        room = self.scroller.contentsRect().width() - extent - 2 * GAP - 4
        widest = max(w for w, _h in self._sizes) * SCREEN_DPI / 72.0
        self.set_zoom(room / widest)

    def show_page(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            self.scroller.verticalScrollBar().setValue(self.pages[row].y() - GAP)

    def visible_pages(self) -> list[int]:
        top = self.scroller.verticalScrollBar().value()
        seen = QRect(0, top, self.sheet.width(), self.scroller.viewport().height())
        return [p.index for p in self.pages if p.geometry().intersects(seen)]

    def _schedule(self) -> None:
        self._timer.start()

    def _render_visible(self) -> None:
        if not self.pages:
            return
        visible = self.visible_pages() or [0]
        first, last = visible[0], visible[-1]
        keep = range(max(0, first - KEEP_AROUND), min(len(self.pages), last + KEEP_AROUND + 1))
        for page in self.pages:
            if page.index not in keep and page.rendered_at is not None:
                page.clear_image()  # bounded memory whatever the number of pages
        if visible and not self.page_list.hasFocus():
            self.page_list.blockSignals(True)
            self.page_list.setCurrentRow(first)
            self.page_list.blockSignals(False)
        wanted = [i for i in keep if self.pages[i].rendered_at != self._zoom]
        if not wanted or self._pending:
            return
        # The pages in view first, then those around them.
        wanted.sort(key=lambda i: (i not in visible, abs(i - first)))
        wanted = wanted[:4]
        zoom, pdf = self._zoom, self._pdf
        dpi = zoom * SCREEN_DPI * self.devicePixelRatioF()
        self._pending = True
        self._worker.submit(
            lambda: render_pages(pdf, wanted, dpi),
            lambda images: self._rendered(images, zoom),
            self._failed,
            owner=self,
        )

    def _rendered(self, images: list[PageImage], zoom: float) -> None:
        self._pending = False
        if zoom == self._zoom:
            for item in images:
                page = self.pages[item.index]
                pixmap = QPixmap.fromImage(item.to_image())
                pixmap.setDevicePixelRatio(self.devicePixelRatioF())
                page.setPixmap(pixmap)
                page.rendered_at = zoom
        self._schedule()  # more pages may be waiting

    def rendered_pages(self) -> list[int]:
        return [p.index for p in self.pages if p.rendered_at is not None]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit and self._sizes:
            self.fit_width()

    def _failed(self, err: BaseException) -> None:
        self._pending = False
        self._printing = False
        self._set_actions_enabled(bool(self._sizes))
        self.status.setText(self.tr("The document could not be shown or printed."))
        self._worker.unhandled_error.emit(err)

    def _set_actions_enabled(self, enabled: bool) -> None:
        for button in (self.print_button, self.save_button, self.zoom_in_button):
            button.setEnabled(enabled and not self._printing)
        self.zoom_out_button.setEnabled(enabled)
        self.fit_button.setEnabled(enabled)

    # -- saving -----------------------------------------------------------------------------

    def save_pdf(self) -> None:
        chosen = file_dialogs.save_file(
            self, self.tr("Save as PDF"), f"{self._file_name}.pdf", self.tr("PDF files (*.pdf)")
        )
        if chosen is None:
            return
        path = str(chosen)
        target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        pdf = self._pdf
        self.status.setText(self.tr("Saving…"))
        self._worker.submit(
            lambda: write_pdf(target, pdf), self._saved, self._save_failed, owner=self
        )

    def _saved(self, path: Path) -> None:
        self.status.setText(self.tr("Saved to %1").replace("%1", file_dialogs.isolate(path)))

    def _save_failed(self, err: BaseException) -> None:
        if isinstance(err, OSError):
            self.status.setText(
                self.tr("The file could not be saved: %1").replace("%1", os_error_text(err))
            )
        else:
            self._failed(err)

    # -- printing ---------------------------------------------------------------------------

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Ask where and what to print (the system dialog), then print. False if cancelled."""
        if self._printing or not self._sizes:
            return False
        printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._file_name)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)  # the document has its own margins
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, len(self._sizes))
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            return False
        first, last = printer.fromPage(), printer.toPage()
        if first == 0:
            first, last = 1, len(self._sizes)
        painter = QPainter()
        if not painter.begin(printer):
            self.status.setText(self.tr("The printer could not be started."))
            return False
        self._printing = True
        self._set_actions_enabled(True)
        dpi = float(min(printer.resolution(), PRINT_DPI_MAX))
        self._print_page(printer, painter, list(range(first - 1, last)), 0, dpi)
        return True

    def _print_page(
        self, printer: QPrinter, painter: QPainter, indexes: list[int], done: int, dpi: float
    ) -> None:
        if done == len(indexes):
            painter.end()
            self._printing = False
            self._set_actions_enabled(True)
            self.status.setText(
                self.tr("Sent to the printer (pages: %1).").replace("%1", str(done))
            )
            return
        self.status.setText(
            self.tr("Printing page %1 of %2…")
            .replace("%1", str(done + 1))
            .replace("%2", str(len(indexes)))
        )
        pdf, index = self._pdf, indexes[done]

        def paint(images: list[PageImage]) -> None:
            if done:
                printer.newPage()
            image = images[0].to_image()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.x(), area.y(), size.width(), size.height())
            painter.drawImage(target, image)
            self._print_page(printer, painter, indexes, done + 1, dpi)

        def failed(err: BaseException) -> None:
            painter.end()
            self._failed(err)

        self._worker.submit(lambda: render_pages(pdf, [index], dpi), paint, failed, owner=self)

    @property
    def printing(self) -> bool:
        return self._printing

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._printing:  # the painter is open on the printer: let the last pages go out
            self.status.setText(self.tr("Wait until the printing ends."))
            event.ignore()
            return
        super().closeEvent(event)
