"""Boxes drawn on a blank form for the hand that fills it in: options to tick, and one box per
digit for a national number or a date.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from app.printing.flowables import BODY, RULE, Style
from app.printing.rtl_text import text_width, visual


class Choices(Flowable):
    """Options to tick by hand, each with an empty box on its right, in as many equal columns as
    fit, right to left (Amiri has no ☐ glyph, so the boxes are drawn)."""

    BOX = 8.0
    GAP = 12.0

    def __init__(self, options: Sequence[str], style: Style = BODY) -> None:
        super().__init__()
        self.options = list(options)
        self.style = style
        self._columns = 1
        self._column_w = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        widest = max(
            self.BOX + 4 + text_width(o, self.style.font, self.style.size) for o in self.options
        )
        self._columns = max(
            1, min(len(self.options), int((availWidth + self.GAP) // (widest + self.GAP)))
        )
        self._column_w = (availWidth + self.GAP) / self._columns
        rows = -(-len(self.options) // self._columns)
        self.width = availWidth
        self.height = rows * self.style.leading
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.style.font, self.style.size)
        canvas.setFillColor(self.style.color)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.7)
        top = self.height - self.style.size * 1.05  # the first baseline, as RtlParagraph's
        for index, option in enumerate(self.options):
            row, column = divmod(index, self._columns)
            right = self.width - column * self._column_w
            y = top - row * self.style.leading
            canvas.rect(right - self.BOX, y - 0.5, self.BOX, self.BOX)
            canvas.drawRightString(right - self.BOX - 4, y, visual(option))


class DigitBoxes(Flowable):
    """Boxes for one digit each (a national number, a date), in groups joined by "/", written
    left to right and set against the right edge of the cell; optional captions under the
    groups ("يوم", "شهر", "سنة") so that nobody swaps the day and the month."""

    BOX = 12.5
    SEPARATOR = 9.0
    CAPTION = 7.5

    def __init__(self, groups: Sequence[int], captions: Sequence[str] = ()) -> None:
        super().__init__()
        self.groups = list(groups)
        self.captions = list(captions)

    def _box(self) -> float:
        """The box size: BOX, or smaller if the cell is too narrow for all the boxes."""
        room = self.width - (len(self.groups) - 1) * self.SEPARATOR
        return min(self.BOX, room / sum(self.groups))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        # Room above and below the boxes keeps the row as tall as a cell written in by hand.
        self.height = self.BOX + (22 if self.captions else 16)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(RULE)
        canvas.setFillColor(BODY.color)
        canvas.setLineWidth(0.7)
        box = self._box()
        x = self.width - sum(self.groups) * box - (len(self.groups) - 1) * self.SEPARATOR
        y = self.height - box - 6
        for index, count in enumerate(self.groups):
            if index:
                canvas.setFont(BODY.font, BODY.size)
                canvas.drawCentredString(x + self.SEPARATOR / 2, y + 2, "/")
                x += self.SEPARATOR
            if index < len(self.captions):
                canvas.setFont(BODY.font, self.CAPTION)
                middle = x + count * box / 2
                canvas.drawCentredString(middle, y - self.CAPTION - 1, visual(self.captions[index]))
            for _ in range(count):
                canvas.rect(x, y, box, box)
                x += box
