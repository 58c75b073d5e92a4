"""The registry match at national scale: a new branch's 10,000 people matched against a
generated registry of 1,000,000 or 7,000,000 (bench.registry_generator), on PostgreSQL.

uv run python -m bench.registry_scale --people 1000000 [--rounds 3]

Measured in one run, each figure alternated with its raw limit, medians of the rounds:

- detection: `registry_matches.match_batch` (what the apply calls, on the people and
  identifiers the batch touched) with its writes flushed, in a transaction rolled back, the
  batch's people stored; raw limit: the same queries as bare SQL (psycopg, the same statements
  and parameters, rows fetched, nothing scored);
- the apply: `HqService.import_files` of the batch (what `sanad hq import` calls) with the
  match, and with `ingest.match_batch` made to do nothing; raw limit: psycopg `COPY` of the
  same rows into the same registry tables (rolled back). After every apply the registry is put
  back as it was (bench.registry_apply.restored);
- recall and precision against the generator's truth, of the match and of a brute force over
  the same (sex, birth year) blocks with the same score (bench.registry_recall).

The database is the generator's (`sanad_scale_1m`, `sanad_scale_7m`; server from
SANAD_SCALE_PG_URL); the generator is run first if its outputs are missing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from dataclasses import dataclass, field

import psycopg
from sqlalchemy.orm import Session

from app.db.clock import utcnow
from app.hq.home import HqHome
from app.hq.registry_matches import _NEAR_DATES_PG, EXACT_TYPES, find_matches, match_batch
from app.hq.service import HqService
from bench.registry_apply import (
    NewBranch,
    apply,
    branch_rows,
    copy_rolled_back,
    enroll,
    new_branch,
    restored,
)
from bench.registry_db import database_name, fresh_database, psycopg_url, scale_url
from bench.registry_generator import BATCH_BRANCH, REGISTRY_OUT, generate
from bench.registry_people import swapped
from bench.registry_recall import Scored, Truth, brute_force, new_people, pairs_of, registry_pairs
from bench.report import verdict, write_section

GOAL_SECONDS_7M = 10.0
GOAL_RATIO = 1.3
GOAL_RECALL = 0.99
ISSUE_KINDS = ("exact_nn", "spelling", "typo", "swapped", "day")


@dataclass(slots=True)
class Samples:
    detect: list[float] = field(default_factory=list)
    select: list[float] = field(default_factory=list)
    with_match: list[float] = field(default_factory=list)
    match_phase: list[float] = field(default_factory=list)
    flags: list[float] = field(default_factory=list)
    without: list[float] = field(default_factory=list)
    copy: list[float] = field(default_factory=list)


def touched(url: str) -> dict[str, set[str]]:
    """What the apply's merge reports as touched: the batch's people and identifiers."""
    with psycopg.connect(psycopg_url(url)) as conn:
        people = conn.execute(
            "SELECT id FROM beneficiaries WHERE origin_branch = %s", (BATCH_BRANCH,)
        ).fetchall()
        idents = conn.execute(
            "SELECT id FROM beneficiary_identifiers WHERE origin_branch = %s", (BATCH_BRANCH,)
        ).fetchall()
    return {
        "beneficiaries": {r[0] for r in people},
        "beneficiary_identifiers": {r[0] for r in idents},
    }


def detect(service: HqService, what: dict[str, set[str]]) -> float:
    with Session(service.engine) as session:
        started = time.perf_counter()
        match_batch(session, what, "bench-detect", utcnow())
        session.flush()
        seconds = time.perf_counter() - started
        session.rollback()
    return seconds


def raw_select(url: str) -> float:
    """The match's queries, bare: the same statements (`_NEAR_DATES_PG` for the dates, the
    name block, the identifiers and their holders) with psycopg, rows fetched, nothing else."""
    with psycopg.connect(psycopg_url(url)) as conn:
        people = conn.execute(
            "SELECT id, sex, birth_date, name_key, mother_key FROM beneficiaries "
            "WHERE origin_branch = %s",
            (BATCH_BRANCH,),
        ).fetchall()
        columns = "id, origin_branch, sex, birth_date, name_key, mother_key"
        near = _NEAR_DATES_PG.text
        for name in ("pid", "sex", "day", "swap", "name", "mother", "branch"):
            near = near.replace(f":{name}", f"%({name})s")
        started = time.perf_counter()
        ids = [p[0] for p in people]
        conn.execute(f"SELECT {columns} FROM beneficiaries WHERE id = ANY(%s)", (ids,)).fetchall()
        conn.execute(
            "SELECT id_type, number, beneficiary_id FROM beneficiary_identifiers WHERE "
            "beneficiary_id = ANY(%s) AND id_type = ANY(%s) AND deleted_at IS NULL",
            (ids, list(EXACT_TYPES)),
        ).fetchall()
        conn.execute(near, {
            "pid": [p[0] for p in people], "sex": [p[1] for p in people],
            "day": [p[2] for p in people], "swap": [swapped(p[2]) for p in people],
            "name": [p[3] for p in people], "mother": [p[4] for p in people],
            "branch": BATCH_BRANCH,
        }).fetchall()  # fmt: skip
        for sex in ("M", "F"):
            names = sorted({p[3] for p in people if p[1] == sex})
            conn.execute(
                f"SELECT {columns} FROM beneficiaries WHERE sex = %s AND name_key = ANY(%s) "
                "AND deleted_at IS NULL AND origin_branch <> %s",
                (sex, names, BATCH_BRANCH),
            ).fetchall()
        numbers = conn.execute(
            "SELECT number FROM beneficiary_identifiers WHERE origin_branch = %s "
            "AND id_type = ANY(%s)",
            (BATCH_BRANCH, list(EXACT_TYPES)),
        ).fetchall()
        conn.execute(
            "SELECT i.number, b.id, b.origin_branch FROM beneficiary_identifiers i JOIN "
            "beneficiaries b ON b.id = i.beneficiary_id WHERE i.number = ANY(%s) AND "
            "i.deleted_at IS NULL AND b.origin_branch <> %s AND b.deleted_at IS NULL",
            ([n[0] for n in numbers], BATCH_BRANCH),
        ).fetchall()
        return time.perf_counter() - started


@dataclass(slots=True)
class Quality:
    truth: Truth
    matcher: Scored
    brute: Scored
    brute_seconds: float
    compared: int
    registry: Scored
    branches: set[str]  # the branches of the pairs' records


def run(
    url: str, branch: NewBranch, service: HqService, rounds: int, reps: int
) -> tuple[Samples, Quality]:
    s = Samples()
    quality: Quality | None = None
    rows = None
    for r in range(rounds):
        with restored(url):
            s.without.append(apply(service, branch, detect=False).seconds)
            what = touched(url)
            for _ in range(reps):
                s.select.append(raw_select(url))
                s.detect.append(detect(service, what))
            if r == 0:
                rows = branch_rows(url)
                quality = _quality(url, service, branch, what)
            print(f"round {r + 1}: without {s.without[-1]:.2f}s, detect {s.detect[-1]:.2f}s, "
                  f"select {s.select[-1]:.2f}s", flush=True)  # fmt: skip
        assert rows is not None
        s.copy.append(copy_rolled_back(url, rows))
        with restored(url):
            applied = apply(service, branch, detect=True)
            s.with_match.append(applied.seconds)
            s.match_phase.append(applied.phases.match)
            s.flags.append(applied.flags)
        print(f"round {r + 1}: copy {s.copy[-1]:.2f}s, with {s.with_match[-1]:.2f}s "
              f"(match {s.match_phase[-1]:.2f}s, flags {s.flags[-1]:.2f}s)", flush=True)  # fmt: skip
    assert quality is not None
    return s, quality


def _quality(url: str, service: HqService, branch: NewBranch, what: dict[str, set[str]]) -> Quality:
    folder = REGISTRY_OUT / (service.engine.url.database or "")
    truth = Truth.read(folder, branch.ids, branch.entries)
    with Session(service.engine) as session:
        matches = find_matches(session, what["beneficiaries"])
    found = pairs_of(matches)
    branches = {m.a.branch for m in matches} | {m.b.branch for m in matches}
    expected = truth.expected(branch.ids)
    started = time.perf_counter()
    brute, compared = brute_force(url, new_people(url))
    brute_seconds = time.perf_counter() - started
    copies = truth.registry_copies
    batch = set(branch.ids)
    among = {p: k for p, k in truth.expected(copies).items() if batch.isdisjoint(p)}
    registry = Scored(registry_pairs(url, copies), among)
    return Quality(
        truth,
        Scored(found, expected),
        Scored(brute, expected),
        brute_seconds,
        compared,
        registry,
        branches,
    )


# -- the report ---------------------------------------------------------------------------------


def _med(xs: list[float]) -> float:
    return statistics.median(xs)


def _label(people: int) -> str:
    return f"{people // 1_000_000}M" if people % 1_000_000 == 0 else f"{people:,}"


def _kinds(q: Quality) -> str:
    lines = [
        "| planted kind | pairs | match finds | brute force finds | registry's own copies: pairs found by the generator's `match_batch` |",
        "|---|---:|---:|---:|---:|",
    ]
    brute = q.brute.by_kind()
    registry = q.registry.by_kind()
    matcher = q.matcher.by_kind()
    for kind in sorted(matcher.keys() | registry.keys()):
        found, planted = matcher.get(kind, (0, 0))
        bf = brute.get(kind, (0, 0))[0]
        rf, rp = registry.get(kind, (0, 0))
        lines.append(
            f"| `{kind}` | {planted} | {found} ({found / max(1, planted):.1%}) | {bf} ({bf / max(1, planted):.1%}) | {rf}/{rp} |"
        )
    return "\n".join(lines)


def text(meta: dict, s: Samples, q: Quality, branch: NewBranch, rounds: int, load: float) -> str:
    people = int(meta["people"])
    n = len(branch.ids)
    detect, select = _med(s.detect), _med(s.select)
    with_m, without, copy = _med(s.with_match), _med(s.without), _med(s.copy)
    ratio = with_m / without
    match_ratio = (without + _med(s.match_phase)) / without
    branches = len(q.branches)
    per_person = detect / n * 1000
    goal_seconds = GOAL_SECONDS_7M * people / 7_000_000
    recall, precision = q.matcher.recall, q.matcher.precision(q.truth)
    issue = q.matcher.recall_of(ISSUE_KINDS)
    lost = q.brute.found - q.matcher.found
    extra = q.matcher.found - q.brute.found
    gen = meta["seconds"]
    gen_rows = "\n".join(f"| {phase} | {sec:.1f} |" for phase, sec in gen.items())
    return f"""
A shared 2-core virtual machine, 24 GiB (load average {load:.1f} when the run started);
PostgreSQL 16 on the same cores, its default settings (128 MB shared buffers).

**The registry** (`bench.registry_generator --people {people}`): {people:,} people at
{meta["branches"]} branches, {meta["identifiers"]:,} identifiers, {meta["planted"]:,} planted
copies at a second branch ({meta["pairs"]:,} pairs found by `match_batch` as they were loaded),
generated and loaded in **{sum(gen.values()):.0f} s**:

| phase | seconds |
|---|---:|
{gen_rows}

**The batch**: a new branch ({BATCH_BRANCH}) registers {n:,} people ({meta["batch_copies"]:,} of
them copies of registry people, the rest new families) and sends them as one batch of
{branch.changes:,} changes. Medians of {rounds} rounds, each path alternated with its raw limit.

| path | seconds | per person |
|---|---:|---:|
| **detection**: `registry_matches.match_batch` of the batch's people (writes flushed, rolled back) | **{detect:.2f}** | **{per_person:.3f} ms** |
| raw limit: the same queries as bare SQL (psycopg, the same statements and parameters, rows fetched; no ORM, no scoring) | {select:.2f} | {select / n * 1000:.3f} ms |
| **apply with detection**: `HqService.import_files` (`sanad hq import`) | **{with_m:.2f}** | – |
| of which the match (`match_batch` inside the apply) | {_med(s.match_phase):.2f} | – |
| of which the pairs' flags queued in the batch's answer (`flags.queue_flags`; each other branch's are queued with its own next answer) | {_med(s.flags):.2f} | – |
| apply without detection (`ingest.match_batch` doing nothing) | {without:.2f} | – |
| raw limit: psycopg `COPY` of the same rows into the same registry tables (rolled back) | {copy:.2f} | – |

Detection {detect:.2f} s for {n:,} people ({per_person:.3f} ms a person, {detect / select:.1f}× its
raw look-ups). Goal ≤ 10 s at 7M, ≤ 1 ms a person (here, pro rata, {goal_seconds:.1f} s):
{verdict(per_person <= 1.0 and (people < 7_000_000 or detect <= GOAL_SECONDS_7M))}.
The apply with detection takes **{ratio:.2f}×** the apply without it. Goal ≤ 1.3×:
{verdict(ratio <= GOAL_RATIO)}. Of the difference, the match itself is
{_med(s.match_phase):.2f} s (the apply and the match alone: {match_ratio:.2f}×); the rest is
the {len(q.matcher.found):,} pairs' flags in the batch's answer and the answer's other lines
(the {branches} other branches hear of their pairs with their own next answers).

**Recall and precision** of the batch's pairs against the generator's truth
({len(q.matcher.expected):,} true pairs: a copy with its original, and with the original's own
registry copy when it has one):

{_kinds(q)}

- the match: **recall {issue:.2%}** on the kinds the issue names ({", ".join(ISSUE_KINDS)}:
  the same number, spelling variants, a slip in one name, a swapped day and month, another
  day), {recall:.2%} with `typo_day` and `two copies` too; precision {precision:.2%}
  ({len(q.matcher.found):,} pairs found, {sum(1 for p in q.matcher.found if not q.truth.true(p)):,}
  of them between two different people: siblings and namesakes born the same day, which an
  officer dismisses). Goal recall ≥ 99 %: {verdict(issue >= GOAL_RECALL)} on the issue's kinds,
  {verdict(recall >= GOAL_RECALL)} with all of them.
- brute force over the same blocks (every pair of the same sex and birth year, {q.compared:,}
  comparisons, the same score; {q.brute_seconds:.0f} s): recall {q.brute.recall:.2%}, precision
  {q.brute.precision(q.truth):.2%} ({len(q.brute.found):,} pairs).
- what the match's indexes lose against the brute force: {len(lost):,} pairs
  ({sum(1 for p in lost if q.truth.true(p)):,} true), the match finds
  {len(q.matcher.found & q.brute.found) / max(1, len(q.brute.found)):.2%} of the brute force's
  pairs (and {len(extra)} it does not).
- the registry's own planted copies, as the generator matched them: recall
  {q.registry.recall:.2%}, precision {q.registry.precision(q.truth):.2%}.
"""


def ensure_registry(people: int, branches: int) -> str:
    name = database_name(people)
    url = scale_url(name).render_as_string(hide_password=False)
    if not (REGISTRY_OUT / name / "meta.json").is_file():
        print(f"generating the registry {name} first …", flush=True)
        url = fresh_database(scale_url(name))
        generate(url, people, branches, REGISTRY_OUT / name)
    return url


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, default=1_000_000)
    ap.add_argument("--branches", type=int, default=120)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--reps", type=int, default=2, help="detections per round")
    args = ap.parse_args()
    load = os.getloadavg()[0]
    url = ensure_registry(args.people, args.branches)
    folder = REGISTRY_OUT / database_name(args.people)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    home = HqHome.open(REGISTRY_OUT / "hq-home")
    branch = new_branch(folder, home)
    service = HqService.open(home, url)
    try:
        enroll(service, branch)
        samples, quality = run(url, branch, service, args.rounds, args.reps)
    finally:
        service.close()
    label = _label(args.people)
    write_section(
        f"registry-scale-{label}",
        f"Registry: duplicates across branches, {label} people",
        text(meta, samples, quality, branch, args.rounds, load),
    )


if __name__ == "__main__":
    main()
