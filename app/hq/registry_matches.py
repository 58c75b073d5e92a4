"""The same person at two branches, found as batches arrive: never a scan of the registry.

For each person a batch added or changed, HQ looks for records *of other branches* (within a
branch the desk's own duplicate check works, and a branch's own two records are its business):

- an identifier in common: the same national number or passport number (certain; a family
  booklet is shared by a whole family, so it identifies no one);
- a likely match, scored by the branch's own rule (app.domain.duplicates: normalized four-part
  name, mother's name, birth date, sex), among the records found through two indexes: the same
  sex and birth date, or that date with day and month swapped (ix_beneficiaries_dup_block),
  when they also share the normalized name, the mother's name or two of the name's first,
  second and last words (`worth_scoring`); and the same sex and normalized name in the birth
  year, for a mistyped day (ix_beneficiaries_name_block).

The pairs are stored in `hq_duplicate_pairs` in the transaction that applies the batch: a new
pair is open; an open pair gets the newest score; a dismissed pair reopens only when the values
that matched change (its `match_digest`); a confirmed pair is left as decided. Both branches
hear of a pair in their next answers (app.hq.flags).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from typing import Any, TypeVar

from sqlalchemy import any_, bindparam, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from app.db.models import BeneficiaryRow, IdentifierRow
from app.db.sync_models import HqDuplicatePairRow
from app.domain.duplicates import PersonKey, is_likely_duplicate, match_score
from app.domain.people import Sex
from app.hq.merge_moves import retired_among

EXACT_TYPES = ("national_number", "passport")
CHUNK = 900  # values bound in one query (under SQLite's bound-parameter limit)
PG_CHUNK = 20_000  # values in one PostgreSQL array parameter
T = TypeVar("T")
IDENTIFIER = "identifier"
LIKELY = "likely"


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    branch: str
    sex: str
    birth_date: date
    name_key: str
    mother_key: str

    def key(self) -> PersonKey:
        return PersonKey(self.name_key, self.mother_key, self.birth_date, Sex(self.sex))


@dataclass(frozen=True, slots=True)
class Match:
    """Two records of two branches, `a` the smaller id."""

    a: Person
    b: Person
    kind: str  # identifier | likely
    score: float
    matched: tuple[str, ...]
    digest: str


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _among(session: Session, column: Any, values: Sequence[Any]) -> Iterator[Any]:
    """Conditions "column is one of values", a bounded number of values each: on PostgreSQL
    one array parameter (`= ANY(:values)`, planned once however long), elsewhere `IN (…)`."""
    if session.get_bind().dialect.name == "postgresql":
        for chunk in _chunks(values, PG_CHUNK):
            yield column == any_(bindparam(None, list(chunk), type_=ARRAY(column.type)))
    else:
        for chunk in _chunks(values):
            yield column.in_(chunk)


def _grouped(pairs: Iterable[tuple[str, T]]) -> dict[str, list[T]]:
    """(key, value) pairs -> each key's distinct values."""
    groups: dict[str, set[T]] = defaultdict(set)
    for key, value in pairs:
        groups[key].add(value)
    return {key: list(values) for key, values in sorted(groups.items())}


_PERSON_COLUMNS = (
    BeneficiaryRow.id,
    BeneficiaryRow.origin_branch,
    BeneficiaryRow.sex,
    BeneficiaryRow.birth_date,
    BeneficiaryRow.name_key,
    BeneficiaryRow.mother_key,
)


def _people(rows: Iterable[tuple[str, str, str, date, str, str]]) -> list[Person]:
    return [Person(*row) for row in rows]


def load_people(session: Session, ids: Collection[str]) -> list[Person]:
    out: list[Person] = []
    for among in _among(session, BeneficiaryRow.id, sorted(set(ids))):
        query = select(*_PERSON_COLUMNS).where(among, BeneficiaryRow.deleted_at.is_(None))
        out += _people(session.execute(query))
    return out


def people_of_identifiers(session: Session, identifier_ids: Collection[str]) -> set[str]:
    found: set[str] = set()
    for among in _among(session, IdentifierRow.id, sorted(identifier_ids)):
        query = select(IdentifierRow.beneficiary_id).where(among)
        found.update(session.scalars(query))
    return found


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def _swapped(day: date) -> date | None:
    if day.day > 12 or day.day == day.month:
        return None
    return date(day.year, day.day, day.month)


def _pair(x: Person, y: Person) -> tuple[Person, Person]:
    return (x, y) if x.id < y.id else (y, x)


def _identifier_matches(
    session: Session, people: dict[str, Person]
) -> dict[tuple[str, str], Match]:
    mine: dict[tuple[str, str], set[str]] = defaultdict(set)
    for among in _among(session, IdentifierRow.beneficiary_id, sorted(people)):
        query = select(
            IdentifierRow.id_type, IdentifierRow.number, IdentifierRow.beneficiary_id
        ).where(
            among,
            IdentifierRow.id_type.in_(EXACT_TYPES),
            IdentifierRow.deleted_at.is_(None),
        )
        for id_type, number, holder in session.execute(query):
            mine[(id_type, number)].add(holder)
    holders: dict[tuple[str, str], list[Person]] = defaultdict(list)
    others = _other_branches(people.values())
    for id_type, numbers in _grouped(mine).items():
        for among in _among(session, IdentifierRow.number, numbers):
            joined = (
                select(IdentifierRow.number, *_PERSON_COLUMNS)
                .join(BeneficiaryRow, BeneficiaryRow.id == IdentifierRow.beneficiary_id)
                .where(
                    IdentifierRow.id_type == id_type,
                    among,
                    IdentifierRow.deleted_at.is_(None),
                    BeneficiaryRow.deleted_at.is_(None),
                    *others,
                )
            )
            for number, *columns in session.execute(joined):
                holders[(id_type, number)].append(Person(*columns))  # type: ignore[arg-type]
    shared: dict[tuple[Person, Person], set[tuple[str, str]]] = defaultdict(set)
    for (id_type, number), owners in holders.items():
        for person_id in mine[(id_type, number)]:
            person = people[person_id]
            for other in owners:
                if other.branch != person.branch and other.id != person.id:
                    shared[_pair(person, other)].add((id_type, number))
    found: dict[tuple[str, str], Match] = {}
    for (a, b), identifiers in shared.items():
        matched = tuple(sorted({id_type for id_type, _ in identifiers}))
        digest = _digest(*sorted(f"{t}:{n}" for t, n in identifiers))
        found[(a.id, b.id)] = Match(a, b, IDENTIFIER, 100.0, matched, digest)
    return found


def _other_branches(people: Iterable[Person]) -> list[Any]:
    branch = _one_branch(people)
    return [BeneficiaryRow.origin_branch != branch] if branch else []


def _one_branch(people: Iterable[Person]) -> str:
    """The people's branch when they are all of one (a batch's are), else "": the database then
    leaves out that branch's records, the bulk of what it would return."""
    branches = {p.branch for p in people}
    return next(iter(branches)) if len(branches) == 1 else ""


def _words(name_key: str) -> tuple[str, str, str]:
    """The first, second ("" if none) and last words of a name key."""
    words = name_key.split(" ")
    return words[0], words[1] if len(words) > 1 else "", words[-1]


def worth_scoring(person: Person, other: Person) -> bool:
    """A record sharing a birth date (or it swapped) with `person` is scored when it also shares
    the normalized name, the mother's name or two of the name's first, second and last words
    (a slip in one part leaves two): at 7,000,000 people a date is shared by a hundred records
    of each sex, nearly all strangers. On PostgreSQL the query applies the same test."""
    if person.name_key == other.name_key or person.mother_key == other.mother_key:
        return True
    mine, theirs = _words(person.name_key), _words(other.name_key)
    return (mine[0] == theirs[0]) + (mine[1] == theirs[1]) + (mine[2] == theirs[2]) >= 2


# `worth_scoring` in the query: per person and date (as written, and swapped), the records of
# that sex and date by the covering ix_beneficiaries_dup_block (index only; `OFFSET 0` keeps it
# a look-up per date, never a scan of the index); the few records left then read by id.
_NEAR_DATES_PG = text(
    """
    WITH q AS (
        SELECT p.pid, p.sex, d.day, p.name_key, p.mother_key,
               split_part(p.name_key, ' ', 1) AS w1, split_part(p.name_key, ' ', 2) AS w2,
               reverse(split_part(reverse(p.name_key), ' ', 1)) AS wl
        FROM unnest(
            CAST(:pid AS varchar[]), CAST(:sex AS varchar[]), CAST(:day AS date[]),
            CAST(:swap AS date[]), CAST(:name AS varchar[]), CAST(:mother AS varchar[])
        ) AS p(pid, sex, day, swap, name_key, mother_key)
        CROSS JOIN LATERAL (VALUES (p.day), (p.swap)) AS d(day) WHERE d.day IS NOT NULL
    ), near AS (
        SELECT q.pid, n.id FROM q CROSS JOIN LATERAL (
            SELECT d.id FROM beneficiaries d
            WHERE d.sex = q.sex AND d.birth_date = q.day AND (
                d.name_key = q.name_key OR d.mother_key = q.mother_key
                OR (split_part(d.name_key, ' ', 1) = q.w1)::int
                   + (split_part(d.name_key, ' ', 2) = q.w2)::int
                   + (reverse(split_part(reverse(d.name_key), ' ', 1)) = q.wl)::int >= 2)
            OFFSET 0
        ) AS n
    )
    SELECT near.pid, b.id, b.origin_branch, b.sex, b.birth_date, b.name_key, b.mother_key
    FROM near JOIN beneficiaries b ON b.id = near.id
    WHERE b.deleted_at IS NULL AND b.origin_branch <> :branch
    """
)


def _date_pairs_pg(session: Session, people: Sequence[Person]) -> Iterator[tuple[Person, Person]]:
    by_id = {p.id: p for p in people}
    for chunk in _chunks(people, PG_CHUNK):
        params = {
            "pid": [p.id for p in chunk], "sex": [p.sex for p in chunk],
            "day": [p.birth_date for p in chunk], "swap": [_swapped(p.birth_date) for p in chunk],
            "name": [p.name_key for p in chunk], "mother": [p.mother_key for p in chunk],
            "branch": _one_branch(people),
        }  # fmt: skip
        for pid, *columns in session.execute(_NEAR_DATES_PG, params):
            yield by_id[pid], Person(*columns)


def _date_pairs_listed(
    session: Session, people: Sequence[Person]
) -> Iterator[tuple[Person, Person]]:
    """`_date_pairs_pg` elsewhere (SQLite): the records of each (sex, date), tested here."""
    dates = _grouped(
        (p.sex, d) for p in people for d in (p.birth_date, _swapped(p.birth_date)) if d
    )
    by_date: dict[tuple[str, date], list[Person]] = defaultdict(list)
    for c in _candidates(session, BeneficiaryRow.birth_date, dates, people):
        by_date[(c.sex, c.birth_date)].append(c)
    for p in people:
        for d in (p.birth_date, _swapped(p.birth_date)):
            for other in by_date.get((p.sex, d), ()) if d else ():
                if worth_scoring(p, other):
                    yield p, other


def _name_pairs(session: Session, people: Sequence[Person]) -> Iterator[tuple[Person, Person]]:
    """Records with a person's sex and normalized name, born the same year (a mistyped day)."""
    by_name: dict[tuple[str, str, int], list[Person]] = defaultdict(list)
    names = _grouped((p.sex, p.name_key) for p in people)
    for c in _candidates(session, BeneficiaryRow.name_key, names, people):
        by_name[(c.sex, c.name_key, c.birth_date.year)].append(c)
    for p in people:
        for other in by_name.get((p.sex, p.name_key, p.birth_date.year), ()):
            yield p, other


def _candidates(
    session: Session, column: Any, keys: dict[str, list[Any]], people: Sequence[Person]
) -> Iterator[Person]:
    """Live records (of other branches) with a sex and one of its values of `column`."""
    others = _other_branches(people)
    # One sex and a list of values per query: an index range scan per value (not row values).
    for sex, values in keys.items():
        for among in _among(session, column, values):
            query = select(*_PERSON_COLUMNS).where(
                BeneficiaryRow.sex == sex, among, BeneficiaryRow.deleted_at.is_(None), *others
            )
            yield from _people(session.execute(query))


def _likely_matches(session: Session, people: Sequence[Person]) -> dict[tuple[str, str], Match]:
    """Likely pairs among the records the two blocks find (module docstring)."""
    postgres = session.get_bind().dialect.name == "postgresql"
    by_date = (_date_pairs_pg if postgres else _date_pairs_listed)(session, people)
    found: dict[tuple[str, str], Match] = {}
    for person, other in chain(by_date, _name_pairs(session, people)):
        if other.branch == person.branch or other.id == person.id:
            continue
        a, b = _pair(person, other)
        if (a.id, b.id) in found:
            continue
        score = match_score(person.key(), other.key())
        if not is_likely_duplicate(score):
            continue
        matched = tuple(
            field
            for field, same in (
                ("name", a.name_key == b.name_key),
                ("mother_name", a.mother_key == b.mother_key),
                ("birth_date", a.birth_date == b.birth_date),
                ("sex", a.sex == b.sex),
            )
            if same
        )
        digest = _digest(
            a.name_key, a.mother_key, a.birth_date, b.name_key, b.mother_key, b.birth_date
        )
        found[(a.id, b.id)] = Match(a, b, LIKELY, score, matched, digest)
    return found


def find_matches(session: Session, person_ids: Collection[str]) -> list[Match]:
    """Every pair one of `person_ids` (live records) forms with a record of another branch."""
    people = {p.id: p for p in load_people(session, person_ids)}
    if not people:
        return []
    found = _likely_matches(session, list(people.values()))
    found.update(_identifier_matches(session, people))  # certain beats likely
    retired = retired_among(session, {i for pair in found for i in pair})
    return [found[k] for k in sorted(found) if not retired.intersection(k)]


def record_matches(session: Session, matches: Sequence[Match], batch_id: str, now: datetime) -> int:
    """Store the pairs; the number of pairs opened (new, or reopened after a change)."""
    existing: dict[tuple[str, str], HqDuplicatePairRow] = {}
    wanted = {(m.a.id, m.b.id) for m in matches}
    for among in _among(session, HqDuplicatePairRow.person_a, sorted({a for a, _ in wanted})):
        query = select(HqDuplicatePairRow).where(among)
        existing.update(
            ((r.person_a, r.person_b), r)
            for r in session.scalars(query)
            if (r.person_a, r.person_b) in wanted
        )
    opened = 0
    for m in matches:
        row = existing.get((m.a.id, m.b.id))
        if row is None:
            session.add(
                HqDuplicatePairRow(
                    person_a=m.a.id, person_b=m.b.id, branch_a=m.a.branch, branch_b=m.b.branch,
                    kind=m.kind, score=m.score, matched=",".join(m.matched),
                    match_digest=m.digest, status="open", found_at=now, found_batch=batch_id,
                    reason="", version=1, sent_a=0, sent_b=0, unsent=True,
                )
            )  # fmt: skip
            opened += 1
            continue
        if row.status == "confirmed" or (
            row.status == "dismissed" and row.match_digest == m.digest
        ):
            continue
        matched = ",".join(m.matched)
        if row.status == "dismissed" or row.matched != matched:
            row.version += 1  # both branches hear of it again
            row.unsent = True
        if row.status == "dismissed":
            row.status, row.decided_at, row.decided_by = "open", None, None
            row.reason = ""
            opened += 1
        row.kind, row.score, row.matched = m.kind, m.score, matched
        row.match_digest, row.found_at, row.found_batch = m.digest, now, batch_id
    return opened


def match_batch(
    session: Session, touched: dict[str, set[str]], batch_id: str, now: datetime
) -> int:
    """After a batch applied: the people it added or changed (directly or by an identifier)
    matched against the registry; the number of pairs opened."""
    people = set(touched.get("beneficiaries", ()))
    identifiers = touched.get("beneficiary_identifiers", set())
    if identifiers:
        people |= people_of_identifiers(session, identifiers)
    if not people:
        return 0
    return record_matches(session, find_matches(session, people), batch_id, now)
