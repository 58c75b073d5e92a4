"""One version of HQ's reference data down to 100 branches: bytes per branch and in all, and
time, beside raw limits measured in the same run.

uv run python -m bench.reference_down [--branches 100] [--rounds 7] [--pg]

HQ (SQLite in bench/out, and with --pg PostgreSQL: SANAD_BENCH_REFERENCE_PG_URL, emptied
first) enrolls N branches; each holds version 1 (the whole set, queued as it enrolled) and has
acknowledged it. Each round an officer publishes one version (`ReferenceDesk.set_row`: a new
municipality, as `sanad hq reference set` does; HQ queues its line to every branch, one ledger
lock each) and HQ writes each branch's answer (`HqService._answer`, what an HTTP sync or `sanad
hq import` sends: the queued line signed, compressed, encrypted to that branch). Raw limits,
alternated with it round by round: the same answer bytes written to N files the atomic way
(`atomic_write`: no HQ logic at all), and the batch format alone (`write_batch` of the same
line for each branch: sign, compress, encrypt, no database). Medians of the rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text, update
from sqlalchemy.engine import make_url

from app.db import migrate
from app.db.engine import make_engine
from app.db.sync_models import HqLedgerRow
from app.hq.enrollment import Registration
from app.hq.home import HQ_PARTY, HqHome
from app.hq.reference import current_version, reference_line
from app.hq.reference_desk import ReferenceDesk
from app.hq.service import HqService
from app.sync.batch_file import ZERO_HASH, Header, Kind, encode_lines, write_batch
from app.sync.keys import KeyPair
from app.sync.safe_files import atomic_write
from bench.report import OUT, write_section
from bench.sync_data import fresh_sqlite

WORK = OUT / "reference"
PG_ENV = "SANAD_BENCH_REFERENCE_PG_URL"


def emptied_pg(url: str) -> str:
    """Migrate the database and empty every table (a fresh HQ without dropping it)."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        tables = conn.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                 "AND tablename <> 'alembic_version'")
        ).scalars().all()  # fmt: skip
        for table in tables:
            conn.execute(text(f'DELETE FROM "{table}"'))
    engine.dispose()
    return url


def enrolled(db_url: str, count: int, work: Path) -> tuple[HqService, dict[str, KeyPair]]:
    home = HqHome.open(work / "hq")
    service = HqService.open(home, db_url)
    keys: dict[str, KeyPair] = {}
    for i in range(1, count + 1):
        code = f"B{i:03d}"
        pair = KeyPair.generate(code)
        enroll_file = service.add_branch(code, f"فرع {code}", work, url="http://127.0.0.1:8480")
        token = json.loads(enroll_file.read_text(encoding="utf-8"))["token"]
        enroll_file.unlink()
        service.register_keys(Registration(code, token, pair.public))
        keys[code] = pair
    return service, keys


def acknowledge_all(service: HqService) -> None:
    """Every branch has applied every answer line (as after a sync each)."""
    with service._write() as session:
        session.execute(update(HqLedgerRow).values(branch_acked_down=HqLedgerRow.down_seq))


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(label: str, db_url: str, branches: int, rounds: int, work: Path) -> str:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    service, keys = enrolled(db_url, branches, work)
    desk = ReferenceDesk.of(service)
    codes = sorted(keys)
    # The whole set, as a branch enrolled later gets it (one answer).
    first: list[bytes] = []
    full_seconds = timed(lambda: first.append(service._answer(codes[0], after=0).data))
    full_bytes = len(first[0])
    acknowledge_all(service)

    publish_s: list[float] = []
    answer_s: list[float] = []
    write_s: list[float] = []
    format_s: list[float] = []
    sizes: list[int] = []
    for r in range(rounds):
        acknowledge_all(service)
        answers: list[bytes] = []
        version_line: list[dict[str, object]] = []

        def hq_path(
            r: int = r, answers: list[bytes] = answers, version_line: list[Any] = version_line
        ) -> None:
            publish_s.append(timed(lambda: desk.set_row(
                "municipalities", f"LY9{r:05d}", {
                    "name_ar": f"بلدية جديدة {r}", "name_en": f"New town {r}",
                    "district_code": "LY0299", "district_ar": "الزاوية",
                    "district_en": "Az Zawiya",
                }, by="bench", reason="a new municipality (benchmark)",
            )))  # fmt: skip
            answer_s.append(
                timed(lambda: answers.extend(service._answer(code).data for code in codes))
            )
            with service._read() as session:
                v = current_version(session)
                version_line.append({"seq": 0, **reference_line(session, v - 1, v)})

        def raw_write(answers: list[bytes] = answers, r: int = r) -> None:
            folder = work / f"raw-{r}"
            folder.mkdir()
            write_s.append(timed(lambda: [
                atomic_write(folder / f"{code}.receipt.sanad", data)
                for code, data in zip(codes, answers, strict=True)
            ]))  # fmt: skip

        def raw_format(r: int = r, version_line: list[Any] = version_line) -> None:
            folder = work / f"format-{r}"
            folder.mkdir()
            hq_keys = service.keys
            lines = encode_lines(version_line)

            def write_all() -> None:
                for code in codes:
                    header = Header(
                        kind=Kind.DOWN, schema=service.schema, source=HQ_PARTY,
                        replica="bench", destination=code, seq_from=1, seq_to=1, ack_upto=0,
                        prev_hash=ZERO_HASH,
                    )  # fmt: skip
                    write_batch(folder, header, lines, {"reference": 1}, hq_keys,
                                keys[code].public)  # fmt: skip

            format_s.append(timed(write_all))

        # The HQ path must come first (the raw paths write its bytes); the raw two alternate.
        hq_path()
        for step in (raw_write, raw_format) if r % 2 == 0 else (raw_format, raw_write):
            step()
        sizes.extend(len(a) for a in answers)
    service.close()

    def med(xs: list[float]) -> float:
        return statistics.median(xs)

    per_branch = statistics.median(sizes)
    hq_total = med(publish_s) + med(answer_s)
    return f"""
### {label}, {branches} branches

| path | median seconds | per branch |
|---|---:|---:|
| **publish** (`sanad hq reference set`: the version, its decision, its line queued to {branches} ledgers, one lock each) | **{med(publish_s):.3f}** | {med(publish_s) / branches * 1000:.2f} ms |
| **answers** (`HqService._answer` × {branches}: queued line read, signed, compressed, encrypted) | **{med(answer_s):.3f}** | {med(answer_s) / branches * 1000:.2f} ms |
| raw limit: the same answer bytes written to {branches} files (`atomic_write`, no HQ logic) | {med(write_s):.3f} | {med(write_s) / branches * 1000:.2f} ms |
| raw limit: the batch format alone (`write_batch` of the same line, no database) | {med(format_s):.3f} | {med(format_s) / branches * 1000:.2f} ms |

Publishing and answering all {branches} branches takes **{hq_total:.2f} s**,
{hq_total / med(write_s):.1f}× the raw file writes and {hq_total / med(format_s):.1f}× the batch
format alone ({rounds} rounds, medians). The answers alone are
{med(answer_s) / med(format_s):.1f}× the batch format alone.

Size: **{per_branch:,.0f} bytes per branch** (one version adding one municipality, the whole
down-batch: ZIP, manifest, signature, encrypted payload), **{per_branch * branches / 1024:,.1f}
KiB for {branches} branches**. The whole current set (what a branch enrolled later, or never
sent a version, gets: {full_seconds * 1000:.0f} ms to write) is {full_bytes:,} bytes.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--branches", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--pg", action="store_true", help=f"also on PostgreSQL ({PG_ENV})")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    sections = [run("SQLite", fresh_sqlite(WORK / "central.db"), args.branches, args.rounds,
                    WORK / "sqlite")]  # fmt: skip
    if args.pg:
        url = os.environ.get(PG_ENV)
        if not url:
            raise SystemExit(f"--pg needs {PG_ENV}")
        print(f"PostgreSQL database {make_url(url).database} (emptied)")
        sections.append(run("PostgreSQL", emptied_pg(url), args.branches, args.rounds,
                            WORK / "pg"))  # fmt: skip
    body = f"""
`uv run python -m bench.reference_down [--pg]`: one version of HQ's reference data (a new
municipality, published with `sanad hq reference set`) down to {args.branches} enrolled
branches that each hold and have acknowledged the version before it. Load average
{load:.1f} when the run started (a shared 2-core machine; other sessions running tests).
Each round publishes one version, then writes every branch's answer (what its next HTTP sync
or USB import returns); the raw limits run in the same round, alternating in order, on the
very bytes and line the HQ path made.
""" + "\n".join(sections)
    write_section("reference-down", "Reference data: one version down to 100 branches", body)


if __name__ == "__main__":
    main()
