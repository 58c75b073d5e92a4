"""The search-quality variant set of issue 13: target people and the queries that must find them.

The data lives beside this module, as a Libyan branch worker would type it:

- `targets.tsv`: one person a line: id, the four name parts, the mother's full name as
  registered, sex, birth date, national number (sex and birth year as the law says), a Libyan
  mobile, and the Latin name "as on a passport" when there is one. The targets are confusable
  on purpose: siblings with one mother (T01/T21, T31/T32, T30/T63), a father and son
  (T27/T28), near names (محمد/محمود, سالم/سليم, أحمد/حامد, علي/عالية, إلياس/ياسين/ياسر)
  and the commonest demo first and family names. T73 and T74 were registered with the
  keyboard forms ۃ and ھ, as the desk accepts them today.
- `queries.tsv`: one query a line: its kind, the target it must find, and the text typed.
  Invisible characters are written as `\\uXXXX` escapes (the only escape the loader knows),
  so that a soft hyphen or a trailing RLM is visible in review and survives editors; text
  pasted from a PDF is kept as its presentation forms (ﻋﻠﻲ).

The queries were written from what workers type, not from what any version of the search
does; `tests.search_quality.specificity` only checks that each is fair (at most 5 people of
the world hold all the words it stands for). `KINDS` below are the rows of issue 13's table,
its other findings, and what README.md promises (`PROMISED`: every one of those must find
its target in the top 5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS_FILE = HERE / "targets.tsv"
QUERIES_FILE = HERE / "queries.tsv"

KINDS: dict[str, str] = {
    # Issue 13's table and findings.
    "hamza_waw_ya_final": "hamza on و/ي and a dropped final ء (عائشة/عايشة, فؤاد/فواد, أسماء/اسما)",
    "abu_bin": "أبو/بو and بن/ابن/joined (أبو بكر/بوبكر, بلقاسم, بن غلبون/بنغلبون, بلخير)",
    "heh_forms": "ە ھ ہ ۃ ۀ typed for ة/ه (some keyboards), in the query or in the record",
    "typo_one_letter": "one swapped, doubled, missing or neighbouring-key letter in one word",
    "latin": "the name in Latin letters as on a passport (Mohamed Ali Alwarfalli)",
    "spelling_variants": "common spellings: الرحمان/الرحمن, ابرهيم, اسمعيل, يحي, علاءالدين, داوود",
    "mother_only": "the mother's name only, as registered or with a usual variant",
    "name_order": "the name parts in another order (family first, father's names only…)",
    "partial_compound": "a compound name cut short while typing (ضياء الد…, عبد الر…)",
    "article_names": "names that begin with ال as part of the name (إلياس, إلهام, آلاء, ألفت)",
    "format_chars": "BOM, soft hyphen, word joiner, ZWNJ as a space, RLM, PDF presentation forms",
    # README.md: "whatever the spelling (أحمد / احمد, فاطمة / فاطمه, عبد الله / عبدالله …)",
    # "type any part of the four-part name, the mother's name, the national number or a phone".
    "hamza_alef": "hamza on alef or not (أحمد/احمد, إبراهيم/ابراهيم, آمنة/امنة)",
    "ta_marbuta": "ة typed as ه or the other way (فاطمة/فاطمه)",
    "alef_maqsura": "ى typed as ي or the other way (مصطفى/مصطفي)",
    "article": "the family name with or without ال (الورفلي/ورفلي)",
    "abd_allah": "compounds joined or apart (عبد الله/عبدالله, عبدالرحمن)",
    "harakat": "with harakat, shadda or tatweel (مُحَمَّد, احـــمد)",
    "arabic_digits": "national number or phone in Arabic-Indic (٠-٩) or Persian (۰-۹) digits",
    "number_forms": "a phone as +218…, 00218…, 09x-xxx-xxxx, 9x…; a national number spaced",
    "any_part": "one or two of the name parts",
}
PROMISED = frozenset(
    {
        "hamza_alef",
        "ta_marbuta",
        "alef_maqsura",
        "article",
        "abd_allah",
        "harakat",
        "arabic_digits",
        "number_forms",
        "any_part",
        "mother_only",
    }
)


@dataclass(frozen=True, slots=True)
class Target:
    id: str
    first: str
    father: str
    grandfather: str
    family: str
    mother: str
    sex: str  # "M" / "F"
    born: date
    national_number: str
    phone: str
    latin: str  # as on a passport; "" when there is none

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.father} {self.grandfather} {self.family}"


@dataclass(frozen=True, slots=True)
class Query:
    kind: str
    target: str
    text: str
    line: int  # in queries.tsv

    def shown(self) -> str:
        """The query with its invisible characters written as escapes (for reports)."""
        return "".join(
            f"\\u{ord(ch):04X}" if (ch.isspace() and ch != " ") or _invisible(ch) else ch
            for ch in self.text
        )


def _invisible(ch: str) -> bool:
    return ch in "\ufeff\u00ad\u2060\u200b\u200c\u200d\u200e\u200f\u061c"


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((number, line.split("\t")))
    return rows


def load_targets() -> dict[str, Target]:
    targets: dict[str, Target] = {}
    for number, cells in _rows(TARGETS_FILE):
        if len(cells) not in (10, 11):
            raise ValueError(f"targets.tsv line {number}: {len(cells)} cells")
        tid, first, father, grand, family, mother, sex, born, nn, phone = cells[:10]
        latin = cells[10].strip() if len(cells) == 11 else ""
        if tid in targets:
            raise ValueError(f"targets.tsv line {number}: {tid} twice")
        targets[tid] = Target(
            tid,
            _unescape(first),
            _unescape(father),
            _unescape(grand),
            _unescape(family),
            _unescape(mother),
            sex,
            date.fromisoformat(born),
            nn,
            phone,
            latin,
        )
    return targets


def load_queries() -> list[Query]:
    queries = []
    for number, cells in _rows(QUERIES_FILE):
        if len(cells) != 3:
            raise ValueError(f"queries.tsv line {number}: {len(cells)} cells")
        kind, target, text = cells
        queries.append(Query(kind, target, _unescape(text), number))
    return queries
