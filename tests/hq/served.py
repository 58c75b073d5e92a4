"""`sanad hq serve` as a separate process, watched from outside: its peak resident memory
(VmHWM, reset between measurements through /proc/PID/clear_refs) and how much its tmp/ and
held/ folders hold (sampled every few milliseconds by a thread)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import httpx

START_TIMEOUT = 60.0
MB = 1_000_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServedHq:
    def __init__(self, folder: Path, db_url: str, log: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._argv = [
            sys.executable, "-m", "app", "hq", "serve", "--hq-dir", str(folder),
            "--db", db_url, "--host", "127.0.0.1", "--port", str(self.port),
        ]  # fmt: skip
        self._log_path = log
        self._log: IO[str] = log.open("a")
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        self._proc = subprocess.Popen(
            self._argv, stdout=self._log, stderr=subprocess.STDOUT, env=env
        )
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert self._proc.poll() is None, self._log_path.read_text()
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "HQ did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._log.close()

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def log(self) -> str:
        return self._log_path.read_text()

    # -- what it holds --------------------------------------------------------------------

    def _status(self, key: str) -> int:
        assert self._proc is not None
        for line in Path(f"/proc/{self._proc.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
        raise AssertionError(f"no {key} in /proc status")

    def reset_peak(self) -> int:
        """Start a new peak (VmHWM := VmRSS); returns the resident memory now."""
        assert self._proc is not None
        Path(f"/proc/{self._proc.pid}/clear_refs").write_text("5")
        return self._status("VmRSS")

    def peak(self) -> int:
        return self._status("VmHWM")

    def held_bytes(self) -> int:
        """What tmp/ and held/ hold now (files being written included)."""
        total = 0
        for name in ("tmp", "held"):
            for root, _dirs, files in os.walk(self.folder / name):
                for file in files:
                    with contextlib.suppress(FileNotFoundError):
                        total += (Path(root) / file).stat().st_size
        return total


class Watch:
    """Peak memory and peak tmp+held bytes of `hq` while the block runs."""

    def __init__(self, hq: ServedHq) -> None:
        self.hq = hq
        self.memory = 0  # peak resident memory above what it was at the start
        self.disk = 0  # peak bytes in tmp/ and held/ above what they held at the start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> Watch:
        self._rss = self.hq.reset_peak()
        self._disk0 = self.hq.held_bytes()
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.disk = max(self.disk, self.hq.held_bytes() - self._disk0)

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.disk = max(self.disk, self.hq.held_bytes() - self._disk0)
        self.memory = self.hq.peak() - self._rss

    def __str__(self) -> str:
        return f"peak RSS +{self.memory / MB:.1f} MB, tmp/held peak +{self.disk / MB:.1f} MB"
