"""Case management at 50,000 cases: the "my cases" list and opening a case screen.

uv run python -m bench.cases [--cases 50000] [--rounds 300]

- "My cases": `case_worklists.my_home()` (what the home tab loads: counts by status and the
  first 50 lines of the overdue, due-this-week and waiting lists) and `my_cases(open, 100)`,
  for the worker with the most cases; raw limit: the same pages and counts as bare SQL on the
  same file through sqlite3 (ids only, no names, no masking).
- Case screen: `cases.get()` (access check, audit entry when needed, events, names), and the
  whole screen: `open_case()` until the window shows the loaded case, offscreen; raw limit:
  the case row and its events read with sqlite3.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.domain.accounts import Role
from app.services.case_worklists import WorkList
from app.services.context import CurrentUser
from app.services.setup import AppServices, open_branch
from bench.case_data import TODAY, case_branch, worker_ids
from bench.report import summary_ms, verdict, write_section

OPEN = ("new", "assessment", "plan", "follow_up")


def timed(call: Callable[[], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def busiest_worker(folder: Path) -> str:
    workers = worker_ids(folder)
    marks = ",".join("?" * len(workers))
    with sqlite3.connect(folder / "sanad.db") as conn:
        (worker,) = conn.execute(
            f"SELECT assigned_to FROM cases WHERE assigned_to IN ({marks}) "
            "GROUP BY assigned_to ORDER BY count(*) DESC LIMIT 1",
            workers,
        ).fetchone()
    return str(worker)


def login_as(services: AppServices, user_id: str) -> None:
    user = next(u for u in services.accounts.list_users() if u.id == user_id)
    services.ctx.user = CurrentUser(user.id, user.username, user.display_name, Role(user.role))
    services.ctx.today = lambda: TODAY


def raw_my_home(conn: sqlite3.Connection, worker: str) -> None:
    marks = ",".join("?" * len(OPEN))
    today = TODAY.isoformat()
    conn.execute(
        "SELECT status, count(*) FROM cases WHERE assigned_to = ? GROUP BY status", (worker,)
    ).fetchall()
    for where in ("next_due_on < ?", "next_due_on >= ? AND next_due_on < date(?, '+7 days')"):
        args = (worker, *OPEN, today) + ((today,) if "+7" in where else ())
        conn.execute(
            f"SELECT count(*) FROM cases WHERE assigned_to = ? AND status IN ({marks}) AND {where}",
            args,
        ).fetchall()
        conn.execute(
            f"SELECT id FROM cases WHERE assigned_to = ? AND status IN ({marks}) AND {where} "
            "ORDER BY next_due_on LIMIT 50",
            args,
        ).fetchall()
    conn.execute(
        f"SELECT id FROM cases WHERE assigned_to = ? AND status IN ({marks}) "
        "AND (status = 'new' OR next_due_on IS NULL) ORDER BY opened_on LIMIT 50",
        (worker, *OPEN),
    ).fetchall()


def raw_case(conn: sqlite3.Connection, case_id: str) -> None:
    conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchall()
    conn.execute("SELECT * FROM case_events WHERE case_id = ? ORDER BY created_at", (case_id,))


def screen_open_times(services: AppServices, case_ids: list[str], rounds: int) -> list[float]:
    from PySide6.QtWidgets import QApplication, QWidget

    from app.ui.cases.opener import close_case_windows, open_case
    from app.ui.common.worker import Worker
    from app.ui.shell.application import make_application

    app = QApplication.instance() or make_application("ar")[0]
    worker = Worker()
    parent = QWidget()
    samples = []
    for case_id in case_ids[:rounds]:
        start = time.perf_counter()
        window = open_case(parent, services, worker, case_id)
        assert window is not None
        deadline = start + 10
        while getattr(window, "view", None) is None and time.perf_counter() < deadline:
            app.processEvents()
        window.repaint()
        app.processEvents()
        samples.append(time.perf_counter() - start)
        close_case_windows(services)
        app.processEvents()
    worker.shutdown() if hasattr(worker, "shutdown") else None
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    folder = case_branch(args.cases)
    worker_id = busiest_worker(folder)
    services = open_branch(folder)
    login_as(services, worker_id)
    lists = services.case_worklists
    with sqlite3.connect(folder / "sanad.db") as conn:
        mine = conn.execute(
            "SELECT count(*) FROM cases WHERE assigned_to = ?", (worker_id,)
        ).fetchone()[0]
        own_cases = [r[0] for r in conn.execute(
            "SELECT id FROM cases WHERE assigned_to = ? AND sensitive = 0", (worker_id,)
        )]  # fmt: skip
    random.Random(1).shuffle(own_cases)

    lists.my_home()  # warm the page cache, like a worker who just logged in
    home = timed(lists.my_home, args.rounds)
    page = timed(lambda: lists.my_cases(WorkList.OPEN, limit=100), args.rounds)
    with sqlite3.connect(folder / "sanad.db") as conn:
        raw_home = timed(lambda: raw_my_home(conn, worker_id), args.rounds)
        picks = iter(own_cases * 2)
        raw_get = timed(lambda: raw_case(conn, next(picks)), args.rounds)
    picks = iter(own_cases * 2)
    get = timed(lambda: services.cases.get(next(picks)), args.rounds)
    screen = screen_open_times(services, own_cases[args.rounds :], min(args.rounds, 100))
    services.close()
    # The extreme: one worker holding every case of the branch.
    one = folder.with_name(folder.name + "-one-worker")
    if one.exists():
        shutil.rmtree(one)
    shutil.copytree(folder, one)
    with sqlite3.connect(one / "sanad.db") as conn:
        conn.execute("UPDATE cases SET assigned_to = ?", (worker_id,))
    services = open_branch(one)
    login_as(services, worker_id)
    services.case_worklists.my_home()
    all_home = timed(services.case_worklists.my_home, args.rounds)
    services.close()
    shutil.rmtree(one)

    h50, h99, _ = summary_ms(home)
    p50, p99, _ = summary_ms(page)
    r50, r99, _ = summary_ms(raw_home)
    g50, g99, _ = summary_ms(get)
    rg50, rg99, _ = summary_ms(raw_get)
    s50, s99, _ = summary_ms(screen)
    a50, a99, _ = summary_ms(all_home)
    load = os.getloadavg()[0]
    body = f"""
{args.cases:,} cases in a branch of 20,000 people, 12 workers; the busiest worker has
{mine:,} cases. {args.rounds} rounds each; load average {load:.1f} at the end (a shared
2-core VM). Goals (issue 4): "my cases" p99 ≤ 50 ms; case screen open ≤ 100 ms.

| what | p50 | p99 | raw limit p50 / p99 | goal |
|---|---|---|---|---|
| "my cases" home tab (`my_home`: counts + 3 lists of 50) | {h50:.1f} ms | {h99:.1f} ms | {r50:.1f} / {r99:.1f} ms (same queries, bare sqlite3) | p99 ≤ 50 ms: {verdict(h99 <= 50)} |
| "my cases" home tab, one worker holding all {args.cases:,} cases | {a50:.1f} ms | {a99:.1f} ms | – | p99 ≤ 50 ms: {verdict(a99 <= 50)} |
| one page of open cases (`my_cases(open, 100)`) | {p50:.1f} ms | {p99:.1f} ms | – | p99 ≤ 50 ms: {verdict(p99 <= 50)} |
| case data (`cases.get`: access, events, names) | {g50:.1f} ms | {g99:.1f} ms | {rg50:.2f} / {rg99:.2f} ms (case row + events, sqlite3) | – |
| case screen open (window built, data loaded, painted) | {s50:.1f} ms | {s99:.1f} ms | – | ≤ 100 ms: {verdict(s99 <= 100)} (p99) |

Median of the screen open: {statistics.median(screen) * 1000:.1f} ms over {len(screen)} opens.
"""
    write_section("cases", "Case management: my cases and the case screen", body)


if __name__ == "__main__":
    main()
