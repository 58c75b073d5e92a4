"""Normalized names for bulk work, memoized: `normalize_arabic` and the duplicate-check keys.

Names repeat a lot in a batch (a few hundred first names, a few thousand family names), so
normalizing each distinct word once and joining is much cheaper than normalizing every text.
Joining is only done where it gives exactly what `normalize_arabic` of the whole text gives.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.arabic import normalize_arabic
from app.domain.beneficiary import BeneficiaryData
from app.domain.duplicates import (
    MOTHER_KEY_MAX_LENGTH,
    NAME_KEY_MAX_LENGTH,
    mother_key,
    name_key,
)

PersonKeyTuple = tuple[str, str, str, str]  # (sex, birth date ISO, name_key, mother_key)


class KeyMaker:
    """Normalized text (name keys, index columns), memoized: names repeat a lot in a batch.

    A text of several space-separated chunks is normalized chunk by chunk (each memoized) and
    joined, when that gives exactly what `normalize_arabic` of the whole would: the only ways
    one chunk changes its neighbour are a trailing compound head ("عبد", "ابو", …) merging with
    the next chunk (a probe word that starts with the article would merge with any such head)
    and a leading compound tail ("الدين", "الله", …) merging with the chunk before (a probe
    word in front would merge with it).
    """

    def __init__(self) -> None:
        self.cache: dict[str, str] = {}
        self._chunks: dict[str, str] = {}
        self._clean: dict[str, bool] = {}
        self._leads: dict[str, bool] = {}
        self._names: dict[tuple[str, str, str, str], str] = {}  # filled by person_key

    def _chunk(self, chunk: str) -> str:
        found = self._chunks.get(chunk)
        if found is None:
            found = self._chunks[chunk] = normalize_arabic(chunk)
        return found

    def _joins_cleanly(self, chunk: str) -> bool:
        found = self._clean.get(chunk)
        if found is None:
            alone = self._chunk(chunk)
            found = self._clean[chunk] = bool(alone) and (
                normalize_arabic(chunk + " الف") == alone + " الف"
            )
        return found

    def _leads_cleanly(self, chunk: str) -> bool:
        found = self._leads.get(chunk)
        if found is None:
            found = self._leads[chunk] = (
                normalize_arabic("سعد " + chunk) == ("سعد " + self._chunk(chunk)).strip()
            )
        return found

    def _joined(self, chunks: Sequence[str]) -> str:
        clean = self._joins_cleanly
        leads = self._leads_cleanly
        if all(clean(c) for c in chunks[:-1]) and all(leads(c) for c in chunks[1:]):
            last = self._chunk(chunks[-1])
            if last:
                return " ".join([*(self._chunks[c] for c in chunks[:-1]), last])
        return normalize_arabic(" ".join(chunks))

    def norm(self, text: str) -> str:
        """`normalize_arabic(text)`."""
        found = self.cache.get(text)
        if found is None:
            chunks = text.split(" ")
            found = self.cache[text] = (
                self._joined(chunks) if len(chunks) > 1 else self._chunk(text)
            )
        return found

    def name_key(self, first: str, father: str, grandfather: str, family: str) -> str:
        """`app.domain.duplicates.name_key`."""
        parts = (first, father, grandfather, family)
        if self._names:
            found = self._names.get(parts)
            if found is not None:
                return found
        return self._joined(parts)[:NAME_KEY_MAX_LENGTH]

    def mother_key(self, mother_name: str) -> str:
        """`app.domain.duplicates.mother_key`."""
        return self.norm(mother_name)[:MOTHER_KEY_MAX_LENGTH]

    def remember_name_key(self, parts: tuple[str, str, str, str]) -> str:
        found = self._names.get(parts)
        if found is None:
            found = self._names[parts] = self._joined(parts)[:NAME_KEY_MAX_LENGTH]
        return found


class DirectKeys(KeyMaker):
    """`normalize_arabic` and `name_key` themselves, memoizing nothing: one person's names
    (a registration) are cheaper normalized whole than chunk by chunk with probes."""

    def norm(self, text: str) -> str:
        return normalize_arabic(text)

    def name_key(self, first: str, father: str, grandfather: str, family: str) -> str:
        return name_key(first, father, grandfather, family)

    def mother_key(self, mother_name: str) -> str:
        return mother_key(mother_name)


def person_key(data: BeneficiaryData, keys: KeyMaker) -> PersonKeyTuple:
    """(sex, birth date, name key, mother key): what the duplicate block index holds."""
    return (
        data.sex.value,
        data.birth_date.isoformat(),
        keys.remember_name_key(data.name_parts),
        keys.mother_key(data.mother_name),
    )
