"""Shared helpers for the benchmarks: timing, percentiles, and docs/benchmarks.md sections.

Each script owns one section of docs/benchmarks.md (between `<!-- bench:NAME -->` markers)
and rewrites only that section, stamped with the machine and the date of the run.
"""

from __future__ import annotations

import os
import platform
import re
import sqlite3
import statistics
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "benchmarks.md"
OUT = ROOT / "bench" / "out"
HEADER = """# Benchmarks

Made by the scripts in `bench/` (see `bench/README.md`); each section is rewritten by its
script with the machine and date of the run. Every figure stands beside a raw limit measured
in the same run on the same data.
"""


def percentile(samples: Sequence[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(samples: Sequence[float]) -> tuple[float, float, float]:
    """(p50, p99, mean) in milliseconds of samples given in seconds."""
    ms = [s * 1000 for s in samples]
    return percentile(ms, 50), percentile(ms, 99), statistics.fmean(ms)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}"
    )


def write_section(name: str, title: str, body: str) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    block = (
        f"<!-- bench:{name} -->\n## {title}\n\n_Run {stamp} on {machine()}._\n\n"
        f"{body.strip()}\n<!-- /bench:{name} -->"
    )
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else HEADER
    pattern = re.compile(rf"<!-- bench:{name} -->.*?<!-- /bench:{name} -->", re.S)
    text = (
        pattern.sub(lambda _m: block, text)
        if pattern.search(text)
        else (text.rstrip() + "\n\n" + block)
    )
    REPORT.write_text(text.rstrip() + "\n", encoding="utf-8")
    print(block)


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"
