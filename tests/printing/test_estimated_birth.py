"""An estimated birth date is printed as such on the intake form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.printing.document import PrintMeta, render
from app.printing.forms_person import intake_form, print_birth
from tests.printing.pdf_text import reading_text
from tests.printing.test_forms_person import MUNICIPALITY, WORKER, make_person


def test_the_words_of_an_estimate() -> None:
    assert print_birth(date(1979, 7, 1), estimated=True).endswith("1979 (تقديري)")
    assert "01/07/1979" not in print_birth(date(1979, 7, 1), estimated=True)
    assert "15/03/1979" in print_birth(date(1979, 3, 15), estimated=True)
    assert "تقديري" not in print_birth(date(1979, 7, 1), estimated=False)


def test_the_intake_form_prints_an_estimated_year(tmp_path: Path, meta: PrintMeta) -> None:
    out = tmp_path / "intake.pdf"
    person = make_person(birth_date=date(1979, 7, 1), birth_date_estimated=True, notes="")
    form = intake_form(person, municipality=MUNICIPALITY, household=None, worker_name=WORKER)
    render([form], meta, out)
    text = reading_text(out)
    assert "1979 (تقديري)" in text
    assert "01/07/1979" not in text
