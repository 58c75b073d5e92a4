"""A few registered people and the list files of the list-matching tests."""

from __future__ import annotations

from app.domain.beneficiary import BeneficiaryDraft
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from tests.services.people import AHMED, person

NOURIA = BeneficiaryDraft(
    first_name="نورية",
    father_name="محمد",
    grandfather_name="علي",
    family_name="القماطي",
    mother_name="سالمة أحمد",
    sex="F",
    birth_date="1990-02-14",
    national_number="219900123456",
)
KHALED = person(
    first_name="خالد",
    father_name="سالم",
    grandfather_name="عمر",
    family_name="الزوي",
    mother_name="عائشة الورفلي",
    birth_date="1979-07-01",
    national_number="119790555555",
    phones=[],
)


def register_three(services: AppServices) -> dict[str, BeneficiaryView]:
    """أحمد عبدالله مصطفى الورفلي, نورية محمد علي القماطي, خالد سالم عمر الزوي."""
    return {
        "ahmed": services.beneficiaries.register(AHMED),
        "nouria": services.beneficiaries.register(NOURIA),
        "khaled": services.beneficiaries.register(KHALED),
    }


PLAIN = "\n".join(
    [
        "احمد عبد الله الورفلى",  # hamza, عبد الله, ى: أحمد
        "",
        "   ",
        "نوريه القماطي",  # ة/ه: نورية
        "219900123456",  # her national number
        "زيد بن ثابت",  # nobody
    ]
)
CSV = (
    "الاسم الأول,اسم الأب,اسم الجد,اللقب,اسم الأم,تاريخ الميلاد,الرقم الوطني\r\n"
    "خالد,سالم,عمر,الزوي,عائشة الورفلي,01/07/1979,\r\n"
    "احمد,عبدالله,مصطفى,الورفلي,,,119850123456\r\n"
    "نورية,محمد,علي,القماطي,سالمة,31/02/1990,\r\n"
    ",,,,,,\r\n"
)
