"""A family of five as typed in the household form's rows: head, spouse, three children."""

from __future__ import annotations

from dataclasses import replace

from app.domain.beneficiary import BeneficiaryDraft
from app.domain.family import NewMemberDraft

FATHER = BeneficiaryDraft(
    first_name="عادل",
    father_name="مفتاح",
    grandfather_name="سعيد",
    family_name="البرعصي",
    mother_name="سالمة علي",
    sex="M",
    birth_date="1980-02-10",
    national_number="119800456789",
)


def _child(first: str, sex: str, born: str, number: str = "") -> BeneficiaryDraft:
    return BeneficiaryDraft(
        first_name=first,
        father_name="عادل",
        grandfather_name="مفتاح",
        family_name="البرعصي",
        mother_name="نجاة محمود",
        sex=sex,
        birth_date=born,
        national_number=number,
    )


def family_of_five() -> list[NewMemberDraft]:
    wife = BeneficiaryDraft(
        first_name="نجاة",
        father_name="محمود",
        grandfather_name="حسين",
        family_name="العبيدي",
        mother_name="مبروكة صالح",
        sex="F",
        birth_date="1984-07-01",
        national_number="219840456780",
    )
    return [
        NewMemberDraft(FATHER, "head"),
        NewMemberDraft(wife, "spouse"),
        NewMemberDraft(_child("سليمان", "M", "2008-01-20", "120080456781"), "son"),
        NewMemberDraft(_child("هدى", "F", "2011-09-05"), "daughter"),
        NewMemberDraft(_child("يوسف", "M", "2016-03-30"), "son"),
    ]


def with_person(row: NewMemberDraft, **changes: str) -> NewMemberDraft:
    return replace(row, person=replace(row.person, **changes))
