"""Saving one beneficiary (validation, duplicate check, row, outbox, audit, search index).

uv run python -m bench.save [--count 1000000] [--saves 300]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from app.domain.beneficiary import BeneficiaryDraft
from app.services.beneficiaries import DuplicateNationalNumber, PossibleDuplicates
from bench.dataset import ensure_branch, open_as_admin
from bench.report import summary_ms, verdict, write_section

FIRST = ["سالم", "نوري", "حسين", "خليفة", "مفتاح", "رمضان", "عمران", "جمعة"]
FAMILY = ["الزنتاني", "الفيتوري", "الشريف", "المهدوي", "العبيدي", "التاجوري"]


def drafts(n: int, seed: int = 3) -> list[BeneficiaryDraft]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        year = rng.randint(1950, 2010)
        out.append(
            BeneficiaryDraft(
                first_name=rng.choice(FIRST),
                father_name=rng.choice(FIRST),
                grandfather_name=rng.choice(FIRST),
                family_name=rng.choice(FAMILY),
                mother_name="زينب " + rng.choice(FAMILY),
                sex="M",
                birth_date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                national_number=f"1{year}{9_000_000 + i:07d}",
                phones=[f"091{rng.randint(1_000_000, 9_999_999)}"],
            )
        )
    return out


def _try_register(services, draft: BeneficiaryDraft) -> tuple[float, float] | None:  # type: ignore[no-untyped-def]
    """Register like the form does, timing the whole and its write transaction apart.

    A draft that collides with a demo person (same number, look-alike) is skipped.
    """
    beneficiaries = services.beneficiaries
    start = time.perf_counter()
    try:
        data = beneficiaries.validate(draft)
        validated = time.perf_counter()
        if beneficiaries.check_duplicates(data):
            return None
        saving = time.perf_counter()
        beneficiaries._save_new(data, [])  # register's write step (the check is above)
    except (DuplicateNationalNumber, PossibleDuplicates):
        return None
    end = time.perf_counter()
    return end - start, (validated - start) + (end - saving)


def bare_commits(folder: Path, n: int) -> list[float]:
    conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, v TEXT)")
    out = []
    for i in range(n):
        t = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t VALUES (?, ?)", (f"id-{i}", "x" * 200))
        conn.execute("COMMIT")
        out.append(time.perf_counter() - t)
    conn.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--saves", type=int, default=300)
    args = ap.parse_args()
    source = ensure_branch(args.count)
    scratch = Path(tempfile.mkdtemp(prefix="sanad-save-"))
    try:
        shutil.copy2(source / "sanad.db", scratch / "sanad.db")  # leave the shared data as is
        services = open_as_admin(scratch)
        items = drafts(args.saves * 2 + 20)
        for d in items[:20]:
            _try_register(services, d)  # warm-up
        timings, writes = [], []
        for d in items[20:]:
            timed = _try_register(services, d)
            if timed:
                timings.append(timed[0])
                writes.append(timed[1])
            if len(timings) == args.saves:
                break
        services.close()
        bare = bare_commits(scratch, args.saves)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    p50, p99, _ = summary_ms(timings)
    w50, w99, _ = summary_ms(writes)
    b50, b99, _ = summary_ms(bare)
    body = f"""
{args.saves} new beneficiaries saved one by one through `BeneficiaryService.register` into a
branch of **{args.count:,}** (validation, duplicate check, beneficiary + identifier + phone rows,
their outbox rows, audit entry, search index, one commit).

| path | p50 ms | p99 ms |
|---|---:|---:|
| the save: `register`'s write transaction (beneficiary + identifier + phone rows, outbox, search index, audit, commit) | {w50:.2f} | {w99:.2f} |
| the whole `register` as the form calls it (validation + duplicate check in a read snapshot + the save) | {p50:.2f} | {p99:.2f} |
| raw limit: bare SQLite insert + commit (WAL, synchronous=NORMAL) | {b50:.3f} | {b99:.3f} |

Goal p99 ≤ 10 ms for the save (validation, row, outbox, audit, search index): {verdict(w99 <= 10)}.
The duplicate check has its own goal (≤ 50 ms, section above).
"""
    write_section("save", "Saving one beneficiary", body)


if __name__ == "__main__":
    main()
