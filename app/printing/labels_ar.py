"""Arabic wording of stored person and household codes on paper, matched to the sex where Arabic
agrees with it (ليبي / ليبية, أعزب / عزباء).

The wording follows the app's Arabic translations (i18n/sanad_ar.ts, context "Labels"): print
text is Arabic only and must not depend on the UI's language or on Qt. When the sex is not known
both forms are printed ("ليبي/ليبية"), as the translations do; a code with no wording here is
printed as it is stored (kept left to right), so nothing is ever silently left out.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.beneficiary import (
    DisabilityDegree,
    DisabilityType,
    DisplacementStatus,
    IdentifierType,
    MaritalStatus,
)
from app.domain.household import HousingType, Relationship
from app.domain.people import Sex
from app.printing.rtl_text import ltr

# Beside a birth date that is an estimate (no papers): "1979 (تقديري)".
ESTIMATED = "تقديري"

# (masculine, feminine); one string when Arabic does not agree with the sex.
Wording = str | tuple[str, str]

SEX: Mapping[str, Wording] = {
    Sex.MALE.value: "ذكر",
    Sex.FEMALE.value: "أنثى",
}
MARITAL: Mapping[str, Wording] = {
    MaritalStatus.SINGLE.value: ("أعزب", "عزباء"),
    MaritalStatus.MARRIED.value: ("متزوج", "متزوجة"),
    MaritalStatus.DIVORCED.value: ("مطلق", "مطلقة"),
    MaritalStatus.WIDOWED.value: ("أرمل", "أرملة"),
}
DISABILITY_TYPE: Mapping[str, Wording] = {
    DisabilityType.NONE.value: "لا توجد إعاقة",
    DisabilityType.PHYSICAL.value: "حركية",
    DisabilityType.VISUAL.value: "بصرية",
    DisabilityType.HEARING.value: "سمعية",
    DisabilityType.SPEECH.value: "نطقية",
    DisabilityType.INTELLECTUAL.value: "ذهنية",
    DisabilityType.PSYCHOSOCIAL.value: "نفسية",
    DisabilityType.MULTIPLE.value: "متعددة",
}
DISABILITY_DEGREE: Mapping[str, Wording] = {
    DisabilityDegree.MILD.value: "بسيطة",
    DisabilityDegree.MODERATE.value: "متوسطة",
    DisabilityDegree.SEVERE.value: "شديدة",
    DisabilityDegree.TOTAL.value: "كلية",
}
DISPLACEMENT: Mapping[str, Wording] = {
    DisplacementStatus.RESIDENT.value: ("مقيم", "مقيمة"),
    DisplacementStatus.DISPLACED.value: ("نازح داخليًا", "نازحة داخليًا"),
    DisplacementStatus.RETURNEE.value: ("عائد", "عائدة"),
}
RELATIONSHIP: Mapping[str, Wording] = {
    Relationship.HEAD.value: ("رب الأسرة", "ربة الأسرة"),
    Relationship.SPOUSE.value: ("الزوج", "الزوجة"),
    Relationship.SON.value: "ابن",
    Relationship.DAUGHTER.value: "ابنة",
    Relationship.FATHER.value: "أب",
    Relationship.MOTHER.value: "أم",
    Relationship.BROTHER.value: "أخ",
    Relationship.SISTER.value: "أخت",
    Relationship.GRANDCHILD.value: ("حفيد", "حفيدة"),
    Relationship.OTHER_RELATIVE.value: ("قريب آخر", "قريبة أخرى"),
    Relationship.NON_RELATIVE.value: ("ليس قريبًا", "ليست قريبة"),
}
HOUSING: Mapping[str, Wording] = {
    HousingType.OWNED.value: "ملك",
    HousingType.RENTED.value: "إيجار",
    HousingType.HOSTED.value: "مستضاف لدى آخرين",
    HousingType.COLLECTIVE_SHELTER.value: "مركز إيواء جماعي",
    HousingType.INFORMAL.value: "سكن عشوائي",
    HousingType.OTHER.value: "أخرى",
}
IDENTIFIER: Mapping[str, Wording] = {
    IdentifierType.NATIONAL_NUMBER.value: "الرقم الوطني",
    IdentifierType.ADMIN_NUMBER.value: "الرقم الإداري",
    IdentifierType.PASSPORT.value: "رقم جواز السفر",
    IdentifierType.FAMILY_BOOKLET.value: "رقم كتيب العائلة",
}
# ISO 3166 codes most seen at Libyan branches (the same list as the app's screens).
NATIONALITY: Mapping[str, Wording] = {
    "LY": ("ليبي", "ليبية"),
    "EG": ("مصري", "مصرية"),
    "TN": ("تونسي", "تونسية"),
    "DZ": ("جزائري", "جزائرية"),
    "MA": ("مغربي", "مغربية"),
    "SD": ("سوداني", "سودانية"),
    "TD": ("تشادي", "تشادية"),
    "NE": "من النيجر",
    "NG": ("نيجيري", "نيجيرية"),
    "ML": ("مالي", "مالية"),
    "ER": ("إريتري", "إريترية"),
    "ET": ("إثيوبي", "إثيوبية"),
    "SO": ("صومالي", "صومالية"),
    "SY": ("سوري", "سورية"),
    "PS": ("فلسطيني", "فلسطينية"),
    "IQ": ("عراقي", "عراقية"),
    "YE": ("يمني", "يمنية"),
}

# What the forms call each field (the wording of the app's beneficiary and household screens).
FIELD: Mapping[str, str] = {
    "first_name": "الاسم الأول",
    "father_name": "اسم الأب",
    "grandfather_name": "اسم الجد",
    "family_name": "اللقب",
    "full_name": "الاسم الكامل",
    "mother_name": "اسم الأم الكامل",
    "latin_name": "الاسم باللاتينية",
    "sex": "الجنس",
    "birth_date": "تاريخ الميلاد",
    "nationality": "الجنسية",
    "national_number": "الرقم الوطني",
    "admin_number": "الرقم الإداري",
    "passport_number": "رقم جواز السفر",
    "family_booklet_number": "رقم كتيب العائلة",
    "marital_status": "الحالة الاجتماعية",
    "municipality": "البلدية",
    "address": "العنوان",
    "phones": "الهواتف",
    "phone": "الهاتف",
    "disability_type": "الإعاقة",
    "disability_degree": "درجة الإعاقة",
    "displacement_status": "النزوح",
    "monthly_income": "الدخل الشهري (د.ل)",
    "household": "الأسرة",
    "household_relationship": "صلة القرابة برب الأسرة",
    "head": "رب الأسرة",
    "housing_type": "السكن",
    "notes": "ملاحظات",
    "record_number": "رقم السجل",
}


def word(table: Mapping[str, Wording], code: str | None, sex: str | None = None) -> str:
    """The wording of `code` for a person of `sex` ("" for no code, the code if unknown)."""
    if not code:
        return ""
    wording = table.get(code)
    if wording is None:
        return ltr(code)  # a Latin code inside Arabic text must keep its letters in order
    if isinstance(wording, str):
        return wording
    masculine, feminine = wording
    if sex == Sex.MALE.value:
        return masculine
    if sex == Sex.FEMALE.value:
        return feminine
    return f"{masculine}/{feminine}"


def choices(table: Mapping[str, Wording]) -> list[str]:
    """Every wording of `table` in its order, both forms where Arabic agrees with the sex (for
    the boxes of a blank form)."""
    return [word(table, code) for code in table]


def sex(code: str | None) -> str:
    return word(SEX, code)


def marital(code: str | None, sex: str | None = None) -> str:
    return word(MARITAL, code, sex)


def disability_type(code: str | None) -> str:
    return word(DISABILITY_TYPE, code)


def disability_degree(code: str | None) -> str:
    return word(DISABILITY_DEGREE, code)


def displacement(code: str | None, sex: str | None = None) -> str:
    return word(DISPLACEMENT, code, sex)


def nationality(code: str | None, sex: str | None = None) -> str:
    return word(NATIONALITY, (code or "").upper() or None, sex)


def relationship(code: str | None, sex: str | None = None) -> str:
    return word(RELATIONSHIP, code, sex)


def housing(code: str | None) -> str:
    return word(HOUSING, code)


def identifier(code: str | None) -> str:
    return word(IDENTIFIER, code)
