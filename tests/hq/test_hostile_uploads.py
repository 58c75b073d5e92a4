"""Unauthenticated input is bounded: hostile uploads to `sanad hq serve` (a separate process,
over 127.0.0.1) are refused cheaply, before HQ reads what they announce. For each one HQ's
peak resident memory grows by less than 64 MiB and its tmp/ and held/ folders by less than
8 MiB (far below the 1 GiB upload cap), and HQ answers at once with `{"code", "reason"}`.

The hostile inputs: a deflate bomb as manifest.sig, a huge stored signature, duplicate
members, deflated members, a 600 MiB payload under a forged signature, endless chunked
uploads, connections whose body stalls or drips, too many uploads of one branch at once.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zlib import crc32

import pytest

from app.hq.home import HqHome
from app.hq.service import HqService
from app.sync.batch_zip import HEAD_MAX
from app.sync.keys import KeyPair, PublicIdentity
from tests.hq.branch_side import enroll, hand_made
from tests.hq.conftest import _emptied, _sqlite_copy
from tests.hq.raw_http import Reply, post, stalled, status_of, wait_closed
from tests.hq.served import MB, ServedHq, Watch
from tests.sync.crafted import (
    DEFLATED,
    MiB,
    Part,
    Streamed,
    craft,
    deflate,
    deflate_bomb,
    parts_of,
)

pytestmark = [pytest.mark.db, pytest.mark.sync]
TIMEOUT = 2.0  # seconds without data before HQ drops an upload (configured for these tests)
UNVERIFIED = 8  # uploads at once whose manifest is not verified yet (configured)
MEMORY = 64 * MiB  # the most HQ's peak resident memory may grow per hostile input
DISK = 8 * MiB  # the most HQ's tmp/ and held/ folders may grow per hostile input


@dataclass
class Hostile:
    hq: ServedHq
    keys: KeyPair  # TRP01's real keys (enrolled at HQ)
    identity: PublicIdentity  # HQ's
    folder: Path
    made: int = 0

    def batch(self, seq_from: int = 1, seq_to: int = 2) -> Path:
        """A genuine batch of TRP01 (each in its own folder)."""
        self.made += 1
        folder = self.folder / f"batch{self.made}"
        return hand_made(folder, self.keys, self.identity, source="TRP01", seq_from=seq_from,
                         seq_to=seq_to)  # fmt: skip

    def send(self, data: bytes) -> Reply:
        return post(self.hq.port, [data], length=len(data))


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def hostile(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[Hostile]:
    """One HQ process for the module, TRP01 enrolled, with short upload limits configured."""
    folder = tmp_path_factory.mktemp("hostile")
    if request.param == "sqlite":
        url = _sqlite_copy(sqlite_template, folder)
    else:
        url = _emptied(*request.getfixturevalue("pg_database"))
    home = HqHome.open(folder / "hq")
    service = HqService.open(home, url)
    keys = enroll(service, "TRP01", "طرابلس", folder)
    identity = service.identity
    service.close()
    config = {**home.config(), "upload_timeout": TIMEOUT, "uploads_unverified": UNVERIFIED}
    (home.root / "config.json").write_text(json.dumps(config), encoding="utf-8")
    hq = ServedHq(home.root, url, folder / "serve.log")
    hq.start()
    world = Hostile(hq, keys, identity, folder)
    try:
        poll = world.batch(1, 0)  # an empty batch: HQ works, and its code paths are warm
        assert world.send(poll.read_bytes()).status == 200
        yield world
        assert hq.alive, hq.log()
    finally:
        hq.stop()


def bounded(name: str, watch: Watch) -> None:
    assert watch.memory < MEMORY, f"{name}: {watch}"
    assert watch.disk < DISK, f"{name}: {watch}"


def report(name: str, watch: Watch) -> None:
    print(f"\n{name}: {watch}")


def test_a_deflate_bomb_as_signature(hostile: Hostile) -> None:
    manifest, _sig, payload = parts_of(hostile.batch())
    body = craft([manifest, deflate_bomb(512 * MiB), payload])
    assert len(body) < MiB
    with Watch(hostile.hq) as watch:
        reply = hostile.send(body)
    report(name := "deflate bomb as manifest.sig (512 MiB)", watch)
    assert reply.problem == (400, "not_a_batch")
    bounded(name, watch)


def test_a_huge_stored_signature(hostile: Hostile) -> None:
    body = Streamed(parts_of(hostile.batch()), {"manifest.sig": 256 * MiB})
    with Watch(hostile.hq) as watch:
        reply = post(hostile.hq.port, body, length=body.length)
    report(name := "stored manifest.sig of 256 MiB", watch)
    assert reply.problem == (400, "manifest")
    assert reply.sent < 64 * MiB, reply.sent  # refused at once, not read
    bounded(name, watch)


def test_duplicate_members(hostile: Hostile) -> None:
    manifest, sig, payload = parts_of(hostile.batch(1, 2))
    other = Part("payload", bytes(b ^ 1 for b in payload.data))  # same size, other bytes
    with Watch(hostile.hq) as watch:
        first = hostile.send(craft([manifest, manifest, sig, payload]))
        # The first three members pass for a batch: the one more is more than it announced.
        hidden = hostile.send(craft([manifest, sig, other, payload]))
        after = hostile.send(craft([manifest, sig, payload, other]))
    report(name := "duplicate members", watch)
    assert first.problem == (400, "not_a_batch")
    assert hidden.problem == (413, "too_large")
    assert after.problem == (413, "too_large")
    bounded(name, watch)


def test_deflated_members(hostile: Hostile) -> None:
    parts = parts_of(hostile.batch(1, 2))
    deflated = [Part(p.name, deflate(p.data), DEFLATED, len(p.data), crc32(p.data)) for p in parts]
    with Watch(hostile.hq) as watch:
        reply = hostile.send(craft(deflated))
    report(name := "deflated members", watch)
    assert reply.problem == (400, "not_a_batch")
    bounded(name, watch)


def test_a_600_mib_payload_under_a_forged_signature(hostile: Hostile) -> None:
    forger = KeyPair.generate("TRP01")
    body = Streamed.batch(forger, 600 * MiB)
    with Watch(hostile.hq) as watch:
        reply = post(hostile.hq.port, body, length=body.length)
    report(name := f"600 MiB payload, forged signature (sent {reply.sent / MB:.1f} MB)", watch)
    assert reply.problem == (403, "bad_signature")
    assert reply.sent < 64 * MiB, reply.sent  # refused once the head was in, not read on
    bounded(name, watch)


def test_endless_chunked_uploads(hostile: Hostile) -> None:
    def junk() -> Iterator[bytes]:
        while True:
            yield bytes(MiB)

    with Watch(hostile.hq) as watch:
        garbage = post(hostile.hq.port, junk(), chunked=True)
        # Properly signed, announcing a 4 MiB payload, then more and more: cut at 4 MiB.
        endless = Streamed.batch(hostile.keys, 4 * MiB, forever=True)
        signed = post(hostile.hq.port, endless, chunked=True)
    sent = f"sent {garbage.sent / MB:.1f} and {signed.sent / MB:.1f} MB"
    report(name := f"endless chunked uploads ({sent})", watch)
    assert garbage.problem == (400, "not_a_batch")
    assert garbage.sent < 64 * MiB, garbage.sent
    assert signed.problem == (413, "too_large")
    assert 4 * MiB <= signed.sent < 64 * MiB, signed.sent
    bounded(name, watch)


def test_stalled_and_dripping_bodies_are_dropped(hostile: Hostile) -> None:
    head = hostile.batch().read_bytes()[:100]  # a head that never completes
    started = time.monotonic()
    with Watch(hostile.hq) as watch:
        socks = [stalled(hostile.hq.port, head[:10], MiB) for _ in range(40)]
        drip = stalled(hostile.hq.port, head[:1], MiB)
        dripped = 1
        while time.monotonic() - started < TIMEOUT + 2 and dripped < len(head):
            time.sleep(TIMEOUT / 4)  # never idle as long as the timeout, yet never done
            try:
                drip.send(head[dripped : dripped + 1])
            except OSError:
                break
            dripped += 1
        closed = wait_closed([*socks, drip], TIMEOUT + 3)
    for sock in [*socks, drip]:
        sock.close()
    report(name := "41 stalled or dripping uploads", watch)
    assert len(closed) == len(socks) + 1, f"{len(socks) + 1 - len(closed)} stayed open"
    statuses = [status_of(said) for _when, said in closed.values()]
    assert statuses.count(503) >= len(socks) - UNVERIFIED  # over the cap: busy, at once
    assert set(statuses) <= {503, 408}, statuses
    assert max(when for when, _ in closed.values()) < TIMEOUT + 3
    bounded(name, watch)
    assert hostile.send(hostile.batch(1, 0).read_bytes()).status == 200  # slots are free again


def test_one_branch_gets_two_uploads_at_once(hostile: Hostile) -> None:
    data = hostile.batch(1, 2).read_bytes()
    # The head: up to just past the payload's local header.
    head_end = data.find(b"PK\x03\x04", data.find(b"manifest.sig")) + 40
    assert head_end < HEAD_MAX
    socks: list[socket.socket] = []
    for _ in range(2):  # two uploads of TRP01 whose bodies do not come
        socks.append(stalled(hostile.hq.port, data[:head_end], len(data)))
        time.sleep(0.3)
    third = post(hostile.hq.port, [data], length=len(data))
    assert third.problem == (503, "busy") and third.seconds < 1.0, third
    assert "TRP01 already has 2 uploads under way" in third.body.decode()
    closed = wait_closed(socks, TIMEOUT + 3)
    assert [status_of(said) for _when, said in closed.values()] == [408, 408]
    for sock in socks:
        sock.close()
    assert hostile.send(data).status == 200  # and then it goes through
