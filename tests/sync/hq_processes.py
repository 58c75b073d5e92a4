"""HQ as the ministry runs it: `sanad hq serve` processes on loopback ports over one central
database and one HQ folder, and a load balancer in front of them.

`HqServer` is one `sanad hq serve` (optionally `--workers N`), started, SIGKILLed, started
again; `HqCluster` is several of them, started at once (so they race to prepare the folder
and the database). `Balancer` is the branch's side of a load balancer: an httpx transport
that sends each request to the next process in turn (a branch's successive requests go to
different processes) and, when asked, delivers every batch upload a second time to another
process at the same moment (a balancer or a client retrying too early), so that deliveries of
one batch really race across processes. Every delivery's outcome is recorded (`Deliveries`).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from app.sync.http_client import BATCH_TYPE, BATCHES_PATH, HqClient, RetryPolicy

START_TIMEOUT = 90.0  # three interpreters importing the app at once on two cores
WORKER_PID = re.compile(r"Started server process \[(\d+)\]")
WORKER_DIED = re.compile(r"Child process \[(\d+)\] died")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class HqServer:
    """`sanad hq serve` on a loopback port, as a separate process: started, killed, again."""

    def __init__(self, central_url: str, folder: Path, log: Path, *, workers: int = 1) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = folder
        self.workers = workers
        self._argv = [
            sys.executable, "-m", "app", "hq", "serve", "--hq-dir", str(folder),
            "--db", central_url, "--host", "127.0.0.1", "--port", str(self.port),
            *(["--workers", str(workers)] if workers > 1 else []),
        ]  # fmt: skip
        self.log_path = log
        self._log: IO[str] = log.open("a")
        self._proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def launch(self) -> None:
        """Start the process; `wait_ready` waits for it to answer."""
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        self._proc = subprocess.Popen(
            self._argv, stdout=self._log, stderr=subprocess.STDOUT, env=env
        )
        self.starts += 1

    def pid(self) -> int:
        assert self._proc is not None
        return self._proc.pid

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        assert self._proc is not None
        deadline = time.monotonic() + timeout
        while True:
            assert self._proc.poll() is None, self.log_path.read_text()
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"HQ did not start:\n{self.log_path.read_text()}"
            time.sleep(0.05)
        while len(self.worker_pids()) < self.workers:  # every worker, not only the first
            assert time.monotonic() < deadline, f"HQ's workers did not start:\n{self.log()}"
            time.sleep(0.05)

    def start(self) -> None:
        self.launch()
        self.wait_ready()

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text()

    def worker_pids(self) -> list[int]:
        """The workers of `--workers N` alive now (uvicorn logs each one it starts)."""
        text = self.log()
        died = {int(p) for p in WORKER_DIED.findall(text)}
        return [pid for pid in map(int, WORKER_PID.findall(text)) if pid not in died]

    def kill(self) -> None:
        """SIGKILL the process (with `--workers N`: the supervisor; its workers are left to
        notice their parent is gone)."""
        assert self._proc is not None
        self._proc.send_signal(signal.SIGKILL)
        self._proc.wait()

    def kill_worker(self) -> int:
        """SIGKILL the busiest worker of `--workers N` (the likeliest to be in the middle of
        a request: the kernel hands connections to whichever worker accepts first); the
        supervisor starts another. Its pid."""
        pid = max(self.worker_pids(), key=_cpu_time)
        os.kill(pid, signal.SIGKILL)
        return pid

    def wait_worker_replaced(self, pid: int, timeout: float = START_TIMEOUT) -> None:
        """Until the supervisor has seen `pid` die and every worker serves again."""
        deadline = time.monotonic() + timeout
        while pid in self.worker_pids() or len(self.worker_pids()) < self.workers:
            assert time.monotonic() < deadline, f"worker {pid} not replaced:\n{self.log()}"
            time.sleep(0.1)

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.send_signal(signal.SIGTERM)
            try:
                self._proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._log.close()


def _cpu_time(pid: int) -> int:
    """User and system clock ticks of a process so far (Linux: /proc/PID/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return -1
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of the line)


@dataclass
class HqCluster:
    """Several `sanad hq serve` over one central database and one HQ folder."""

    servers: list[HqServer]

    @classmethod
    def make(
        cls, central_url: str, folder: Path, logs: Path, count: int, *, workers: int = 1
    ) -> HqCluster:
        servers = [
            HqServer(central_url, folder, logs / f"hq-serve-{i}.log", workers=workers)
            for i in range(count)
        ]
        return cls(servers)

    @property
    def folder(self) -> Path:
        return self.servers[0].folder

    @property
    def url(self) -> str:
        """What the enrollment files say (the balancer sends each request where it likes)."""
        return self.servers[0].url

    @property
    def ports(self) -> list[int]:
        return [s.port for s in self.servers]

    def start(self) -> None:
        """All at once: they race to write the settings, migrate and make HQ's keys."""
        for server in self.servers:
            server.launch()
        for server in self.servers:
            server.wait_ready()

    def stop(self) -> None:
        for server in self.servers:
            server.stop()


@dataclass(frozen=True)
class Delivery:
    body: str  # sha256 of the uploaded bytes: one batch file (or poll) each
    port: int
    status: int | None  # None: the connection failed (a process killed, or not yet up)
    outcome: str  # X-Sanad-Outcome of a 200


@dataclass
class Deliveries:
    """Every batch upload the balancer passed on, and its twins sent alongside."""

    twins: bool = False  # deliver each upload twice, to two processes at once
    done: list[Delivery] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=24, thread_name_prefix="twin")
    )
    _pending: list[Future[None]] = field(default_factory=list)

    def record(self, delivery: Delivery) -> None:
        with self._lock:
            self.done.append(delivery)

    def send_twin(self, body: bytes, port: int) -> None:
        """The same upload to another process, now, from another connection."""

        def send() -> None:
            digest = hashlib.sha256(body).hexdigest()
            try:
                response = httpx.post(
                    f"http://127.0.0.1:{port}{BATCHES_PATH}", content=body,
                    headers={"Content-Type": BATCH_TYPE}, timeout=120.0,
                )  # fmt: skip
            except httpx.TransportError:
                self.record(Delivery(digest, port, None, ""))
                return
            outcome = response.headers.get("X-Sanad-Outcome", "")
            self.record(Delivery(digest, port, response.status_code, outcome))

        with self._lock:
            self._pending.append(self._pool.submit(send))

    def wait(self) -> None:
        """Every twin answered (or failed)."""
        while True:
            with self._lock:
                pending, self._pending = self._pending, []
            if not pending:
                break
            for future in pending:
                future.result()
        self._pool.shutdown()

    def applied(self) -> Counter[str]:
        """How many deliveries of each upload answered `applied`."""
        return Counter(d.body for d in self.done if d.outcome == "applied")

    def uploads(self) -> set[str]:
        return {d.body for d in self.done}


class Balancer(httpx.BaseTransport):
    """A round-robin load balancer in front of HQ's processes, for one branch: request n of
    the branch goes to process n mod N (the counter is the branch's, kept across its
    syncs); with `deliveries.twins`, a batch upload also goes, at once, to the next one."""

    def __init__(self, ports: list[int], turn: itertools.count[int], deliveries: Deliveries):
        self._ports = ports
        self._turn = turn
        self._deliveries = deliveries
        self._inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        n = next(self._turn)
        port = self._ports[n % len(self._ports)]
        request.url = request.url.copy_with(host="127.0.0.1", port=port)
        if request.method != "POST" or request.url.path != BATCHES_PATH:
            return self._inner.handle_request(request)
        body = request.read()
        digest = hashlib.sha256(body).hexdigest()
        if self._deliveries.twins:
            self._deliveries.send_twin(body, self._ports[(n + 1) % len(self._ports)])
        try:
            response = self._inner.handle_request(request)
        except httpx.TransportError:
            self._deliveries.record(Delivery(digest, port, None, ""))
            raise
        outcome = response.headers.get("X-Sanad-Outcome", "")
        self._deliveries.record(Delivery(digest, port, response.status_code, outcome))
        return response

    def close(self) -> None:
        self._inner.close()


def balanced_clients(
    ports: list[int], first: int, deliveries: Deliveries, policy: RetryPolicy
) -> Callable[[str], HqClient]:
    """A branch's client factory: an `HqClient` behind the balancer, its turn starting at
    `first` (branches start on different processes) and going on across its syncs."""
    turn = itertools.count(first)

    def factory(url: str) -> HqClient:
        return HqClient(url, policy=policy, transport=Balancer(ports, turn, deliveries))

    return factory
