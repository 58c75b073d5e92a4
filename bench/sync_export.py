"""Exporting outbox changes to a signed, encrypted, compressed `.sanad` batch, against the raw
costs of its parts measured on the same changes in the same run, alternated over rounds.

uv run python -m bench.sync_export [--count 1000000] [--also 100000] [--rounds 5]

The export is `write_outgoing` (what `sanad sync export` and `sync_now` call for a recorded
batch) over outbox changes 1..N of the demo branch of bench.dataset (`bench/out/branch-1000000`,
2.7 changes per person), copied once to `--work` (default /tmp/sanad-bench-export: the export
records its batch, in a transaction rolled back, but the branch is shared by other benches).
Each export runs in a fresh process that reports its time and peak RSS; between exports, the
raw floor's parts on the same N changes: reading the outbox rows (plain sqlite3 SELECT), zstd
level 3 of the very plaintext the batch holds (one shot, one thread), the sealed-box encryption
of the compressed payload, SHA-256 of the plaintext. Medians, the spread, and the ratio
export / floor of each round.

`export()` (the batches under bench/out/sync/batches/ that `bench.sync_apply` reads) is kept
for that bench: it exports the branch of bench.sync_data.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import zipfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import zstandard
from nacl.public import SealedBox

from app.db.clock import utcnow
from app.db.migrate import head_revision
from app.db.sync_models import OutgoingBatchRow
from app.services.setup import AppServices
from app.sync.batch_file import Kind, Manifest, batch_id, file_name
from app.sync.keys import KeyPair, PublicIdentity
from app.sync.outbox_export import _encoded_lines, write_outgoing
from bench.dataset import branch_dir, ensure_branch, open_as_admin
from bench.report import ROOT, verdict, write_section
from bench.sync_data import EXPORT_BRANCH, SYNC_OUT, open_logged_in

BATCHES = SYNC_OUT / "batches"
WORK = Path("/tmp/sanad-bench-export")
GOAL_RATIO = 2.0  # issue 14: the export at most twice its floor
GOAL_SECONDS_PER_M = 15.0
GOAL_MB_PER_M = 80.0
_SELECT = (
    "SELECT seq, table_name, row_id, op, changes, row_version, base_hq_version, user_id, "
    "changed_at FROM outbox WHERE seq BETWEEN ? AND ? ORDER BY seq"
)


def batch_path(count: int) -> Path:
    return BATCHES / str(count) / file_name(EXPORT_BRANCH, Kind.UP, 1, count)


@dataclass(slots=True)
class Export:
    count: int
    seconds: float
    size: int
    manifest: Manifest
    encode_seconds: float  # the app's own reading + line encoding alone (no compression)
    path: Path | None = None
    rss_before: int = 0  # bytes, the exporting process just before the export
    rss_peak: int = 0  # bytes, its peak (the export included; the encoding pass not)
    cpu: float = 0.0  # CPU seconds of the export, every thread of the process

    @property
    def per_change(self) -> float:
        return self.size / self.count


def export(folder: Path, count: int, keys: KeyPair, hq: PublicIdentity) -> Export:
    """`write_outgoing` of changes 1..count of a bench.sync_data branch into batch_path(count)
    (for bench.sync_apply; the record rolled back afterwards)."""
    return _export(open_logged_in(folder), count, batch_path(count).parent, keys, hq)


def _export(
    services: AppServices, count: int, target: Path, keys: KeyPair, hq: PublicIdentity
) -> Export:
    try:
        with services.ctx.db.read() as session:  # rolled back: no batch stays recorded
            gc.collect()
            rss_before = _status("VmRSS")
            cpu = time.process_time()
            started = time.perf_counter()
            record = OutgoingBatchRow(
                batch_id=batch_id(EXPORT_BRANCH, Kind.UP, 1, count), seq_from=1, seq_to=count,
                content_sha256="", file_name=file_name(EXPORT_BRANCH, Kind.UP, 1, count),
                created_at=utcnow(),
            )  # fmt: skip
            session.add(record)
            session.flush()
            path = write_outgoing(
                session, record, target, branch=EXPORT_BRANCH, replica="bench",
                schema=head_revision(), ack_upto=0, keys=keys, hq=hq,
            )  # fmt: skip
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu
            rss_peak = _status("VmHWM")  # this process's own (ru_maxrss outlives an exec)
            manifest = _manifest(path)
            # The same reading and line building, consumed with nothing else done to it.
            started = time.perf_counter()
            for _piece in _encoded_lines(session, 1, count, EXPORT_BRANCH):
                pass
            encode_seconds = time.perf_counter() - started
    finally:
        services.close()
    size = path.stat().st_size
    return Export(count, seconds, size, manifest, encode_seconds, path, rss_before, rss_peak, cpu)


def _status(field: str) -> int:
    """A memory figure of /proc/self/status, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _manifest(path: Path) -> Manifest:
    with zipfile.ZipFile(path) as archive:
        return Manifest.parse(archive.read("manifest.json"))


def plaintext(path: Path, hq_keys: KeyPair, manifest: Manifest) -> bytes:
    """The change lines the batch holds (decrypted, decompressed, hash checked)."""
    with zipfile.ZipFile(path) as archive:
        payload = archive.read("payload")
    compressed = SealedBox(hq_keys.box_private).decrypt(payload)
    content = zstandard.ZstdDecompressor().stream_reader(compressed).read()
    if hashlib.sha256(content).hexdigest() != manifest.content_sha256:
        raise RuntimeError("the batch's content does not match its manifest")
    return content


# -- one export in a fresh process ------------------------------------------------------------


def _child(branch: Path, count: int, work: Path) -> None:
    keys = KeyPair.load(work / "keys", EXPORT_BRANCH)
    hq = KeyPair.load(work / "keys", "HQ").public
    e = _export(open_as_admin(branch), count, work / "batches" / str(count), keys, hq)
    print(json.dumps({
        "seconds": e.seconds, "size": e.size, "encode_seconds": e.encode_seconds,
        "path": str(e.path), "rss_before": e.rss_before, "rss_peak": e.rss_peak, "cpu": e.cpu,
    }))  # fmt: skip


def export_in_child(branch: Path, count: int, work: Path) -> Export:
    out = subprocess.run(
        [sys.executable, "-m", "bench.sync_export", "--child", str(branch), str(count),
         str(work)],
        check=True, capture_output=True, text=True, env=os.environ | {"PYTHONPATH": str(ROOT)},
    ).stdout  # fmt: skip
    got = json.loads(out.strip().splitlines()[-1])
    path = Path(got["path"])
    return Export(
        count, got["seconds"], got["size"], _manifest(path), got["encode_seconds"], path,
        got["rss_before"], got["rss_peak"], got["cpu"],
    )  # fmt: skip


# -- the floor's parts ----------------------------------------------------------------------


@dataclass(slots=True)
class Raw:
    select: float
    zstd3: float
    zstd3_size: int
    encrypt: float
    sha256: float
    cpu: float  # CPU seconds of the four parts together

    @property
    def floor(self) -> float:
        return self.select + self.zstd3 + self.encrypt + self.sha256


def raw_limits(db: Path, count: int, content: bytes, hq: PublicIdentity) -> Raw:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        gc.collect()
        cpu = time.process_time()
        started = time.perf_counter()
        for _row in conn.execute(_SELECT, (1, count)):
            pass
        select = time.perf_counter() - started
        cpu = time.process_time() - cpu
    gc.collect()
    cpu_rest = time.process_time()
    started = time.perf_counter()
    compressed = zstandard.ZstdCompressor(level=3).compress(content)
    zstd3 = time.perf_counter() - started
    box = SealedBox(hq.box_key())
    started = time.perf_counter()
    box.encrypt(compressed)
    encrypt = time.perf_counter() - started
    started = time.perf_counter()
    hashlib.sha256(content).hexdigest()
    sha = time.perf_counter() - started
    cpu += time.process_time() - cpu_rest
    return Raw(select, zstd3, len(compressed), encrypt, sha, cpu)


def levels(content: bytes, sample_changes: int) -> list[tuple[int, float, int]]:
    """(level, MB/s, bytes per change) of zstd on the first `sample_changes` lines."""
    cut = 0
    for _ in range(sample_changes):
        cut = content.index(b"\n", cut) + 1
    sample = content[:cut]
    out = []
    for level in (1, 3, 6, 9, 19):
        started = time.perf_counter()
        size = len(zstandard.ZstdCompressor(level=level).compress(sample))
        seconds = time.perf_counter() - started
        out.append((level, len(sample) / seconds / 1e6, size // sample_changes))
    return out


# -- the data -------------------------------------------------------------------------------


def prepare(people: int, work: Path) -> Path:
    """A private copy of the demo branch (SQLite's backup: consistent even mid-WAL), and the
    branch's and HQ's keys beside it."""
    source = branch_dir(people)
    if not (source / "sanad.db").is_file():
        ensure_branch(people)
    copy = work / f"branch-{people}"
    if not (copy / "sanad.db").is_file():
        shutil.rmtree(copy, ignore_errors=True)
        copy.mkdir(parents=True)
        started = time.perf_counter()
        with (
            closing(sqlite3.connect(f"file:{source / 'sanad.db'}?mode=ro", uri=True)) as src,
            closing(sqlite3.connect(copy / "sanad.part")) as dst,
        ):
            src.backup(dst)
        (copy / "sanad.part").rename(copy / "sanad.db")
        print(f"copied {source} to {copy} in {time.perf_counter() - started:.0f}s", flush=True)
    keys = work / "keys"
    for party in (EXPORT_BRANCH, "HQ"):
        if not KeyPair.exists(keys, party):
            keys.mkdir(mode=0o700, parents=True, exist_ok=True)
            KeyPair.generate(party).save(keys)
    return copy


# -- the report -----------------------------------------------------------------------------


def _med(values: list[float]) -> float:
    return statistics.median(values)


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f}"


def table(count: int, runs: list[Export], raws: list[Raw], content_size: int) -> str:
    n = count
    export_s = [e.seconds for e in runs]
    encode_s = [e.encode_seconds for e in runs]
    floor_s = [r.floor for r in raws]
    ratios = [e.seconds / r.floor for e, r in zip(runs, raws, strict=True)]
    cpu_ratio = _med([e.cpu for e in runs]) / _med([r.cpu for r in raws])
    size = runs[0].size
    zsize = raws[0].zstd3_size

    def row(name: str, values: list[float], extra: str = "– | –") -> str:
        m = _med(values)
        return f"| {name} | {m:.2f} | {_spread(values)} | {n / m:,.0f} | {extra} |"

    rows = [
        row("**export** (`write_outgoing`: read, encode, zstd-3, hash, encrypt, sign, write + "
            "fsync)", export_s, f"**{size / 1e6:.1f}** | **{size / n:.1f}**"),
        row("the app's reading + line encoding alone, timed apart (`_encoded_lines`)", encode_s,
            f"{content_size / 1e6:.1f} plain | {content_size / n:.0f} plain"),
        row("raw: reading the outbox rows (sqlite3 `SELECT`)", [r.select for r in raws]),
        row(f"raw: zstd level 3 of the batch's {content_size / 1e6:.0f} MB of plaintext (one "
            "thread)", [r.zstd3 for r in raws], f"{zsize / 1e6:.1f} | {zsize / n:.1f}"),
        row("raw: sealed-box encryption of the compressed payload", [r.encrypt for r in raws]),
        row("raw: SHA-256 of the plaintext", [r.sha256 for r in raws]),
        row("**raw floor**: SELECT + zstd-3 + encryption + SHA-256", floor_s),
    ]  # fmt: skip
    peak = max(e.rss_peak for e in runs) / 1e6
    before = _med([e.rss_before for e in runs]) / 1e6
    ratio = _med(ratios)
    return f"""
| path | median s | spread s | changes/s | size MB | bytes/change |
|---|---:|---:|---:|---:|---:|
{chr(10).join(rows)}

Export / floor, round by round: {", ".join(f"{r:.2f}" for r in ratios)}; median
**{ratio:.2f}×** (goal ≤ {GOAL_RATIO:.0f}×: {verdict(ratio <= GOAL_RATIO)}). Peak RSS of the
exporting process: {peak:,.0f} MB ({before:,.0f} MB before the export began). CPU time (every
thread), less sensitive to the machine's load than the wall clock: export
{_med([e.cpu for e in runs]):.2f} s, floor {_med([r.cpu for r in raws]):.2f} s ({cpu_ratio:.2f}×).
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--also", type=int, default=100_000, help="a smaller batch too (0: none)")
    ap.add_argument("--rounds", type=int, default=5, help="exports of each size, alternated")
    ap.add_argument("--people", type=int, default=1_000_000, help="which bench.dataset branch")
    ap.add_argument("--work", type=Path, default=WORK, help="where the branch is copied")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(Path(args.child[0]), int(args.child[1]), Path(args.child[2]))
        return
    counts = sorted({c for c in (args.also, args.count) if c > 0})
    branch = prepare(args.people, args.work)
    hq_keys = KeyPair.load(args.work / "keys", "HQ")
    load = os.getloadavg()[0]
    sections = []
    for count in counts:
        runs: list[Export] = []
        raws: list[Raw] = []
        content = b""
        for r in range(args.rounds):
            export_first = r % 2 == 0
            if export_first:
                runs.append(export_in_child(branch, count, args.work))
            if not content:  # round 1 exports first: the plaintext of its batch
                content = plaintext(runs[0].path or Path(), hq_keys, runs[0].manifest)
            raws.append(raw_limits(branch / "sanad.db", count, content, hq_keys.public))
            if not export_first:
                runs.append(export_in_child(branch, count, args.work))
            print(
                f"{count:,} changes, round {r + 1}: export {runs[-1].seconds:.2f}s, floor "
                f"{raws[-1].floor:.2f}s (select {raws[-1].select:.2f}, zstd-3 "
                f"{raws[-1].zstd3:.2f}, encrypt {raws[-1].encrypt:.2f}, sha256 "
                f"{raws[-1].sha256:.2f}); CPU {runs[-1].cpu:.2f}s vs {raws[-1].cpu:.2f}s; peak RSS "
                f"{runs[-1].rss_peak / 1e6:,.0f} MB",
                flush=True,
            )
        text = f"### {count:,} changes\n" + table(count, runs, raws, len(content))
        if count == max(counts):
            scale = 1_000_000 / count
            best = _med([e.seconds for e in runs])
            seconds_m, mb_m = best * scale, runs[0].size * scale / 1e6
            ok_time, ok_size = seconds_m <= GOAL_SECONDS_PER_M, mb_m <= GOAL_MB_PER_M
            text += (
                f"\nPer 1,000,000 changes: **{seconds_m:.1f} s** (goal ≤ {GOAL_SECONDS_PER_M:.0f}"
                f" s: {verdict(ok_time)}) and **{mb_m:.1f} MB** (goal ≤ {GOAL_MB_PER_M:.0f} MB: "
                f"{verdict(ok_size)}).\n"
            )
            sample = min(count, 20_000)
            rows = "\n".join(
                f"| {lv} | {speed:,.0f} | {bpc} |" for lv, speed, bpc in levels(content, sample)
            )
            text += f"""
zstd levels on the first {sample:,} change lines of the same plaintext (one thread), for the
size goal:

| level | MB/s | bytes/change |
|---|---:|---:|
{rows}
"""
        sections.append(text)
        del content
    end_load = os.getloadavg()[0]
    body = f"""
A shared 2-core virtual machine (load average {load:.1f} when the run started, {end_load:.1f}
when it ended; other sessions were running tests and benches). Changes 1..N of the demo branch
of {args.people:,} people (`bench/out/branch-{args.people}`, copied; each person: the person,
identifiers and phones, one outbox change each). The export is `app.sync.outbox_export.write_outgoing`, the
call `sanad sync export` and `sync_now` make for a recorded batch, each run in a fresh process;
every raw limit runs on the same N changes. {args.rounds} rounds per size, the export and the
floor's parts alternated (which goes first swaps each round); medians and spread.

{chr(10).join(sections)}
"""
    write_section("sync-export", "Sync: exporting outbox changes to a batch", body)


if __name__ == "__main__":
    main()
