"""Duplicate check while registering, against N beneficiaries, beside its raw limits.

uv run python -m bench.duplicates [--count 100000 1000000] [--probes 200] [--rounds 6]
    [--brute 20]

Paths alternated within every round on the same probes (new registrations that are spelling
variants of registered people), each going first in turn:
- the project: `BeneficiaryService.check_duplicates` (national number, the (sex, birth year)
  block's name keys, rapidfuzz prune, the survivors' rows, full score, the top ten loaded);
- the floor of this path: the same reads on a bare `sqlite3` connection, the same prune and
  score, nothing loaded (what the design costs with no service around it);
- the issue's design floor: the whole block (four columns) on bare `sqlite3`, prune, score;
- then brute force: every registered person's name scanned by rapidfuzz with the same score,
  top ten (`--brute` probes a round, a different slice each round): the recall reference.
Each round gives a p50 and p99 per path; the report shows the median over rounds and the
min-max spread, and the project's p99 over each floor's p99 of the same round.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz, process

from app.domain.arabic import normalize_arabic
from app.domain.beneficiary import BeneficiaryData, BeneficiaryDraft
from app.domain.duplicates import PersonKey, is_likely_duplicate, match_score, name_key
from app.domain.people import Sex
from app.services.beneficiaries import _NAME_CUTOFF, MAX_CANDIDATES
from bench.dataset import ensure_branch, open_as_admin, vary
from bench.report import percentile, verdict, write_section

GOAL_P99_MS = 30.0
WHERE = " FROM beneficiaries WHERE sex = ? AND birth_date >= ? AND birth_date <= ?"
BLOCK_SQL = "SELECT id, name_key, mother_key, birth_date" + WHERE
NAMES_SQL = "SELECT name_key" + WHERE
JOINED_SQL = "SELECT count(*), group_concat(name_key, char(31))" + WHERE


def probes(folder: Path, n: int, seed: int = 5) -> list[BeneficiaryDraft]:
    """New registrations that are spelling variants of people already registered."""
    rng = random.Random(seed)
    out = []
    with sqlite3.connect(folder / "sanad.db") as conn:
        (top,) = conn.execute("SELECT max(local_id) FROM beneficiaries").fetchone()
        while len(out) < n:
            row = conn.execute(
                "SELECT first_name, father_name, grandfather_name, family_name, mother_name, "
                "sex, birth_date FROM beneficiaries WHERE local_id = ?",
                (rng.randint(1, top),),
            ).fetchone()
            if not row:
                continue
            names = [" ".join(vary(w, rng) for w in part.split()) for part in row[:5]]
            out.append(BeneficiaryDraft(*names, sex=row[5], birth_date=row[6]))
    return out


def key_of(data: BeneficiaryData) -> PersonKey:
    return PersonKey(
        name_key(*data.name_parts), normalize_arabic(data.mother_name), data.birth_date, data.sex
    )


def top_ten(key: PersonKey, rows: Sequence[tuple[str, str, str, str, str]]) -> list[str]:
    """The best MAX_CANDIDATES of rows (id, name_key, mother_key, ISO birth date, sex)."""
    near = process.extract(
        key.name_key, [r[1] for r in rows], scorer=fuzz.ratio, score_cutoff=_NAME_CUTOFF, limit=None
    )
    scored = []
    for _, _, i in near:
        pid, nk, mk, born, sex = rows[i]
        s = match_score(key, PersonKey(nk, mk, date.fromisoformat(born), Sex(sex)))
        if is_likely_duplicate(s):
            scored.append((s, pid))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [pid for _, pid in scored[:MAX_CANDIDATES]]


def block_floor(conn: sqlite3.Connection, data: BeneficiaryData) -> list[str]:
    """The issue's design floor: the whole block on bare sqlite3, the same prune and score."""
    key = key_of(data)
    sex, year = data.sex.value, data.birth_date.year
    block = conn.execute(BLOCK_SQL, (sex, f"{year:04d}-01-01", f"{year:04d}-12-31")).fetchall()
    return top_ten(key, [(*r, sex) for r in block])


def names_floor(conn: sqlite3.Connection, data: BeneficiaryData) -> list[str]:
    """This path on bare sqlite3: the block's names, the prune, then the survivors' rows."""
    key = key_of(data)
    sex, year = data.sex.value, data.birth_date.year
    where = (sex, f"{year:04d}-01-01", f"{year:04d}-12-31")
    _, joined = conn.execute(JOINED_SQL, where).fetchone()
    names = joined.split("\x1f") if joined else []
    near = process.extract(
        key.name_key, names, scorer=fuzz.ratio, score_cutoff=_NAME_CUTOFF, limit=None
    )
    keep = sorted({names[i] for _, _, i in near})
    rows = []
    for start in range(0, len(keep), 500):
        chunk = keep[start : start + 500]
        sql = f"{BLOCK_SQL} AND name_key IN ({', '.join('?' * len(chunk))})"
        rows.extend(conn.execute(sql, (*where, *chunk)).fetchall())
    return top_ten(key, [(*r, sex) for r in rows])


@dataclass(slots=True)
class Series:
    label: str
    p50: list[float] = field(default_factory=list)  # ms, one per round
    p99: list[float] = field(default_factory=list)

    def add(self, seconds: Sequence[float]) -> None:
        ms = [s * 1000 for s in seconds]
        self.p50.append(percentile(ms, 50))
        self.p99.append(percentile(ms, 99))

    def row(self, fmt: str) -> str:
        med50, med99 = statistics.median(self.p50), statistics.median(self.p99)
        return (
            f"| {self.label} | {med50:{fmt}} | {min(self.p50):{fmt}}–{max(self.p50):{fmt}} "
            f"| **{med99:{fmt}}** | {min(self.p99):{fmt}}–{max(self.p99):{fmt}} |"
        )


def timed(
    fn: Callable[[BeneficiaryData], list[str]], datas: Sequence[BeneficiaryData]
) -> tuple[list[float], list[list[str]]]:
    times, found = [], []
    for data in datas:
        t = time.perf_counter()
        ids = fn(data)
        times.append(time.perf_counter() - t)
        found.append(ids)
    return times, found


@dataclass(slots=True)
class Result:
    count: int
    probes: int
    rounds: int
    paths: dict[str, Series]
    ratios: dict[str, list[float]]  # project p99 / each floor's p99, per round
    hit: int
    total: int
    same_as_floors: bool
    load: tuple[float, float]
    block: float  # mean block size


TIMED = ("project", "names", "block")  # rotated: each goes first in turn


def run(count: int, n_probes: int, rounds: int, n_brute: int) -> Result:
    load_before = os.getloadavg()[0]
    folder = ensure_branch(count)
    services = open_as_admin(folder)
    datas = [services.beneficiaries.validate(d) for d in probes(folder, n_probes)]
    db = folder / "sanad.db"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.execute("PRAGMA cache_size=-65536")  # the app's page cache (app/db/engine.py)
    everyone = conn.execute(
        "SELECT id, name_key, mother_key, birth_date, sex FROM beneficiaries"
        " WHERE deleted_at IS NULL"
    ).fetchall()
    blocks = [
        len(conn.execute(NAMES_SQL, (d.sex.value, f"{y}-01-01", f"{y}-12-31")).fetchall())
        for d in datas[:50]
        for y in (d.birth_date.year,)
    ]
    paths_fn: dict[str, Callable[[BeneficiaryData], list[str]]] = {
        "project": lambda d: [
            c.id for c in services.beneficiaries.check_duplicates(d) if not c.exact
        ],
        "names": lambda d: names_floor(conn, d),
        "block": lambda d: block_floor(conn, d),
        "brute": lambda d: top_ten(key_of(d), everyone),
    }
    for data in datas[:20]:  # warm both connections and every code path
        for name in TIMED:
            paths_fn[name](data)
    paths = {
        "project": Series("`BeneficiaryService.check_duplicates`"),
        "names": Series(
            "floor of this path: the block's names (joined), prune, the survivors' rows, score, "
            "on bare `sqlite3`"
        ),
        "block": Series(
            "design floor of the issue: the whole block on bare `sqlite3`, same prune and score"
        ),
        "brute": Series(f"brute force: rapidfuzz over all {len(everyone):,} names, same score"),
    }
    ratios: dict[str, list[float]] = {"names": [], "block": []}
    hit = total = 0
    same = True
    for r in range(rounds):
        found: dict[str, list[list[str]]] = {}
        for name in TIMED[r % 3 :] + TIMED[: r % 3]:
            times, found[name] = timed(paths_fn[name], datas)
            paths[name].add(times)
        same &= found["project"] == found["names"] == found["block"]
        for floor in ratios:
            ratios[floor].append(paths["project"].p99[-1] / paths[floor].p99[-1])
        start = (r * n_brute) % len(datas)
        sample = (datas + datas)[start : start + n_brute]
        times, reference = timed(paths_fn["brute"], sample)
        paths["brute"].add(times)
        ours = (found["project"] + found["project"])[start : start + n_brute]
        for mine, theirs in zip(ours, reference, strict=True):
            total += len(theirs)
            hit += len(set(mine) & set(theirs))
        print(
            f"{count:,} round {r + 1}/{rounds}: p99 project {paths['project'].p99[-1]:.1f} ms,"
            f" names floor {paths['names'].p99[-1]:.1f} ms, block floor"
            f" {paths['block'].p99[-1]:.1f} ms; brute p50 {paths['brute'].p50[-1]:.0f} ms"
        )
    conn.close()
    services.close()
    return Result(
        count,
        n_probes,
        rounds,
        paths,
        ratios,
        hit,
        total,
        same,
        (load_before, os.getloadavg()[0]),
        statistics.fmean(blocks),
    )


def _spread(values: list[float]) -> str:
    return f"**{statistics.median(values):.2f}×** ({min(values):.2f}–{max(values):.2f})"


def section(res: Result, n_brute: int) -> str:
    recall = res.hit / res.total if res.total else 1.0
    p99 = statistics.median(res.paths["project"].p99)
    ok = p99 <= GOAL_P99_MS and recall >= 0.999
    rows = "\n".join(
        res.paths[name].row(".0f" if name == "brute" else ".1f")
        for name in ("project", "names", "block", "brute")
    )
    return f"""
### {res.count:,} beneficiaries

{res.probes} probes, {res.rounds} rounds (load average {res.load[0]:.1f} at the start,
{res.load[1]:.1f} at the end); a block (same sex, same birth year) holds {res.block:,.0f}
people on average.

| path | p50 ms, median | p50 min–max | p99 ms, median | p99 min–max |
|---|---:|---:|---:|---:|
{rows}

The project's p99 over the same round's floor p99, median (min–max): this path's floor
{_spread(res.ratios["names"])}, the issue's design floor {_spread(res.ratios["block"])}.
The same top ten from the project and both floors for every probe:
{"yes" if res.same_as_floors else "**no**"}. Recall against the brute force's top
{MAX_CANDIDATES} ({n_brute} probes a round): {res.hit}/{res.total} = {recall:.1%}.
Goal p99 ≤ {GOAL_P99_MS:.0f} ms with the brute force's recall: {verdict(ok)}.
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--probes", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--brute", type=int, default=20, help="probes a round also brute-forced")
    args = ap.parse_args()
    results = [run(count, args.probes, args.rounds, args.brute) for count in args.count]
    body = f"""
New registrations that are spelling variants of registered people (`--probes`), checked by
three paths alternated within each round (each goes first in turn), the same probes each:
`BeneficiaryService.check_duplicates` (exact national number; the (sex, birth year) block's
name keys read from the covering index with the driver's cursor, joined by SQLite into one
text, rapidfuzz name prune; the survivors' rows read, their dates parsed and fully scored; the
top {MAX_CANDIDATES} and their national numbers loaded in one statement);
the floor of this path (the same two reads on a bare `sqlite3` connection with the app's page
cache, the same prune and score, nothing loaded); and the issue's design floor (the whole
block, four columns, on bare `sqlite3`, then the same prune and score). After them a brute
force over every registered person with the same score, top {MAX_CANDIDATES}, on a different
slice of the probes each round: the recall reference. Per round a p50 and a p99 per path;
below, the median over rounds and the min–max spread.
{"".join(section(r, args.brute) for r in results)}"""
    write_section("duplicates", "Duplicate check while registering", body)


if __name__ == "__main__":
    main()
