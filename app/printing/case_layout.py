"""What the case forms share: the label/value rows that put a long value below its label, the
section headings kept with what follows them, the person's identity rows, paragraphs split at
blank lines, and the words printed for a hidden entry, a confidential case and an empty value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.platypus import Flowable, Spacer

from app.printing import case_labels_ar as labels
from app.printing.document import FRAME_W
from app.printing.flowables import HEADING, LABEL, RtlParagraph, field_table, keep, para
from app.printing.fonts import register_fonts
from app.printing.rtl_text import ltr
from app.services.case_dto import CaseView

HIDDEN_TEXT = "ملاحظة سرية — لا تُطبع"
CONFIDENTIAL = "سري"
DASH = labels.NONE_TEXT
BLANK = ""  # an empty cell, a line high: a value to write by hand
# Longer values go below their label as a paragraph that may split across pages: a table
# row cannot split, and a 4,000-character note in one cell would not fit on a page.
_SHORT = 90

Rows = list[tuple[str, str]]


def _is_long(value: str) -> bool:
    return len(value) > _SHORT or "\n" in value


def labelled(rows: Sequence[tuple[str, str]], columns: int = 2) -> list[Flowable]:
    """Label/value rows in their order: short ones in tables, long ones as paragraphs."""
    out: list[Flowable] = []
    run: Rows = []

    def flush() -> None:
        if run:
            out.append(field_table(run, FRAME_W, columns=columns if len(run) > 1 else 1))
            run.clear()

    for label, value in rows:
        if _is_long(value):
            flush()
            out += [Spacer(1, 3), para(label, LABEL), para(value)]
        else:
            run.append((label, value or DASH))
    flush()
    return out


def heading(text: str) -> Flowable:
    return para(text, HEADING)


def with_next(titles: Sequence[Flowable], body: Sequence[Flowable]) -> list[Flowable]:
    """`titles` kept on the page where `body` starts: never a title alone at a page's foot.

    Only the first two lines of a long paragraph go with them, so that a long text still
    starts on the page that has room for its beginning.
    """
    head, rest = list(titles), list(body)
    while rest and (
        isinstance(rest[0], Spacer)
        or (isinstance(rest[0], RtlParagraph) and rest[0].style in (LABEL, HEADING))
    ):
        head.append(rest.pop(0))
    if rest:
        first = rest.pop(0)
        if isinstance(first, RtlParagraph):
            register_fonts()  # measuring the lines needs the font (render registers it too)
            parts = first.split(FRAME_W, first.style.leading * 2)
            if len(parts) == 2:
                first = parts[0]
                rest.insert(0, parts[1])
        head.append(first)
    return [keep(*head), *rest]


def identity_rows(case: CaseView) -> Rows:
    return [
        ("رقم الحالة", ltr(case.number)),
        ("الاسم", case.person_name or DASH),
        ("الرقم الوطني", ltr(case.national_number or "") or DASH),
    ]


def paragraphs(text: str) -> Iterable[Flowable]:
    """One paragraph per blank-line-separated block, with a little space between them."""
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()] or [DASH]
    for index, block in enumerate(blocks):
        if index:
            yield Spacer(1, 4)
        yield para(block)
