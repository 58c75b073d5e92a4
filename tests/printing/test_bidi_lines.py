"""One bidi path for every printed line: a table of mixed lines and how each is drawn.

Each expected string is the line as it looks on paper from left to right, with every Arabic word
spelled normally (see `drawn.readable`): a phone number, a date, a file number or a Latin name
reads left to right and whole; brackets face the words they enclose; the Arabic words run from
right to left.
"""

from __future__ import annotations

import pytest

from app.printing.fonts import register_fonts
from app.printing.rtl_text import ltr, units, visual, wrap
from tests.printing.drawn import readable

MIXED_LINES = [
    # phones, in each form a Libyan writes them
    ("هاتف +218 92 555 0147", "+218 92 555 0147 هاتف"),
    ("هاتف +218925550147 مساء", "مساء +218925550147 هاتف"),
    ("هاتف +218-92-555-0147", "+218-92-555-0147 هاتف"),
    ("رقم 091-234-5678", "091-234-5678 رقم"),
    ("اتصل على 092 555 0147 بعد الظهر", "الظهر بعد 092 555 0147 على اتصل"),
    ("الرقم الدولي 00218 91 234 5678", "00218 91 234 5678 الدولي الرقم"),
    ("الرقم الدولي 00218912345678 فقط", "فقط 00218912345678 الدولي الرقم"),
    ("+218 92 555 0147", "+218 92 555 0147"),
    ("هاتف الجار: +218 92 555 0147 (مساء)", "(مساء) +218 92 555 0147 :الجار هاتف"),
    # dates: ISO, dd/MM/yyyy, dd/MM, with a time
    ("بتاريخ 2026-03-15 تمت الزيارة", "الزيارة تمت 2026-03-15 بتاريخ"),
    ("بتاريخ 15/03/2026", "15/03/2026 بتاريخ"),
    ("موعد 15/03 الساعة 10:30", "10:30 الساعة 15/03 موعد"),
    ("طبع في " + ltr("22/11/2026 10:30") + " بواسطة سعاد", "سعاد بواسطة 22/11/2026 10:30 في طبع"),
    # brackets next to numbers and Latin words
    ("منذ 2011 (7 أفراد)", "(أفراد 7) 2011 منذ"),
    ("مدرسة الشهيد (رقم 7) – Misrata", "Misrata – (7 رقم) الشهيد مدرسة"),
    (
        "بالتعاون مع Save the Children (SCI) في 2026.",
        ".2026 في Save the Children (SCI) مع بالتعاون",
    ),
    ("فرع طرابلس (TRP01)", "(TRP01) طرابلس فرع"),
    # slashes and file numbers
    ("رقم 55/ب", "ب/55 رقم"),
    ("ملف المحكمة 112/2026 جنح", "جنح 112/2026 المحكمة ملف"),
    ("ملف القضية 112/2026/ج", "ج/112/2026 القضية ملف"),
    ("الرقم الإداري A-5521", "A-5521 الإداري الرقم"),
    ("الحالة DEMO-2026-00042 مفتوحة", "مفتوحة DEMO-2026-00042 الحالة"),
    ("المبلغ 1,250.000 دينار", "دينار 1,250.000 المبلغ"),
    # plain numbers stay apart, in reading order
    ("عدد 3 4 5 أطفال", "أطفال 5 4 3 عدد"),
    ("صفحة 1 من 3", "3 من 1 صفحة"),
    # no numbers at all: words right to left, lam-alef whole
    ("لا إله إلا الله", "الله إلا إله لا"),
]


@pytest.mark.parametrize(("line", "drawn"), MIXED_LINES)
def test_a_mixed_line_is_drawn_in_visual_order(line: str, drawn: str) -> None:
    assert readable(visual(line)) == drawn


def test_typed_bidi_controls_do_not_change_the_line_or_print() -> None:
    typed = "\u202bهاتف \u200e+218 92 555 0147\u202c"
    drawn = visual(typed)
    assert readable(drawn) == "+218 92 555 0147 هاتف"
    assert not set(drawn) & {"\u202a", "\u202b", "\u202c", "\u200e", "\u200f", "\u2066", "\u2069"}


def test_odd_input_prints_without_failing() -> None:
    """A pasted object-replacement character (our placeholder), a cut isolate, a stray PDI."""
    assert readable(visual("رقم \ufffc 12-3")) == "12-3  رقم"  # dropped, not drawn
    assert readable(visual("تاريخ \u206622/11/2026")) == "22/11/2026 تاريخ"
    assert readable(visual("\u2069رقم 55/ب")) == "ب/55 رقم"
    assert visual("") == ""


def test_ltr_leaves_a_value_with_arabic_to_the_one_path() -> None:
    """A typed value marked ltr() in one place and not in another prints the same in both."""
    value = "جنح 112/2026"
    assert ltr(value) == value
    assert visual(f"رقم الملف {ltr(value)}") == visual(f"رقم الملف {value}")


def test_a_phone_in_groups_is_one_unit_but_a_row_of_numbers_is_not() -> None:
    line = "اتصل 092 555 0147 أو 05 03 2026"
    found = [line[a:b] for a, b in units(line)]
    assert found == ["092 555 0147"]


def test_wrapping_never_cuts_a_phone_number_between_its_groups() -> None:
    register_fonts()
    text = "للتواصل مع الأسرة يمكن الاتصال على +218 92 555 0147 أو على 091-234-5678 مساء"
    for width in range(120, 260, 7):
        lines = wrap(text, "Amiri", 11, width)
        assert any("+218 92 555 0147" in line for line in lines), (width, lines)
