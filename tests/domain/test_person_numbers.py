"""Readable person numbers (app.domain.person_numbers) and their QR code
(app.domain.record_code)."""

from __future__ import annotations

import pytest

from app.domain.person_numbers import (
    format_person_number,
    is_branch_number,
    normalize_person_number,
    parse_person_number,
    sequence_of,
)
from app.domain.record_code import (
    RecordKind,
    number_readings,
    parse_record_code,
    record_code,
)

UUID = "01a24df0-1234-7abc-8def-0123456789ab"
# The Arabic (101) layout, unshifted: the character each Latin key types.
ARABIC_101 = dict(zip(
    "qwertyuiopasdfghjkl;zxcvbnm",
    ["ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ش", "س", "ي", "ب", "ل", "ا", "ت", "ن",
     "م", "ك", "ئ", "ء", "ؤ", "ر", "لا", "ى", "ة"],
    strict=True,
))  # fmt: skip


def arabic_layout(text: str) -> str:
    return "".join(ARABIC_101.get(c, c) for c in text)


def test_format_has_six_digits_and_more_when_needed() -> None:
    assert format_person_number("TRP01", 123) == "TRP01-P-000123"
    assert format_person_number("trp01", 1) == "TRP01-P-000001"
    assert format_person_number("BEN02", 1_234_567) == "BEN02-P-1234567"
    with pytest.raises(ValueError):
        format_person_number("TRP01", 0)


@pytest.mark.parametrize(
    "typed",
    ["TRP01-P-000123", "trp01-p-000123", " trp01-p-123 ", "TRP01-P-٠٠٠١٢٣", "TRP01–P–۰۰۰۱۲۳"],
)
def test_a_typed_number_is_accepted_in_any_case_and_digits(typed: str) -> None:
    assert parse_person_number(typed) == ("TRP01", 123)
    assert normalize_person_number(typed) == "TRP01-P-000123"


@pytest.mark.parametrize(
    "text",
    ["", "TRP01", "TRP01-2026-00042", "TRP01-P-", "TRP01-P-0", "T-P-1", "TRP01-X-000001",
     "TRP01-P-12a", "محمد", UUID],
)  # fmt: skip
def test_what_is_not_a_person_number(text: str) -> None:
    assert parse_person_number(text) is None
    assert normalize_person_number(text) is None


def test_branch_numbers() -> None:
    assert sequence_of("TRP01-P-000123", "TRP01") == 123
    assert sequence_of("TRP01-P-000123", "BEN01") is None
    assert is_branch_number("TRP01-P-000123", "TRP01")
    assert is_branch_number("TRP01-P-1234567", "TRP01")
    assert not is_branch_number("BEN01-P-000123", "TRP01")
    assert not is_branch_number("TRP01-P-123", "TRP01")  # not as a branch writes it
    assert not is_branch_number("trp01-p-000123", "TRP01")
    assert not is_branch_number("TRP01-2026-00001", "TRP01")
    assert not is_branch_number(None, "TRP01")
    assert not is_branch_number(123, "TRP01")


def test_the_qr_carries_the_person_number_and_reads_back() -> None:
    code = record_code(RecordKind.BENEFICIARY, "TRP01-P-000123")
    assert code == "sanad:b:trp01-p-000123"
    assert parse_record_code(code) == (RecordKind.BENEFICIARY, "TRP01-P-000123")
    assert parse_record_code(code.upper()) == (RecordKind.BENEFICIARY, "TRP01-P-000123")


def test_old_codes_with_the_uuid_still_read() -> None:
    for kind in RecordKind:
        code = record_code(kind, UUID)
        assert parse_record_code(code) == (kind, UUID)
        assert parse_record_code(arabic_layout(code)) == (kind, UUID)


@pytest.mark.parametrize("branch", ["TRP01", "MIS03", "SBH02", "ZWY01", "KUF01", "JFR01"])
def test_a_scanner_typing_in_the_arabic_layout(branch: str) -> None:
    code = record_code(RecordKind.BENEFICIARY, f"{branch}-P-000123")
    typed = arabic_layout(code)
    assert typed != code and "ح" in typed  # p is ح
    assert parse_record_code(typed) == (RecordKind.BENEFICIARY, f"{branch}-P-000123")


def test_the_layouts_one_ambiguous_key_gives_every_reading() -> None:
    """b types لا, as g then h do: BEN01 and GHT01 both read back, b first."""
    for branch in ("BEN01", "GHT01"):
        typed = arabic_layout(record_code(RecordKind.BENEFICIARY, f"{branch}-P-000007"))
        assert f"{branch}-P-000007" in number_readings(typed)
    assert number_readings(arabic_layout("sanad:b:ben01-p-000007")) == (
        "BEN01-P-000007",
        "GHEN01-P-000007",
    )
    assert number_readings("sanad:h:" + UUID) == ()
    assert parse_record_code("TRP01-P-000123") is None  # a typed number is a search, not a scan
