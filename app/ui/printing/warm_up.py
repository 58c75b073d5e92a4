"""Warming the print path after login, so that the first print preview opens as fast as the
next ones (cold, it loads reportlab, Amiri, the Arabic shaping and PDFium first).

A daemon thread lays out a blank form (pure Python, no database, nothing audited), then asks
the worker (PDFium runs only there) to open and render it small. It starts a few seconds after
the main window shows, so it never slows the start-up, the login or the first search.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QTimer

from app.ui.common.worker import Worker
from app.ui.printing.pdf_pages import page_sizes, render_pages

log = logging.getLogger(__name__)
DELAY_MS = 2_000
WARM_DPI = 24.0


def warm_up_printing(
    lay_out: Callable[[], bytes], worker: Worker, delay_ms: int = DELAY_MS
) -> threading.Event:
    """Warm the print path in the background; the returned event is set when it is done."""
    done = threading.Event()

    def warm() -> None:
        try:
            pdf = lay_out()
            if not worker.closed:
                worker.run_now(lambda: (page_sizes(pdf), render_pages(pdf, [0], WARM_DPI)))
        except Exception:  # a cold first preview is all it costs: never bother the user
            log.warning("printing could not be warmed up", exc_info=True)
        finally:
            done.set()

    def start() -> None:
        threading.Thread(target=warm, name="sanad-print-warm-up", daemon=True).start()

    QTimer.singleShot(delay_ms, start)
    return done
