"""The typo tier: indexed words one edit away from a query word.

A worker types one letter wrong, twice, too few or two letters swapped (محمد as مجمد, ممحمد,
محد, محمذ). The words one edit away (Damerau-Levenshtein 1) are generated and looked up in the
index's own vocabulary (`beneficiary_search_vocab`, an fts5vocab table over the index), so only
words some person really has are searched for. Words shorter than three letters are not
varied (too many neighbours, too little meaning).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session

# The letters a normalized Arabic word is made of (app.domain.arabic folds the rest).
ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
MIN_LENGTH = 3
_LOOKUP_CHUNK = 500


def one_edit_away(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    inserts = {a + c + b for a, b in splits for c in ALPHABET}
    return (deletes | swaps | replaces | inserts) - {word}


def neighbours(session: Session, words: Iterable[str]) -> dict[str, frozenset[str]]:
    """For each word (of at least MIN_LENGTH letters), the indexed words one edit away."""
    wanted = {w: one_edit_away(w) for w in set(words) if len(w) >= MIN_LENGTH and w.isalpha()}
    candidates = sorted(set().union(*wanted.values())) if wanted else []
    known: set[str] = set()
    for start in range(0, len(candidates), _LOOKUP_CHUNK):
        chunk = candidates[start : start + _LOOKUP_CHUNK]
        marks = ", ".join(f":t{i}" for i in range(len(chunk)))
        rows = session.execute(
            text(f"SELECT term FROM beneficiary_search_vocab WHERE term IN ({marks})"),
            {f"t{i}": term for i, term in enumerate(chunk)},
        )
        known.update(term for (term,) in rows)
    return {w: frozenset(variants & known) for w, variants in wanted.items()}
