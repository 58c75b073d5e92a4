"""Matching a list (`sanad search --batch`) over N beneficiaries: queries per second.

uv run python -m bench.list_matching [--count 50000] [--queries 1000]

Two lists of the same people: plain lines (2-3 name parts, spelling varied, the last cut short:
bench.dataset.realistic_queries) and CSV rows (four name parts, mother's name, birth date, a
national number on one row in three). Each is matched in-process from memory, the whole list in
one call; beside it, the search box's own path (`BeneficiaryService.search`, one read session
per query) over the plain lines, the floor a list cannot beat by much.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import random
import sqlite3
import time
from pathlib import Path

from app.services.list_matching import ListMatchingService, ListSummary
from bench.dataset import ensure_branch, open_as_admin, realistic_queries
from bench.report import write_section


def csv_list(folder: Path, n: int, seed: int = 5) -> tuple[bytes, list[str]]:
    rng = random.Random(seed)
    with sqlite3.connect(folder / "sanad.db") as conn:
        (top,) = conn.execute("SELECT max(local_id) FROM beneficiaries").fetchone()
        rows = []
        while len(rows) < n:
            row = conn.execute(
                "SELECT b.id, first_name, father_name, grandfather_name, family_name, "
                "mother_name, birth_date, (SELECT number FROM beneficiary_identifiers i "
                "WHERE i.beneficiary_id = b.id AND i.id_type = 'national_number') "
                "FROM beneficiaries b WHERE local_id = ?",
                (rng.randint(1, top),),
            ).fetchone()
            if row:
                rows.append(row)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["first_name", "father_name", "grandfather_name", "family_name",
                     "mother_name", "birth_date", "national_number"])  # fmt: skip
    for i, (_, *parts, mother, born, number) in enumerate(rows):
        writer.writerow([*parts, mother, born, number if i % 3 == 0 and number else ""])
    return out.getvalue().encode(), [r[0] for r in rows]


def run(matcher: ListMatchingService, data: bytes, targets: list[str]) -> tuple[float, int]:
    gc.disable()
    t = time.perf_counter()
    results = list(matcher.match(io.BytesIO(data), source="bench", summary=ListSummary()))
    took = time.perf_counter() - t
    gc.enable()
    found = sum(
        any(m.id == target for m in r.matches) for r, target in zip(results, targets, strict=True)
    )
    return took, found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=50_000)
    ap.add_argument("--queries", type=int, default=1000)
    args = ap.parse_args()
    folder = ensure_branch(args.count)
    services = open_as_admin(folder)
    matcher = ListMatchingService(services.ctx)
    plain = realistic_queries(folder, args.queries)
    plain_data = "\n".join(q for q, _ in plain).encode()
    csv_data, csv_targets = csv_list(folder, args.queries)
    run(matcher, plain_data, [t for _, t in plain])  # warm the page cache
    plain_s, plain_found = run(matcher, plain_data, [t for _, t in plain])
    csv_s, csv_found = run(matcher, csv_data, csv_targets)
    t = time.perf_counter()
    for q, _ in plain:
        services.beneficiaries.search(q, limit=20)
    search_s = time.perf_counter() - t
    search_found = sum(
        any(h.id == target for h in services.beneficiaries.search(q, limit=5))
        for q, target in plain
    )
    n = args.queries
    body = f"""
`uv run python -m bench.list_matching --count {args.count} --queries {n}`: {n} queries
against {args.count:,} people, matched in-process (the command line adds about 1.5 s of
start-up).

| list | seconds | queries/s | the person in the top 5 |
|---|---|---|---|
| plain lines (2-3 name parts, varied, last cut short) | {plain_s:.2f} | {n / plain_s:,.0f} | {plain_found}/{n} |
| CSV rows (name parts, mother, birth date, some national numbers) | {csv_s:.2f} | {n / csv_s:,.0f} | {csv_found}/{n} |
| floor: the search box's `search(q, limit=20)` per plain line | {search_s:.2f} | {n / search_s:,.0f} | {search_found}/{n} (its own top 5) |

A plain line of two or three name parts is often shared by several people (آمنة أحمد): the
person asked for is then one of equal scores, kept in the search's order.
"""
    write_section("list_matching", "Matching a list (`sanad search --batch`)", body)
    services.close()


if __name__ == "__main__":
    main()
