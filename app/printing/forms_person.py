"""The person forms on paper: the beneficiary intake form (filled, and blank for handwriting when
the power or the PC is down) and the household form with its members table.

The filled and the blank intake form are built by the same code from the same rows, so a
handwritten form can be typed in field by field in the order the screen asks for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.domain.beneficiary import IdentifierType
from app.domain.people import is_year_only
from app.domain.record_code import RecordKind, record_code
from app.printing import labels_ar as lab
from app.printing.document import FRAME_W, Form
from app.printing.fill_by_hand import Choices, DigitBoxes
from app.printing.flowables import (
    HEADING,
    LABEL,
    RULE,
    SHADE,
    SMALL,
    SignatureBoxes,
    Style,
    WriteLines,
    data_table,
    keep,
    para,
)
from app.printing.rtl_text import ltr
from app.services.dto import BeneficiaryView, HouseholdMemberView, HouseholdView

INTAKE_TITLE = "استمارة تسجيل مستفيد"
HOUSEHOLD_TITLE = "استمارة بيانات أسرة"
DECLARATION = (
    "أقر أنا الموقع أدناه بأن جميع البيانات الواردة في هذه الاستمارة صحيحة وكاملة على حد علمي، "
    "وأتحمل المسؤولية القانونية عن أي بيان غير صحيح أو ناقص. "
    "وأوافق على أن تستخدم وزارة الشؤون الاجتماعية هذه البيانات وتحفظها في السجل الاجتماعي الموحد "
    "لغرض تقديم الخدمات الاجتماعية ومتابعتها، وأن تتحقق من صحتها لدى الجهات المختصة. "
    "وأتعهد بإبلاغ الوزارة بكل تغيير يطرأ على هذه البيانات خلال ثلاثين يوما من حدوثه. "
    "وقد اطلعت على هذه البيانات أو قرئت علي قبل التوقيع وفهمت مضمونها."
)
BLANK_NOTICE = (
    "تملأ هذه الاستمارة بخط واضح عند تعذر التسجيل في المنظومة، "
    "وتدخل بياناتها فيها في أقرب وقت ويكتب رقم السجل الذي تعطيه المنظومة في أعلاها."
)
SIGNATURES = ("توقيع المستفيد", "بصمة الإبهام", "توقيع الأخصائي الاجتماعي")
MEMBERS_HEADER = ("م", "الاسم", "رقم السجل", "صلة القرابة", "تاريخ الميلاد", "الجنس")
MEMBERS_WIDTHS = (24.0, FRAME_W - 24 - 92 - 110 - 78 - 52, 92.0, 110.0, 78.0, 52.0)
LABEL_W = 92.0  # one label width for every table, so stacked tables line up; no label wraps
WRITE_IN = "\n"  # two empty lines: a cell about 11 mm tall, enough to write in by hand
CENTER_SMALL = Style(size=SMALL.size, align="center")

Value = str | Flowable


def print_date(day: date) -> str:
    """dd/MM/yyyy, digits 0-9, kept left to right inside Arabic."""
    return ltr(day.strftime("%d/%m/%Y"))


def print_birth(day: date, estimated: bool) -> str:
    """A birth date; an estimate is printed as such ("1979 (تقديري)" for a year only)."""
    if not estimated:
        return print_date(day)
    shown = str(day.year) if is_year_only(day) else print_date(day)
    return f"{shown} ({lab.ESTIMATED})"


def local_day(utc: datetime) -> date:
    """The day at the branch of a stored time (naive UTC), as the screens show it."""
    aware = utc if utc.tzinfo is not None else utc.replace(tzinfo=UTC)
    return aware.astimezone().date()


def money(dirhams: int | None) -> str:
    """Dirhams as Libyan dinars with three decimals: 1250000 → "1,250.000 د.ل"."""
    if dirhams is None:
        return ""
    sign = "-" if dirhams < 0 else ""
    dinars, rest = divmod(abs(dirhams), 1000)
    return f"{ltr(f'{sign}{dinars:,}.{rest:03d}')} د.ل"


def phones(numbers: Sequence[str]) -> str:
    """One number a line: a list of numbers separated by commas is easy to misread."""
    return "\n".join(ltr(n) for n in numbers if n)


def fields(rows: Sequence[tuple[str, Value]], columns: int = 2) -> Table:
    """Label/value cells, the label on the right of its value, `columns` pairs a row, the first
    pair rightmost. Like flowables.field_table, but a value may be a flowable (boxes to tick or
    to write digits in) and every label column has the same width."""
    pair = FRAME_W / columns
    data: list[list[Flowable]] = []
    for start in range(0, len(rows), columns):
        chunk = list(rows[start : start + columns])
        chunk += [("", "")] * (columns - len(chunk))
        cells: list[Flowable] = []
        for label, value in reversed(chunk):
            cells += [value if isinstance(value, Flowable) else para(value), para(label, LABEL)]
        data.append(cells)
    style = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.6, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *[("BACKGROUND", (i, 0), (i, -1), SHADE) for i in range(1, 2 * columns, 2)],
        ]
    )
    return Table(data, colWidths=[pair - LABEL_W, LABEL_W] * columns, style=style, hAlign="RIGHT")


def section(title: str) -> list[Flowable]:
    return [Spacer(1, 7), para(title, HEADING), Spacer(1, 2)]


@dataclass(frozen=True, slots=True)
class _Intake:
    """What the intake form shows in each cell: a value, or the way to write one by hand."""

    names: tuple[str, str, str, str]
    mother: Value
    latin: Value
    sex: Value
    birth: Value
    nationality: Value
    marital: Value
    identifiers: tuple[Value, Value, Value, Value]
    municipality: Value
    phones: Value
    address: Value
    disability: Value
    degree: Value
    displacement: Value
    income: Value
    household: Value
    relationship: Value
    notes: str | None  # None: lines to write on
    worker: Value
    signed: Value
    record: str


def _filled(
    person: BeneficiaryView, municipality: str, household: HouseholdView | None, worker: str
) -> _Intake:
    sex = person.sex

    def number(kind: IdentifierType) -> str:
        return ltr(person.identifier(kind.value))

    return _Intake(
        names=(person.first_name, person.father_name, person.grandfather_name, person.family_name),
        mother=person.mother_name,
        latin=ltr(person.latin_name),
        sex=lab.sex(sex),
        birth=print_birth(person.birth_date, person.birth_date_estimated),
        nationality=lab.nationality(person.nationality, sex),
        marital=lab.marital(person.marital_status, sex),
        identifiers=(
            number(IdentifierType.NATIONAL_NUMBER),
            number(IdentifierType.ADMIN_NUMBER),
            number(IdentifierType.PASSPORT),
            number(IdentifierType.FAMILY_BOOKLET),
        ),
        municipality=municipality,
        phones=phones(person.phones),
        address=person.address,
        disability=lab.disability_type(person.disability_type),
        degree=lab.disability_degree(person.disability_degree),
        displacement=lab.displacement(person.displacement_status, sex),
        income=money(person.monthly_income_dirhams),
        household=household.head_name if household is not None else "",
        relationship=lab.relationship(person.household_relationship, sex),
        notes=person.notes,
        worker=worker,
        signed="",  # signed by hand on the day
        record=(
            f"{lab.FIELD['record_number']}: {ltr(person.person_number or person.id)}"
            f"    تاريخ التسجيل: {print_date(local_day(person.created_at))}"
        ),
    )


def _blank() -> _Intake:
    return _Intake(
        names=(WRITE_IN, WRITE_IN, WRITE_IN, WRITE_IN),
        mother=WRITE_IN,
        latin=WRITE_IN,
        sex=Choices(lab.choices(lab.SEX)),
        birth=DigitBoxes((2, 2, 4), ("يوم", "شهر", "سنة")),
        nationality=Choices([lab.nationality("LY"), "أخرى: ...................."]),
        marital=Choices(lab.choices(lab.MARITAL)),
        identifiers=(DigitBoxes((12,)), WRITE_IN, WRITE_IN, WRITE_IN),
        municipality=WRITE_IN,
        phones=WRITE_IN,
        address=WRITE_IN,
        disability=Choices(lab.choices(lab.DISABILITY_TYPE)),
        degree=Choices(lab.choices(lab.DISABILITY_DEGREE)),
        displacement=Choices(lab.choices(lab.DISPLACEMENT)),
        income=WRITE_IN,
        household=WRITE_IN,
        relationship=WRITE_IN,
        notes=None,
        worker=WRITE_IN,
        signed=WRITE_IN,
        record=(
            f"{lab.FIELD['record_number']}: ..........................................    "
            "تاريخ التسجيل: ......../......../................"
        ),
    )


def _intake_story(cells: _Intake) -> list[Flowable]:
    f = lab.FIELD
    names = data_table(
        [f["first_name"], f["father_name"], f["grandfather_name"], f["family_name"]],
        [list(cells.names)],
        [FRAME_W / 4] * 4,
    )
    story: list[Flowable] = [para(cells.record, CENTER_SMALL)]
    if cells.notes is None:
        story.append(para(BLANK_NOTICE, SMALL))
    story += [
        *section("البيانات الشخصية"),
        names,
        fields([(f["mother_name"], cells.mother), (f["latin_name"], cells.latin)], columns=1),
        fields(
            [
                (f["sex"], cells.sex),
                (f["birth_date"], cells.birth),
                (f["nationality"], cells.nationality),
                (f["marital_status"], cells.marital),
                (f["national_number"], cells.identifiers[0]),
                (f["admin_number"], cells.identifiers[1]),
                (f["passport_number"], cells.identifiers[2]),
                (f["family_booklet_number"], cells.identifiers[3]),
            ]
        ),
        *section("العنوان ووسائل الاتصال"),
        fields([(f["municipality"], cells.municipality), (f["phones"], cells.phones)]),
        fields([(f["address"], cells.address)], columns=1),
        *section("الوضع الاجتماعي والاقتصادي"),
        fields(
            [
                (f["disability_type"], cells.disability),
                (f["disability_degree"], cells.degree),
                (f["displacement_status"], cells.displacement),
                (f["monthly_income"], cells.income),
                (f["head"], cells.household),
                (f["household_relationship"], cells.relationship),
            ]
        ),
        Spacer(1, 5),
    ]
    if cells.notes is None:
        story.append(WriteLines(f["notes"], count=7))
    else:
        story += [para(f["notes"], LABEL), para(cells.notes or "—")]
    # The declaration stays on the page that is signed.
    story.append(
        keep(
            *section("إقرار"),
            para(DECLARATION),
            Spacer(1, 8),
            SignatureBoxes(SIGNATURES, height=58),
            Spacer(1, 5),
            fields([("اسم الأخصائي", cells.worker), ("تاريخ التوقيع", cells.signed)]),
        )
    )
    return story


def intake_form(
    person: BeneficiaryView,
    *,
    municipality: str,
    household: HouseholdView | None,
    worker_name: str,
) -> Form:
    """The beneficiary's intake form, filled, with the QR code of the record."""
    cells = _filled(person, municipality, household, worker_name)
    return Form(
        INTAKE_TITLE,
        _intake_story(cells),
        # The person number (the id only for a record from before numbers: never, after 0012).
        qr=record_code(RecordKind.BENEFICIARY, person.person_number or person.id),
    )


def blank_intake_form() -> Form:
    """The intake form with empty cells, boxes and lines to fill in by hand; no QR code."""
    return Form(INTAKE_TITLE, _intake_story(_blank()), qr=None)


def _member_row(index: int, member: HouseholdMemberView) -> list[str]:
    return [
        str(index),
        member.full_name,
        ltr(member.person_number),
        lab.relationship(member.relationship, member.sex),
        print_birth(member.birth_date, member.birth_date_estimated),
        lab.sex(member.sex),
    ]


def household_form(
    household: HouseholdView, *, head: BeneficiaryView | None, municipality: str
) -> Form:
    """The household's data and its members (a table that runs over pages with its header)."""
    f = lab.FIELD
    head_number = head.identifier(IdentifierType.NATIONAL_NUMBER.value) if head else ""
    head_phones = phones(head.phones) if head else ""
    story: list[Flowable] = [
        para(f"{f['record_number']}: {ltr(household.id)}", CENTER_SMALL),
        *section("بيانات الأسرة"),
        fields(
            [
                (f["head"], head.full_name if head else household.head_name),
                ("الرقم الوطني لرب الأسرة", ltr(head_number)),
                (f["municipality"], municipality),
                ("هاتف رب الأسرة", head_phones),
                (f["housing_type"], lab.housing(household.housing_type)),
                (f["monthly_income"], money(household.monthly_income_dirhams)),
            ]
        ),
        fields([(f["address"], household.address)], columns=1),
        Spacer(1, 5),
        para(f["notes"], LABEL),
        para(household.notes or "—"),
        *section(f"أفراد الأسرة ({len(household.members)})"),
        data_table(
            MEMBERS_HEADER,
            [_member_row(i, m) for i, m in enumerate(household.members, start=1)],
            MEMBERS_WIDTHS,
        ),
        Spacer(1, 14),
        keep(SignatureBoxes(("توقيع رب الأسرة", "توقيع الأخصائي الاجتماعي"), height=60)),
    ]
    return Form(HOUSEHOLD_TITLE, story, qr=record_code(RecordKind.HOUSEHOLD, household.id))
