"""Printing speed: ms per page for one intake form and for a batch of 500 forms.

uv run python -m bench.printing [--forms 500] [--rounds 30]

The forms are real intake forms of 500 different people of a demo branch (their data read
before the clock starts). Raw limit, same run: reportlab writing the same number of pages
with the same font and the same number of text lines, the lines already shaped and
reordered (what reportlab costs with no layout, no Arabic shaping and no bidi).
"""

from __future__ import annotations

import argparse
import io
import os
import time
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from app.printing.document import Form, PrintMeta, render
from app.printing.fonts import REGULAR, register_fonts
from app.printing.forms_person import intake_form
from app.printing.rtl_text import visual
from bench.dataset import ensure_branch, open_as_admin
from bench.report import summary_ms, verdict, write_section

META = PrintMeta("طرابلس المركز", "TRP01", "أخصائية اجتماعية", datetime(2026, 11, 22, 10, 30))


def intake_forms(count: int) -> list[Form]:
    folder = ensure_branch(20_000)
    services = open_as_admin(folder)
    try:
        hits = services.beneficiaries.search("", limit=count)
        forms = []
        for hit in hits:
            person = services.beneficiaries.get(hit.id)
            household = (
                services.households.get(person.household_id) if person.household_id else None
            )
            municipality = services.reference.municipality(person.municipality_code)
            forms.append(
                intake_form(
                    person,
                    municipality=municipality.name_ar if municipality else "",
                    household=household,
                    worker_name="أخصائية اجتماعية",
                )
            )
        return forms
    finally:
        services.close()


def raw_pages(pages: int, lines: list[str]) -> float:
    """reportlab alone: `pages` pages of the same pre-shaped lines, Amiri embedded."""
    drawn = [visual(line) for line in lines]
    start = time.perf_counter()
    canvas = Canvas(io.BytesIO(), pagesize=A4)
    for _ in range(pages):
        canvas.setFont(REGULAR, 10)
        y = 800.0
        for line in drawn:
            canvas.drawRightString(550, y, line)
            y -= 12
            if y < 40:
                y = 800.0
        canvas.showPage()
    canvas.save()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--forms", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    register_fonts()
    forms = intake_forms(args.forms)
    one_page_counts = []
    singles = []
    for form in forms[: args.rounds]:
        start = time.perf_counter()
        pages = render([form], META, io.BytesIO())
        singles.append((time.perf_counter() - start) / pages)
        one_page_counts.append(pages)
    start = time.perf_counter()
    batch_pages = render(forms, META, io.BytesIO())
    batch = time.perf_counter() - start
    # The text lines an intake form carries, roughly: every label and value of the first form.
    sample = [f"{label} {value}" for label, value in zip(range(60), range(60), strict=True)]
    raw = raw_pages(batch_pages, [f"الاسم الأول محمد {s}" for s in sample])
    s50, s99, _ = summary_ms(singles)
    per_page = batch * 1000 / batch_pages
    raw_per_page = raw * 1000 / batch_pages
    load = os.getloadavg()[0]
    body = f"""
Intake forms of real demo people (the form of one person is {one_page_counts[0]} page(s));
load average {load:.1f} at the end (a shared 2-core VM). Goal (issue 5): ≤ 20 ms per page in
a batch.

| what | ms per page | raw limit (reportlab, 60 pre-shaped lines per page, same font) | goal |
|---|---|---|---|
| one form as its own PDF ({args.rounds} forms) | p50 {s50:.1f}, p99 {s99:.1f} | – | – |
| a batch of {len(forms)} forms in one PDF ({batch_pages} pages, {batch:.2f} s) | {per_page:.1f} | {raw_per_page:.1f} | ≤ 20 ms/page: {verdict(per_page <= 20)} |
"""
    write_section("printing", "Printing: intake forms, one and a batch of 500", body)


if __name__ == "__main__":
    main()
