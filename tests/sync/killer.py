"""Run one sync step in a child process and SIGKILL it at a chosen moment.

The steps are the real ones: HQ's `HqService.import_files` (what `sanad hq import` runs), the
branch's `SyncService.export` (`sanad sync export --to DIR`) and `SyncService.import_file`
(`sanad sync import`). Children are forked by a multiprocessing *forkserver* that imported
the app once, so a child starts in milliseconds where a fresh `sanad` process spends seconds
importing: a run affords dozens of kill points. Each child says "go" just before its step
starts; the parent waits for that, lets it run for the chosen delay and sends SIGKILL.

A step can also be killed at an exact point instead of after a delay (`DieAt`): just before
or just after the n-th database commit, fsync, ZIP member written or file copied. Timing
alone rarely lands in those few-millisecond windows (between a file's write and its rename,
between a commit and the receipt), so the test walks through every one of them.

A step can also run with rivals: the same step in more children started at the same moment,
never killed (several HQ processes taking the same batches while one of them is killed).

`run_cli` does the same with a real `sanad` command line (startup included in the delay).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection as PipeEnd
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from app.db.engine import make_engine
from app.domain.accounts import Role
from app.hq.home import HqHome
from app.hq.service import HqService
from app.services.context import CurrentUser
from app.services.setup import open_branch
from app.services.sync import SyncService
from app.sync import merge_stream
from tests.conftest import FAST_HASHER, TODAY

# Where a step can be made to die: the function, patched in the child only.
HOOKS: dict[str, tuple[Any, str]] = {
    "commit": (Connection, "_commit_impl"),  # every database commit (SQLite and PostgreSQL)
    "fsync": (os, "fsync"),  # files made durable before their rename
    "zip_member": (zipfile.ZipFile, "writestr"),  # a batch file half written
    "copy": (shutil, "copyfile"),  # a batch copied to the stick or to HQ's held folder
    "chunk": (merge_stream, "chunk_written"),  # HQ wrote a chunk of a batch (not committed)
}
START_TIMEOUT = 60.0
RUN_TIMEOUT = 120.0
_CTX = multiprocessing.get_context("forkserver")
_CTX.set_forkserver_preload([__name__])


@dataclass(frozen=True)
class DieAt:
    """SIGKILL the step at the `nth` of `events`: (hook, "before" or "after") pairs, each
    call of HOOKS[hook] being one event before it and one once it returned."""

    events: tuple[tuple[str, str], ...]
    nth: int


def _die_at(point: DieAt | None) -> None:
    if point is None:
        return
    seen = 0

    def tick() -> None:
        nonlocal seen
        seen += 1
        if seen == point.nth:
            os.kill(os.getpid(), signal.SIGKILL)

    for hook in {h for h, _when in point.events}:
        whens = {when for h, when in point.events if h == hook}
        owner, name = HOOKS[hook]
        original = getattr(owner, name)

        def hooked(*args: Any, _f: Any = original, _w: set[str] = whens, **kw: Any) -> Any:
            if "before" in _w:
                tick()
            result = _f(*args, **kw)
            if "after" in _w:
                tick()
            return result

        setattr(owner, name, hooked)


# -- the steps, as run in the child -------------------------------------------------------------


def hq_import(
    conn: PipeEnd, point: DieAt | None, hq_dir: str, db_url: str, paths: list[str]
) -> None:
    _die_at(point)
    conn.send("go")
    service = HqService(HqHome.open(Path(hq_dir)), make_engine(db_url))
    results = service.import_files([Path(p) for p in paths])
    conn.send([(r.file, r.outcome, r.code, r.reason) for r in results])


def _branch_sync(data_dir: str) -> SyncService:
    services = open_branch(Path(data_dir), hasher=FAST_HASHER, today=TODAY)
    admin = next(u for u in services.accounts.list_users() if u.role == Role.BRANCH_ADMIN)
    services.ctx.user = CurrentUser(admin.id, admin.username, admin.display_name, Role(admin.role))
    return SyncService(services.ctx)


def branch_export(conn: PipeEnd, point: DieAt | None, data_dir: str, usb: str) -> None:
    sync = _branch_sync(data_dir)
    _die_at(point)
    conn.send("go")
    files = sync.export(Path(usb))
    conn.send([str(f) for f in files])


def branch_import(conn: PipeEnd, point: DieAt | None, data_dir: str, receipts: list[str]) -> None:
    sync = _branch_sync(data_dir)
    _die_at(point)
    conn.send("go")
    results = [sync.import_file(Path(r)) for r in receipts]
    conn.send([(r.applied, r.skipped, r.acked_upto) for r in results])


# -- the parent's side --------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    killed: bool  # SIGKILL landed while the step was still running
    seconds: float  # from "go" to the end (or to the kill)
    exitcode: int | None
    answer: Any = None  # what the step reported when it finished
    rivals: tuple[Any, ...] = ()  # what each rival reported (see run_step)


@dataclass
class _Child:
    process: Any  # a forkserver Process
    pipe: PipeEnd

    def wait_go(self, name: str) -> None:
        if not self.pipe.poll(START_TIMEOUT):
            self.process.kill()
            raise AssertionError(f"{name} did not start")
        assert self.pipe.recv() == "go"

    def finish(self, name: str) -> Any:
        """Let it run to its end; it must succeed. Its answer."""
        self.process.join(RUN_TIMEOUT)
        assert not self.process.is_alive(), f"{name} did not finish"
        assert self.process.exitcode == 0, f"{name} failed (exit {self.process.exitcode})"
        return self.pipe.recv() if self.pipe.poll(1.0) else None

    def close(self) -> None:
        self.pipe.close()
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.process.close()


def _spawn(target: Callable[..., None], args: tuple[Any, ...], die_at: DieAt | None) -> _Child:
    receiver, sender = _CTX.Pipe(duplex=False)
    child = _CTX.Process(target=target, args=(sender, die_at, *args), daemon=True)
    child.start()
    sender.close()
    return _Child(child, receiver)


def run_step(
    target: Callable[..., None],
    *args: Any,
    kill_after: float | None = None,
    die_at: DieAt | None = None,
    rivals: Sequence[tuple[Any, ...]] = (),
) -> Run:
    """Run `target(conn, die_at, *args)` in a child; SIGKILL it `kill_after` seconds after it
    said "go", or at `die_at` (neither: let it finish). A child that finished on its own must
    have succeeded.

    `rivals`: the same step in more children at the same moment, one per argument tuple
    (`target(conn, None, *rival_args)`: several HQ processes taking the same batches). They
    are never killed: they run to their end, and must succeed, before this returns."""
    name = target.__name__
    child = _spawn(target, args, die_at)
    others = [_spawn(target, rival_args, None) for rival_args in rivals]
    try:
        for runner in (child, *others):
            runner.wait_go(name)
        started = time.perf_counter()
        child.process.join(RUN_TIMEOUT if kill_after is None else kill_after)
        if child.process.is_alive():
            child.process.kill()  # SIGKILL (it may still finish first: then it was not killed)
        child.process.join(RUN_TIMEOUT)
        seconds = time.perf_counter() - started
        assert not child.process.is_alive(), f"{name} outlived SIGKILL"
        answers = tuple(other.finish(f"{name} (rival)") for other in others)
        if child.process.exitcode == -signal.SIGKILL:
            return Run(True, seconds, child.process.exitcode, rivals=answers)
        assert child.process.exitcode == 0, f"{name} failed (exit {child.process.exitcode})"
        answer = child.pipe.recv() if child.pipe.poll(1.0) else None
        return Run(False, seconds, 0, answer, answers)
    finally:
        for runner in (child, *others):
            runner.close()


def sanad(*argv: str) -> list[str]:
    return [sys.executable, "-m", "app", *argv]


def run_cli(argv: list[str], *, kill_after: float | None = None) -> Run:
    """A real `sanad …` process; SIGKILL `kill_after` seconds after it started."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    try:
        out, err = proc.communicate(timeout=kill_after if kill_after is not None else RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        if kill_after is None:
            raise
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        return Run(True, time.perf_counter() - started, proc.returncode)
    seconds = time.perf_counter() - started
    assert proc.returncode == 0, f"{argv[3:]} exited {proc.returncode}: {err.strip()}"
    return Run(False, seconds, 0, out)
