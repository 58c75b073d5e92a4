"""A national registry at HQ, generated: N people spread over many branches, loaded into HQ's
PostgreSQL (migrated by the project's own Alembic migrations) with psycopg `COPY`, with
planted cross-branch duplicates whose truth is kept beside it.

uv run python -m bench.registry_generator --people 1000000 [--branches 120] [--database NAME]

What HQ stores of a branch's people, in the form the apply writes it: `beneficiaries` (with
`name_key` and `mother_key` made by `app.db.name_keys.KeyMaker`, as the branch's bulk writer
and HQ's merge make them) and `beneficiary_identifiers` (national numbers valid under
`app.domain.people.check_national_number`, passports), `hq_branches` and `hq_ledger` for every
branch, `hq_counter`. Who the people are: `bench.registry_people`. About 1 % of the records are
planted copies of another record at another branch; once loaded, those copies are matched by
the real `app.hq.registry_matches.match_batch` (as the apply would have matched them, branch
by branch), which fills `hq_duplicate_pairs`. The indexes of the two big tables are dropped
for the load and made again from their own definitions (the schema ends exactly as migrated).

Also written, under bench/out/registry/<database>/: `truth.tsv` (every planted record: id,
the id of the person it really is, kind), and `batch.jsonl`: a 10,000-person batch for a new
branch (`NEW01`), a tenth of it copies of registry people (`bench.registry_scale` registers it
at a real branch and sends it to HQ).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import psycopg
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.db import migrate
from app.db.clock import new_ids, utcnow
from app.db.engine import make_engine
from app.db.name_keys import KeyMaker
from app.db.sync_models import HqDuplicatePairRow
from app.demo.names import NEIGHBOURHOODS, STREETS
from app.hq.registry_matches import match_batch
from bench.registry_db import database_name, fresh_database, psycopg_url, scale_url
from bench.registry_people import Canon, PeopleMaker, Person, batch_people
from bench.report import OUT

REGISTRY_OUT = OUT / "registry"
BATCH_BRANCH = "NEW01"
TODAY = date(2026, 12, 1)
_CITIES = ("TRP", "BEN", "MIS", "ZAW", "SEB", "ZLI", "KHM", "SRT", "TOB", "DER", "AJD", "GHR")
_CITY_WEIGHT = (30, 14, 8, 5, 4, 3, 3, 3, 2, 2, 1.5, 1.5)
BEN_COLUMNS = (
    "id", "origin_branch", "created_at", "created_by", "updated_at", "updated_by",
    "row_version", "hq_version", "first_name", "father_name", "grandfather_name",
    "family_name", "mother_name", "sex", "birth_date", "nationality", "municipality_code",
    "address", "disability_type", "displacement_status", "notes", "name_key", "mother_key",
)  # fmt: skip
IDENT_COLUMNS = (
    "id", "origin_branch", "created_at", "created_by", "updated_at", "updated_by",
    "row_version", "hq_version", "beneficiary_id", "id_type", "number",
)  # fmt: skip
BIG_TABLES = ("beneficiaries", "beneficiary_identifiers")
HEARD = "UPDATE hq_duplicate_pairs SET sent_a = version, sent_b = version, unsent = false"


def branch_codes(count: int) -> tuple[list[str], list[float]]:
    """`count` branch codes (TRP01 …), Tripoli's many and big, the south's few and small."""
    codes: list[str] = []
    weights: list[float] = []
    share = sum(_CITY_WEIGHT)
    for city, weight in zip(_CITIES, _CITY_WEIGHT, strict=True):
        n = max(1, round(count * weight / share))
        for k in range(n):
            codes.append(f"{city}{k + 1:02d}")
            weights.append(weight / n * (1.5 if k == 0 else 1.0))
    return codes[:count], weights[:count]


@dataclass(slots=True)
class Planted:
    """What the generator knows that HQ does not."""

    truth: list[tuple[str, str, str]] = field(default_factory=list)  # id, identity, kind
    copies_by_branch: dict[str, list[str]] = field(default_factory=dict)
    targets: list[tuple[str, Canon]] = field(default_factory=list)  # batch copies' originals


class Writer:
    """Formats records as COPY text lines (no value needs escaping: none holds a tab, a
    newline or a backslash)."""

    def __init__(self, branches: list[str]) -> None:
        self.keys = KeyMaker()
        self.users = dict(zip(branches, new_ids(len(branches)), strict=True))
        self.iso: dict[date, str] = {}
        self.addresses = [f"{n}، {s}" for n in NEIGHBOURHOODS for s in STREETS]
        self.ben: list[str] = []
        self.ident: list[str] = []
        self.rng = random.Random(7)
        self.ids = _ids()

    def add(self, rid: str, branch: str, p: Person, hq_version: int, stamp: str) -> None:
        keys = self.keys
        born = self.iso.get(p.born)
        if born is None:
            born = self.iso[p.born] = p.born.isoformat()
        user = self.users[branch]
        meta = f"{branch}\t{stamp}\t{user}\t{stamp}\t{user}\t1\t{hq_version}"
        name_key = keys.name_key(p.first, p.father, p.grandfather, p.family)
        mother_key = keys.cache.get(p.mother) or keys.norm(p.mother)
        nationality = "EG" if p.passport else "LY"
        address = self.addresses[self.rng.getrandbits(8) % len(self.addresses)]
        self.ben.append(
            f"{rid}\t{meta}\t{p.first}\t{p.father}\t{p.grandfather}\t{p.family}\t{p.mother}\t"
            f"{p.sex.value}\t{born}\t{nationality}\t\\N\t{address}\tnone\tresident\t\t"
            f"{name_key}\t{mother_key}\n"
        )
        for id_type, number in (("national_number", p.national_number), ("passport", p.passport)):
            if number:
                self.ident.append(f"{next(self.ids)}\t{meta}\t{rid}\t{id_type}\t{number}\n")

    def flush(self, cur: psycopg.Cursor) -> None:
        for table, columns, lines in (
            ("beneficiaries", BEN_COLUMNS, self.ben),
            ("beneficiary_identifiers", IDENT_COLUMNS, self.ident),
        ):
            if lines:
                with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    copy.write("".join(lines))
                lines.clear()


def _ids() -> Iterator[str]:
    while True:
        yield from new_ids(10_000)


def _records(
    maker: PeopleMaker,
    people: int,
    branches: list[str],
    weights: list[float],
    planted: Planted,
    dup_share: float,
    batch_targets: int,
) -> Iterator[tuple[str, str, Person, str | None, str]]:
    """(id, branch, record, kind, identity) until `people` records: kind None and the record's
    own id for an original, the copy's kind and the original's id for a planted copy."""
    rng = random.Random(maker.seed + 1)
    ids = _ids()
    cumulative: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total / sum(weights))
    target_every = max(1, int(people / (max(1, batch_targets) * 1.1)))
    made = index = 0
    while made < people:
        home = branches[min(bisect(cumulative, rng.random()), len(branches) - 1)]
        for canon in maker.family_of(index, maker.family_size()):
            index += 1
            if made >= people:
                return
            # A family moves now and then: a sibling at another branch.
            branch = home if rng.random() >= 0.05 else branches[rng.randrange(len(branches))]
            rid = next(ids)
            made += 1
            yield rid, branch, maker.written(canon), None, rid
            if index % target_every == 0 and len(planted.targets) < batch_targets:
                planted.targets.append((rid, canon))
            if rng.random() < dup_share and made < people:
                other = branches[rng.randrange(len(branches))]
                while other == branch:
                    other = branches[rng.randrange(len(branches))]
                copy, kind = maker.copy(canon, maker.pick_kind())
                made += 1
                yield next(ids), other, copy, kind, rid


# -- the load -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Generated:
    database: str
    people: int
    branches: int
    identifiers: int = 0
    planted: int = 0
    pairs: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def _drop_indexes(cur: psycopg.Cursor) -> list[str]:
    """Drop the big tables' indexes and constraints; the statements that make them again."""
    again: list[str] = []
    for name, table, definition in cur.execute(
        "SELECT conname, conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid::regclass::text = ANY(%s)",
        (list(BIG_TABLES),),
    ).fetchall():
        cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        again.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    for name, definition in cur.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)",
        (list(BIG_TABLES),),
    ).fetchall():
        cur.execute(f'DROP INDEX "{name}"')
        again.append(definition)
    return again


def _branch_rows(cur: psycopg.Cursor, branches: list[str], counts: dict[str, int]) -> None:
    now = datetime(2026, 12, 1, 8, 0)
    for code in branches:
        cur.execute(
            "INSERT INTO hq_branches (code, name, signing_key, box_key, created_at, enrolled_at)"
            " VALUES (%s, %s, %s, %s, %s, %s)",
            (code, f"فرع {code}", new_ids(1)[0], new_ids(1)[0], now, now),
        )
        cur.execute(
            "INSERT INTO hq_ledger (branch, last_seq, last_hash, down_seq, branch_acked_down,"
            " rejected_rows, last_received_at, last_contact_at) VALUES"
            " (%s, %s, %s, 0, 0, 0, %s, %s)",
            (code, counts.get(code, 0), "0" * 64, now, now),
        )


def load(
    url: str,
    people: int,
    branch_count: int,
    seed: int = 2026,
    dup_share: float = 0.01,
    batch_targets: int = 1000,
    progress: bool = True,
) -> tuple[Generated, Planted]:
    """Fill the migrated, empty HQ database at `url` (SQLAlchemy URL) with `people` records."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    branches, weights = branch_codes(branch_count)
    maker = PeopleMaker(seed, TODAY)
    planted = Planted()
    done = Generated(make_url(url).database or "", people, len(branches))
    counts: dict[str, int] = dict.fromkeys(branches, 0)
    writer = Writer(branches)
    with psycopg.connect(psycopg_url(url)) as conn, conn.cursor() as cur:
        if cur.execute("SELECT count(*) FROM beneficiaries").fetchone() != (0,):
            raise SystemExit(f"{done.database} already holds people: generate into a new one")
        cur.execute("SET synchronous_commit = off")
        cur.execute("SET maintenance_work_mem = '1GB'")
        again = _drop_indexes(cur)
        started = time.perf_counter()
        for n, (rid, branch, person, kind, identity) in enumerate(
            _records(maker, people, branches, weights, planted, dup_share, batch_targets), 1
        ):
            writer.add(rid, branch, person, 1 + n // 10_000, "2026-06-01 09:00:00")
            counts[branch] += 1
            if kind is not None:
                planted.truth.append((identity, identity, "original"))
                planted.truth.append((rid, identity, kind))
                planted.copies_by_branch.setdefault(branch, []).append(rid)
            if n % 50_000 == 0:
                done.identifiers += len(writer.ident)
                writer.flush(cur)
                if progress and n % 500_000 == 0:
                    print(f"  {n:,} people, {time.perf_counter() - started:.0f}s", flush=True)
        done.identifiers += len(writer.ident)
        writer.flush(cur)
        _branch_rows(cur, branches, counts)
        cur.execute(
            "INSERT INTO hq_counter (name, value) VALUES ('hq_version', %s)",
            (1 + people // 10_000,),
        )
        conn.commit()
        done.seconds["generate and COPY"] = time.perf_counter() - started
        started = time.perf_counter()
        for statement in again:
            cur.execute(statement)
        conn.commit()
        done.seconds["indexes"] = time.perf_counter() - started
        started = time.perf_counter()
        conn.autocommit = True
        cur.execute("VACUUM ANALYZE beneficiaries")
        cur.execute("VACUUM ANALYZE beneficiary_identifiers")
        done.seconds["vacuum analyze"] = time.perf_counter() - started
    done.planted = sum(len(v) for v in planted.copies_by_branch.values())
    return done, planted


def match_planted(url: str, planted: Planted, done: Generated) -> None:
    """The planted copies matched by the real `match_batch`, branch by branch, as the apply of
    each branch's batch would have matched them: `hq_duplicate_pairs` filled in its own form."""
    engine = make_engine(url)
    started = time.perf_counter()
    try:
        for branch, ids in sorted(planted.copies_by_branch.items()):
            for lo in range(0, len(ids), 10_000):
                with Session(engine) as session, session.begin():
                    touched = {"beneficiaries": set(ids[lo : lo + 10_000])}
                    match_batch(session, touched, f"generated-{branch}-{lo}", utcnow())
        with Session(engine) as session, session.begin():
            done.pairs = session.scalar(select(func.count()).select_from(HqDuplicatePairRow)) or 0
            # Every branch has synced since and heard of its pairs (app.hq.flags).
            session.execute(text(HEARD))
    finally:
        engine.dispose()
    done.seconds["pairs of the planted copies (match_batch)"] = time.perf_counter() - started


def write_outputs(
    folder: Path, done: Generated, planted: Planted, batch: list[dict[str, object]]
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "truth.tsv").open("w", encoding="utf-8") as f:
        f.writelines(f"{rid}\t{identity}\t{kind}\n" for rid, identity, kind in planted.truth)
    with (folder / "batch.jsonl").open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in batch)
    meta = {
        "database": done.database, "people": done.people, "branches": done.branches,
        "identifiers": done.identifiers, "planted": done.planted, "pairs": done.pairs,
        "seconds": done.seconds, "batch": len(batch),
        "batch_copies": sum(1 for e in batch if e["identity"]),
    }  # fmt: skip
    (folder / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")


def generate(
    url: str,
    people: int,
    branches: int,
    folder: Path,
    batch_size: int = 10_000,
    seed: int = 2026,
    dup_share: float = 0.01,
    progress: bool = True,
) -> Generated:
    """Everything: the load, the planted pairs, the truth and the batch in `folder`."""
    done, planted = load(
        url, people, branches, seed, dup_share, batch_targets=batch_size // 10, progress=progress
    )
    match_planted(url, planted, done)
    maker = PeopleMaker(seed + 99, TODAY)
    batch = batch_people(maker, planted.targets, batch_size, first_index=people + 1_000)
    write_outputs(folder, done, planted, batch)
    return done


# -- the command ----------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, default=1_000_000)
    ap.add_argument("--branches", type=int, default=120)
    ap.add_argument("--batch", type=int, default=10_000, help="people in the new branch's batch")
    ap.add_argument("--database", help="default sanad_scale_1m, sanad_scale_7m, …")
    args = ap.parse_args()
    name = args.database or database_name(args.people)
    url = fresh_database(scale_url(name))
    print(f"generating {args.people:,} people into {name} …", flush=True)
    done = generate(url, args.people, args.branches, REGISTRY_OUT / name, args.batch)
    for phase, seconds in done.seconds.items():
        print(f"  {phase}: {seconds:.1f}s")
    print(
        f"{done.people:,} people, {done.identifiers:,} identifiers, {done.branches} branches, "
        f"{done.planted:,} planted copies, {done.pairs:,} pairs; {done.total:.0f}s in all"
    )


if __name__ == "__main__":
    main()
