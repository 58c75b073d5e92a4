"""The recorded order of search answers (tests/search_quality/test_search_order.py).

A small fixed world (a few thousand demo people of one seed, then the variant set's targets
registered at the desk) and a fixed set of queries: the variant set's, partial names taken from
the world's people as the benchmark types them, the same with a letter wrong, Latin names,
numbers, person numbers, compounds being typed, and pages further down. For each query the
file `search_order.tsv` holds the person numbers of the answer in order and a digest of what
each hit carries, as the search gave them when the file was written.

The file was written by the search as it was before its one-statement rewrite (issue 14), so
the test fails if a change moves anyone:

    uv run python -m tests.search_quality.search_order   # rewrite search_order.tsv
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.domain.arabic import normalize_arabic
from app.services.dto import SearchHit
from app.services.setup import AppServices
from tests.search_quality import world
from tests.search_quality.variant_set import load_queries, load_targets

HERE = Path(__file__).resolve().parent
ORDER_FILE = HERE / "search_order.tsv"
PEOPLE = 4_000
# (limit, offset) of each query: the first page as the desk asks it, and short pages, so
# that common names take the long path (more matches than the page) and paging is covered
# (pages past the end of the first answer are not asked).
PAGES = ((100, 0), (10, 0), (10, 10), (25, 50))
_ESCAPE = {"\\": "\\\\", "\t": "\\t", "\n": "\\n"}


@dataclass(frozen=True, slots=True)
class Recorded:
    query: str
    limit: int
    offset: int
    numbers: tuple[int, ...]  # the hits' person number sequences, in order
    digest: str  # of every hit's fields but its random id


def build(folder: Path) -> AppServices:
    """The world: PEOPLE demo people, then the variant set's targets."""
    return world.build(folder, load_targets().values(), people=PEOPLE).services


def record(services: AppServices, query: str, limit: int, offset: int) -> Recorded:
    hits = services.beneficiaries.search(query, limit=limit, offset=offset)
    return Recorded(query, limit, offset, tuple(_sequence(h) for h in hits), digest(hits))


def _sequence(hit: SearchHit) -> int:
    return int(hit.person_number.rsplit("-", 1)[-1])


def digest(hits: Iterable[SearchHit]) -> str:
    text = "\n".join(
        repr(
            (
                h.person_number,
                h.first_name,
                h.father_name,
                h.grandfather_name,
                h.family_name,
                h.mother_name,
                h.sex,
                h.birth_date.isoformat(),
                h.national_number,
                tuple((i.type, i.number) for i in h.identifiers),
                h.phones,
                h.municipality_code,
                h.birth_date_estimated,
            )
        )
        for h in hits
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def queries(database: Path) -> list[str]:
    """The query set, drawn from the variant set and the world's own people (seeded)."""
    found = [q.text for q in load_queries()]
    with sqlite3.connect(database) as conn:
        people = list(
            conn.execute(
                "SELECT first_name, father_name, grandfather_name, family_name, mother_name, "
                "latin_name, person_number FROM beneficiaries ORDER BY local_id"
            )
        )
        vocabulary = {t for (t,) in conn.execute("SELECT term FROM beneficiary_search_vocab")}
        numbers = [
            n
            for (n,) in conn.execute(
                "SELECT number FROM beneficiary_identifiers ORDER BY local_id LIMIT 40"
            )
        ]
        phones = [
            p for (p,) in conn.execute("SELECT e164 FROM beneficiary_phones ORDER BY local_id")
        ]
    conn.close()
    rng = random.Random(14)
    typed = [_typed(rng.choice(people), rng) for _ in range(250)]
    found += typed
    found += [t for t in (_typo(q, rng, vocabulary) for q in typed[:120]) if t]
    found += [_typed(p, rng, mother=True) for p in rng.sample(people, 30)]
    found += [" ".join(str(p[5]).split()[: rng.randint(1, 3)]) for p in people if p[5]][
        :40
    ]  # Latin names as typed
    found += ["Mohamed", "Mohamed Ali", "Ahmed Alwarf", "Fatima", "ali", "Abd", "x", "Mo"]
    found += [n[: rng.randint(3, len(n))] for n in numbers]
    found += [p.removeprefix("+218")[: rng.randint(2, 9)] for p in rng.sample(phones, 25)]
    found += ["0" + p.removeprefix("+218") for p in rng.sample(phones, 10)]
    found += [str(p[6]) for p in rng.sample(people, 10)]  # person numbers
    found += [str(p[6]).rsplit("-", 1)[-1].lstrip("0") for p in rng.sample(people, 5)]
    found += [
        "",
        "   ",
        "؟",
        "محمد",
        "محمد ع",
        "محمد ال",
        "احمد ال",
        "عبد ا",
        "عبد ال",
        "عبد ر",
        "ضياء الد",
        "سيف الا",
        "فتح الل",
        "ال",
        "الو",
        "اليا",
        "ع",
        "م",
        "محمد علي محمد",
        "فاطمة محمد",
        "علي محمد علي سالم",
        "محمد محمد محمد محمد محمد",
        "مجمد علي",
        "محمد عاي",
        "ممحمد",
        "محد",
        "zzzz",
        "١٢٣",
        "+218",
        "*",
        '"محمد"',
        "محمد OR علي",
        "NEAR(محمد علي)",
        "محمد AND",
        "(",
    ]
    return list(dict.fromkeys(found))


def _typed(person: tuple[object, ...], rng: random.Random, mother: bool = False) -> str:
    """Two or three name parts, the last often cut short (as bench.dataset types them)."""
    first, father, grand, family, mother_name = (str(v) for v in person[:5])
    if mother:
        words = mother_name.split()[: rng.randint(1, 3)]
    else:
        shape = rng.random()
        parts = (
            [first]
            if shape < 0.15
            else [first, father]
            if shape < 0.5
            else [first, father, grand]
            if shape < 0.75
            else [first, family]
            if shape < 0.9
            else [father, family]
        )
        words = " ".join(parts).split()
    last = words[-1]
    if rng.random() < 0.6 and len(last) > 2:
        words[-1] = last[: rng.randint(1, len(last) - 1)]
    return " ".join(words)


_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _typo(query: str, rng: random.Random, vocabulary: set[str]) -> str | None:
    """The query with one letter of its first word wrong, so that no one has that word."""
    words = query.split()
    if len(words[0]) < 3:
        return None
    for _ in range(10):
        word = words[0]
        i = rng.randrange(1, len(word) - 1)
        kind = rng.randrange(4)
        if kind == 0:
            wrong = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif kind == 1:
            wrong = word[:i] + word[i] + word[i:]
        elif kind == 2:
            wrong = word[:i] + word[i + 1 :]
        else:
            wrong = word[:i] + rng.choice(_LETTERS) + word[i + 1 :]
        if normalize_arabic(wrong) not in vocabulary:
            return " ".join([wrong, *words[1:]])
    return None


def run(services: AppServices, texts: Iterable[str]) -> Iterator[Recorded]:
    for text in texts:
        first = record(services, text, *PAGES[0])
        yield first
        for limit, offset in PAGES[1:]:
            if offset == 0 or len(first.numbers) > offset:  # pages past the end: none
                yield record(services, text, limit, offset)


def _escaped(text: str) -> str:
    return "".join(_ESCAPE.get(ch, ch) for ch in text)


def _unescaped(text: str) -> str:
    out, chars = [], iter(text)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars)
            out.append({"t": "\t", "n": "\n"}.get(nxt, nxt))
        else:
            out.append(ch)
    return "".join(out)


def load() -> list[Recorded]:
    found = []
    for line in ORDER_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        query, limit, offset, numbers, digest_ = line.split("\t")
        found.append(
            Recorded(
                _unescaped(query),
                int(limit),
                int(offset),
                tuple(int(n) for n in numbers.split()),
                digest_,
            )
        )
    return found


def write(recorded: Iterable[Recorded]) -> None:
    lines = [
        "# query (\\t \\n \\\\ escaped)\tlimit\toffset\tperson number sequences in order\tdigest"
    ]
    for r in recorded:
        numbers = " ".join(str(n) for n in r.numbers)
        lines.append(f"{_escaped(r.query)}\t{r.limit}\t{r.offset}\t{numbers}\t{r.digest}")
    ORDER_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        services = build(Path(tmp))
        try:
            texts = queries(Path(tmp) / "sanad.db")
            recorded = list(run(services, texts))
        finally:
            services.close()
    write(recorded)
    print(
        f"{len(recorded)} answers of {len(texts)} queries written to {ORDER_FILE}", file=sys.stderr
    )


if __name__ == "__main__":
    main()
