"""Search quality: issue 13's variant set (tests/search_quality) among 50,000 demo people.

Builds the same world as the acceptance test (demo people through the bulk writer, then the
set's targets registered at the desk), runs every query through `BeneficiaryService.search`
and writes per-kind top-1 / top-5 figures and the search's p50 / p99 over the set.

uv run python -m bench.search_variants [--people 50000] [--misses]
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import tempfile
import time
from pathlib import Path

from app.db.search_index import match_expressions
from bench.report import summary_ms, verdict, write_section
from tests.search_quality import world
from tests.search_quality.variant_set import KINDS, PROMISED, Query, load_queries, load_targets

# The raw limit, as in bench.search: one FTS5 MATCH of the query's loosest expression.
RAW_SQL = (
    "SELECT b.id, b.first_name, b.father_name, b.grandfather_name, b.family_name, "
    "b.mother_name, b.sex, b.birth_date, b.municipality_code "
    "FROM beneficiary_search s JOIN beneficiaries b ON b.local_id = s.rowid "
    "WHERE beneficiary_search MATCH ? LIMIT 100"
)


def raw_seconds(database: Path, queries: list[Query]) -> list[float]:
    samples: list[float] = []
    with sqlite3.connect(database) as raw:
        raw.execute("PRAGMA cache_size=-65536")
        for _ in range(2):  # the first round warms the cache
            samples = []
            for q in queries:
                expressions = match_expressions(q.text)
                if not expressions:
                    continue
                started = time.perf_counter()
                raw.execute(RAW_SQL, (expressions[-1],)).fetchall()
                samples.append(time.perf_counter() - started)
    raw.close()
    return samples


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=world.DEMO_PEOPLE)
    ap.add_argument("--misses", action="store_true", help="print every query missing the top 5")
    args = ap.parse_args()
    targets = load_targets()
    queries = load_queries()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        built = world.build(Path(tmp), targets.values(), people=args.people)
        build_seconds = time.perf_counter() - started
        try:
            world.run(built, queries)  # warm the page cache once
            gc.disable()
            outcomes = world.run(built, queries)
            gc.enable()
        finally:
            built.services.close()
        raw = raw_seconds(Path(tmp) / "sanad.db", queries)
    if args.misses:
        print(world.table(outcomes, KINDS, misses=True))
    rows = world.figures(outcomes, KINDS)
    p50, p99, _ = summary_ms([o.seconds for o in outcomes])
    r50, r99, _ = summary_ms(raw)
    total = len(outcomes)
    top5 = sum(r.top5 for r in rows)
    top1 = sum(r.top1 for r in rows)
    promised = [r for r in rows if r.kind in PROMISED]
    promised_ok = all(r.top5 == r.total for r in promised)
    lines = ["| kind | what is typed | queries | top 1 | top 5 |", "|---|---|---:|---:|---:|"]
    for r in rows:
        mark = " (README)" if r.kind in PROMISED else ""
        lines.append(
            f"| `{r.kind}`{mark} | {KINDS[r.kind]} | {r.total} | {r.top1} | "
            f"{r.top5} ({100 * r.top5 / r.total:.0f} %) |"
        )
    lines.append(
        f"| **all** | | {total} | {top1} ({100 * top1 / total:.0f} %) | "
        f"**{top5} ({100 * top5 / total:.0f} %)** |"
    )
    body = f"""
{total} queries a Libyan branch worker would type ({len(KINDS)} kinds, `tests/search_quality/queries.tsv`)
for {len(targets)} target people (`targets.tsv`) registered at the desk after **{args.people:,}**
demo people; each query through `BeneficiaryService.search` (limit {world.LIMIT}), the target's
place in the results. World built in {build_seconds:.1f} s (demo people
{built.demo_seconds:.1f} s, targets {built.targets_seconds:.1f} s).

{chr(10).join(lines)}

Goal ≥ 95 % top 5 overall: {verdict(top5 >= 0.95 * total)}; 100 % for the kinds README.md
promises: {verdict(promised_ok)}.

| path, over the set's queries | p50 ms | p99 ms |
|---|---:|---:|
| `BeneficiaryService.search` (limit {world.LIMIT}) | {p50:.2f} | {p99:.2f} |
| raw limit: one FTS5 `MATCH` of the loosest expression, top 100 ({len(raw)} queries) | {r50:.2f} | {r99:.2f} |

`uv run python -m bench.search_variants --misses` lists every miss with what came first.
"""
    write_section("search_variants", "Search quality: the variant set", body)


if __name__ == "__main__":
    main()
