"""The person forms, read back from the PDF: every value there and in order, the long notes whole
across a page break, the QR code, the blank form's labels without values, the household members
table split over pages with its header on each."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

import pytest
from reportlab.platypus import Table

from app.domain.beneficiary import (
    DisabilityDegree,
    DisabilityType,
    DisplacementStatus,
    IdentifierType,
    MaritalStatus,
)
from app.domain.household import HousingType, Relationship
from app.domain.people import Sex
from app.domain.record_code import RecordKind, record_code
from app.printing import labels_ar
from app.printing.document import FRAME_W, PrintMeta, render
from app.printing.forms_person import (
    DECLARATION,
    SIGNATURES,
    blank_intake_form,
    household_form,
    intake_form,
    money,
)
from app.services.dto import BeneficiaryView, HouseholdMemberView, HouseholdView, IdentifierView
from tests.printing.pdf_text import (
    assert_in_order,
    assert_words_in_order,
    decode_qr,
    find_in_order,
    normalize,
    page_count,
    pdf_text,
    reading_text,
)

PERSON_ID = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
PERSON_NUMBER = "TRP01-P-000123"
HOUSEHOLD_ID = "0193a1b2-0000-7e5f-8a9b-0c1d2e3f4a5b"
MIXED = "مراجعة UNICEF رقم 12/2026 بتاريخ 22/11/2026"
ADDRESS = "حي الأندلس، شارع جرابة، بجوار مسجد الصحابة، عمارة 12 الدور الثالث"
MUNICIPALITY = "سوق الجمعة"
WORKER = "سعاد أحمد الورفلي"


def long_notes(visits: int = 30) -> str:
    """About 600 words: numbered sentences, so a line out of place cannot go unnoticed."""
    sentences = [
        f"في الزيارة رقم {i} تبين أن رب الأسرة ما زال دون عمل منذ إغلاق الورشة "
        f"وأن الأطفال يواصلون الدراسة في مدرسة الحي بانتظام رغم صعوبة المواصلات."
        for i in range(1, visits + 1)
    ]
    return f"{MIXED} " + " ".join(sentences)


def make_person(**changes: object) -> BeneficiaryView:
    person = BeneficiaryView(
        id=PERSON_ID,
        person_number=PERSON_NUMBER,
        first_name="عبد الرحمن",
        father_name="محمد",
        grandfather_name="علي",
        family_name="الترهوني",
        mother_name="فاطمة سالم أحمد القماطي",
        sex=Sex.MALE.value,
        birth_date=date(1980, 4, 3),
        identifiers=(
            IdentifierView(IdentifierType.NATIONAL_NUMBER.value, "119801234567"),
            IdentifierView(IdentifierType.ADMIN_NUMBER.value, "A-5521"),
            IdentifierView(IdentifierType.PASSPORT.value, "P1234567"),
            IdentifierView(IdentifierType.FAMILY_BOOKLET.value, "778812"),
        ),
        nationality="LY",
        municipality_code="SJM",
        address=ADDRESS,
        phones=("+218912345678", "+218213334455"),
        marital_status=MaritalStatus.WIDOWED.value,
        disability_type=DisabilityType.PHYSICAL.value,
        disability_degree=DisabilityDegree.MODERATE.value,
        displacement_status=DisplacementStatus.DISPLACED.value,
        monthly_income_dirhams=1_250_000,
        notes=long_notes(),
        household_id=HOUSEHOLD_ID,
        household_relationship=Relationship.HEAD.value,
        origin_branch="TRP01",
        row_version=3,
        created_at=datetime(2026, 11, 20, 9, 15),
        updated_at=datetime(2026, 11, 21, 9, 15),
    )
    return dataclasses.replace(person, **changes)  # type: ignore[arg-type]


def make_household(members: int = 3) -> HouseholdView:
    rows = tuple(
        HouseholdMemberView(
            beneficiary_id=f"member-{i}",
            full_name=f"سالم عبد الرحمن محمد الترهوني {i}",
            relationship=Relationship.SON.value if i % 2 else Relationship.DAUGHTER.value,
            birth_date=date(2000 + i % 20, 1 + i % 12, 1 + i % 28),
            sex=Sex.MALE.value if i % 2 else Sex.FEMALE.value,
            person_number=f"TRP01-P-{200 + i:06d}",
        )
        for i in range(1, members + 1)
    )
    return HouseholdView(
        id=HOUSEHOLD_ID,
        head_id=PERSON_ID,
        head_name="عبد الرحمن محمد علي الترهوني",
        municipality_code="SJM",
        address=ADDRESS,
        housing_type=HousingType.RENTED.value,
        monthly_income_dirhams=2_005_500,
        notes="الأسرة تسكن في شقة مستأجرة بإيجار شهري قدره 800 دينار منذ سنة 2019.",
        members=rows,
    )


@pytest.fixture
def intake_pdf(tmp_path: Path, meta: PrintMeta) -> Path:
    out = tmp_path / "intake.pdf"
    form = intake_form(
        make_person(), municipality=MUNICIPALITY, household=make_household(), worker_name=WORKER
    )
    render([form], meta, out)
    return out


def test_intake_prints_every_value_in_the_order_of_the_form(intake_pdf: Path) -> None:
    text = reading_text(intake_pdf)
    for value in ["+218912345678", "+218213334455", "P1234567", "119801234567", PERSON_NUMBER]:
        assert value in text  # left-to-right values come out whole, sign included
    assert f"رقم السجل: {PERSON_NUMBER}" in text  # the readable number; the id stays inside
    assert PERSON_ID not in text
    # The name reads right to left, first name first, as on the screen.
    assert "الاسم الأول   اسم الأب   اسم الجد   اللقب\nعبد الرحمن   محمد   علي   الترهوني" in text
    assert_in_order(
        text,
        [
            "استمارة تسجيل مستفيد",
            PERSON_NUMBER,
            "20/11/2026",  # registration date
            "عبد الرحمن",
            "محمد",
            "علي",
            "الترهوني",
            "فاطمة سالم أحمد القماطي",
            "ذكر",
            "03/04/1980",
            "ليبي",
            "أرمل",
            "119801234567",
            "A-5521",
            "P1234567",
            "778812",
            MUNICIPALITY,
            "+218912345678",
            "+218213334455",
            ADDRESS,
            "حركية",
            "متوسطة",
            "نازح داخليًا",
            "1,250.000 د.ل",
            "عبد الرحمن محمد علي الترهوني",
            "رب الأسرة",
            "مراجعة",
            DECLARATION[:40],
            *SIGNATURES,
            WORKER,
        ],
    )


def test_long_notes_cross_a_page_break_whole_and_in_order(intake_pdf: Path) -> None:
    assert page_count(intake_pdf) >= 2
    first = reading_text(intake_pdf, first=1, last=1)
    second = reading_text(intake_pdf, first=2, last=2)
    assert "الزيارة رقم 1 " in first and "الزيارة رقم 30 " not in first
    assert "الزيارة رقم 30 " in second and "الزيارة رقم 1 " not in second
    # One page break inside the notes: the footer and the next header come between two lines.
    assert_words_in_order(reading_text(intake_pdf), long_notes(), breaks=1)
    # Plain pdftotext, with its own reading order, finds the same words in the same order.
    assert_words_in_order(pdf_text(intake_pdf), long_notes(), breaks=1)


def test_a_mixed_arabic_latin_line_reads_in_order(intake_pdf: Path) -> None:
    assert MIXED in reading_text(intake_pdf)
    assert_words_in_order(pdf_text(intake_pdf), MIXED)


def test_the_qr_code_of_each_page_is_the_record_code(intake_pdf: Path) -> None:
    code = record_code(RecordKind.BENEFICIARY, PERSON_NUMBER)
    assert code == "sanad:b:trp01-p-000123"  # the person number, which the desk reads back
    assert decode_qr(intake_pdf, page=1) == [code]
    assert decode_qr(intake_pdf, page=page_count(intake_pdf)) == [code]


def test_feminine_wording_follows_the_sex(tmp_path: Path, meta: PrintMeta) -> None:
    person = make_person(sex=Sex.FEMALE.value, notes="", phones=())
    out = tmp_path / "f.pdf"
    render([intake_form(person, municipality="", household=None, worker_name=WORKER)], meta, out)
    text = reading_text(out)
    assert_in_order(text, ["أنثى", "ليبية", "أرملة", "نازحة داخليًا", "ربة الأسرة"])
    assert page_count(out) == 1  # a form with short notes fits one page, signatures included


def test_blank_form_has_every_label_and_no_value(tmp_path: Path, meta: PrintMeta) -> None:
    out = tmp_path / "blank.pdf"
    render([blank_intake_form()], meta, out)
    text = reading_text(out)
    f = labels_ar.FIELD
    assert_in_order(
        text,
        [
            "استمارة تسجيل مستفيد",
            f["first_name"],
            f["father_name"],
            f["grandfather_name"],
            f["family_name"],
            f["mother_name"],
            f["sex"],
            f["birth_date"],
            f["nationality"],
            f["marital_status"],
            f["national_number"],
            f["admin_number"],
            f["passport_number"],
            f["family_booklet_number"],
            f["municipality"],
            f["phones"],
            f["address"],
            f["disability_type"],
            f["disability_degree"],
            f["displacement_status"],
            f["monthly_income"],
            f["head"],
            f["household_relationship"],
            f["notes"],
            DECLARATION[:40],
            *SIGNATURES,
        ],
    )
    for option in ["ذكر", "أنثى", "أعزب/عزباء", "لا توجد إعاقة", "كلية", "عائد/عائدة"]:
        assert option in text
    plain = pdf_text(out)
    for value in [
        "عبد الرحمن",
        "الترهوني",
        "القماطي",
        "119801234567",
        "P1234567",
        "218",
        "03/04/1980",
    ]:
        assert value not in text and value not in plain
    assert PERSON_ID not in text
    assert decode_qr(out, page=1) == []


def test_blank_form_cells_are_tall_enough_to_write_in() -> None:
    tables = [f for f in blank_intake_form().story if isinstance(f, Table)]
    assert len(tables) >= 5
    for index, table in enumerate(tables):
        table.wrap(FRAME_W, 10_000)
        heights: list[float] = getattr(table, "_rowHeights")  # noqa: B009 (set by wrap)
        # The first, the names table, has a one-line row of labels above the cells to write in.
        rows = heights[1:] if index == 0 else heights
        assert rows and min(rows) >= 28, heights  # ≈ 10 mm


def test_household_members_table_splits_with_its_header_on_each_page(
    tmp_path: Path, meta: PrintMeta
) -> None:
    household = make_household(members=40)
    out = tmp_path / "household.pdf"
    pages = render(
        [household_form(household, head=make_person(), municipality=MUNICIPALITY)], meta, out
    )
    assert pages >= 2 and page_count(out) == pages
    for page in range(1, pages + 1):
        one = reading_text(out, first=page, last=page)
        assert "م   الاسم   رقم السجل   صلة القرابة   تاريخ الميلاد   الجنس" in one  # the header
    text = reading_text(out)
    assert text.count("صلة القرابة") == pages  # the header, once a page
    assert_in_order(
        text,
        [
            "عبد الرحمن محمد علي الترهوني",
            "119801234567",
            MUNICIPALITY,
            "+218912345678",
            "إيجار",
            "2,005.500 د.ل",
            ADDRESS,
            "800 دينار منذ سنة 2019",
        ],
    )
    rows = []
    for m in household.members:
        relation = "ابن" if m.sex == Sex.MALE.value else "ابنة"
        rows += [m.full_name, m.person_number, relation, m.birth_date.strftime("%d/%m/%Y")]
        rows.append(labels_ar.sex(m.sex))
    assert_in_order(text, rows)
    assert "الترهوني 40" in reading_text(out, first=pages, last=pages)
    code = record_code(RecordKind.HOUSEHOLD, HOUSEHOLD_ID)
    assert decode_qr(out, page=1) == [code]
    assert decode_qr(out, page=pages) == [code]


def test_the_order_checks_catch_a_reversed_line() -> None:
    text = normalize(f"قبل {MIXED} بعد")
    reversed_line = " ".join(reversed(MIXED.split()))
    assert find_in_order(text, MIXED.split()) is None
    assert find_in_order(text, reversed_line.split()) is not None
    with pytest.raises(AssertionError):
        assert_words_in_order(f"قبل {reversed_line} بعد", MIXED)
    with pytest.raises(AssertionError):  # a line that reads whole but elsewhere is a break
        assert_words_in_order("مراجعة UNICEF رقم 12 2026 ترويسة بتاريخ 22 11 2026", MIXED)


def test_money_is_printed_in_dinars_with_three_decimals() -> None:
    assert normalize(money(1_250_000)) == "1,250.000 د.ل"
    assert normalize(money(5)) == "0.005 د.ل"
    assert normalize(money(0)) == "0.000 د.ل"
    assert money(None) == ""


@pytest.mark.parametrize(
    ("table", "codes"),
    [
        (labels_ar.SEX, Sex),
        (labels_ar.MARITAL, MaritalStatus),
        (labels_ar.DISABILITY_TYPE, DisabilityType),
        (labels_ar.DISABILITY_DEGREE, DisabilityDegree),
        (labels_ar.DISPLACEMENT, DisplacementStatus),
        (labels_ar.RELATIONSHIP, Relationship),
        (labels_ar.HOUSING, HousingType),
        (labels_ar.IDENTIFIER, IdentifierType),
    ],
)
def test_every_code_has_its_arabic_wording(
    table: Mapping[str, labels_ar.Wording], codes: type[StrEnum]
) -> None:
    assert set(table) == {c.value for c in codes}


def test_wording_agrees_with_the_sex() -> None:
    assert labels_ar.nationality("LY", Sex.MALE.value) == "ليبي"
    assert labels_ar.nationality("ly", Sex.FEMALE.value) == "ليبية"
    assert labels_ar.nationality("LY") == "ليبي/ليبية"
    assert normalize(labels_ar.nationality("FR", Sex.MALE.value)) == "FR"
    assert labels_ar.marital(MaritalStatus.SINGLE.value, Sex.FEMALE.value) == "عزباء"
    assert labels_ar.relationship(Relationship.SPOUSE.value, Sex.FEMALE.value) == "الزوجة"
    assert labels_ar.sex(None) == ""
