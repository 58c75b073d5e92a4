"""Cold start to a usable search screen, and peak memory while scrolling search results.

uv run python -m bench.startup [--count 1000000] [--runs 5] [--rows 20000]

Every figure comes from a fresh process, timed from just before it is spawned (the parent's
CLOCK_MONOTONIC, which the child reads too) to the moment it reports:
- the app: `python -m app --data-dir COPY --selftest`, the shipped start-up path (QApplication,
  fonts, translations, open and check the branch, the main window, a first search for "محمد"),
  timed to its "selftest ok" line;
- the raw limit: a process that only imports PySide6, makes a QApplication and shows a QWidget;
- the scroll run (this module with --driver): the same start-up, then the results of "محمد"
  are scrolled through `--rows` rows (the view's own fetch-more, 100 rows a page) and the
  process's peak RSS (ru_maxrss) is read, against the bare window process's peak RSS.

The shared branch (bench/out/branch-N) is never opened for writing: it is copied with SQLite's
backup API into bench/out/startup-N, which is opened once untimed (migrations, if any).
Windows are offscreen (QT_QPA_PLATFORM=offscreen), as in the self-test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

READY = "BENCH-READY"
PHASES = ("imports", "application", "branch", "window", "search")
ROOT = Path(__file__).resolve().parents[1]
QUERY = "محمد"

BARE_WINDOW = f"""
import time
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget()
w.resize(1200, 800)
w.show()
app.processEvents()
print("{READY}", time.monotonic(), flush=True)
peak = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1]
print("{READY}", time.monotonic(), peak, flush=True)
"""


def _env() -> dict[str, str]:
    """Offscreen windows, and Python's bytecode caches (an installed app has them; this
    machine's shell may set PYTHONDONTWRITEBYTECODE, which makes every start compile every
    module again): written under bench/out/pycache, not next to the sources."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(ROOT / "bench" / "out" / "pycache")
    return env


def timed_process(args: list[str], marker: str) -> tuple[float, float, list[str]]:
    """When `args` was spawned (CLOCK_MONOTONIC), seconds from then to its first line starting
    with `marker`, and every such line (Qt's chatter on stderr is shown only on failure)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        env = _env()
        started = time.monotonic()
        proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=errors, text=True
        )
        assert proc.stdout is not None
        seen, found = 0.0, []
        for line in proc.stdout:
            if line.startswith(marker):
                seen = seen or time.monotonic()
                found.append(line.strip())
        if proc.wait() != 0 or not found:
            errors.seek(0)
            sys.stderr.write(errors.read())
            raise RuntimeError(f"{' '.join(args[:4])} failed (exit {proc.returncode})")
    return started, seen - started, found


def bare_window() -> tuple[float, int]:
    """(seconds to a shown QWidget, peak RSS KiB) of a process doing only that."""
    _, seconds, lines = timed_process([sys.executable, "-c", BARE_WINDOW], READY)
    return seconds, int(lines[-1].split()[2])


def app_selftest(folder: Path) -> float:
    args = [sys.executable, "-m", "app", "--data-dir", str(folder), "--selftest"]
    _, seconds, _ = timed_process(args, "selftest ok")
    return seconds


def scroll_run(folder: Path, rows: int) -> dict[str, float]:
    args = [sys.executable, "-m", "bench.startup", "--driver", str(folder), "--rows", str(rows)]
    started, seconds, lines = timed_process(args, READY)
    figures: dict[str, float] = json.loads(lines[-1].removeprefix(READY))
    for phase in PHASES:  # the child's clock readings, as seconds since the spawn
        figures[phase] -= started
    figures["ready"] = seconds  # to the first search's rows on screen
    return figures


# -- the driver: runs in the measured process ------------------------------------------------


def driver(folder: Path, rows: int) -> None:
    """Start like the self-test, run the first search, scroll `rows` rows, report as JSON."""
    from PySide6.QtCore import QEventLoop, QModelIndex, QTimer
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import build_services
    from app.domain.accounts import Role
    from app.services.context import CurrentUser
    from app.services.preferences import Preferences
    from app.ui.common.worker import Worker
    from app.ui.shell.application import make_application
    from app.ui.shell.main_window import MainWindow

    clock = {"imports": time.monotonic()}
    qt_app, _ = make_application(Preferences.load(folder).language)
    clock["application"] = time.monotonic()
    worker = Worker()
    services = worker.run_now(lambda: build_services(folder))
    worker.run_now(services.reference.municipalities)
    clock["branch"] = time.monotonic()
    user = CurrentUser("bench", "bench", "bench", Role.SOCIAL_WORKER)
    window = MainWindow(services, worker, user, services.ctx.branch_code, services.is_demo)
    window.resize(1200, 800)
    window.show()
    qt_app.processEvents()
    clock["window"] = time.monotonic()
    page = window.search_page
    model, table = page.model, page.table

    def wait_for_page(limit_ms: int = 30_000) -> None:
        loop = QEventLoop()
        model.search_finished.connect(loop.quit)
        page.error.connect(loop.quit)
        QTimer.singleShot(limit_ms, loop.quit)
        loop.exec()
        model.search_finished.disconnect(loop.quit)
        page.error.disconnect(loop.quit)

    page.set_query(QUERY)
    wait_for_page()
    qt_app.processEvents()
    print(READY, flush=True)  # the parent times the start to this line
    clock["search"] = time.monotonic()
    first_rows = model.rowCount()
    at_start = _memory()
    page_times: list[float] = []
    while model.rowCount() < rows and not model.complete:
        before = model.rowCount()
        started = time.perf_counter()
        table.scrollToBottom()  # the view asks the model for more at the bottom
        qt_app.processEvents()
        if not model.loading and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        if model.loading:
            wait_for_page()
        qt_app.processEvents()  # paint the new rows
        if model.rowCount() == before:
            break
        page_times.append(time.perf_counter() - started)
    table.scrollToBottom()
    qt_app.processEvents()
    after = _memory()
    figures = {
        **clock,
        "first_rows": first_rows,
        "rows": model.rowCount(),
        **{f"start_{k}": v for k, v in at_start.items()},
        **{f"end_{k}": v for k, v in after.items()},
        "page_p50_ms": _percentile_ms(page_times, 50),
        "page_max_ms": max(page_times, default=0.0) * 1000,
    }
    print(READY + json.dumps(figures), flush=True)
    window.close_forms()
    window.hide()
    worker.shutdown()
    services.close()
    QApplication.processEvents()


def _memory() -> dict[str, float]:
    """MB: peak RSS so far, and the RSS now split into private memory and mapped files."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())

    def mb(key: str) -> float:
        return int(status.get(key, "0 kB").split()[0]) / 1024

    return {"peak": mb("VmHWM"), "anon": mb("RssAnon"), "file": mb("RssFile")}


def _percentile_ms(samples: list[float], pct: float) -> float:
    from bench.report import percentile

    return percentile([s * 1000 for s in samples], pct)


# -- the bench ------------------------------------------------------------------------------


def working_copy(count: int) -> Path:
    """bench/out/startup-N: a copy of the shared branch, migrated; made again if it changed."""
    import sqlite3

    from bench.dataset import branch_dir, ensure_branch
    from bench.report import OUT

    source = branch_dir(count)
    if not (source / "sanad.db").exists():
        ensure_branch(count)
    target = OUT / f"startup-{count}"
    stamp_file = target / "copied-from.json"
    db = source / "sanad.db"
    stamp = {"size": db.stat().st_size, "mtime": db.stat().st_mtime}
    if stamp_file.exists() and json.loads(stamp_file.read_text()) == stamp:
        return target
    target.mkdir(parents=True, exist_ok=True)
    for name in ("sanad.db", "sanad.db-wal", "sanad.db-shm", stamp_file.name):
        (target / name).unlink(missing_ok=True)
    print(f"copying {db} to {target} ...", flush=True)
    src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    dst = sqlite3.connect(target / "sanad.db")
    src.backup(dst, pages=65536)
    src.close()
    dst.close()
    from app.services.setup import open_branch

    open_branch(target).close()  # migrations, if the copy needs any: not part of a start
    stamp_file.write_text(json.dumps(stamp))
    return target


def _waiting(folder: Path) -> int:
    """The changes waiting in the copy's outbox (its kept count: one row)."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(f"file:{folder / 'sanad.db'}?mode=ro", uri=True)) as db:
        return int(db.execute("SELECT pending FROM outbox_count").fetchone()[0])


def evict(folder: Path) -> None:
    """Drop the database file's pages from the OS page cache (as after a reboot)."""
    for name in ("sanad.db", "sanad.db-wal"):
        path = folder / name
        if not path.exists():
            continue
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--driver", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.driver is not None:
        driver(args.driver, args.rows)
        return
    from bench.report import summary_ms, verdict, write_section

    folder = working_copy(args.count)
    load = os.getloadavg()[0]
    app_selftest(folder)  # warm-up: Python's bytecode caches, the OS page cache
    bare_window()
    warm, cold, bare, bare_rss = [], [], [], []
    for _ in range(args.runs):  # alternated, so all three see the same machine
        warm.append(app_selftest(folder))
        seconds, rss = bare_window()
        bare.append(seconds)
        bare_rss.append(rss)
        evict(folder)
        cold.append(app_selftest(folder))
    scroll = scroll_run(folder, args.rows)
    w50, w_max = summary_ms(warm)[0], max(warm) * 1000
    c50, c_max = summary_ms(cold)[0], max(cold) * 1000
    b50, b_max = summary_ms(bare)[0], max(bare) * 1000
    peak_mb = scroll["end_peak"]
    bare_mb = max(bare_rss) / 1024
    print(f"start p50 {w50:.0f} ms (evicted {c50:.0f} ms), bare window {b50:.0f} ms")
    print(f"scroll: {json.dumps(scroll)}")
    goal_warm, goal_cold = w50 <= 1000, c50 <= 2000
    waiting = _waiting(folder)
    phases = [scroll[p] for p in PHASES]
    steps = ", ".join(
        f"{label} {1000 * (t - before):.0f} ms"
        for label, before, t in zip(
            (
                "interpreter and imports",
                "QApplication, fonts, translations",
                "open the branch",
                "main window",
                "first search",
            ),
            [0.0, *phases[:-1]],
            phases,
            strict=True,
        )
    )
    body = f"""
A fresh process to the main window with the first search answered, on a copy of the branch of
**{args.count:,}** beneficiaries; {args.runs} runs of each, alternated after one warm-up, timed
from spawning the process (interpreter start included) to its report. Offscreen windows,
Python bytecode cached as in an installed app. A shared 2-core virtual machine (load average
{load:.1f} at the start), so single runs stray: the median is judged, the slowest shown.

| path | p50 ms | max ms | p50 ÷ raw |
|---|---:|---:|---:|
| `python -m app --selftest` (QApplication, fonts, translations, open the branch, main window, search "{QUERY}") | {w50:.0f} | {w_max:.0f} | {w50 / b50:.1f}× |
| the same, the database file evicted from the OS page cache first (as after a reboot) | {c50:.0f} | {c_max:.0f} | {c50 / b50:.1f}× |
| raw limit: a process that imports PySide6 and shows an empty QWidget | {b50:.0f} | {b_max:.0f} | 1.0× |

Where a start goes (the scroll run below, {1000 * scroll["ready"]:.0f} ms): {steps}.

Goals (issue 14): ≤ 1.0 s warm: {verdict(goal_warm)}; ≤ 2.0 s with the database evicted:
{verdict(goal_cold)} (medians). Nothing on the way to the first search reads a big table: the
sync status's count of waiting changes is one kept row (`outbox_count`, migration 0017), not
a count of the outbox ({waiting:,} changes wait in this copy); Alembic, httpx, openpyxl, reportlab, PDFium and the record
forms are imported when first needed, not at start.

**Memory while scrolling.** The same start, then the results of "{QUERY}" scrolled down to row
{int(scroll["rows"]):,} through the view ({int(scroll["first_rows"])} rows at first, then a page
of 100 each time the view reaches the bottom; a page took {scroll["page_p50_ms"]:.0f} ms p50,
{scroll["page_max_ms"]:.0f} ms at worst, deep pages included):

| process | peak RSS MB | RSS now: private + mapped files MB |
|---|---:|---:|
| the app, first search shown | {scroll["start_peak"]:.0f} | {scroll["start_anon"]:.0f} + {scroll["start_file"]:.0f} |
| the app, {int(scroll["rows"]):,} rows scrolled | {peak_mb:.0f} | {scroll["end_anon"]:.0f} + {scroll["end_file"]:.0f} |
| raw limit: the bare PySide6 window | {bare_mb:.0f} | – |

Goal peak RSS ≤ 300 MB: {verdict(peak_mb <= 300)}. The growth while scrolling is the rows (a search
hit is about 1 KB of Python objects, measured with tracemalloc) and SQLite's page cache (up to
64 MiB a connection). The database is not memory-mapped (`PRAGMA mmap_size=0`): with
the 256 MiB map the app had, the same scroll mapped ~85 MB more of the file into the process
(peak 319 MB) and search was no faster.
"""
    write_section("startup", "Cold start and memory", body)


if __name__ == "__main__":
    main()
