"""One layout for every printed page: A4, right to left, the ministry's header, the branch, and a
footer with "page x of y" (counted per form, also inside a batch of many forms), the print date
and who printed; the record's QR code in the header corner of every page of a filled form.

`render(forms, meta, out)` writes one PDF holding the forms in order, each starting on a new
page. Amiri is embedded (subset).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from app.printing.flowables import INK, RULE, TITLE, QrCode, RtlParagraph, Style
from app.printing.fonts import BOLD, REGULAR, register_fonts
from app.printing.rtl_text import ltr, visual

PAGE_W, PAGE_H = A4
MARGIN_X = 16 * mm
MARGIN_TOP = 34 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X
STATE = "دولة ليبيا"
MINISTRY = "وزارة الشؤون الاجتماعية"
REGISTRY = "السجل الاجتماعي الموحد"
SUBTITLE = Style(size=11, align="center")


class Cancelled(Exception):
    """A batch was stopped by the user before it was written."""


@dataclass(frozen=True, slots=True)
class PrintMeta:
    """Who prints, where and when: shown on every page."""

    branch_name: str
    branch_code: str
    printed_by: str
    printed_at: datetime


@dataclass(slots=True)
class Form:
    """One form: its title, its content, and the QR payload of its record (None if blank)."""

    title: str
    story: list[Flowable]
    qr: str | None = None
    subtitle: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class _FormStart(Flowable):
    """Marks where a form begins, so the header and the page count know which form a page is."""

    def __init__(self, index: int, form: Form, on_form: Callable[[int], None] | None) -> None:
        super().__init__()
        self.index = index
        self.form = form
        self.on_form = on_form

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        if self.on_form is not None:
            self.on_form(self.index)  # progress; may raise Cancelled
        canvas = self.canv
        canvas._sanad_form = self.form  # type: ignore[attr-defined]
        canvas._sanad_form_index = self.index  # type: ignore[attr-defined]
        canvas._sanad_form_first_page = canvas.getPageNumber()  # type: ignore[attr-defined]


class _NumberedCanvas(Canvas):
    """Holds pages back until the end, so each footer can say "page x of y" for its form."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]

    def save(self) -> None:
        totals: dict[int, int] = {}
        for page in self._pages:
            index = page.get("_sanad_page_form", -1)
            totals[index] = totals.get(index, 0) + 1
        for page in self._pages:
            self.__dict__.update(page)
            index = self.__dict__.get("_sanad_page_form", -1)
            number = self.__dict__.get("_sanad_page_in_form", 1)
            _draw_page_count(self, number, totals.get(index, 1))
            Canvas.showPage(self)
        Canvas.save(self)


def _draw_page_count(canvas: Canvas, number: int, total: int) -> None:
    canvas.setFont(REGULAR, 9)
    canvas.setFillColor(INK)
    canvas.drawCentredString(
        PAGE_W / 2, MARGIN_BOTTOM - 13 * mm, visual(f"صفحة {number} من {total}")
    )


def _page_end(meta: PrintMeta) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        form: Form | None = getattr(canvas, "_sanad_form", None)
        first = getattr(canvas, "_sanad_form_first_page", 1)
        canvas._sanad_page_form = getattr(canvas, "_sanad_form_index", -1)  # type: ignore[attr-defined]
        canvas._sanad_page_in_form = canvas.getPageNumber() - first + 1  # type: ignore[attr-defined]
        canvas.saveState()
        right = PAGE_W - MARGIN_X
        top = PAGE_H - 12 * mm
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 11)
        canvas.drawRightString(right, top, visual(STATE))
        canvas.drawRightString(right, top - 5.5 * mm, visual(MINISTRY))
        canvas.setFont(REGULAR, 10)
        branch = f"فرع {meta.branch_name} ({ltr(meta.branch_code)})"
        canvas.drawRightString(right, top - 11 * mm, visual(branch))
        canvas.setFont(BOLD, 10)
        canvas.drawCentredString(PAGE_W / 2, top, visual(REGISTRY))
        if form is not None and form.qr:
            QrCode(form.qr, size=19 * mm).drawOn(canvas, MARGIN_X, PAGE_H - 31 * mm)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN_X, PAGE_H - MARGIN_TOP + 3 * mm, right, PAGE_H - MARGIN_TOP + 3 * mm)
        canvas.line(MARGIN_X, MARGIN_BOTTOM - 4 * mm, right, MARGIN_BOTTOM - 4 * mm)
        canvas.setFont(REGULAR, 8.5)
        stamp = meta.printed_at.strftime("%d/%m/%Y %H:%M")
        canvas.drawRightString(
            right, MARGIN_BOTTOM - 9 * mm, visual(f"طبع في {ltr(stamp)} بواسطة {meta.printed_by}")
        )
        if form is not None:
            canvas.drawString(MARGIN_X, MARGIN_BOTTOM - 9 * mm, visual(form.title))
        canvas.restoreState()

    return draw


def _story(forms: Iterable[Form], on_form: Callable[[int], None] | None) -> list[Flowable]:
    story: list[Flowable] = []
    for index, form in enumerate(forms):
        if story:
            story.append(PageBreak())
        story.append(_FormStart(index, form, on_form))
        story.append(RtlParagraph(form.title, TITLE))
        if form.subtitle:
            story.append(RtlParagraph(form.subtitle, SUBTITLE))
        story.extend(form.story)
    return story


def render(
    forms: Iterable[Form],
    meta: PrintMeta,
    out: Path | BinaryIO,
    *,
    on_form: Callable[[int], None] | None = None,
    title: str = "Sanad",
) -> int:
    """Write `forms` into one PDF at `out`; returns the number of pages.

    `on_form(i)` is called as form i is laid out (progress; raise Cancelled to stop: nothing
    is written to a path then).
    """
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=meta.printed_by,
        creator="Sanad",
    )
    frame = Frame(
        MARGIN_X, MARGIN_BOTTOM, FRAME_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body",
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=_page_end(meta))])
    doc.build(_story(forms, on_form), canvasmaker=_NumberedCanvas)
    data = buffer.getvalue()
    if isinstance(out, Path):
        part = out.with_name(out.name + ".part")
        part.write_bytes(data)
        part.replace(out)
    else:
        out.write(data)
    return int(doc.page)


def render_bytes(forms: Sequence[Form], meta: PrintMeta) -> bytes:
    buffer = io.BytesIO()
    render(forms, meta, buffer)
    return buffer.getvalue()
