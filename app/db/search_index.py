"""The FTS5 search index over normalized name parts and identifiers (SQLite only).

Rows are keyed by `beneficiaries.local_id`. Index and query both go through
`app.domain.arabic.search_tokens`, so spelling variants meet in the middle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.arabic import search_tokens, to_western_digits

COLUMNS = ("first", "father", "grandfather", "family", "mother", "ids")
_ARTICLE = "ال"
_POSITIONAL = COLUMNS[:4]


def index_values(
    name_parts: Sequence[str], mother_name: str, identifiers: Iterable[str], phones: Iterable[str]
) -> tuple[str, ...]:
    """The six column values of a beneficiary's index row."""
    parts = [" ".join(search_tokens(p)) for p in name_parts]
    ids: list[str] = list(identifiers)
    for e164 in phones:
        national = e164.removeprefix("+218")
        ids.extend((national, "0" + national))
    return (*parts, " ".join(search_tokens(mother_name)), " ".join(ids))


def put(session: Session, local_id: int, values: tuple[str, ...]) -> None:
    session.execute(text("DELETE FROM beneficiary_search WHERE rowid = :r"), {"r": local_id})
    session.execute(
        text(
            "INSERT INTO beneficiary_search(rowid, first, father, grandfather, family, mother, ids)"
            " VALUES (:r, :a, :b, :c, :d, :e, :f)"
        ),
        dict(zip("rabcdef", (local_id, *values), strict=True)),
    )


def remove(session: Session, local_id: int) -> None:
    session.execute(text("DELETE FROM beneficiary_search WHERE rowid = :r"), {"r": local_id})


def _term(token: str, prefix: bool) -> str:
    # Tokens are word characters only (search_tokens splits on everything else): safe to quote.
    return f'"{token}"' + ("*" if prefix else "")


def _last_term(token: str) -> str:
    """The last word, a prefix. While the article is being typed ("الو" on the way to
    "الورفلي") the index holds the word without it: match either spelling."""
    if token.startswith(_ARTICLE) and len(token) == len(_ARTICLE) + 1:
        return f"({_term(token, True)} OR {_term(token[len(_ARTICLE) :], True)})"
    return _term(token, True)


# A query made only of digits and phone punctuation is one number, however it is grouped.
_NUMBER_QUERY = re.compile(r"[\s\-+().]*\d[\d\s\-+().]*")
# The country code as normalize_phone accepts it: +218, 00218, or a bare 218 before 8-9 digits
# (no national number starts with 218: that would be a birth year in the 1800s).
_COUNTRY_CODE = re.compile(r"^(?:(?:\+|00)218|218(?=\d{8}))")


def _number_terms(query: str) -> list[str] | None:
    """The digits of a phone or national number query as they are indexed, or None.

    "+218 91 234 5678", "00218912345678" and "091-234-5678" all find the same phone.
    """
    text = to_western_digits(query).strip()
    if not _NUMBER_QUERY.fullmatch(text):
        return None
    digits = _COUNTRY_CODE.sub("", re.sub(r"[\s\-().]", "", text))  # phones: no country code
    digits = digits.replace("+", "")
    return [digits] if digits else None


def match_expressions(query: str) -> list[str]:
    """FTS5 MATCH expressions from the best kind of hit to the loosest.

    1. the words in name order (first, father, grandfather, family), the last one a prefix;
    2. the first word as first name and the last as family name, the rest anywhere;
    3. every word anywhere (names, mother's name, identifiers, phones).
    A query that is one number (a national number or a phone in any usual form) is matched
    as that number, a prefix.
    """
    tokens = _number_terms(query) or search_tokens(query)
    if not tokens:
        return []
    # Search as you type: "عبد ا" is "عبد الله" half typed (normalized, "عبد ال…" is one word).
    if len(tokens) >= 2 and tokens[-2] == "عبد" and _ARTICLE.startswith(tokens[-1]):
        tokens = [*tokens[:-2], tokens[-2] + tokens[-1]]
    tiers = _tiers(tokens)
    # "احمد ال": only the article of the next word so far. Words that begin with it come first,
    # then everything the words before it find, as they did one key press earlier.
    if len(tokens) >= 2 and _ARTICLE.startswith(tokens[-1]):
        tiers += _tiers(tokens[:-1])
    return list(dict.fromkeys(tiers))


def _tiers(tokens: list[str]) -> list[str]:
    n = len(tokens)
    terms = [_term(t, False) for t in tokens[:-1]] + [_last_term(tokens[-1])]
    tiers: list[str] = []
    if not any(t.isdigit() for t in tokens):
        if n <= len(_POSITIONAL):
            tiers.append(" AND ".join(f"{c}:{t}" for c, t in zip(_POSITIONAL, terms, strict=False)))
        if n >= 2:
            tiers.append(" AND ".join([f"first:{terms[0]}", *terms[1:-1], f"family:{terms[-1]}"]))
    tiers.append(" AND ".join(terms))
    return tiers


def search_local_ids(session: Session, query: str, limit: int, offset: int = 0) -> list[int]:
    """Up to `limit` local ids after `offset`, best tier first, each id once."""
    wanted = offset + limit
    found: dict[int, None] = {}
    for expression in match_expressions(query):
        rows = session.execute(
            text("SELECT rowid FROM beneficiary_search WHERE beneficiary_search MATCH :q LIMIT :n"),
            {"q": expression, "n": wanted + len(found)},  # room for repeats
        )
        for (rowid,) in rows:
            found.setdefault(rowid)
        if len(found) >= wanted:
            break
    return list(found)[offset:wanted]
