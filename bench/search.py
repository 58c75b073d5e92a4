"""Search as you type over N beneficiaries: the service against a raw FTS5 query.

uv run python -m bench.search [--count 1000000] [--queries 200]
"""

from __future__ import annotations

import argparse
import gc
import random
import sqlite3
import time

from app.db.search_index import match_expressions
from app.domain.arabic import normalize_arabic
from app.services.setup import AppServices
from bench.dataset import ensure_branch, open_as_admin, realistic_queries
from bench.report import summary_ms, verdict, write_section

RAW_SQL = (
    "SELECT b.id, b.first_name, b.father_name, b.grandfather_name, b.family_name, "
    "b.mother_name, b.sex, b.birth_date, b.municipality_code "
    "FROM beneficiary_search s JOIN beneficiaries b ON b.local_id = s.rowid "
    "WHERE beneficiary_search MATCH ? LIMIT 100"
)
LIKE_SQL = (
    "SELECT id FROM beneficiaries WHERE (first_name || ' ' || father_name || ' ' || "
    "grandfather_name || ' ' || family_name) LIKE ? LIMIT 100"
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    folder = ensure_branch(args.count)
    queries = realistic_queries(folder, args.queries)
    services = open_as_admin(folder)
    raw = sqlite3.connect(folder / "sanad.db")
    raw.execute("PRAGMA cache_size=-65536")

    # Warm both paths once (page cache), then alternate them query by query.
    for q, _ in queries:
        services.beneficiaries.search(q, limit=100)
        raw.execute(RAW_SQL, (match_expressions(q)[-1],)).fetchall()
    ours, base, found = [], [], 0
    gc.disable()
    for q, target in queries:
        t = time.perf_counter()
        hits = services.beneficiaries.search(q, limit=100)
        ours.append(time.perf_counter() - t)
        found += any(h.id == target for h in hits)
        # The raw limit: one FTS5 MATCH of the normalized words, exact with a prefix on the
        # last (the loosest tier of ours), top 100 with the shown columns.
        expression = match_expressions(q)[-1]
        t = time.perf_counter()
        raw.execute(RAW_SQL, (expression,)).fetchall()
        base.append(time.perf_counter() - t)
    gc.enable()
    like = []
    for q, _ in queries[:10]:
        t = time.perf_counter()
        raw.execute(LIKE_SQL, (f"%{q}%",)).fetchall()
        like.append(time.perf_counter() - t)
    typo_ours, typo_base, typo_found, typo_queries = _typo_run(services, raw, queries)
    services.close()

    p50, p99, _ = summary_ms(ours)
    b50, b99, _ = summary_ms(base)
    l50, _, _ = summary_ms(like)
    t50, t99, _ = summary_ms(typo_ours)
    tb50, tb99, _ = summary_ms(typo_base)
    goal = p99 <= 15 and p99 <= 2 * b99
    body = f"""
{args.queries} realistic partial-name queries (2-3 name parts, spelling varied, last word often
cut short) over **{args.count:,}** beneficiaries, top 100 with the columns the table shows.

| path | p50 ms | p99 ms |
|---|---:|---:|
| `BeneficiaryService.search` (normalize, ranked FTS5 tiers, rows + identifiers + phones) | {p50:.2f} | {p99:.2f} |
| raw limit: one FTS5 `MATCH` over the same index, top 100 joined to beneficiaries | {b50:.2f} | {b99:.2f} |
| for scale: `LIKE '%…%'` on the raw name (10 queries) | {l50:.1f} | – |

Target person among the 100 results: {found}/{len(queries)} (common names match thousands).
Goal p99 ≤ 15 ms and ≤ 2× the raw query: {verdict(goal)} (p99 ratio {p99 / b99:.2f}×).

**The typo tier** (runs only when the exact tiers leave the page short, and varies only the
words nobody in the index has): {len(typo_queries)} of the queries above with one letter of a
whole word swapped, doubled, dropped or replaced so that the word is nobody's.

| path | p50 ms | p99 ms |
|---|---:|---:|
| `BeneficiaryService.search`, typo queries (exact tiers, then the typo tier) | {t50:.2f} | {t99:.2f} |
| raw limit: the same one FTS5 `MATCH` of the typed words, top 100 joined | {tb50:.2f} | {tb99:.2f} |

Target person among the 100 results: {typo_found}/{len(typo_queries)}.
"""
    write_section("search", "Search as you type", body)


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swapped
    if kind == 1:
        return word[:i] + word[i] + word[i:]  # doubled
    if kind == 2:
        return word[:i] + word[i + 1 :]  # dropped
    return word[:i] + rng.choice("بتثجحخدذرزسشصضطظعغفقكلمنهوي") + word[i + 1 :]  # replaced


def _typo_run(
    services: AppServices, raw: sqlite3.Connection, queries: list[tuple[str, str]]
) -> tuple[list[float], list[float], int, list[str]]:
    rng = random.Random(5)
    vocabulary = {t for (t,) in raw.execute("SELECT term FROM beneficiary_search_vocab")}
    typed: list[tuple[str, str]] = []
    for q, target in queries:
        words = q.split()
        if len(words) < 2 or len(words[0]) < 4:
            continue
        for _ in range(10):
            wrong = _typo(words[0], rng)
            if normalize_arabic(wrong) not in vocabulary:
                typed.append((" ".join([wrong, *words[1:]]), target))
                break
    for q, _ in typed:  # warm
        services.beneficiaries.search(q, limit=100)
    ours, base, found = [], [], 0
    gc.disable()
    for q, target in typed:
        t = time.perf_counter()
        hits = services.beneficiaries.search(q, limit=100)
        ours.append(time.perf_counter() - t)
        found += any(h.id == target for h in hits)
        expression = match_expressions(q)[-1]
        t = time.perf_counter()
        raw.execute(RAW_SQL, (expression,)).fetchall()
        base.append(time.perf_counter() - t)
    gc.enable()
    return ours, base, found, [q for q, _ in typed]


if __name__ == "__main__":
    main()
