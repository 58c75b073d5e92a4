"""What the registry match finds of the planted duplicates, and what a brute force finds.

The truth is the generator's (bench/out/registry/<database>/truth.tsv and batch.jsonl): every
planted record knows the id of the person it really is; any other record is only itself. A
pair is true when both records are one person.

The brute force compares every new person with every record of another branch in the same
block the score itself requires (the same sex and birth year: `match_score` is 0 otherwise),
with the same scoring (`app.domain.duplicates.match_score` ≥ the likely threshold), plus the
same identifier (national number, passport): what the registry match would find if its
indexes lost nothing. Names are first compared in bulk with rapidfuzz's `process.extract` at the
least name similarity a likely score can have (70: 0.6 × 70 + 0.25 × 100 + 0.15 × 100 = 82),
an exact bound, then scored in full.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import psycopg
from rapidfuzz import fuzz, process

from app.domain.duplicates import (
    LIKELY_DUPLICATE_SCORE,
    NAME_WEIGHT,
    PersonKey,
    is_likely_duplicate,
    match_score,
)
from app.domain.people import Sex
from app.hq.registry_matches import Match
from bench.registry_db import psycopg_url
from bench.registry_generator import BATCH_BRANCH

Pair = tuple[str, str]  # (smaller id, larger id)
TWO_COPIES = "two copies"
# The least name similarity a likely score can have, with mother and date perfect.
NAME_FLOOR = (LIKELY_DUPLICATE_SCORE - (1 - NAME_WEIGHT) * 100) / NAME_WEIGHT


def pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


@dataclass(slots=True)
class Truth:
    identity: dict[str, str] = field(default_factory=dict)  # planted records -> who they are
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    kind: dict[str, str] = field(default_factory=dict)  # a copy's id -> its kind
    registry_copies: list[str] = field(default_factory=list)  # the generator's own copies

    def who(self, rid: str) -> str:
        return self.identity.get(rid, rid)

    def true(self, p: Pair) -> bool:
        return self.who(p[0]) == self.who(p[1])

    @classmethod
    def read(cls, folder: Path, batch_ids: list[str], entries: list[dict[str, object]]) -> Truth:
        t = cls()
        with (folder / "truth.tsv").open(encoding="utf-8") as f:
            for line in f:
                rid, identity, kind = line.rstrip("\n").split("\t")
                t.add(rid, identity, kind)
                if kind != "original":
                    t.registry_copies.append(rid)
        for rid, e in zip(batch_ids, entries, strict=True):
            if e["identity"]:
                t.add(rid, str(e["identity"]), str(e["kind"]))
        return t

    def add(self, rid: str, identity: str, kind: str) -> None:
        if rid in self.identity:
            return
        if identity not in self.identity:  # the original, known only by its copies
            self.identity[identity] = identity
            self.members[identity].append(identity)
        if rid == identity:
            return
        self.identity[rid] = identity
        self.members[identity].append(rid)
        if kind != "original":
            self.kind[rid] = kind

    def expected(self, ids: Iterable[str]) -> dict[Pair, str]:
        """Every true pair one of `ids` forms with another record, and its kind: the copy's,
        or `two copies` for a copy and another copy of its original (both differences)."""
        out: dict[Pair, str] = {}
        for rid in ids:
            kind = self.kind.get(rid)
            if kind is None:
                continue
            identity = self.who(rid)
            for other in self.members[identity]:
                if other != rid:
                    out[pair(rid, other)] = kind if other == identity else TWO_COPIES
        return out


@dataclass(slots=True)
class Scored:
    """Pairs found, against the truth."""

    found: set[Pair]
    expected: dict[Pair, str]

    @property
    def recall(self) -> float:
        return len(self.found & self.expected.keys()) / max(1, len(self.expected))

    def recall_of(self, kinds: Collection[str]) -> float:
        wanted = [p for p, kind in self.expected.items() if kind in kinds]
        return sum(p in self.found for p in wanted) / max(1, len(wanted))

    def precision(self, truth: Truth) -> float:
        return sum(1 for p in self.found if truth.true(p)) / max(1, len(self.found))

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """kind -> (found, planted)."""
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for p, kind in self.expected.items():
            out[kind][1] += 1
            out[kind][0] += p in self.found
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def pairs_of(matches: Iterable[Match]) -> set[Pair]:
    return {(m.a.id, m.b.id) for m in matches}


def registry_pairs(url: str, ids: Collection[str]) -> set[Pair]:
    """The pairs in `hq_duplicate_pairs` with a record of `ids` (the generator's planted
    copies, matched by `match_batch` as they were loaded)."""
    wanted = set(ids)
    with psycopg.connect(psycopg_url(url)) as conn:
        rows = conn.execute("SELECT person_a, person_b FROM hq_duplicate_pairs").fetchall()
    return {(a, b) for a, b in rows if a in wanted or b in wanted}


# -- the brute force ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewPerson:
    id: str
    sex: str
    born: date
    name_key: str
    mother_key: str


def new_people(url: str) -> list[NewPerson]:
    with psycopg.connect(psycopg_url(url)) as conn:
        rows = conn.execute(
            "SELECT id, sex, birth_date, name_key, mother_key FROM beneficiaries "
            "WHERE origin_branch = %s AND deleted_at IS NULL",
            (BATCH_BRANCH,),
        ).fetchall()
    return [NewPerson(*row) for row in rows]


def brute_force(url: str, people: list[NewPerson]) -> tuple[set[Pair], int]:
    """Every likely or identifier pair of `people` with records of other branches, by
    comparing each with its whole (sex, birth year) block; (pairs, comparisons made)."""
    blocks: dict[tuple[str, int], list[NewPerson]] = defaultdict(list)
    for p in people:
        blocks[(p.sex, p.born.year)].append(p)
    found: set[Pair] = set()
    compared = 0
    query = (
        "SELECT id, birth_date, name_key, mother_key FROM beneficiaries WHERE sex = %s "
        "AND birth_date BETWEEN %s AND %s AND origin_branch <> %s AND deleted_at IS NULL"
    )
    with psycopg.connect(psycopg_url(url)) as conn:
        for (sex, year), mine in sorted(blocks.items()):
            rows = conn.execute(
                query, (sex, date(year, 1, 1), date(year, 12, 31), BATCH_BRANCH)
            ).fetchall()
            if not rows:
                continue
            compared += len(mine) * len(rows)
            choices = [r[2] for r in rows]
            for p in mine:
                a = PersonKey(p.name_key, p.mother_key, p.born, Sex(sex))
                near = process.extract(
                    p.name_key, choices, scorer=fuzz.ratio, score_cutoff=NAME_FLOOR, limit=None
                )
                for _name, _similarity, j in near:
                    rid, born, name_key, mother_key = rows[j]
                    score = match_score(a, PersonKey(name_key, mother_key, born, Sex(sex)))
                    if is_likely_duplicate(score):
                        found.add(pair(p.id, rid))
        found |= _same_identifiers(conn, [p.id for p in people])
    return found, compared


def _same_identifiers(conn: psycopg.Connection, ids: list[str]) -> set[Pair]:
    """Records of other branches holding a national number or passport the new people hold."""
    rows = conn.execute(
        "SELECT n.beneficiary_id, o.beneficiary_id FROM beneficiary_identifiers n "
        "JOIN beneficiary_identifiers o ON o.id_type = n.id_type AND o.number = n.number "
        "JOIN beneficiaries b ON b.id = o.beneficiary_id "
        "WHERE n.beneficiary_id = ANY(%s) AND n.id_type IN ('national_number', 'passport') "
        "AND n.deleted_at IS NULL AND o.deleted_at IS NULL AND b.deleted_at IS NULL "
        "AND b.origin_branch <> %s",
        (ids, BATCH_BRANCH),
    ).fetchall()
    return {pair(a, b) for a, b in rows}
