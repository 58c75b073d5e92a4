"""Integrity checks for the Libyan municipalities (baladiyat) reference data."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

DATA_FILE = Path(__file__).parents[2] / "resources/reference/municipalities.json"

CODE_RE = re.compile(r"^LY\d{6}$")
DISTRICT_CODE_RE = re.compile(r"^LY\d{4}$")
ARABIC_RE = re.compile(r"^[\u0600-\u06FF ]+$")
EXPECTED_DISTRICTS = 22


@pytest.fixture(scope="module")
def data():
    with DATA_FILE.open(encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def municipalities(data):
    return data["municipalities"]


def test_top_level_shape(data):
    assert isinstance(data, dict)
    assert isinstance(data.get("version"), str) and data["version"].strip()
    assert isinstance(data.get("source"), str) and data["source"].strip()
    assert isinstance(data.get("municipalities"), list)


def test_entry_count(municipalities):
    assert len(municipalities) >= 95


def test_entry_fields(municipalities):
    keys = {"code", "name_ar", "name_en", "district_code", "district_ar", "district_en"}
    for m in municipalities:
        assert set(m) == keys, m


def test_codes_unique_and_well_formed(municipalities):
    codes = [m["code"] for m in municipalities]
    dupes = [c for c, n in Counter(codes).items() if n > 1]
    assert not dupes, dupes
    bad = [c for c in codes if not CODE_RE.match(c)]
    assert not bad, bad


def test_district_code_is_code_prefix(municipalities):
    for m in municipalities:
        assert DISTRICT_CODE_RE.match(m["district_code"]), m
        assert m["code"][:6] == m["district_code"], m


def test_arabic_names(municipalities):
    for m in municipalities:
        for field in ("name_ar", "district_ar"):
            value = m[field]
            assert ARABIC_RE.match(value), (field, value)
            assert value == value.strip() and "  " not in value, (field, value)


def test_english_names(municipalities):
    for m in municipalities:
        for field in ("name_en", "district_en"):
            value = m[field]
            assert value.strip(), (field, m)
            assert value.isascii(), (field, value)


def test_name_ar_unique_within_district(municipalities):
    seen = Counter((m["district_code"], m["name_ar"]) for m in municipalities)
    dupes = [k for k, n in seen.items() if n > 1]
    assert not dupes, dupes


def test_district_count_and_consistency(municipalities):
    districts = {}
    for m in municipalities:
        entry = (m["district_ar"], m["district_en"])
        districts.setdefault(m["district_code"], entry)
        assert districts[m["district_code"]] == entry, m
    assert len(districts) == EXPECTED_DISTRICTS
    assert len({ar for ar, _ in districts.values()}) == EXPECTED_DISTRICTS
    assert len({en for _, en in districts.values()}) == EXPECTED_DISTRICTS


def test_sorted_by_district_then_code(municipalities):
    keys = [(m["district_code"], m["code"]) for m in municipalities]
    assert keys == sorted(keys)
