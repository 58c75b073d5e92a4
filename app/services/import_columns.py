"""The columns of a beneficiary import file: headers (English and Arabic), and value words.

One table, `COLUMNS`, is the truth for the importer, the template (tools/make_import_template.py)
and docs/import-format.md. Headers match after `normalize_arabic`, so "First Name", "first-name",
"الإسم الأول" and "الاسم الاول" are all the same column. Choice columns also accept the Arabic
words clerks write (ذكر/أنثى, متزوج, نازح, …); anything else goes to the domain's validation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.domain.arabic import normalize_arabic
from app.domain.errors import DomainError, ErrorCode
from app.domain.field_checks import control_character


@dataclass(frozen=True, slots=True)
class Column:
    name: str  # the English header, and the field name used in reports
    arabic: str  # the Arabic header of the template
    required: bool  # the column must be present (a cell may still be empty where allowed)
    value: str  # what a cell holds, for the documentation
    example: str
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("first_name", "الاسم الأول", True, "Arabic letters", "محمد", ("الاسم", "first")),
    Column("father_name", "اسم الأب", True, "Arabic letters", "علي", ("father",)),
    Column("grandfather_name", "اسم الجد", True, "Arabic letters", "سالم", ("grandfather",)),
    Column(
        "family_name",
        "اللقب",
        True,
        "Arabic letters",
        "الورفلي",
        ("اسم العائلة", "العائلة", "surname", "last_name", "family"),
    ),
    Column(
        "mother_name",
        "اسم الأم",
        True,
        "Arabic letters: her first and family name",
        "فاطمة المقريف",
        ("اسم الأم الثلاثي", "اسم الأم بالكامل", "mother"),
    ),
    Column("sex", "الجنس", True, "M or F, ذكر or أنثى", "ذكر", ("النوع", "gender")),
    Column(
        "birth_date",
        "تاريخ الميلاد",
        True,
        "YYYY-MM-DD or DD/MM/YYYY (or a date cell)",
        "15/03/1985",
        ("تاريخ الولادة", "date_of_birth", "dob"),
    ),
    Column(
        "national_number",
        "الرقم الوطني",
        True,
        "12 digits: digit 1 the sex (1 male, 2 female), digits 2-5 the birth year; may be empty",
        "119850123456",
        ("national_id", "nid"),
    ),
    Column(
        "phone",
        "الهاتف",
        True,
        "Libyan number (091…, 092…, 094…, 095…, 021…, +218…); may be empty",
        "0912345678",
        ("رقم الهاتف", "الهاتف 1", "phone1", "mobile"),
    ),
    Column(
        "municipality",
        "البلدية",
        True,
        "code (LY021104), Arabic or English name; may be empty",
        "مصراتة",
        ("municipality_code",),
    ),
    Column(
        "latin_name",
        "الاسم باللاتينية",
        False,
        "the name in Latin letters as on the passport (letters, spaces, - ' .), up to 120",
        "Mohamed Ali Alwarfalli",
        ("الاسم بالإنجليزية", "الاسم بالانجليزي", "الاسم اللاتيني", "latin", "name_latin"),
    ),
    Column("admin_number", "الرقم الإداري", False, "document number", "", ()),
    Column(
        "passport_number",
        "رقم جواز السفر",
        False,
        "document number",
        "",
        ("جواز السفر", "passport"),
    ),
    Column(
        "family_booklet_number",
        "رقم كتيب العائلة",
        False,
        "document number",
        "556677",
        ("كتيب العائلة", "family_booklet"),
    ),
    Column("nationality", "الجنسية", False, "2-letter code or ليبي; empty means LY", "LY", ()),
    Column("address", "العنوان", False, "text, up to 300 characters", "حي الأندلس", ()),
    Column("phone2", "الهاتف 2", False, "a second phone number", "", ("هاتف آخر",)),
    Column(
        "marital_status",
        "الحالة الاجتماعية",
        False,
        "single/married/divorced/widowed or أعزب/متزوج/مطلق/أرمل",
        "متزوج",
        (),
    ),
    Column(
        "disability_type",
        "نوع الإعاقة",
        False,
        "none/physical/visual/hearing/speech/intellectual/psychosocial/multiple "
        "or لا يوجد/حركية/بصرية/سمعية/نطقية/ذهنية/نفسية/متعددة",
        "",
        ("الإعاقة",),
    ),
    Column(
        "disability_degree",
        "درجة الإعاقة",
        False,
        "mild/moderate/severe/total or بسيطة/متوسطة/شديدة/كلية; required with a disability",
        "",
        (),
    ),
    Column(
        "displacement_status",
        "حالة النزوح",
        False,
        "resident/displaced/returnee or مقيم/نازح/عائد; empty means resident",
        "مقيم",
        (),
    ),
    Column("monthly_income", "الدخل الشهري", False, "dinars, e.g. 1250.500", "1250", ("الدخل",)),
    Column("notes", "ملاحظات", False, "text, up to 2000 characters", "", ("ملاحظة",)),
)
BY_NAME: Mapping[str, Column] = {c.name: c for c in COLUMNS}
REQUIRED: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)


def header_key(header: str) -> str:
    return normalize_arabic(header)


_HEADERS: dict[str, str] = {}
for _column in COLUMNS:
    for _alias in (_column.name, _column.arabic, *_column.aliases):
        _key = header_key(_alias)
        assert _HEADERS.get(_key, _column.name) == _column.name, _alias
        _HEADERS[_key] = _column.name


def map_headers(headers: Sequence[str]) -> dict[int, str]:
    """Cell position -> column name. Raises a clear error for unknown, repeated or missing ones.

    Empty header cells are left out (the importer refuses a value under one).
    """
    mapping: dict[int, str] = {}
    unknown: list[str] = []
    repeated: list[str] = []
    for position, header in enumerate(headers):
        if not header.strip():
            continue
        name = _HEADERS.get(header_key(header))
        if name is None:
            unknown.append(header.strip())
        elif name in mapping.values():
            repeated.append(header.strip())
        else:
            mapping[position] = name
    if unknown:
        raise DomainError(ErrorCode.UNKNOWN_COLUMN, field="file", columns=", ".join(unknown))
    if repeated:
        raise DomainError(
            ErrorCode.FILE_FORMAT,
            field="file",
            reason="repeated column",
            columns=", ".join(repeated),
        )
    missing = [name for name in REQUIRED if name not in mapping.values()]
    if missing:
        raise DomainError(ErrorCode.MISSING_COLUMN, field="file", columns=", ".join(missing))
    return mapping


def _words(pairs: Mapping[str, str]) -> dict[str, str]:
    return {normalize_arabic(word): value for word, value in pairs.items()}


def _with_feminine(pairs: Mapping[str, str]) -> dict[str, str]:
    return {**pairs, **{f"{word}ة": value for word, value in pairs.items()}}


# Arabic words for choice values; English values pass through to the domain as they are.
CHOICE_WORDS: Mapping[str, dict[str, str]] = {
    "sex": _words({"ذكر": "M", "أنثى": "F", "انثى": "F", "ذكور": "M", "اناث": "F"}),
    "marital_status": _words(
        {
            "أعزب": "single",
            "عزباء": "single",
            "متزوج": "married",
            "متزوجة": "married",
            "مطلق": "divorced",
            "مطلقة": "divorced",
            "أرمل": "widowed",
            "أرملة": "widowed",
        }
    ),
    "disability_type": _words(
        {
            "لا يوجد": "none",
            "لا توجد": "none",
            "لا": "none",
            "بدون": "none",
            "حركية": "physical",
            "جسدية": "physical",
            "بصرية": "visual",
            "سمعية": "hearing",
            "نطقية": "speech",
            "نطق": "speech",
            "كلامية": "speech",
            "ذهنية": "intellectual",
            "عقلية": "intellectual",
            "نفسية": "psychosocial",
            "متعددة": "multiple",
        }
    ),
    "disability_degree": _words(
        {
            "بسيطة": "mild",
            "خفيفة": "mild",
            "متوسطة": "moderate",
            "شديدة": "severe",
            "كلية": "total",
            "تامة": "total",
        }
    ),
    "displacement_status": _words(
        {
            "مقيم": "resident",
            "مقيمة": "resident",
            "نازح": "displaced",
            "نازحة": "displaced",
            "عائد": "returnee",
            "عائدة": "returnee",
        }
    ),
    "nationality": _words(
        _with_feminine(
            {
                "ليبي": "LY",
                "مصري": "EG",
                "سوداني": "SD",
                "تونسي": "TN",
                "تشادي": "TD",
                "نيجري": "NE",
                "سوري": "SY",
                "فلسطيني": "PS",
                "جزائري": "DZ",
                "مغربي": "MA",
            }
        )
        | {"ليبيا": "LY"}
    ),
}


def choice_value(column: str, text: str) -> str:
    """The domain's value for an Arabic word in a choice column; other text unchanged.

    A cell with a control character is left as it is (matching would drop the character):
    the domain's validation refuses it for that row.
    """
    words = CHOICE_WORDS.get(column)
    if not words or not text or control_character(text) is not None:
        return text
    return words.get(normalize_arabic(text), text)
