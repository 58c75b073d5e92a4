"""Applying an exported batch at HQ (PostgreSQL and SQLite), against a plain bulk load of the
same final rows into the same tables on the same server, in the same run.

uv run python -m bench.sync_apply [--count 100000] [--million] [--rounds 3] [--million-rounds 3]
    [--pg-database NAME]

The apply is `HqService.import_files([batch])`, what `sanad hq import` calls (the HTTP API
takes the same road): verify, decrypt, merge chunk by chunk in one transaction, write the
answer. Each apply runs in a fresh process (its peak memory, VmHWM, is the apply's own) and
starts from a fresh central database (a scratch PostgreSQL database: `--pg-database`, else
SANAD_BENCH_PG_URL's, else `sanad_bench`; made by the bench and remade only if a bench made it,
bench.pg_scratch; a new SQLite file) with the branch enrolled. Raw limits: the rows the apply left in the
synced tables, read back, then loaded into another fresh database made by the same migrations
(same indexes): with psycopg `cursor.copy` (COPY … FROM STDIN, `write_row`) on PostgreSQL,
also COPY into a staging table then `INSERT … ON CONFLICT (id) DO NOTHING`; with plain sqlite3
`executemany` on SQLite; one transaction each, only the load timed. The apply and its raw
limits alternate over the rounds; medians are reported, with every round's figure. The
batches are those `bench.sync_export` writes (made here if missing).
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.db import migrate
from app.db.engine import make_engine
from app.hq import ingest, service
from app.sync import batch_stream, merge, merge_stream
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
GOAL_RATIO = 0.75  # issue 14
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
    called a few times per chunk are wrapped with a timer: no per-change overhead)."""

    open: float = 0.0  # open_stream + ChangeStream: decrypt, decompress, hash, parse the lines
    merge: float = 0.0  # merge_stream as a whole (the stream's parsing included)
    load: float = 0.0  # merge._load, _load_owners, _case_holders: the rows each chunk touches
    write: float = 0.0  # merge_fast.write_rows: the writer thread's busy time (overlapped)
    wait: float = 0.0  # the main thread waiting for the writer (what the overlap did not hide)
    match: float = 0.0  # registry_matches.match_batch: the people against the registry
    peak_rss: int = 0  # bytes: VmHWM of the process that ran the apply (a fresh one)
    start_rss: int = 0  # bytes: its VmRSS just before the import (the app and HQ opened)

    @property
    def rows(self) -> float:
        """Turning the lines into rows: the merge less parsing, reading and waiting."""
        return self.merge - self.parse - self.load - self.wait

    parse: float = 0.0  # the part of `open` spent inside merge_stream (chunk by chunk)


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

    def wrap_iter(owner: Any, name: str) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            chunks = original(*args, **kwargs)
            while True:
                started = time.perf_counter()
                try:
                    chunk = next(chunks)
                except StopIteration:
                    return
                finally:
                    took = time.perf_counter() - started
                    phases.open += took
                    phases.parse += took
                yield chunk

        patched.append((owner, name, original))
        setattr(owner, name, timed)

    wrap(service, "open_stream", "open")
    wrap_iter(batch_stream.ChangeStream, "__iter__")
    wrap(ingest, "merge_stream", "merge")
    wrap(merge, "_load", "load")
    wrap(merge, "_load_owners", "load")
    wrap(merge, "_case_holders", "load")
    wrap(merge, "write_rows", "write")
    wrap(merge_stream, "_written", "wait")
    wrap(ingest, "match_batch", "match")
    try:
        yield phases
    finally:
        for owner, name, original in reversed(patched):
            setattr(owner, name, original)


def memory(field: str = "VmHWM") -> int:
    """This process's peak (VmHWM) or current (VmRSS) resident memory, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    return 0


@dataclass(slots=True)
class Applied:
    seconds: float
    changes: int
    phases: Phases
    rows: Rows = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return sum(len(r) for r in self.rows.values())


def _import(db_url: str, batch: Path, count: int) -> Applied:
    """Import `batch` into the fresh database at `db_url` (run in a fresh process)."""
    keys = branch_keys(SYNC_OUT / "export-branch", EXPORT_BRANCH)
    hq = enrolled_hq(db_url, EXPORT_BRANCH, keys, WORK)
    inbox = WORK / "in"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir(parents=True)
    path = inbox / batch.name
    os.link(batch, path)  # the import writes its receipt beside the file: not in batches/
    try:
        gc.collect()
        start_rss = memory("VmRSS")
        with timed_phases() as phases:
            started = time.perf_counter()
            (result,) = hq.import_files([path])
            seconds = time.perf_counter() - started
        if result.outcome != "applied" or result.applied != count:
            raise RuntimeError(f"the import did not apply the batch: {result}")
        if result.rejected_rows or result.conflicts:
            raise RuntimeError(f"unexpected rejections or conflicts: {result}")
    finally:
        hq.close()
        shutil.rmtree(inbox, ignore_errors=True)
    phases.peak_rss, phases.start_rss = memory(), start_rss
    return Applied(seconds, count, phases)


def apply_batch(
    db_url: str,
    batch: Path,
    count: int,
    read_back: Callable[[str], Rows] | None,
) -> Applied:
    """Import `batch` into the fresh database at `db_url` in a fresh process (its peak memory
    is the apply's own); then read back what it wrote."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        applied: Applied = pool.apply(_import, (db_url, batch, count))
    if read_back is not None:
        applied.rows = read_back(db_url)
    return applied


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
    applies: list[Applied]  # one per round
    raws: list[float]  # COPY (PostgreSQL) or executemany (SQLite) of the same rows, per round
    upserts: list[float] = field(default_factory=list)  # PostgreSQL: staging + ON CONFLICT

    @property
    def apply(self) -> Applied:
        """The median round of the apply (by its time)."""
        ordered = sorted(self.applies, key=lambda a: a.seconds)
        return ordered[(len(ordered) - 1) // 2]

    @property
    def raw(self) -> float:
        return statistics.median(self.raws)

    @property
    def upsert(self) -> float | None:
        return statistics.median(self.upserts) if self.upserts else None

    def ratio_of(self, seconds: float, raw: float) -> float:
        """The apply's changes/s over the raw limit's rows/s."""
        rows = self.applies[0].row_count
        return (self.count / seconds) / (rows / raw)

    @property
    def ratio(self) -> float:
        return self.ratio_of(statistics.median(a.seconds for a in self.applies), self.raw)

    @property
    def ratios(self) -> list[float]:
        """Each round's apply against the raw limit it alternated with."""
        return [self.ratio_of(a.seconds, r) for a, r in zip(self.applies, self.raws, strict=True)]


def run(db: str, count: int, rounds: int) -> Result:
    """The apply, then its raw limits, alternated `rounds` times; medians are reported."""
    batch = ensure_batch(count)
    pg = db == "postgresql"
    result = Result(db, count, [], [])
    for _ in range(rounds):
        url = fresh_pg() if pg else fresh_sqlite(WORK / f"central-{count}.db")
        applied = apply_batch(url, batch, count, pg_rows if pg else sqlite_rows)
        raw = pg_copy(applied.rows) if pg else sqlite_executemany(applied.rows, WORK / "raw.db")
        upsert = pg_stage_upsert(applied.rows) if pg else None
        print(
            f"{db} {count:,}: apply {applied.seconds:.2f}s ({applied.row_count:,} rows, peak "
            f"{applied.phases.peak_rss / 2**20:,.0f} MiB), raw {raw:.2f}s"
            + (f", stage+upsert {upsert:.2f}s" if upsert else ""),
            flush=True,
        )  # fmt: skip
        result.raws.append(raw)
        if upsert is not None:
            result.upserts.append(upsert)
        if result.applies:
            applied.rows = {}  # one copy of the rows is enough for the report
        result.applies.append(applied)
    if pg:
        drop_pg()
    for leftover in WORK.glob("*.db*"):
        leftover.unlink()
    return result


# -- the report -----------------------------------------------------------------------------


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}"


def _tables(rows: Rows) -> str:
    return ", ".join(f"{t} {len(rows[t]):,}" for t in _order(rows))


def _spread(values: list[float], fmt: str) -> str:
    return ", ".join(format(v, fmt) for v in values)


def text(r: Result) -> str:
    a, p = r.apply, r.apply.phases
    n, rows = a.changes, r.applies[0].row_count
    rest = a.seconds - p.open + p.parse - p.merge - p.match
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
            f"NOTHING` (rounds: {_spread(r.upserts, '.2f')}) | {r.upsert:.2f} | – | "
            f"{_rate(rows, r.upsert)} |\n"
        )
    name = "COPY" if pg else "raw `executemany`"
    write_path = (
        "psycopg `COPY … FROM STDIN` for new rows on a writer thread, overlapped with the "
        "next chunk's parsing and rows" if pg else "sqlite3 `executemany` for new rows"
    )  # fmt: skip
    waited = (
        f"| of which waiting for the writer thread (the writing the overlap did not hide) "
        f"| {p.wait:.2f} | – | – |\n" if pg else ""
    )  # fmt: skip
    return f"""
### {"PostgreSQL" if pg else "SQLite"}, {n:,} changes

Rows written: {_tables(r.applies[0].rows)}. Rounds: {len(r.applies)}, apply and raw limit
alternated; medians (the apply's parts are those of its median round).

| path | seconds | changes/s | rows/s |
|---|---:|---:|---:|
| **apply**: `HqService.import_files` (`sanad hq import`) into a fresh database (rounds: {_spread([x.seconds for x in r.applies], ".2f")}) | **{a.seconds:.2f}** | **{_rate(n, a.seconds)}** | {_rate(rows, a.seconds)} |
| of which opening the batch (`open_stream`, `ChangeStream`: decrypt, decompress, hash, parse lines, chunk by chunk) | {p.open:.2f} | – | – |
| of which reading the rows each chunk touches (`merge._load`, `_load_owners`, `_case_holders`) | {p.load:.2f} | – | – |
| of which turning the lines into rows (`merge_part` less reading and waiting: the fast path for new rows, the replay for the rest) | {p.rows:.2f} | – | – |
{waited}| of which matching the batch's people against the registry (`registry_matches.match_batch`: an HQ holding only this branch's people) | {p.match:.2f} | – | – |
| of which the rest (verify, ledger, commit, answer, receipt) | {rest:.2f} | – | – |
| writing the rows (`merge_fast.write_rows`: {write_path}; Core executemany for changed ones): busy | {p.write:.2f} | – | – |
| raw limit: {raw_path} (rounds: {_spread(r.raws, ".2f")}) | {r.raw:.2f} | – | **{_rate(rows, r.raw)}** |
{extra}
Peak memory of the process that ran the apply (VmHWM, a fresh process per round):
{_spread([x.phases.peak_rss / 2**20 for x in r.applies], ",.0f")} MiB, of which
{_spread([x.phases.start_rss / 2**20 for x in r.applies], ",.0f")} MiB before the import began
(the app imported, HQ opened).

The apply runs at **{r.ratio:.0%}** of {name} (medians; each round against the raw limit it
alternated with: {_spread(r.ratios, ".0%")}). Goal ≥ {GOAL_RATIO:.0%}: {verdict(r.ratio >= GOAL_RATIO)}.
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--million", action="store_true", help="also 1,000,000 on PostgreSQL")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of each path (medians)")
    ap.add_argument("--million-rounds", type=int, default=3, help="rounds at 1,000,000")
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
        results.append(run("postgresql", 1_000_000, args.million_rounds))
    results.append(run("sqlite", args.count, args.rounds))
    body = f"""
A shared 2-core virtual machine (load average {load:.1f} when the run started; other sessions
were running tests; PostgreSQL runs on the same 2 cores). The batch is the one
`bench.sync_export` writes: changes 1..N of a branch filled by `demo-data`, all inserts
(people, their identifiers and phones). Each apply starts from a fresh central database with
the branch enrolled, in a fresh process (its peak memory is the apply's); each raw limit
loads the rows the apply left in the synced tables into another fresh database made by the
same migrations (same indexes), one transaction, only the load timed. The apply and its raw
limits alternate, {args.rounds} rounds at {args.count:,} and {args.million_rounds} at
1,000,000; medians. HQ's bookkeeping rows (ledger, batch record, answer line) are left out of
the raw limits: a few rows. The parts of the apply are timed inside the same run (functions
called once or a few times per chunk of 50,000 lines are wrapped with a timer); the writer
thread's busy time overlaps the other parts. The apply pauses Python's cyclic garbage
collector itself (`HqService` around each import).

{chr(10).join(text(r) for r in results)}
"""
    write_section("sync-apply", "Sync: applying a batch at HQ", body)


if __name__ == "__main__":
    main()
