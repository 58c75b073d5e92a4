"""Documents attached to a case (app.services.case_workflow): stored once under their hash,
known by their first bytes, refused when no document or over 20 MB, reported when missing or
changed, and never copied for a case one may not edit.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.domain.errors import DomainError, ErrorCode
from app.services.case_workflow import MAX_DOCUMENT_BYTES
from tests.services.case_staff import Office
from tests.services.nothing_changed import unchanged

pytestmark = [pytest.mark.db]

PDF = b"%PDF-1.4\n" + "% شهادة ميلاد\n".encode() + bytes(range(256)) * 4
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
JPEG = b"\xff\xd8\xff\xe0" + b"\x01" * 100
TIFF = b"II*\x00" + b"\x02" * 100


# -- documents --------------------------------------------------------------------------------


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def stored(office: Office) -> list[Path]:
    folder = office.s.ctx.data_dir / "documents"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_document_is_stored_once_under_its_hash(office: Office, tmp_path: Path) -> None:
    case = office.open("worker")
    work = office.s.case_workflow
    digest = hashlib.sha256(PDF).hexdigest()
    event = work.attach_document(case.id, _file(tmp_path, "birth.pdf", PDF), title="شهادة")
    assert event.kind == "document" and event.payload == {
        "title": "شهادة", "sha256": digest, "filename": "birth.pdf",
        "mime": "application/pdf", "size": len(PDF), "confidential": False,
    }  # fmt: skip
    target = office.s.ctx.data_dir / "documents" / digest[:2] / digest
    assert stored(office) == [target] and target.read_bytes() == PDF
    assert work.document_path(event) == target
    # The same content again (another name): one more event, still one file.
    second = work.attach_document(case.id, _file(tmp_path, "copy.pdf", PDF), title="نسخة")
    assert second.payload["sha256"] == digest and stored(office) == [target]
    assert len(office.s.cases.get(case.id).current_events("document")) == 2


@pytest.mark.parametrize(
    ("data", "mime"),
    [(PNG, "image/png"), (JPEG, "image/jpeg"), (TIFF, "image/tiff"), (PDF, "application/pdf")],
)
def test_a_document_is_known_by_its_first_bytes(
    office: Office, tmp_path: Path, data: bytes, mime: str
) -> None:
    case = office.open("worker")
    path = _file(tmp_path, "scan.bin", data)  # the name says nothing
    event = office.s.case_workflow.attach_document(case.id, path, title="مسح")
    assert event.payload["mime"] == mime


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"GIF89a" + b"\x00" * 50, ErrorCode.DOCUMENT_TYPE),
        ("نص عادي".encode(), ErrorCode.DOCUMENT_TYPE),
        (b"", ErrorCode.DOCUMENT_TYPE),
        (b"PK\x03\x04 a zip", ErrorCode.DOCUMENT_TYPE),
    ],
)
def test_a_file_that_is_no_document_is_refused(
    office: Office, tmp_path: Path, data: bytes, code: ErrorCode
) -> None:
    case = office.open("worker")
    path = _file(tmp_path, "fake.pdf", data)
    work = office.s.case_workflow
    unchanged(office, code, lambda: work.attach_document(case.id, path, title="x"))
    assert stored(office) == []


def test_a_document_over_20_mb_is_refused(office: Office, tmp_path: Path) -> None:
    case = office.open("worker")
    big = tmp_path / "big.pdf"
    with big.open("wb") as out:
        out.write(b"%PDF-1.4\n")
        out.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: nothing much is written
    error = unchanged(
        office, ErrorCode.DOCUMENT_TOO_LARGE,
        lambda: office.s.case_workflow.attach_document(case.id, big, title="كبير"),
    )  # fmt: skip
    assert error.params == {"max": "20"} and stored(office) == []
    exact = tmp_path / "exact.pdf"
    with exact.open("wb") as out:
        out.write(b"%PDF-1.4\n")
        out.truncate(MAX_DOCUMENT_BYTES)
    event = office.s.case_workflow.attach_document(case.id, exact, title="حد")
    assert event.payload["size"] == MAX_DOCUMENT_BYTES == 20 * 1024 * 1024


def test_a_missing_or_changed_document_is_reported(office: Office, tmp_path: Path) -> None:
    case = office.open("worker")
    work = office.s.case_workflow
    unchanged(
        office, ErrorCode.FILE_UNREADABLE,
        lambda: work.attach_document(case.id, tmp_path / "nowhere.pdf", title="x"),
    )  # fmt: skip
    event = work.attach_document(case.id, _file(tmp_path, "a.pdf", PDF), title="أ")
    (target,) = stored(office)
    target.write_bytes(PDF + b"changed")
    with pytest.raises(DomainError) as caught:
        work.document_path(event)
    assert caught.value.code is ErrorCode.FILE_UNREADABLE
    target.unlink()
    with pytest.raises(DomainError) as caught:
        work.document_path(event)
    assert caught.value.code is ErrorCode.NOT_FOUND


def test_a_document_for_a_case_one_may_not_edit_is_not_even_copied(
    office: Office, tmp_path: Path
) -> None:
    case = office.open("worker")
    office.as_("worker2")
    path = _file(tmp_path, "a.pdf", PDF)
    unchanged(
        office, ErrorCode.BREAK_GLASS_REQUIRED,
        lambda: office.s.case_workflow.attach_document(case.id, path, title="x"),
    )  # fmt: skip
    assert stored(office) == []
