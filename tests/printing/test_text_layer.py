"""The text a PDF viewer finds: `pdftotext` (poppler, as used by Evince and Okular) reads the
printed forms as plain Arabic letters in reading order, with no normalization in the test.

The lines are drawn as shaped glyphs in visual order; the fonts' ToUnicode maps send each glyph
to its letters (`fonts._LetterFont`), and the viewer puts right-to-left runs back in reading
order as for any PDF. Before, pdftotext gave presentation forms ("ﺍﻟﻮﺭﻓﻠﻲ"): a search for the
typed name «الورفلي» found nothing without NFKC.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from app.printing.document import PrintMeta, render
from app.printing.fonts import to_unicode_cmap
from app.printing.forms_case import case_summary
from app.printing.forms_person import household_form, intake_form
from tests.printing.case_samples import AGENCIES, TYPE_FIELDS, make_case
from tests.printing.test_forms_person import make_household, make_person

NAME = ("محمد", "علي", "سالم", "الورفلي")
NOTES = "\n".join(
    [
        "هاتف الجار +218 92 555 0147 مساء",
        "رقم بديل 091-234-5678 أو 00218912345678",
        "موعد المراجعة 2026-03-15 وآخر زيارة 15/03/2026",
        "الأطفال لا يذهبون إلى المدرسة إلا نادرا",
    ]
)
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")


def pdftotext(path: Path, *args: str) -> str:
    done = subprocess.run(
        ["pdftotext", *args, str(path), "-"], check=True, capture_output=True, text=True
    )
    return done.stdout


@pytest.fixture
def intake(tmp_path: Path, meta: PrintMeta) -> Path:
    first, father, grandfather, family = NAME
    person = make_person(
        first_name=first,
        father_name=father,
        grandfather_name=grandfather,
        family_name=family,
        notes=NOTES,
        phones=("+218 92 555 0147", "091-234-5678"),
        latin_name="Mohamed Ali Al-Warfalli",
    )
    path = tmp_path / "intake.pdf"
    render([intake_form(person, municipality="مصراتة", household=None, worker_name="")], meta, path)
    return path


def test_the_typed_name_is_found_as_typed(intake: Path) -> None:
    text = pdftotext(intake)
    assert "الورفلي" in text
    # The four name cells, read in the order of the form (first name rightmost); between them,
    # only line breaks and the embedding marks pdftotext puts around each right-to-left line.
    assert "".join(NAME) in re.sub("[\\s\u202a-\u202c]+", "", text)
    assert not PRESENTATION_FORMS.search(text)


def test_phones_dates_and_notes_come_out_whole_and_in_reading_order(intake: Path) -> None:
    text = pdftotext(intake)
    for value in ("+218 92 555 0147", "091-234-5678", "00218912345678", "2026-03-15",
                  "15/03/2026", "03/04/1980", "119801234567", "A-5521"):  # fmt: skip
        assert value in text, value
    for words in ("هاتف الجار", "رقم بديل", "موعد المراجعة", "وآخر زيارة",
                  "الأطفال لا يذهبون إلى المدرسة إلا نادرا"):  # fmt: skip
        assert words in text, words


def test_the_latin_name_prints_as_entered_beside_its_label(intake: Path) -> None:
    text = pdftotext(intake)
    assert "Mohamed Ali Al-Warfalli" in text  # whole, left to right
    assert "الاسم باللاتينية" in text


def test_the_raw_text_order_has_the_letters_too(intake: Path) -> None:
    """-raw keeps the content stream's order (drawn lines, left to right): still no forms."""
    text = pdftotext(intake, "-raw")
    assert "الورفلي" in text and not PRESENTATION_FORMS.search(text)


def test_household_and_case_forms_read_as_letters(tmp_path: Path, meta: PrintMeta) -> None:
    household = replace(make_household(), notes=NOTES)
    case = make_case((), person_name=" ".join(NAME), summary=NOTES)
    forms = [
        household_form(household, head=None, municipality=""),
        case_summary(case, type_name="", type_fields=TYPE_FIELDS, agencies=AGENCIES),
    ]
    path = tmp_path / "forms.pdf"
    render(forms, meta, path)
    text = pdftotext(path)
    assert " ".join(NAME) in text
    assert "عبد الرحمن محمد علي الترهوني" in text  # the household's head
    assert "+218 92 555 0147" in text and "2026-03-15" in text
    assert not PRESENTATION_FORMS.search(text)


def test_the_glyph_map_gives_letters_and_ligatures_in_drawn_order() -> None:
    # U+FEDF lam initial, U+FEFB lam-alef (drawn as one glyph, read "لا" once reversed), "7".
    cmap = to_unicode_cmap("F", [0xFEDF, 0xFEFB, ord("7")])
    assert "<00> <0644>" in cmap
    assert "<01> <06270644>" in cmap
    assert "<02> <0037>" in cmap
    assert "3 beginbfchar" in cmap and cmap.rstrip().endswith("end")
