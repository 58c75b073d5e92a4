"""Arabic normalization for search and matching (app.domain.arabic): properties and examples."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.domain.arabic import clean_pasted, normalize_arabic, search_tokens, to_western_digits
from tests.search_quality.apart_pairs import MUST_STAY_APART as SEARCH_SET_APART

# Names that begin with the letters of the article without having one (kept whole).
ARTICLE_NAMES = {"الياس", "الهام", "الا", "الاء", "الفت", "الفه", "الطاف", "الماس"}

HARAKAT = [chr(c) for c in range(0x064B, 0x0653)]  # fathatan .. sukun
TATWEEL = "\u0640"
ALEF_FORMS = "أإآٱ"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
EXTENDED_INDIC = "۰۱۲۳۴۵۶۷۸۹"
# Plain Arabic letters (hamza .. ghain, feh .. yeh) and alef wasla.
LETTERS = [chr(c) for c in (*range(0x0621, 0x063B), *range(0x0641, 0x064B), 0x0671)]
# Pieces that exercise the article, the compound names and the separators.
FRAGMENTS = [
    "ال", "عبد", "ابو", "أبو", "ام", "أم", "بو", "بن", "ابن", "بال", "بوال", "الله", "الرحمن",
    "الدين", "الاسلام", "ربه", "رحمان", "الياس", "ؤ", "ئ", "ء", "وو", "يي", "ھ", "ۃ", "ە",
    " ", " ", "-", "_", ".", "\u200c", "\u200b", "\ufeff", "\u00ad", "\u2060", "\u200f",
]  # fmt: skip

arabic_words = st.lists(st.sampled_from(LETTERS), min_size=1, max_size=8).map("".join)
arabic_text = st.lists(
    st.sampled_from(LETTERS + FRAGMENTS + HARAKAT + [TATWEEL, *ARABIC_INDIC, *"0123456789"]),
    max_size=30,
).map("".join)
any_text = st.text(max_size=40) | arabic_text
insertions = st.lists(
    st.tuples(st.integers(min_value=0, max_value=1000), st.sampled_from([*HARAKAT, TATWEEL])),
    min_size=1,
    max_size=10,
)

_MARK_OR_TATWEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def _insert(text: str, marks: list[tuple[int, str]]) -> str:
    chars = list(text)
    for position, mark in marks:
        chars.insert(position % (len(chars) + 1), mark)
    return "".join(chars)


# -- properties --------------------------------------------------------------------------------


@given(any_text)
@example("\u1100\u064b\u1161")  # found by hypothesis: a removed mark unblocked a composition
@example("\u1100\u0654\u1161")
@example("و\u0640\u0654")
def test_normalizing_twice_changes_nothing(text: str) -> None:
    once = normalize_arabic(text)
    assert normalize_arabic(once) == once


@given(any_text)
def test_tokens_are_the_words_of_the_key(text: str) -> None:
    assert " ".join(search_tokens(text)) == normalize_arabic(text)
    assert all(token and " " not in token for token in search_tokens(text))


@given(any_text, insertions)
@example("\u1100\u1161", [(1, "\u064b")])  # found by hypothesis (Hangul jamo compose in NFKC)
@example("و\u0654", [(1, TATWEEL)])  # tatweel must not keep hamza from composing into ؤ
def test_harakat_and_tatweel_anywhere_change_nothing(
    text: str, marks: list[tuple[int, str]]
) -> None:
    assert normalize_arabic(_insert(text, marks)) == normalize_arabic(text)


@given(arabic_text, st.data())
def test_alef_forms_fold_to_bare_alef(text: str, data: st.DataObject) -> None:
    # Replace some bare alefs by a hamza / madda / wasla form: the key does not change.
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch == "ا" and data.draw(st.booleans()):
            chars[i] = data.draw(st.sampled_from(ALEF_FORMS))
    assert normalize_arabic("".join(chars)) == normalize_arabic(text)


@given(arabic_text)
def test_alef_maqsura_is_yeh_and_ta_marbuta_is_heh(text: str) -> None:
    assert normalize_arabic(text.replace("ي", "ى")) == normalize_arabic(text)
    assert normalize_arabic(text.replace("ه", "ة")) == normalize_arabic(text)


@given(any_text)
def test_arabic_indic_digits_are_western_digits(text: str) -> None:
    western = to_western_digits(text)
    indic = western.translate(str.maketrans("0123456789", ARABIC_INDIC))
    extended = western.translate(str.maketrans("0123456789", EXTENDED_INDIC))
    assert normalize_arabic(indic) == normalize_arabic(western) == normalize_arabic(extended)


def _article_is_optional_for(word: str) -> bool:
    """The word, folded, has two letters or more, is not a name beginning with ال nor, with
    it, a compound's tail."""
    folded = search_tokens(word, strip_article=False)
    compound_tails = {"الله", "الدين", "الاسلام"}  # joined to the word before: جاب الله
    return (
        len(folded) == 1
        and len(folded[0]) >= 2
        and "ال" + folded[0] not in ARTICLE_NAMES | compound_tails
    )


@given(arabic_words.filter(_article_is_optional_for))
def test_definite_article_is_optional(word: str) -> None:
    assert normalize_arabic("ال" + word) == normalize_arabic(word)
    assert normalize_arabic("محمد ال" + word) == normalize_arabic("محمد " + word)


@given(arabic_text, arabic_words)
@example("ابو", "له")  # found by hypothesis: "ابو عبد الله" vs "ابو عبدالله"
@example("أم", "رحمن")
def test_abd_al_is_one_word_however_spaced(before: str, tail: str) -> None:
    spaced = f"{before} عبد ال{tail}"
    joined = f"{before} عبدال{tail}"
    assert normalize_arabic(spaced) == normalize_arabic(joined)


@given(any_text)
def test_output_has_no_marks_folded_letters_or_indic_digits(text: str) -> None:
    out = normalize_arabic(text)
    assert not _MARK_OR_TATWEEL.search(out)
    assert not set(out) & set(ALEF_FORMS + "ىة" + ARABIC_INDIC + EXTENDED_INDIC)
    assert out == out.strip()
    assert "  " not in out


@given(any_text)
def test_canonically_equivalent_text_has_one_key(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    assert normalize_arabic(nfd) == normalize_arabic(nfc) == normalize_arabic(text)


# -- examples ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهيم"),
        ("آمنة", "امنه"),
        ("ٱلله", "الله"),
        ("مصطفى", "مصطفي"),
        ("فاطمة", "فاطمه"),
        ("أَحْمَدُ", "احمد"),
        ("مُحَمَّد", "محمد"),
        ("محـــمد", "محمد"),
        ("الورفلي", "ورفلي"),
        ("عبد الله", "عبدالله"),
        ("عبد الرحمن", "عبدالرحمن"),
        ("عبدُ اللهِ", "عبدالله"),
        ("أبو بكر", "ابوبكر"),
        ("ابوبكر", "ابو بكر"),
        ("بوبكر", "أبو بكر"),
        ("أبو القاسم", "بلقاسم"),
        ("بالقاسم", "بلقاسم"),
        ("بالخير", "بلخير"),
        ("ابو الخير", "بلخير"),
        ("بن غلبون", "ابن غلبون"),
        ("بنغلبون", "ابن غلبون"),
        ("بن\u200cحليم", "بن حليم"),  # ZWNJ typed as a space
        ("عائشة", "عايشة"),
        ("فؤاد", "فواد"),
        ("عبد الرؤوف", "عبد الروف"),
        ("أسماء", "اسما"),
        ("مؤيد", "مويد"),
        ("الجزائري", "الجزايري"),
        ("هيئة", "هيية"),
        ("فاطمۃ", "فاطمة"),
        ("عائشھ", "عائشة"),
        ("فاطمہ", "فاطمه"),
        ("عائشە", "عائشة"),
        ("فاطمۀ", "فاطمة"),
        ("عبد الرحمان", "عبد الرحمن"),
        ("عبدالرحمان", "عبد الرحمن"),
        ("ابرهيم", "إبراهيم"),
        ("اسمعيل", "إسماعيل"),
        ("اسحق", "إسحاق"),
        ("يحي", "يحيى"),
        ("داوود", "داود"),
        ("طاها", "طه"),
        ("علاءالدين", "علاء الدين"),
        ("علاالدين", "علاء الدين"),
        ("نورالدين", "نور الدين"),
        ("محيي الدين", "محي الدين"),
        ("سيف الإسلام", "سيف الاسلام"),
        ("جاب الله", "جابالله"),
        ("عبد ربه", "عبدربه"),
        ("مح\ufeffمد", "محمد"),  # BOM, soft hyphen, word joiner inside a word
        ("مح\u00adمد", "محمد"),
        ("مح\u2060مد", "محمد"),
        ("محمد\u200f", "محمد"),  # a trailing RLM
        ("\u202bمحمد\u202c", "محمد"),
        ("ﻣﺤﻤﺪ", "محمد"),
        ("أم كلثوم", "امكلثوم"),
        ("١٢٣٤", "1234"),
        ("۱۲۳۴", "1234"),
        ("ﻻ", "لا"),  # presentation-form ligature (text pasted from PDFs)
    ],
)
def test_spelling_variants_share_a_key(variant: str, canonical: str) -> None:
    assert normalize_arabic(variant) == normalize_arabic(canonical)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أحمد عبدالله مصطفى الورفلي", "احمد عبدالله مصطفي ورفلي"),
        ("  فاطمة   إبراهيم  ", "فاطمه ابراهيم"),
        ("محمد-علي", "محمد علي"),
        ("", ""),
        ("   ", ""),
        ("ـــ", ""),
        ("Ahmed ALI", "ahmed ali"),
        ("٠٩١-٢٣٤-٥٦٧٨", "091 234 5678"),
    ],
)
def test_normalized_key(text: str, expected: str) -> None:
    assert normalize_arabic(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("محمد", "احمد"),
        ("علي", "عليه"),  # yeh and heh stay distinct letters
        ("سالم", "سليم"),
    ],
)
def test_different_names_stay_different(a: str, b: str) -> None:
    assert normalize_arabic(a) != normalize_arabic(b)


def test_article_alone_or_too_short_is_kept() -> None:
    # "ال" on its own, or in front of a single letter, is not stripped (it is the word itself).
    assert normalize_arabic("ال") == "ال"
    assert normalize_arabic("الا") == "الا"


def test_tokens_keep_name_order() -> None:
    assert search_tokens("أحمد عبد الله مصطفى") == ["احمد", "عبدالله", "مصطفي"]


def test_zero_width_joiners_allowed_in_names_do_not_split_words() -> None:
    # clean_arabic_name accepts ZWNJ/ZWJ; a name typed with one must still be found by its
    # visible spelling.
    assert normalize_arabic("مح\u200dمد") == normalize_arabic("محمد")
    assert normalize_arabic("عبد\u200cالله") == normalize_arabic("عبدالله")


# Names a Libyan calls different: folding must never give two of them one key.
MUST_STAY_APART = [
    ("إلياس", "ياسين"),
    ("إلياس", "ياس"),
    ("إلهام", "هام"),
    ("آلاء", "علاء"),
    ("آلاء", "اء"),
    ("ألفت", "فت"),
    ("محمد", "محمود"),
    ("أحمد", "حامد"),
    ("أحمد", "محمد"),
    ("سالم", "سليم"),
    ("سالم", "سلمى"),
    ("علي", "عالية"),
    ("علي", "عليه"),
    ("عمر", "عمرو"),
    ("عمر", "عامر"),
    ("حسن", "حسين"),
    ("حسن", "حسان"),
    ("سعد", "سعيد"),
    ("فاطمة", "فطيمة"),
    ("خالد", "خلود"),
    ("نور", "نورا"),
    ("عبد الله", "عبد الإله"),
    ("عبد الرحمن", "عبد الرحيم"),
    ("عبد ربه", "عبد الرب"),
    ("أبو بكر", "بكر"),
    ("بلقاسم", "قاسم"),
    ("بن غلبون", "غلبون"),
    ("نور الدين", "نور"),
    ("علاء الدين", "علاء"),
    ("يحيى", "يحيا"),
    ("رؤوف", "رفيف"),
    ("عائشة", "عيشة"),
    ("مؤمن", "أمين"),
    ("بلال", "هلال"),
    ("داود", "داودي"),
    ("منى", "منيا"),
    ("هالة", "هلال"),
]


@pytest.mark.parametrize(("a", "b"), MUST_STAY_APART)
def test_names_a_libyan_calls_different_keep_different_keys(a: str, b: str) -> None:
    assert normalize_arabic(a) != normalize_arabic(b)


@pytest.mark.parametrize(("a", "b"), SEARCH_SET_APART)
def test_the_search_sets_pairs_keep_different_keys(a: str, b: str) -> None:
    assert normalize_arabic(a) != normalize_arabic(b)


@pytest.mark.parametrize("name", sorted(ARTICLE_NAMES))
def test_names_beginning_with_the_letters_of_the_article_keep_them(name: str) -> None:
    assert normalize_arabic(name).startswith("ال")
    assert normalize_arabic(name) != normalize_arabic(name[2:])


@pytest.mark.parametrize(
    ("pasted", "clean"),
    [
        ("ﻣﺤﻤﺪ", "محمد"),  # presentation forms from a PDF
        ("محمد\u200f", "محمد"),  # trailing RLM
        ("\ufeffعلي", "علي"),
        ("عبد\u00adالله", "عبدالله"),
        ("عبد\u200cالله", "عبد\u200cالله"),  # ZWNJ is the writer's choice: kept
        ("فاطمة", "فاطمة"),
    ],
)
def test_clean_pasted(pasted: str, clean: str) -> None:
    assert clean_pasted(pasted) == clean


@given(any_text)
def test_clean_pasted_keeps_the_key(text: str) -> None:
    assert normalize_arabic(clean_pasted(text)) == normalize_arabic(text)
