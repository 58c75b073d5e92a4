"""The typo tier: indexed words one edit away from a query word.

A worker types one letter wrong, twice, too few or two letters swapped (محمد as مجمد, ممحمد,
محد, محمذ). The words one edit away (Damerau-Levenshtein 1) are generated and looked up in the
index's own vocabulary (read once from `beneficiary_search_vocab`, an fts5vocab table over the
index, and kept in memory: a few thousand to a few hundred thousand words), so only words some
person really has are searched for. A single letter is not varied (every name is one edit
from it); two letters are (علي typed عل).
"""

from __future__ import annotations

import sqlite3
import weakref
from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session

# The letters a normalized Arabic word is made of (app.domain.arabic folds the rest).
ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
MIN_LENGTH = 2


def one_edit_away(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    inserts = {a + c + b for a, b in splits for c in ALPHABET}
    return (deletes | swaps | replaces | inserts) - {word}


def neighbours(vocabulary: Vocabulary, words: Iterable[str]) -> dict[str, frozenset[str]]:
    """For each word (of at least MIN_LENGTH letters), the indexed words one edit away."""
    known = vocabulary.words
    return {
        w: frozenset(one_edit_away(w) & known)
        for w in set(words)
        if len(w) >= MIN_LENGTH and w.isalpha()
    }


@dataclass(slots=True)
class Vocabulary:
    """The index's Arabic words."""

    words: set[str]
    upto: int  # the highest index rowid read
    _sorted: list[str] = field(default_factory=list)

    def add(self, words: Iterable[str]) -> None:
        """New words; the sorted copy (if made) is kept in step, never sorted again whole."""
        for word in words:
            if word not in self.words:
                self.words.add(word)
                if self._sorted:
                    insort(self._sorted, word)

    def knows(self, word: str, prefix: bool) -> bool:
        """Whether someone has `word` (or, with `prefix`, a word beginning with it)."""
        if word in self.words or not prefix:
            return word in self.words
        if len(self._sorted) != len(self.words):
            self._sorted = sorted(self.words)
        at = bisect_left(self._sorted, word)
        return at < len(self._sorted) and self._sorted[at].startswith(word)


_LOADED: weakref.WeakKeyDictionary[Engine, Vocabulary] = weakref.WeakKeyDictionary()
# Arabic words only: positional tokens begin with a digit, transliteration keys with "x".
_ARABIC_TERMS = "SELECT term FROM beneficiary_search_vocab WHERE term >= ? AND term < ?"
_NEW_ROWS = (
    "SELECT first, father, grandfather, family, mother FROM beneficiary_search WHERE rowid > ?"
)
_TOP = "SELECT rowid FROM beneficiary_search ORDER BY rowid DESC LIMIT 1"  # no scan


def vocabulary(conn: sqlite3.Connection, engine: Engine) -> Vocabulary:
    """The Arabic words of the index, read once per database (`engine`) and kept up to date:
    people registered since are read on the next call, words saved by this process as they
    are put (`remember`). A rebuilt (smaller) index is read again. `conn` is the DBAPI
    connection of the caller's transaction."""
    top = (conn.execute(_TOP).fetchone() or (0,))[0] or 0
    found = _LOADED.get(engine)
    if found is None or top < found.upto:
        words = {t for (t,) in conn.execute(_ARABIC_TERMS, ("\u0621", "\u0700"))}
        found = _LOADED[engine] = Vocabulary(words, top)
    elif top > found.upto:
        for row in conn.execute(_NEW_ROWS, (found.upto,)):
            found.add(w for value in row for w in str(value or "").split())
        found.upto = top
    return found


def remember(session: Session, values: Iterable[str]) -> None:
    """Add a saved row's words (its name and mother's name columns) to a loaded vocabulary."""
    engine = session.get_bind()
    found = _LOADED.get(engine) if isinstance(engine, Engine) else None
    if found is not None:
        found.add(w for value in values for w in value.split())
