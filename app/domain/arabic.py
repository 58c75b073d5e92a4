"""Arabic text normalization for search and matching.

One function, `search_tokens` (and `normalize_arabic`, its words joined), decides when two
spellings are "the same" for the registry. Index and query both go through it, so whatever it
folds is found both ways, and the duplicate check and HQ's cross-branch matching use the same
keys. It folds:

- harakat, Quranic marks, tatweel and invisible format characters (soft hyphen, word joiner,
  BOM, direction marks and embeddings, ZWJ) are dropped; ZWSP and ZWNJ separate words (ZWNJ is
  typed as a space on some keyboards); presentation forms (text pasted from a PDF) are letters;
- alef with hamza or madda and alef wasla are bare alef; hamza on waw and yeh is waw and yeh
  (مؤيد = مويد, عائشة = عايشة); a hamza on its own line is dropped (أسماء = اسما); ى is ي;
  ة and the heh/teh marbuta forms of other keyboards (ە ھ ہ ۃ ۀ) are ه;
- a doubled waw or yeh is one (داوود = داود, الرؤوف = الروف, يحيى = يحي);
- classical spellings with a dagger alef are the usual ones (الرحمان = الرحمن, ابرهيم,
  اسمعيل, اسحق, هرون, سليمن, عثمن, طاها);
- compound names are one word however they are spaced: عبد + ال… (عبد الله = عبدالله, and
  عبد رحمن = عبد الرحمن: the article dropped is given back), عبد ربه,
  أبو/بو/ابن/بن/أم + the next word (أبو بكر = بوبكر, ابن غلبون = بنغلبون), the word before
  الدين, الله or الإسلام (علاء الدين = علاءالدين, جاب الله = جابالله); أبو = بو and
  بو ال… / بال… = بل… (أبو القاسم = بلقاسم, بالخير = بلخير);
- the definite article is optional: it is dropped from the front of a word, except where it is
  part of the name itself (إلياس, إلهام, آلاء, ألفت…: see `_ARTICLE_NAMES`), so إلياس never
  becomes ياس and finds ياسر;
- Arabic-Indic digits are 0-9, Latin letters are lower case.

Names a Libyan calls different stay apart: tests/domain/test_arabic.py holds the written list.
"""

from __future__ import annotations

import re
import unicodedata

# U+0610..U+061A Quranic marks, U+064B..U+065F harakat, U+0670 dagger alef, U+0674 high hamza,
# U+06D6..U+06ED Quranic annotation signs, U+0640 tatweel, and the invisible format characters a
# name may carry between its letters: soft hyphen, ZWJ, LRM/RLM, ALM, bidi embeddings and
# isolates, word joiner and invisible operators, Mongolian vowel separator, BOM.
_FORMAT = "\u00ad\u200d\u200e\u200f\u061c\u202a-\u202e\u2060-\u2064\u2066-\u2069\u180e\ufeff"
_MARKS = re.compile(f"[\u0610-\u061a\u064b-\u065f\u0670\u0674\u06d6-\u06ed\u0640{_FORMAT}]")
# The same minus hamza above/below and madda (U+0653..U+0655): those compose with alef, waw and
# yeh (و + ٔ = ؤ), so they must survive until NFKC has composed them. Everything else is removed
# *before* NFKC so that a mark between two letters can never block or change a composition.
_MARKS_BEFORE_NFKC = re.compile(
    f"[\u0610-\u061a\u064b-\u0652\u0656-\u065f\u0670\u0674\u06d6-\u06ed\u0640{_FORMAT}]"
)
# Zero-width space and ZWNJ break words (ZWNJ is the "space" of some keyboards: بن‌حليم).
_WORD_BREAKS = re.compile("[\u200b\u200c]")
_DIGITS = {
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended Arabic-Indic digits
}
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ء": "",
        "ى": "ي",
        "ی": "ي",  # Persian yeh, common from some keyboards
        "ے": "ي",
        "ۓ": "ي",
        "ة": "ه",
        "ۃ": "ه",  # teh marbuta goal (Urdu keyboards)
        "ە": "ه",  # ae (Kurdish keyboards)
        "ھ": "ه",  # heh doachashmee
        "ہ": "ه",  # heh goal
        "ۀ": "ه",  # heh with yeh above
        "ک": "ك",  # Persian keheh
        "ڤ": "ف",  # veh, for V in Maghrebi spellings
        "پ": "ب",
        "ڨ": "ق",
        **_DIGITS,
    }
)
_DOUBLED = re.compile("(و|ي)\\1+")
# Anything that is not a letter or digit separates words.
_SEPARATORS = re.compile(r"[^\w]+|_")
_ARTICLE = "ال"
# Heads joined to the next word: "عبد الله" == "عبدالله", "ابو بكر" == "ابوبكر". عبد joins
# only a word with the article (عبد الله) or ربه (عبد ربه); the others join any word.
_COMPOUND_HEADS = frozenset({"عبد", "ابو", "بو", "ام", "بن", "ابن"})
_ABD = "عبد"
_ABD_TAILS = frozenset({"ربه", "ربو"})
# Tails joined to the word before: "علاء الدين" == "علاءالدين", "جاب الله" == "جابالله".
_COMPOUND_TAILS = frozenset({"الدين", "الله", "الاسلام"})
# Names that begin with the letters of the article without having one (after folding).
_ARTICLE_NAMES = frozenset(
    {"الياس", "اليسع", "الهام", "الا", "الاء", "الفت", "الفه", "الطاف", "الماس", "اليسا", "اليسار"}
)
# Classical spellings (a dagger alef not written) and their usual form.
_SPELLINGS = {
    "رحمان": "رحمن",
    "ابرهيم": "ابراهيم",
    "اسمعيل": "اسماعيل",
    "اسحق": "اسحاق",
    "هرون": "هارون",
    "سليمن": "سليمان",
    "عثمن": "عثمان",
    "لقمن": "لقمان",
    "طاها": "طه",
    "عبداله": "عبدالله",  # عبد له: الله with its article dropped
}
_SPELLING_PREFIXES = ("عبدال", "ال", "بو", "بن")
# Word-initial contractions: أبو = بو, ابن = بن, بو ال… = بال… = بل… (بلقاسم, بلخير).
# A contraction applies once at least `min_rest` letters follow (as a word is being typed too).
_CONTRACTIONS = (("ابو", "بو", 0), ("ابن", "بن", 0), ("بوال", "بل", 0), ("بال", "بل", 1))


def to_western_digits(text: str) -> str:
    """Arabic-Indic and extended Arabic-Indic digits to 0-9; nothing else changes."""
    return text.translate(_DIGITS_ONLY)


_DIGITS_ONLY = str.maketrans(_DIGITS)


def clean_pasted(text: str) -> str:
    """Text as a person meant it: presentation forms (a PDF paste) as letters, and the
    invisible format characters a paste carries (direction marks, BOM, soft hyphen, word
    joiner) removed. Letters, spaces and ZWNJ are kept as they are."""
    text = _PASTE_FORMAT.sub("", text)
    if _PRESENTATION.search(text):
        text = _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)
    return text


_PASTE_FORMAT = re.compile(f"[{_FORMAT.replace(chr(0x200D), '')}]")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")


def _canonical_spelling(word: str) -> str:
    found = _SPELLINGS.get(word)
    if found is not None:
        return found
    for prefix in _SPELLING_PREFIXES:
        if word.startswith(prefix):
            rest = _SPELLINGS.get(word[len(prefix) :])
            if rest is not None:
                return prefix + rest
    return word


def _contract(word: str) -> str:
    for long, short, min_rest in _CONTRACTIONS:
        if word.startswith(long) and len(word) - len(long) >= min_rest:
            return short + word[len(long) :]
    return word


def _strip_article(word: str) -> str:
    while (
        word.startswith(_ARTICLE) and len(word) >= len(_ARTICLE) + 2 and word not in _ARTICLE_NAMES
    ):
        word = word[len(_ARTICLE) :]
    return word


def _joins(head: str, tail: str) -> bool:
    return tail in _COMPOUND_TAILS or (head in _COMPOUND_HEADS and tail[0].isalpha())


def _join(head: str, tail: str) -> str:
    """عبد + a name without its article takes it back (عبد رحمن = عبد الرحمن, عبد ر… while
    typing), except عبد ربه and an article still being typed (عبد ا…)."""
    if (
        head == _ABD
        and not tail.startswith(_ARTICLE)
        and tail not in _ABD_TAILS
        and not _ARTICLE.startswith(tail)
    ):
        return head + _ARTICLE + tail
    return head + tail


def _merge(words: list[str]) -> list[str]:
    # Right to left, so that nested compounds merge the same however they were spaced:
    # "ابو عبد الله" -> "ابو" + "عبدالله" -> "ابوعبدالله", as "ابو عبدالله" does.
    merged: list[str] = []
    for word in reversed(words):
        if merged and _joins(word, merged[-1]):
            merged[-1] = _join(word, merged[-1])
        else:
            merged.append(word)
    merged.reverse()
    return merged


def _undouble(word: str) -> str:
    return _DOUBLED.sub(r"\1", word)


def _words_of(text: str) -> list[str]:
    text = _WORD_BREAKS.sub(" ", text)
    text = unicodedata.normalize("NFKC", _MARKS_BEFORE_NFKC.sub("", text))  # presentation forms
    # NFKC may yield marks (from presentation forms) or leave hamza/madda uncomposed: drop them,
    # and compose again what their removal brought together, so a second pass changes nothing.
    text = unicodedata.normalize("NFKC", _MARKS.sub("", text))
    text = text.translate(_FOLD).casefold()
    return [w for w in _SEPARATORS.split(text) if w]


def search_tokens(text: str, *, strip_article: bool = True) -> list[str]:
    """The normalized words of `text`, in order. See the module docstring for what is folded.

    `strip_article=False` keeps an article the words begin with (search as you type asks for
    both spellings of the word being typed); everything else is folded the same.
    """
    words = _words_of(text)
    # Folding, merging and stripping can enable each other ("الابو بكر"): run to a fixpoint so
    # that normalizing twice changes nothing (index and query must agree).
    while True:
        nxt = [_contract(_canonical_spelling(_undouble(w))) for w in _merge(words)]
        if strip_article:
            nxt = [_strip_article(w) for w in nxt]
        nxt = [_contract(w) for w in nxt]
        if nxt == words:
            return words
        words = nxt


def normalize_arabic(text: str) -> str:
    """The matching key of `text`: its normalized words joined by single spaces."""
    return " ".join(search_tokens(text))
