"""Right-to-left building blocks for reportlab's platypus: paragraphs that wrap in logical
order and split across pages, label/value tables with the labels on the right, data tables
whose first column is the rightmost, section titles, lines and boxes to write in by hand,
signature boxes and the record's QR code.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import segno
from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from app.printing.fonts import BOLD, REGULAR
from app.printing.rtl_text import visual, wrap

INK = colors.HexColor("#1b1b1b")
RULE = colors.HexColor("#6b7280")
SHADE = colors.HexColor("#eef1f5")
LEADING = 1.45  # line height as a multiple of the font size (Amiri's tall ascenders)


@dataclass(frozen=True, slots=True)
class Style:
    font: str = REGULAR
    size: float = 11
    align: str = "right"  # right | center | left
    color: colors.Color = INK

    @property
    def leading(self) -> float:
        return self.size * LEADING


BODY = Style()
SMALL = Style(size=9)
LABEL = Style(font=BOLD, size=10)
TITLE = Style(font=BOLD, size=16, align="center")
HEADING = Style(font=BOLD, size=12.5)


class RtlParagraph(Flowable):
    """A paragraph of Arabic (with Latin and numbers), wrapped in logical order, drawn RTL.

    Splits between lines when it does not fit on the page.
    """

    def __init__(self, text: str, style: Style = BODY, *, lines: list[str] | None = None) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._lines = lines
        self._fixed = lines is not None  # a part of a split paragraph keeps its lines
        self._width = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if not self._fixed and (self._lines is None or self._width != availWidth):
            self._lines = wrap(self.text, self.style.font, self.style.size, availWidth)
            self._width = availWidth
        self.width = availWidth
        self.height = len(self._lines or []) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        assert self._lines is not None
        fit = int(availHeight // self.style.leading)
        if fit <= 0 or fit >= len(self._lines):
            return [] if fit <= 0 else [self]
        return [
            RtlParagraph(self.text, self.style, lines=self._lines[:fit]),
            RtlParagraph(self.text, self.style, lines=self._lines[fit:]),
        ]

    def draw(self) -> None:
        canvas = self.canv
        style = self.style
        canvas.setFont(style.font, style.size)
        canvas.setFillColor(style.color)
        y = self.height - style.size * 1.05
        for line in self._lines or []:
            drawn = visual(line)
            if style.align == "center":
                canvas.drawCentredString(self.width / 2, y, drawn)
            elif style.align == "left":
                canvas.drawString(0, y, drawn)
            else:
                canvas.drawRightString(self.width, y, drawn)
            y -= style.leading


def para(text: object, style: Style = BODY) -> RtlParagraph:
    return RtlParagraph("" if text is None else str(text), style)


def _grid(extra: Sequence[Any] = ()) -> TableStyle:
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.6, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *extra,
        ]
    )


def field_table(
    rows: Sequence[tuple[str, object]], width: float, *, columns: int = 1, label_share: float = 0.3
) -> Table:
    """Label/value pairs, the label on the right of its value; `columns` pairs per row.

    Pairs are laid out right to left: the first pair is the rightmost of the first row.
    """
    pair_width = width / columns
    label_w = pair_width * label_share
    value_w = pair_width - label_w
    data: list[list[Flowable | str]] = []
    for start in range(0, len(rows), columns):
        chunk = list(rows[start : start + columns])
        chunk += [("", "")] * (columns - len(chunk))
        cells: list[Flowable | str] = []
        for label, value in reversed(chunk):  # the first pair goes rightmost
            cells += [para(value), para(label, LABEL)]
        data.append(cells)
    widths = [value_w, label_w] * columns
    shade = [("BACKGROUND", (i, 0), (i, -1), SHADE) for i in range(1, 2 * columns, 2)]
    return Table(data, colWidths=widths, style=_grid(shade), hAlign="RIGHT")


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    repeat_header: bool = True,
) -> Table:
    """Rows of values under a header; the first logical column is the rightmost."""
    data: list[list[Flowable]] = [[para(h, LABEL) for h in reversed(header)]]
    for row in rows:
        data.append([para(v) for v in reversed(list(row))])
    style = _grid([("BACKGROUND", (0, 0), (-1, 0), SHADE)])
    return Table(
        data,
        colWidths=list(reversed(list(widths))),
        style=style,
        repeatRows=1 if repeat_header else 0,
        hAlign="RIGHT",
    )


class Rule(Flowable):
    """A horizontal line across the frame, with space around it."""

    def __init__(self, space: float = 6, weight: float = 0.8) -> None:
        super().__init__()
        self.space = space
        self.weight = weight

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.space * 2

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(self.weight)
        self.canv.line(0, self.space, self.width, self.space)


class WriteLines(Flowable):
    """`count` dotted lines to write on by hand, under an optional label on the right."""

    def __init__(self, label: str, count: int = 3, gap: float = 22) -> None:
        super().__init__()
        self.label = label
        self.count = count
        self.gap = gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = self.count * self.gap + (LABEL.leading if self.label else 0)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        if self.label:
            canvas.setFont(LABEL.font, LABEL.size)
            canvas.setFillColor(INK)
            canvas.drawRightString(self.width, top - LABEL.size, visual(self.label))
            top -= LABEL.leading
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.setDash(1, 2)
        for i in range(self.count):
            y = top - (i + 1) * self.gap + 4
            canvas.line(0, y, self.width, y)
        canvas.setDash()


class SignatureBoxes(Flowable):
    """Boxes side by side (signature, thumbprint...), titled, right to left."""

    def __init__(self, titles: Sequence[str], height: float = 70) -> None:
        super().__init__()
        self.titles = list(titles)
        self.box_height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = self.box_height + LABEL.leading + 4
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        gap = 10
        n = len(self.titles)
        box_w = (self.width - gap * (n - 1)) / n
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.8)
        canvas.setFont(LABEL.font, LABEL.size)
        canvas.setFillColor(INK)
        for i, title in enumerate(self.titles):
            right = self.width - i * (box_w + gap)
            canvas.rect(right - box_w, 0, box_w, self.box_height)
            canvas.drawCentredString(right - box_w / 2, self.box_height + 5, visual(title))


@lru_cache(maxsize=4096)
def qr_runs(payload: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR code of `payload` (error correction M) as (modules, dark runs (row, col, len)).

    The mask is fixed (pattern 0) instead of scored over all eight: scoring is 80 % of the
    cost (6 ms a code), and a printed code at this size scans the same either way.
    """
    code = segno.make_qr(payload, error="m", boost_error=False, mask=0)
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(code.matrix):
        c = 0
        for dark, group in itertools.groupby(bool(m) for m in row):
            length = len(list(group))
            if dark:
                runs.append((r, c, length))
            c += length
    return len(code.matrix), tuple(runs)


class QrCode(Flowable):
    """The record's QR code, drawn as one filled path (fast in batches of hundreds)."""

    def __init__(self, payload: str, size: float = 64, border: int = 2) -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self.border = border

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = self.size, self.size
        return self.width, self.height

    def draw(self) -> None:
        count, runs = qr_runs(self.payload)
        box = self.size / (count + 2 * self.border)
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.black)
        path = canvas.beginPath()
        for r, c, length in runs:
            x = (c + self.border) * box
            y = self.size - (r + self.border + 1) * box
            path.rect(x, y, length * box, box)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))
