"""HQ's HTTP API (FastAPI; the OpenAPI schema is served at /openapi.json, docs at /docs).

- `GET /v1/health`: is HQ up, and which schema it runs.
- `POST /v1/enroll`: a branch registers its public keys with its one-time token.
- `POST /v1/batches`: a branch uploads an up-batch (the `.sanad` bytes); the answer is HQ's
  down-batch, or a 4xx `{"code", "reason"}` when the batch is refused (nothing applied).
- `GET /v1/status`: the per-branch sync ledger. Not authenticated (no personal data, only
  counts and times): keep the HQ port on the ministry's network.

Uploads are checked as they arrive (app.hq.upload: the signed manifest first, then only as
many bytes as it announces, within time and concurrency limits), streamed to a file in HQ's
folder (never held whole in memory) and applied in a worker thread by the same code as a USB
import.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from app.hq.enrollment import HqError, Registration
from app.hq.results import FAILED, FORK, REJECTED, FileResult, rejection_text
from app.hq.service import HqService
from app.hq.upload import Refused, UploadLimits, Uploads
from app.sync.batch_file import BatchRejected, RejectCode

OCTET = "application/octet-stream"
HTTP_STATUS = {
    RejectCode.NOT_A_BATCH: 400,
    RejectCode.TRUNCATED: 400,
    RejectCode.MANIFEST: 400,
    RejectCode.FORMAT: 400,
    RejectCode.PAYLOAD: 400,
    RejectCode.CONTENT: 400,
    RejectCode.UNKNOWN_SENDER: 403,
    RejectCode.REVOKED: 403,
    RejectCode.BAD_SIGNATURE: 403,
    RejectCode.FORK: 409,
    RejectCode.SCHEMA_NEWER: 422,
    RejectCode.WRONG_DESTINATION: 422,
    RejectCode.DISK_FULL: 507,
}
ENROLL_STATUS = {
    "malformed": 400,
    "bad_code": 400,
    "bad_identity": 403,
    "unknown_branch": 403,
    "bad_token": 403,
    "revoked": 403,
    "token_used": 409,
}


class Identity(BaseModel):
    party: str = Field(description="the party's name: a branch code, or HQ")
    signing: str = Field(description="Ed25519 verify key, base64 (32 bytes)")
    box: str = Field(description="X25519 public key batches to it are encrypted to, base64")


class EnrollRequest(BaseModel):
    code: str = Field(description="the branch code from the enrollment file")
    token: str = Field(description="the one-time token from the enrollment file")
    identity: Identity


class EnrollResponse(BaseModel):
    code: str
    name: str
    hq: Identity


class Problem(BaseModel):
    code: str = Field(description="machine-readable reason, e.g. revoked, bad_signature, fork")
    reason: str = Field(description="the reason in words")


class Health(BaseModel):
    status: str
    party: str
    schema_revision: str


def _problem(
    status: int, code: str, reason: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({"code": code, "reason": reason}, status_code=status, headers=headers)


def create_app(
    service: HqService,
    *,
    max_body: int | None = None,
    body_timeout: float | None = None,
    uploads_per_branch: int | None = None,
    unverified_uploads: int | None = None,
) -> FastAPI:
    """The API over `service`. Upload limits not given here come from HQ's config.json
    (`upload_max_body`, `upload_timeout`, `uploads_per_branch`, `uploads_unverified`), else
    the defaults of app.hq.upload.UploadLimits: about 1 GiB, 30 s, 2 and 32."""
    limits = UploadLimits.from_config(
        service.home.config(), max_body=max_body, timeout=body_timeout,
        per_branch=uploads_per_branch, unverified=unverified_uploads,
    )  # fmt: skip
    uploads = Uploads(service, limits)
    app = FastAPI(
        title="Sanad HQ",
        version="1",
        summary="Headquarters sync service: branch enrollment and signed change batches.",
        description="The protocol is docs/sync-protocol.md; every batch is verified completely "
        "before a single change is read, and applied exactly once.",
    )
    problems: dict[int | str, dict[str, Any]] = {
        s: {"model": Problem} for s in (400, 403, 408, 409, 413, 415, 422, 503, 507)
    }

    @app.get("/v1/health", summary="Is HQ up", response_model=Health)
    def health() -> Health:
        return Health(status="ok", party=service.identity.party, schema_revision=service.schema)

    @app.post(
        "/v1/enroll",
        summary="Register a branch's public keys",
        description="With the one-time token of its enrollment file. The first keys are "
        "pinned; sending the same keys again is harmless, other keys are refused (409).",
        response_model=EnrollResponse,
        responses={s: {"model": Problem} for s in (400, 403, 409)},
    )
    def enroll(body: EnrollRequest) -> Any:
        try:
            registration = Registration.from_json(body.model_dump())
            row = service.register_keys(registration)
        except HqError as err:
            return _problem(ENROLL_STATUS.get(err.code, 400), err.code, err.reason)
        return EnrollResponse(
            code=row.code, name=row.name, hq=Identity(**service.identity.to_json())
        )

    @app.post(
        "/v1/batches",
        summary="Upload an up-batch; get HQ's answer",
        description="The body is the `.sanad` file's bytes. 200: the body is HQ's down-batch "
        "for the branch (its receipt); `X-Sanad-Outcome` says applied, already_applied or "
        "held, `X-Sanad-Ack` the branch sequence HQ has applied. A refused batch gets 400 "
        "(damaged or malformed), 403 (unknown, revoked or forged sender), 409 (a fork of the "
        "branch's chain), 408 (the upload stalled), 413 (larger than allowed, or than the "
        "manifest announces), 422 (newer schema, another destination), 503/507 (busy, try "
        "again later); nothing of it was applied. The signed manifest comes first in the "
        "file: it is checked before the rest of the body is read. Re-sending is always safe.",
        response_class=Response,
        responses={200: {"content": {OCTET: {}}, "description": "the down-batch"}, **problems},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {OCTET: {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    )
    async def batches(request: Request) -> Response:
        kind = request.headers.get("content-type", OCTET).split(";")[0].strip()
        if kind != OCTET:
            return _problem(415, "content_type", f"send the batch as {OCTET}, not {kind}")
        length = request.headers.get("content-length", "")
        declared = int(length) if length.isdigit() else None
        # A refusal before the whole body was read closes the connection: what is left of the
        # body is never read.
        close = {"Connection": "close"}
        try:
            result = await uploads.receive(request.receive, declared)
        except Refused as err:
            retry = {"Retry-After": str(err.retry_after)} if err.retry_after else {}
            return _problem(err.status, err.code, err.reason, {**close, **retry})
        except BatchRejected as err:
            status = HTTP_STATUS.get(err.code, 400)
            return _problem(status, err.code.value, rejection_text(err), close)
        return _answer(result)

    @app.get(
        "/v1/status",
        summary="The per-branch sync ledger",
        description="Per branch: last batch received, last sequence applied, last receipt "
        "sent, rejected rows, last contact, open conflicts, held batches. No authentication.",
    )
    def status() -> list[dict[str, Any]]:
        return [s.to_json() for s in service.status()]

    return app


def _answer(result: FileResult) -> Response:
    if result.outcome == REJECTED:
        code = RejectCode(result.code)
        return _problem(HTTP_STATUS.get(code, 400), code.value, result.reason)
    if result.outcome == FAILED or result.answer is None:
        return _problem(503, result.code or "unavailable", result.reason or "try again later")
    headers = {
        "X-Sanad-Outcome": result.outcome,
        "X-Sanad-Ack": str(result.ack_upto),
        "X-Sanad-Applied": str(result.applied),
    }
    if result.reason:
        headers["X-Sanad-Reason"] = result.reason.encode("ascii", "replace").decode()
    if result.outcome == FORK:
        # Refused, and answered: the body is HQ's signed answer, with what the branch (a
        # restored older copy) needs to re-base itself on HQ's position.
        headers["X-Sanad-Last-Seq"] = str(result.ack_upto)
        headers["X-Sanad-Last-Hash"] = result.last_hash
        return Response(result.answer.data, status_code=409, media_type=OCTET, headers=headers)
    return Response(result.answer.data, media_type=OCTET, headers=headers)
