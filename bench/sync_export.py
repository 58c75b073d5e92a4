"""Exporting outbox changes to a signed, encrypted, compressed `.sanad` batch, against the raw
costs of its parts measured on the same changes in the same run.

uv run python -m bench.sync_export [--count 1000000] [--also 100000] [--rounds 2]

The export is `write_outgoing` (what `sanad sync export` and `sync_now` call for a recorded
batch) over outbox changes 1..N of a real branch made by `demo-data`, its batch record added in
a transaction that is rolled back afterwards (the branch stays reusable). Raw limits, on the
same N changes: reading the outbox rows alone (plain sqlite3 SELECT), stdlib `json.dumps` of
the same change lines, `orjson.dumps` of them, zstd level 3 of the very plaintext the batch
holds (one shot, one thread), the sealed-box encryption of the compressed payload, SHA-256.
The batches are kept under bench/out/sync/batches/ for `bench.sync_apply`.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import sqlite3
import time
import zipfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import zstandard
from nacl.public import SealedBox

from app.db.clock import utcnow
from app.db.migrate import head_revision
from app.db.sync_models import OutgoingBatchRow
from app.sync.batch_file import Kind, Manifest, batch_id, file_name
from app.sync.keys import KeyPair, PublicIdentity
from app.sync.outbox_export import _encoded_lines, write_outgoing
from bench.report import verdict, write_section
from bench.sync_data import (
    EXPORT_BRANCH,
    SYNC_OUT,
    branch_keys,
    chunks,
    ensure_export_branch,
    hq_home,
    open_logged_in,
)

BATCHES = SYNC_OUT / "batches"
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

    @property
    def per_change(self) -> float:
        return self.size / self.count


def export(folder: Path, count: int, keys: KeyPair, hq: PublicIdentity) -> Export:
    """`write_outgoing` of changes 1..count (the record rolled back afterwards)."""
    services = open_logged_in(folder)
    target = batch_path(count).parent
    try:
        with services.ctx.db.read() as session:  # rolled back: no batch stays recorded
            gc.collect()
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
            manifest = _manifest(path)
            # The same reading and line building, consumed with nothing else done to it.
            started = time.perf_counter()
            for _line in _encoded_lines(session, 1, count, EXPORT_BRANCH):
                pass
            encode_seconds = time.perf_counter() - started
    finally:
        services.close()
    return Export(count, seconds, path.stat().st_size, manifest, encode_seconds)


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


@dataclass(slots=True)
class Raw:
    select: float
    json_stdlib: float
    json_orjson: float
    zstd3: float
    zstd3_size: int
    encrypt: float
    sha256: float


def raw_limits(folder: Path, count: int, content: bytes) -> Raw:
    db = folder / "sanad.db"
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        started = time.perf_counter()
        for _row in conn.execute(_SELECT, (1, count)):
            pass
        select = time.perf_counter() - started
        # Serialization alone: change lines built as dicts (untimed), 10,000 at a time.
        json_stdlib = json_orjson = 0.0
        for lo, hi in chunks(count, 10_000):
            lines = [_line(row) for row in conn.execute(_SELECT, (lo, hi))]
            started = time.perf_counter()
            for line in lines:
                json.dumps(line, ensure_ascii=False).encode()
            json_stdlib += time.perf_counter() - started
            started = time.perf_counter()
            for line in lines:
                orjson.dumps(line)
            json_orjson += time.perf_counter() - started
    gc.collect()
    started = time.perf_counter()
    compressed = zstandard.ZstdCompressor(level=3).compress(content)
    zstd3 = time.perf_counter() - started
    box = SealedBox(hq_home().keys().public.box_key())
    started = time.perf_counter()
    box.encrypt(compressed)
    encrypt = time.perf_counter() - started
    started = time.perf_counter()
    hashlib.sha256(content).hexdigest()
    sha = time.perf_counter() - started
    return Raw(select, json_stdlib, json_orjson, zstd3, len(compressed), encrypt, sha)


def _line(row: tuple[Any, ...]) -> dict[str, Any]:
    seq, table, row_id, op, changes, version, base, user, at = row
    return {
        "seq": seq, "table": table, "row_id": row_id, "op": op,
        "changes": orjson.loads(changes), "row_version": version, "base_hq_version": base,
        "user_id": user, "changed_at": at.replace(" ", "T"), "origin": EXPORT_BRANCH,
    }  # fmt: skip


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


# -- the report -----------------------------------------------------------------------------


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}"


def table(e: Export, raw: Raw, content_size: int) -> str:
    n = e.count
    mb_s = content_size / 1e6
    return f"""
| path | seconds | changes/s | size MB | bytes/change |
|---|---:|---:|---:|---:|
| **export** (`write_outgoing`: read, encode, zstd-3, hash, encrypt, sign, write + fsync) | **{e.seconds:.2f}** | {_rate(n, e.seconds)} | **{e.size / 1e6:.1f}** | **{e.per_change:.1f}** |
| the app's reading + line encoding alone, timed apart (`_encoded_lines`) | {e.encode_seconds:.2f} | {_rate(n, e.encode_seconds)} | {mb_s:.1f} plain | {content_size / n:.0f} plain |
| raw: reading the outbox rows alone (sqlite3 `SELECT`) | {raw.select:.2f} | {_rate(n, raw.select)} | – | – |
| raw: stdlib `json.dumps` of the same change lines | {raw.json_stdlib:.2f} | {_rate(n, raw.json_stdlib)} | – | – |
| raw: `orjson.dumps` of the same change lines | {raw.json_orjson:.2f} | {_rate(n, raw.json_orjson)} | – | – |
| raw: zstd level 3 alone of the batch's {mb_s:.0f} MB of plaintext | {raw.zstd3:.2f} | {_rate(n, raw.zstd3)} | {raw.zstd3_size / 1e6:.1f} | {raw.zstd3_size / n:.1f} |
| raw: sealed-box encryption of the compressed payload | {raw.encrypt:.2f} | – | – | – |
| raw: SHA-256 of the plaintext | {raw.sha256:.2f} | – | – | – |
| raw floor: SELECT + zstd-3 + encryption + SHA-256 | {raw.select + raw.zstd3 + raw.encrypt + raw.sha256:.2f} | – | – | – |
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--also", type=int, default=100_000, help="a smaller batch too (0: none)")
    ap.add_argument("--rounds", type=int, default=2, help="exports of each size (best one)")
    args = ap.parse_args()
    counts = sorted({c for c in (args.also, args.count) if c > 0})
    load = os.getloadavg()[0]
    folder = ensure_export_branch(max(counts))
    keys = branch_keys(folder, EXPORT_BRANCH)
    home_keys = hq_home().keys()
    sections = []
    for count in counts:
        runs = [export(folder, count, keys, home_keys.public) for _ in range(args.rounds)]
        best = min(runs, key=lambda r: r.seconds)
        path = batch_path(count)
        content = plaintext(path, home_keys, best.manifest)
        raw = raw_limits(folder, count, content)
        print(
            f"{count:,} changes: export {best.seconds:.2f}s (runs "
            f"{', '.join(f'{r.seconds:.2f}' for r in runs)}), {best.size / 1e6:.1f} MB, "
            f"{best.per_change:.1f} B/change; select {raw.select:.2f}s, json {raw.json_stdlib:.2f}s"
            f", orjson {raw.json_orjson:.2f}s, zstd-3 {raw.zstd3:.2f}s "
            f"({raw.zstd3_size / count:.1f} B/change), encrypt {raw.encrypt:.2f}s",
            flush=True,
        )
        text = f"### {count:,} changes\n" + table(best, raw, len(content))
        if count == max(counts):
            scale = 1_000_000 / count
            seconds_m, mb_m = best.seconds * scale, best.size * scale / 1e6
            ok_time, ok_size = seconds_m <= GOAL_SECONDS_PER_M, mb_m <= GOAL_MB_PER_M
            text += (
                f"\nPer 1,000,000 changes: **{seconds_m:.1f} s** (goal ≤ {GOAL_SECONDS_PER_M:.0f}"
                f" s: {verdict(ok_time)}) and **{mb_m:.1f} MB** (goal ≤ {GOAL_MB_PER_M:.0f} MB: "
                f"{verdict(ok_size)}); the export takes {best.seconds / raw.zstd3:.1f}× zstd-3 "
                f"alone and {best.seconds / raw.json_stdlib:.2f}× stdlib `json.dumps` alone.\n"
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
    body = f"""
A shared 2-core virtual machine (load average {load:.1f} when the run started; other sessions
were running tests): export timings are the best of {args.rounds} runs. Changes 1..N of a real
branch filled by `demo-data` (each person: the person, identifiers and phones, one outbox
change each). The export is `app.sync.outbox_export.write_outgoing`, the call `sanad sync
export` and `sync_now` make for a recorded batch; every raw limit runs on the same N changes.

{chr(10).join(sections)}
"""
    write_section("sync-export", "Sync: exporting outbox changes to a batch", body)


if __name__ == "__main__":
    main()
