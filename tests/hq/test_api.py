"""HQ's HTTP API through FastAPI's TestClient: enrollment, batches and their refusals."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    # Starlette 1.x would rather use `httpx2`; its TestClient works with httpx all the same.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from app.hq.api import create_app
from app.hq.service import HqService
from app.sync.batch_file import ZERO_HASH
from app.sync.keys import KeyPair
from tests.hq.branch_side import Branch, branch_rows, central_rows, hand_made
from tests.services.people import AHMED, numbered

pytestmark = [pytest.mark.db, pytest.mark.sync]
OCTET = {"Content-Type": "application/octet-stream"}


@pytest.fixture
def client(hq: HqService) -> Iterator[TestClient]:
    with TestClient(create_app(hq)) as test_client:
        yield test_client


def test_health_and_openapi(client: TestClient, hq: HqService) -> None:
    health = client.get("/v1/health")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "party": "HQ", "schema_revision": hq.schema}
    schema = client.get("/openapi.json").json()
    for path in ("/v1/health", "/v1/enroll", "/v1/batches", "/v1/status"):
        operations = schema["paths"][path]
        assert all(op.get("summary") for op in operations.values()), path
    batches = schema["paths"]["/v1/batches"]["post"]
    assert "application/octet-stream" in batches["requestBody"]["content"]
    assert {"400", "403", "409", "413", "422"} <= set(batches["responses"])


def _invite(hq: HqService, folder: Path) -> str:
    path = hq.add_branch("TRP01", "طرابلس", folder, "http://hq.test")
    return str(json.loads(path.read_text(encoding="utf-8"))["token"])


def test_enroll_over_http(client: TestClient, hq: HqService, tmp_path: Path) -> None:
    token = _invite(hq, tmp_path)
    keys = KeyPair.generate("TRP01")
    body = {"code": "TRP01", "token": token, "identity": keys.public.to_json()}

    answer = client.post("/v1/enroll", json=body)

    assert answer.status_code == 200, answer.text
    assert answer.json() == {"code": "TRP01", "name": "طرابلس", "hq": hq.identity.to_json()}
    assert client.post("/v1/enroll", json=body).status_code == 200  # a retry is harmless
    other = {**body, "identity": KeyPair.generate("TRP01").public.to_json()}
    used = client.post("/v1/enroll", json=other)
    assert used.status_code == 409 and used.json()["code"] == "token_used"


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"token": "guessed"}, 403, "bad_token"),
        ({"code": "BEN01"}, 403, "unknown_branch"),
        ({"identity": {"party": "TRP01", "signing": "!!", "box": "AA=="}}, 400, "malformed"),
    ],
)
def test_bad_enrollments_are_refused(
    client: TestClient,
    hq: HqService,
    tmp_path: Path,
    change: dict[str, object],
    status: int,
    code: str,
) -> None:
    token = _invite(hq, tmp_path)
    body = {"code": "TRP01", "token": token, "identity": KeyPair.generate("TRP01").public.to_json()}
    answer = client.post("/v1/enroll", json={**body, **change})
    assert answer.status_code == status
    assert answer.json()["code"] == code and answer.json()["reason"]
    assert hq.branches()[0].enrolled_at is None


def test_an_incomplete_enrollment_request_is_422(client: TestClient) -> None:
    assert client.post("/v1/enroll", json={"code": "TRP01"}).status_code == 422


def test_a_batch_over_http_is_applied_and_answered(
    client: TestClient, hq: HqService, branch: Branch
) -> None:
    people = branch.services.beneficiaries
    people.register(AHMED)
    people.register(numbered(3))
    [batch] = branch.export()

    answer = client.post("/v1/batches", content=batch.read_bytes(), headers=OCTET)

    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/octet-stream"
    assert answer.headers["x-sanad-outcome"] == "applied"
    ack = int(answer.headers["x-sanad-ack"])
    assert ack > 0
    down = branch.apply_answer_bytes(answer.content)
    assert down.acked_upto == ack
    assert central_rows(hq.engine) == branch_rows(branch.services)
    again = client.post("/v1/batches", content=batch.read_bytes(), headers=OCTET)
    assert again.status_code == 200 and again.headers["x-sanad-outcome"] == "already_applied"
    status = client.get("/v1/status").json()
    assert [(s["code"], s["last_seq"], s["held_batches"]) for s in status] == [("TRP01", ack, 0)]
    assert list(hq.home.tmp_dir.iterdir()) == []  # uploads and answers cleaned up


def test_a_held_batch_over_http_says_so(client: TestClient, branch: Branch) -> None:
    people = branch.services.beneficiaries
    people.register(AHMED)
    branch.export()
    people.register(numbered(1))
    [second] = branch.export()
    answer = client.post("/v1/batches", content=second.read_bytes(), headers=OCTET)
    assert answer.status_code == 200
    assert answer.headers["x-sanad-outcome"] == "held"
    assert answer.headers["x-sanad-ack"] == "0"


def _refusal(client: TestClient, data: bytes) -> tuple[int, str]:
    answer = client.post("/v1/batches", content=data, headers=OCTET)
    body = answer.json()
    assert set(body) == {"code", "reason"} and body["reason"], body
    return answer.status_code, body["code"]


def test_refused_batches_get_4xx_with_a_reason(
    client: TestClient, hq: HqService, branch: Branch, tmp_path: Path
) -> None:
    def made(**kwargs: object) -> bytes:
        options: dict[str, object] = {"source": "TRP01", "seq_from": 1, "seq_to": 2}
        options.update(kwargs)
        keys = options.pop("keys", branch.keys)
        folder = tmp_path / f"made{len(list(tmp_path.iterdir()))}"
        return hand_made(folder, keys, hq.identity, **options).read_bytes()  # type: ignore[arg-type]

    good = made()
    assert _refusal(client, b"hello") == (400, "not_a_batch")
    assert _refusal(client, good[: len(good) // 2]) == (400, "truncated")
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 1
    assert _refusal(client, bytes(flipped))[0] in (400, 403)
    assert _refusal(client, made(keys=KeyPair.generate("TRP01"))) == (403, "bad_signature")
    stranger = KeyPair.generate("XYZ99")
    assert _refusal(client, made(keys=stranger, source="XYZ99")) == (403, "unknown_sender")
    assert _refusal(client, made(schema="9999")) == (422, "schema_newer")
    assert _refusal(client, made(destination="TRP02")) == (422, "wrong_destination")
    assert client.post("/v1/batches", content=good, headers=OCTET).status_code == 200
    fork = client.post(
        "/v1/batches", content=made(seq_from=3, seq_to=4, prev_hash=ZERO_HASH), headers=OCTET
    )
    # A fork: refused (409), and answered with HQ's signed answer to recover with.
    assert (fork.status_code, fork.headers["X-Sanad-Outcome"]) == (409, "fork")
    assert fork.headers["X-Sanad-Last-Seq"] == "2" and fork.content.startswith(b"PK")
    hq.revoke("TRP01")
    assert _refusal(client, made(seq_from=3, seq_to=4)) == (403, "revoked")
    assert [s["last_seq"] for s in client.get("/v1/status").json()] == [2]


def test_too_large_and_wrong_type_are_refused(hq: HqService, branch: Branch) -> None:
    branch.services.beneficiaries.register(AHMED)
    [batch] = branch.export()
    data = batch.read_bytes()
    with TestClient(create_app(hq, max_body=len(data) - 1)) as small:
        declared = small.post("/v1/batches", content=data, headers=OCTET)
        assert declared.status_code == 413 and declared.json()["code"] == "too_large"

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
            yield data[:100]
            yield data[100:]

        streamed = small.post("/v1/batches", content=chunks(), headers=OCTET)
        assert streamed.status_code == 413
    with TestClient(create_app(hq)) as client:
        wrong = client.post("/v1/batches", content=data, headers={"Content-Type": "text/plain"})
        assert wrong.status_code == 415
        assert client.get("/v1/status").json()[0]["last_seq"] == 0
    assert list(hq.home.tmp_dir.iterdir()) == []
