"""Applying an exported batch at HQ (PostgreSQL and SQLite), against a plain bulk load of the
same final rows into the same tables on the same server, in the same run.

uv run python -m bench.sync_apply [--count 100000] [--million] [--rounds 2] [--pg-database NAME]

The apply is `HqService.import_files([batch])`, what `sanad hq import` calls (the HTTP API
takes the same road): verify, decrypt, merge in one transaction, write the answer. Each run
starts from a fresh central database (a scratch PostgreSQL database: `--pg-database`, else
SANAD_BENCH_PG_URL's, else `sanad_bench`; made by the bench and remade only if a bench made it,
bench.pg_scratch; a new SQLite file) with the branch enrolled. Raw limits: the rows the apply
left in the synced tables, read back, then loaded into another fresh database made by the same
migrations (same indexes): with psycopg `cursor.copy` (COPY … FROM STDIN, `write_row`) on
PostgreSQL, also COPY into a staging table then `INSERT … ON CONFLICT (id) DO NOTHING`; with
plain sqlite3 `executemany` on SQLite; one transaction each, only the load timed. The batches
are those `bench.sync_export` writes (made here if missing).
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.db import migrate
from app.db.engine import make_engine
from app.hq import ingest
from app.sync import merge
from app.sync.batch_file import VerifiedBatch
from app.sync.merge import _WRITABLE, TABLES
from bench.ingest import fresh_database
from bench.report import verdict, write_section
from bench.sync_data import (
    EXPORT_BRANCH,
    SYNC_OUT,
    branch_keys,
    choose_pg_database,
    drop_pg,
    enrolled_hq,
    ensure_export_branch,
    fresh_pg,
    fresh_sqlite,
    hq_home,
    psycopg_connect,
)
from bench.sync_export import batch_path, export

WORK = SYNC_OUT / "apply"
GOAL_RATIO = 0.5
Rows = dict[str, list[tuple[Any, ...]]]  # table -> rows in `_WRITABLE[table]` column order


def ensure_batch(count: int) -> Path:
    path = batch_path(count)
    if not path.is_file():
        folder = ensure_export_branch(count)
        export(folder, count, branch_keys(folder, EXPORT_BRANCH), hq_home().keys().public)
    return path


@dataclass(slots=True)
class Phases:
    """Seconds spent in the apply's parts, measured inside the real run (functions that are
    called a few times per batch are wrapped with a timer: no per-change overhead)."""

    open: float = 0.0  # VerifiedBatch.changes: decrypt, decompress, hash, parse the lines
    merge: float = 0.0  # merge_changes as a whole
    load: float = 0.0  # merge._load, merge._load_owners: reading the rows the batch touches
    write: float = 0.0  # merge_fast.write_rows: inserting/updating the merged rows
    match: float = 0.0  # registry_matches.match_batch: the people against the registry

    @property
    def replay(self) -> float:
        return self.merge - self.load - self.write


@contextmanager
def timed_phases() -> Iterator[Phases]:
    phases = Phases()
    patched: list[tuple[Any, str, Any]] = []

    def wrap(owner: Any, name: str, field: str) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                setattr(phases, field, getattr(phases, field) + time.perf_counter() - started)

        patched.append((owner, name, original))
        setattr(owner, name, timed)

    wrap(VerifiedBatch, "read", "open")
    wrap(ingest, "merge_changes", "merge")
    wrap(merge, "_load", "load")
    wrap(merge, "_load_owners", "load")
    wrap(merge, "_case_holders", "load")
    wrap(merge, "write_rows", "write")
    wrap(ingest, "match_batch", "match")
    try:
        yield phases
    finally:
        for owner, name, original in reversed(patched):
            setattr(owner, name, original)


@dataclass(slots=True)
class Applied:
    seconds: float
    changes: int
    phases: Phases
    rows: Rows

    @property
    def row_count(self) -> int:
        return sum(len(r) for r in self.rows.values())


def apply_batch(
    db_url: str,
    batch: Path,
    count: int,
    read_back: Callable[[str], Rows] | None,
) -> Applied:
    """Import `batch` into the fresh database at `db_url`; then read back what it wrote."""
    keys = branch_keys(SYNC_OUT / "export-branch", EXPORT_BRANCH)
    service = enrolled_hq(db_url, EXPORT_BRANCH, keys, WORK)
    inbox = WORK / "in"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir(parents=True)
    path = inbox / batch.name
    os.link(batch, path)  # the import writes its receipt beside the file: not in batches/
    try:
        gc.collect()
        with timed_phases() as phases:
            started = time.perf_counter()
            (result,) = service.import_files([path])
            seconds = time.perf_counter() - started
        if result.outcome != "applied" or result.applied != count:
            raise RuntimeError(f"the import did not apply the batch: {result}")
        if result.rejected_rows or result.conflicts:
            raise RuntimeError(f"unexpected rejections or conflicts: {result}")
    finally:
        service.close()
        shutil.rmtree(inbox, ignore_errors=True)
    return Applied(seconds, count, phases, read_back(db_url) if read_back else {})


def _order(rows: Rows) -> list[str]:
    """Parents first (households, beneficiaries, then their children), empty tables left out."""
    return [t for t in TABLES if rows.get(t)]


# -- PostgreSQL ---------------------------------------------------------------------------------


def pg_rows(db_url: str) -> Rows:
    out: Rows = {}
    with psycopg_connect(db_url) as conn:
        for table in TABLES:
            cols = ", ".join(_WRITABLE[table])
            out[table] = conn.execute(f"SELECT {cols} FROM {table} ORDER BY local_id").fetchall()
    return out


def _migrated_pg() -> str:
    url = fresh_pg()
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    return url


def pg_copy(rows: Rows) -> float:
    """COPY … FROM STDIN of the rows into a fresh migrated database, one transaction."""
    url = _migrated_pg()
    with psycopg_connect(url) as conn, conn.cursor() as cur:
        gc.collect()
        started = time.perf_counter()
        for table in _order(rows):
            cols = ", ".join(_WRITABLE[table])
            with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows[table]:
                    copy.write_row(row)
        conn.commit()
        return time.perf_counter() - started


def pg_stage_upsert(rows: Rows) -> float:
    """COPY into a staging table, then INSERT … SELECT … ON CONFLICT (id) DO NOTHING."""
    url = _migrated_pg()
    with psycopg_connect(url) as conn, conn.cursor() as cur:
        gc.collect()
        started = time.perf_counter()
        for table in _order(rows):
            cols = ", ".join(_WRITABLE[table])
            stage = f"stage_{table}"
            cur.execute(
                f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS SELECT {cols} FROM {table} LIMIT 0"
            )
            with cur.copy(f"COPY {stage} ({cols}) FROM STDIN") as copy:
                for row in rows[table]:
                    copy.write_row(row)
            cur.execute(
                f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {stage} "
                "ON CONFLICT (id) DO NOTHING"
            )
        conn.commit()
        return time.perf_counter() - started


# -- SQLite -------------------------------------------------------------------------------------


def sqlite_rows(db_url: str) -> Rows:
    path = db_url.removeprefix("sqlite:///")
    out: Rows = {}
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        for table in TABLES:
            cols = ", ".join(_WRITABLE[table])
            out[table] = conn.execute(f"SELECT {cols} FROM {table} ORDER BY local_id").fetchall()
    return out


def sqlite_executemany(rows: Rows, target: Path) -> float:
    """Plain executemany of the stored values into a fresh migrated file, one transaction."""
    with fresh_database(target) as conn:
        gc.collect()
        started = time.perf_counter()
        conn.execute("BEGIN")
        for table in _order(rows):
            cols = _WRITABLE[table]
            conn.executemany(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                rows[table],
            )
        conn.execute("COMMIT")
        return time.perf_counter() - started


# -- runs -----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Result:
    db: str  # postgresql | sqlite
    count: int
    apply: Applied  # the best run
    raw: float  # COPY (PostgreSQL) or executemany (SQLite) of the same rows, best run
    upsert: float | None = None  # PostgreSQL: COPY into staging + INSERT … ON CONFLICT

    @property
    def ratio(self) -> float:
        """The apply's changes/s over the raw limit's rows/s."""
        return (self.apply.changes / self.apply.seconds) / (self.apply.row_count / self.raw)


def run(db: str, count: int, rounds: int) -> Result:
    """Apply, then its raw limits, `rounds` times; the best of each path."""
    batch = ensure_batch(count)
    pg = db == "postgresql"
    best: Result | None = None
    for _ in range(rounds):
        url = fresh_pg() if pg else fresh_sqlite(WORK / f"central-{count}.db")
        applied = apply_batch(url, batch, count, pg_rows if pg else sqlite_rows)
        raw = pg_copy(applied.rows) if pg else sqlite_executemany(applied.rows, WORK / "raw.db")
        upsert = pg_stage_upsert(applied.rows) if pg else None
        print(
            f"{db} {count:,}: apply {applied.seconds:.2f}s ({applied.row_count:,} rows), "
            f"raw {raw:.2f}s" + (f", stage+upsert {upsert:.2f}s" if upsert else ""),
            flush=True,
        )  # fmt: skip
        if best is None:
            best = Result(db, count, applied, raw, upsert)
            continue
        if applied.seconds < best.apply.seconds:
            best.apply = applied
        best.raw = min(best.raw, raw)
        if upsert is not None and best.upsert is not None:
            best.upsert = min(best.upsert, upsert)
    if pg:
        drop_pg()
    for leftover in WORK.glob("*.db*"):
        leftover.unlink()
    assert best is not None
    return best


# -- the report -----------------------------------------------------------------------------


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}"


def _tables(rows: Rows) -> str:
    return ", ".join(f"{t} {len(rows[t]):,}" for t in _order(rows))


def text(r: Result) -> str:
    a, p = r.apply, r.apply.phases
    n, rows = a.changes, a.row_count
    rest = a.seconds - p.open - p.merge - p.match
    pg = r.db == "postgresql"
    raw_path = (
        f"psycopg `COPY … FROM STDIN` of the same {rows:,} rows"
        if pg
        else f"sqlite3 `executemany` of the same {rows:,} rows (same schema and PRAGMAs)"
    )
    extra = ""
    if r.upsert is not None:
        extra += (
            f"| for scale: COPY into a staging table, then `INSERT … ON CONFLICT (id) DO "
            f"NOTHING` | {r.upsert:.2f} | – | {_rate(rows, r.upsert)} |\n"
        )
    name = "COPY" if pg else "raw `executemany`"
    write_path = "psycopg `COPY … FROM STDIN`" if pg else "sqlite3 `executemany`"
    return f"""
### {"PostgreSQL" if pg else "SQLite"}, {n:,} changes

Rows written: {_tables(a.rows)}.

| path | seconds | changes/s | rows/s |
|---|---:|---:|---:|
| **apply**: `HqService.import_files` (`sanad hq import`) into a fresh database | **{a.seconds:.2f}** | **{_rate(n, a.seconds)}** | {_rate(rows, a.seconds)} |
| of which opening the batch (`VerifiedBatch.read`: decrypt, decompress, hash, parse lines) | {p.open:.2f} | – | – |
| of which reading the rows the batch touches (`merge._load`, `merge._load_owners`) | {p.load:.2f} | – | – |
| of which turning the lines into rows (`merge_changes` less reading and writing: the fast path for new rows, the replay for the rest) | {p.replay:.2f} | – | – |
| of which writing the rows (`merge_fast.write_rows`: {write_path} for new rows, Core executemany for changed ones) | {p.write:.2f} | – | – |
| of which matching the batch's people against the registry (`registry_matches.match_batch`: an HQ holding only this branch's people) | {p.match:.2f} | – | – |
| of which the rest (verify, ledger, commit, answer, receipt) | {rest:.2f} | – | – |
| raw limit: {raw_path} | {r.raw:.2f} | – | **{_rate(rows, r.raw)}** |
{extra}
The apply runs at **{r.ratio:.0%}** of {name}. Goal ≥ 50 %: {verdict(r.ratio >= GOAL_RATIO)}.
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--million", action="store_true", help="also 1,000,000 on PostgreSQL")
    ap.add_argument("--rounds", type=int, default=2, help="runs of each path (best one)")
    ap.add_argument(
        "--pg-database",
        help="scratch PostgreSQL database (default: the one SANAD_BENCH_PG_URL names, else "
        "sanad_bench); made by the bench, never one it did not make (bench.pg_scratch)",
    )
    args = ap.parse_args()
    choose_pg_database(args.pg_database)
    load = os.getloadavg()[0]
    results = [run("postgresql", args.count, args.rounds)]
    if args.million:
        results.append(run("postgresql", 1_000_000, 1))
    results.append(run("sqlite", args.count, args.rounds))
    body = f"""
A shared 2-core virtual machine (load average {load:.1f} when the run started; other sessions
were running tests; PostgreSQL runs on the same 2 cores). The batch is the one
`bench.sync_export` writes: changes 1..N of a branch filled by `demo-data`, all inserts
(people, their identifiers and phones). Each apply starts from a fresh central database with
the branch enrolled; each raw limit loads the rows the apply left in the synced tables into
another fresh database made by the same migrations (same indexes), one transaction, only the
load timed. The best of {args.rounds} runs of each path at {args.count:,}; 1,000,000 runs
once. HQ's bookkeeping rows (ledger, batch record, answer line) are left out of the raw
limits: a few rows. The parts of the apply are timed inside the same run (the few functions
called once or a few times per batch are wrapped with a timer). The apply pauses Python's
cyclic garbage collector itself (`HqService` around each import).

{chr(10).join(text(r) for r in results)}
"""
    write_section("sync-apply", "Sync: applying a batch at HQ", body)


if __name__ == "__main__":
    main()
