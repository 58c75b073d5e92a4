"""A branch's sync of 1,000 new changes over HTTP on loopback, end to end, against a bare HTTP
POST of the same number of bytes to an echo endpoint of the same server, in the same run.

uv run python -m bench.sync_roundtrip [--rounds 100] [--changes 1000] [--db both]

The real HQ (`create_app` over `HqService`, served by uvicorn in a subprocess on 127.0.0.1,
as `sanad hq serve` runs it, with one extra route `POST /bench/echo` that answers the body it
got) and a real branch (as `sanad init` makes it, enrolled over HTTP). Each round registers
`--changes` new changes at the branch with the bulk writer (untimed), then times
`SyncService.sync_now()`: export the batch, POST it, HQ verifies, applies and answers, the
branch verifies and applies the answer and prunes its outbox. Then one echo POST of the
batch's size with a new HTTP client, as each sync makes one (timed alike).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from fastapi import Request  # at module level: FastAPI resolves the route's annotations here
from fastapi.responses import Response

from app.hq.home import HqHome
from app.hq.service import HqService
from app.services.sync import SyncService
from app.services.sync_results import Progress, Stage
from bench.report import ROOT, summary_ms, write_section
from bench.sync_data import (
    SYNC_OUT,
    add_changes,
    choose_pg_database,
    drop_pg,
    fresh_pg,
    fresh_sqlite,
    make_branch,
    people_for_changes,
)

CODE = "RTT1"
OCTET = "application/octet-stream"
ECHO = "/bench/echo"
WARMUP = 3


# -- the server (a subprocess) ------------------------------------------------------------------


def serve(db_url: str, hq_dir: Path, port: int) -> None:
    """HQ's app as `sanad hq serve` runs it, plus the echo route."""
    import uvicorn

    from app.hq.api import create_app

    service = HqService.open(HqHome.open(hq_dir), db_url)
    app = create_app(service)

    @app.post(ECHO)
    async def echo(request: Request) -> Response:
        return Response(await request.body(), media_type=OCTET)

    try:
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    finally:
        service.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db_url: str, hq_dir: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.sync_roundtrip", "--serve", db_url,
             "--hq-dir", str(hq_dir), "--port", str(port)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"HQ did not start: {log.read_text(errors='replace')}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("HQ did not answer within 60 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# -- the rounds ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Stages:
    """Wall-clock marks of one sync, from its progress reports."""

    marks: dict[Stage, float] = field(default_factory=dict)
    size: int = 0  # bytes of the batch sent

    def __call__(self, progress: Progress) -> None:
        self.marks.setdefault(progress.stage, time.perf_counter())
        if progress.stage is Stage.SENDING:
            self.size = max(self.size, progress.size)


@dataclass(slots=True)
class Trip:
    total: float
    prepare: float  # plan + write the batch file
    send: float  # POST, HQ verifies + applies + answers, answer received
    apply: float  # the branch verifies and applies the answer, prunes, audits
    size: int
    echo: float
    sent: int  # changes the sync sent (the new ones, and any audit entries made meanwhile)


@dataclass(slots=True)
class Run:
    db: str
    trips: list[Trip]


def run(db: str, rounds: int, changes: int) -> Run:
    root = SYNC_OUT / "roundtrip" / db
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    db_url = fresh_pg() if db == "postgresql" else fresh_sqlite(root / "central.db")
    hq_dir = root / "hq"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    service = HqService.open(HqHome.open(hq_dir), db_url)  # `sanad hq branches add`
    try:
        enroll_file = service.add_branch(CODE, "فرع القياس", root, url=url)
    finally:
        service.close()
    proc = start_server(db_url, hq_dir, port, root / "server.log")
    services = make_branch(root / "branch", CODE)
    trips: list[Trip] = []
    try:
        sync = SyncService(services.ctx)
        assert sync.enroll(enroll_file).registered  # over HTTP, `sanad enroll FILE`
        start = 0
        acked = 0
        for i in range(WARMUP + rounds):
            people = people_for_changes(services, changes, start)
            start += len(people)
            add_changes(services, people)
            stages = Stages()
            began = time.perf_counter()
            result = sync.sync_now(progress=stages)
            ended = time.perf_counter()
            # Every change sent is acknowledged; what the sync itself records (its audit entry,
            # a change too where the audit log is synced) waits for the next sync.
            if result.sent_changes < changes or result.acked_upto - acked != result.sent_changes:
                raise RuntimeError(f"round {i}: {result}")
            acked = result.acked_upto
            size = stages.size
            body = os.urandom(size)
            with httpx.Client(base_url=url) as client:
                echo_began = time.perf_counter()
                answer = client.post(ECHO, content=body, headers={"Content-Type": OCTET})
                echo = time.perf_counter() - echo_began
            if answer.content != body:
                raise RuntimeError(f"the echo answered {answer.status_code}: {answer.text[:200]}")
            m = stages.marks
            trip = Trip(
                ended - began, m[Stage.SENDING] - began, m[Stage.APPLYING] - m[Stage.SENDING],
                m[Stage.DONE] - m[Stage.APPLYING], size, echo, result.sent_changes,
            )  # fmt: skip
            if i >= WARMUP:
                trips.append(trip)
    finally:
        services.close()
        stop_server(proc)
        if db == "postgresql":
            drop_pg()
    print(f"{db}: {len(trips)} round trips")
    return Run(db, trips)


# -- the report -----------------------------------------------------------------------------


def _ms(samples: list[float]) -> str:
    p50, p99, _mean = summary_ms(samples)
    return f"{p50:.1f} | {p99:.1f}"


def section(r: Run, changes: int) -> str:
    t = r.trips
    size = statistics.fmean(x.size for x in t)
    total_p50, total_p99, _ = summary_ms([x.total for x in t])
    echo_p50, echo_p99, _ = summary_ms([x.echo for x in t])
    central = "PostgreSQL" if r.db == "postgresql" else "SQLite"
    return f"""
### HQ on {central}

| path | p50 ms | p99 ms |
|---|---:|---:|
| **sync of {changes:,} new changes** (`SyncService.sync_now`, end to end) | **{total_p50:.1f}** | **{total_p99:.1f}** |
| of which preparing: plan + write the batch file | {_ms([x.prepare for x in t])} |
| of which sending: POST, HQ verifies, applies, answers | {_ms([x.send for x in t])} |
| of which the branch applying HQ's answer (verify, confirm, prune) | {_ms([x.apply for x in t])} |
| raw limit: POST of the same {size / 1000:.0f} kB to an echo route of the same server | {echo_p50:.1f} | {echo_p99:.1f} |

{len(t)} round trips; batch files {min(x.size for x in t):,}–{max(x.size for x in t):,} bytes,
{min(x.sent for x in t):,}–{max(x.sent for x in t):,} changes each.
The sync takes {total_p50 / echo_p50:.0f}× the bare POST at p50.{_where(total_p50, echo_p50)}
"""


def _where(total: float, echo: float) -> str:
    if total < 3 * echo:
        return ""
    return " The transport is a small part of it: the time is in making and applying the batch."


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--changes", type=int, default=1000)
    ap.add_argument("--db", choices=["postgresql", "sqlite", "both"], default="both")
    ap.add_argument(
        "--pg-database",
        help="scratch PostgreSQL database (default: the one SANAD_BENCH_PG_URL names, else "
        "sanad_bench); made by the bench, never one it did not make (bench.pg_scratch)",
    )
    ap.add_argument("--serve", help=argparse.SUPPRESS)  # the server subprocess: its DB URL
    ap.add_argument("--hq-dir", help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    choose_pg_database(args.pg_database)
    if args.serve:
        serve(args.serve, Path(args.hq_dir), args.port)
        return
    load = os.getloadavg()[0]
    dbs = ["postgresql", "sqlite"] if args.db == "both" else [args.db]
    runs = [run(db, args.rounds, args.changes) for db in dbs]
    body = f"""
A shared 2-core virtual machine (load average {load:.1f} when the run started; other sessions
were running tests; the branch, HQ's server process and PostgreSQL share the 2 cores). HQ is
the real app (`create_app` over `HqService`) served by uvicorn in a subprocess on 127.0.0.1,
as `sanad hq serve` runs it; the branch is a real branch enrolled over HTTP. Each round
registers {args.changes:,} new changes at the branch (people, identifiers, phones; untimed),
then times `SyncService.sync_now()`: the branch writes the batch, POSTs it with its own
client, HQ verifies, applies and answers, the branch verifies and applies the answer and
prunes its outbox. The raw limit is one POST of the same number of bytes with a new HTTP
client (as each sync makes one) to an echo route added to the same server. {WARMUP} rounds of
warm-up are not counted.

{chr(10).join(section(r, args.changes) for r in runs)}
"""
    write_section("sync-roundtrip", "Sync: round trip over HTTP", body)


if __name__ == "__main__":
    main()
