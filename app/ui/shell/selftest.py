"""`sanad --selftest`: the installed program proves it works without a user.

It opens the branch and the main window offscreen, runs one search, lays out a blank form and
rasterizes it as the print preview does, and prints one line per check (or why it failed).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.bootstrap import build_services
from app.domain.accounts import Role
from app.services.context import CurrentUser
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.shell.main_window import MainWindow

log = logging.getLogger("sanad")
SELFTEST_QUERY = "محمد"
SELFTEST_TIMEOUT_MS = 30_000
SELFTEST_PRINT_DPI = 50.0  # enough to prove PDFium renders; small enough to take milliseconds


def run_selftest(
    qt_app: QApplication, worker: Worker, data_dir: Path, language: str, loaded: list[str]
) -> int:
    """Open the branch and the main window offscreen, run one search, report."""
    services: AppServices | None = None
    try:
        if language == "ar" and not any(p.endswith("sanad_ar.qm") for p in loaded):
            raise RuntimeError("the Arabic translation (sanad_ar.qm) was not found")
        if language == "ar" and not any(p.endswith("qtbase_ar.qm") for p in loaded):
            raise RuntimeError("Qt's Arabic translation (qtbase_ar.qm) was not found")
        services = worker.run_now(lambda: build_services(data_dir))
        worker.run_now(services.reference.municipalities)
        user = CurrentUser("selftest", "selftest", "selftest", Role.SOCIAL_WORKER)
        window = MainWindow(services, worker, user, services.ctx.branch_code, services.is_demo)
        window.show()
        qt_app.processEvents()
        if not window.isVisible():
            raise RuntimeError("the main window did not show")
        outcome: dict[str, object] = {}
        loop = QEventLoop()

        def finished(_query: str, rows: int) -> None:
            outcome.setdefault("rows", rows)
            loop.quit()

        def failed(err: object) -> None:
            outcome.setdefault("error", err)
            loop.quit()

        window.search_page.model.search_finished.connect(finished)
        window.search_page.error.connect(failed)
        QTimer.singleShot(SELFTEST_TIMEOUT_MS, loop.quit)
        window.search_page.set_query(SELFTEST_QUERY)
        loop.exec()
        if "error" in outcome:
            raise RuntimeError(f"search failed: {outcome['error']!r}")
        if "rows" not in outcome:
            raise RuntimeError("search did not answer in time")
        print(
            f"selftest ok: main window shown, search {SELFTEST_QUERY!r} found "
            f"{outcome['rows']} row(s); translations: {', '.join(loaded) or 'none'}"
        )
        window.close_forms()
        window.hide()
        print(selftest_printing(services.ctx.branch_code))
        return 0
    except Exception as err:
        log.exception("selftest failed")  # the trace goes to the log; the console gets a line
        print(f"selftest failed: {type(err).__name__}: {err}", file=sys.stderr)
        return 1
    finally:
        worker.shutdown()
        if services is not None:
            services.close()


def selftest_printing(branch_code: str) -> str:
    """Lay out the blank intake form and rasterize its first page as the preview does: a
    bundle missing reportlab's data, the Amiri font or PDFium's library fails here."""
    import io
    from datetime import UTC, datetime

    from app.printing.document import PrintMeta, render
    from app.printing.forms_person import blank_intake_form
    from app.ui.printing.pdf_pages import page_sizes, render_pages

    out = io.BytesIO()
    meta = PrintMeta("selftest", branch_code, "selftest", datetime.now(UTC))
    try:
        pages = render([blank_intake_form()], meta, out)
    except Exception as err:
        raise RuntimeError(
            f"printing failed: the blank intake form was not laid out ({err})"
        ) from err
    pdf = out.getvalue()
    if pages < 1 or b"Amiri" not in pdf:
        raise RuntimeError(f"printing failed: {pages} page(s), Amiri embedded: {b'Amiri' in pdf}")
    try:
        if len(page_sizes(pdf)) != pages:
            raise RuntimeError("PDFium counts other pages than reportlab wrote")
        [page] = render_pages(pdf, [0], SELFTEST_PRINT_DPI)
    except Exception as err:
        raise RuntimeError(f"printing failed: PDFium could not render the form ({err})") from err
    image = page.to_image()
    if image.isNull() or page.data.count(0xFF) == len(page.data):
        raise RuntimeError("printing failed: the first page rendered blank")
    return (
        f"printing ok: blank intake form, {pages} page(s), first page {page.width}x{page.height} px"
    )
