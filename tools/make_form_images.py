"""Render every printed form of Sanad into page images, for checking by eye: docs/forms/*.png.

Run: uv run python tools/make_form_images.py [--out docs/forms] [--dpi 70]
A fresh demo branch is made in a temporary folder; a juvenile case is worked through the real
services (assessment, plan, visits, a long confidential note, a referral, a court report with a
long paragraph) and every form is printed through the print service, then turned into PNG
pages with pdftoppm (Debian package poppler-utils). The user's own data is never touched.
One more page, intake_mixed_notes, is the intake form of a demo person whose notes mix Arabic
with phones in each Libyan form, dates, brackets, slashes and Latin words (one bidi path: check
that every number reads whole and every bracket faces its words).
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argon2 import PasswordHasher  # noqa: E402

from app.demo.branch import ensure_demo_seeded  # noqa: E402
from app.printing.document import PrintMeta, render_bytes  # noqa: E402
from app.printing.forms_person import intake_form  # noqa: E402
from app.services.case_dto import CaseDraft  # noqa: E402
from app.services.printing import PrintResult  # noqa: E402
from app.services.setup import AppServices, open_branch  # noqa: E402

TODAY = date(2026, 11, 22)
FAMILY = (
    "يعيش الحدث مع والدته وأربعة إخوة في شقة مستأجرة من غرفتين بحي أبوسليم، بعد انفصال الوالدين "
    "منذ ثلاث سنوات. الأب يعمل عملاً غير منتظم ولا يساهم في النفقة إلا قليلاً، والأم تعمل في "
    "تنظيف المكاتب براتب 850 ديناراً شهرياً. ترك الحدث المدرسة في الصف الثامن (2024) بعد رسوبه "
    "مرتين، وصار يقضي وقته مع أصدقاء أكبر منه سناً في الحي. "
) * 6


MIXED_NOTES = "\n".join(
    [
        "هاتف الجار: +218 92 555 0147 (مساء)، أو 091-234-5678، أو من الخارج 00218 91 234 5678",
        "موعد المراجعة 2026-03-15، وآخر زيارة 15/03/2026 الساعة 10:30",
        "تسكن الأسرة الحي منذ 2011 (7 أفراد) في الشقة رقم 55/ب",
        "الأطفال في مدرسة الشهيد (رقم 7) – Misrata",
        "ملف المحكمة 112/2026 لدى دائرة الأحداث؛ الرقم الإداري A-5521",
        "بالتعاون مع Save the Children (SCI) منذ 2026.",
    ]
)


def _mixed_notes_intake(services: AppServices) -> bytes:
    """The intake form of a demo person with MIXED_NOTES, printed straight through app.printing."""
    hit = next(h for h in services.beneficiaries.search("", limit=50) if h.phones)
    person = dataclasses.replace(
        services.beneficiaries.get(hit.id),
        notes=MIXED_NOTES,
        phones=("+218 92 555 0147", "091-234-5678"),
        latin_name="Ayman Abdulrahman Al-Sharif Al-Shagrouni",
    )
    form = intake_form(person, municipality="مصراتة", household=None, worker_name="سعاد الورفلي")
    meta = PrintMeta("طرابلس المركز", "TRP01", "سعاد الورفلي", datetime(2026, 11, 22, 10, 30))
    return render_bytes([form], meta)


def _juvenile_case(services: AppServices) -> tuple[str, str, str]:
    """A worked juvenile case: (case id, the referral event id, the planned visit's id)."""
    person = next(
        h for h in services.beneficiaries.search("", limit=200) if h.sex == "M" and h.phones
    )
    services.accounts.login("worker", "worker-demo-2026")
    flow = services.case_workflow
    case = services.cases.open_case(
        CaseDraft(
            person.id,
            "juvenile",
            "حدث موقوف على ذمة قضية سرقة؛ طلبت المحكمة تقرير البحث الاجتماعي.",
            extra={
                "court": "محكمة طرابلس الابتدائية - دائرة الأحداث",
                "court_file_number": "112/2026",
                "next_hearing_on": "2026-12-14",
                "guardian_name": "عائشة سالم الورفلي",
                "guardian_relationship": "الأم",
                "charge": "سرقة هاتف محمول (المادة 444)",
            },
        )
    )
    flow.move(case.id, "assessment")
    flow.add_event(case.id, "assessment", {
        "needs": ["education", "psychosocial", "legal"], "risk_level": "high",
        "risks": "رفقة سيئة وانقطاع عن الدراسة", "summary": "تقييم أولي بعد زيارة المنزل",
    })  # fmt: skip
    flow.move(case.id, "plan")
    flow.add_event(case.id, "plan_item", {
        "goal": "العودة إلى الدراسة", "action": "التسجيل في مدرسة مسائية بالتنسيق مع UNICEF",
        "owner": "الأخصائية", "due_on": "2026-12-20",
    })  # fmt: skip
    flow.move(case.id, "follow_up")
    done = flow.add_event(case.id, "visit", {"due_on": "2026-11-18", "place": "home"})
    flow.amend_event(done.id, {
        "due_on": "2026-11-18", "place": "home", "state": "done", "done_on": "2026-11-18",
        "outcome": "الأم متعاونة، والحدث وافق على العودة إلى الدراسة.",
    })  # fmt: skip
    planned = flow.add_event(case.id, "visit", {"due_on": "2026-11-23", "place": "school"})
    flow.add_event(case.id, "note", {"text": "تفاصيل خاصة بالأسرة لا تُطبع.", "confidential": True})
    referral = flow.add_event(case.id, "referral", {
        "agency": "legal_aid", "reason": "تعيين محامٍ للدفاع عن الحدث أمام محكمة الأحداث.",
    })  # fmt: skip
    flow.add_event(case.id, "court_report", {
        "court": "محكمة طرابلس الابتدائية - دائرة الأحداث", "court_file_number": "112/2026",
        "hearing_on": "2026-12-14", "family_background": FAMILY,
        "social_situation": "الحالة المادية للأسرة صعبة، والسكن ضيق، ولا توجد سوابق للحدث.",
        "recommendations": "نوصي بتسليم الحدث إلى والدته مع المتابعة الاجتماعية لمدة ستة أشهر "
        "وإلحاقه ببرنامج تأهيل مهني.",
    })  # fmt: skip
    return case.id, referral.id, planned.id


def _forms(services: AppServices) -> dict[str, PrintResult]:
    case_id, referral_id, visit_id = _juvenile_case(services)
    printing = services.printing
    view = services.cases.get(case_id)
    person = services.beneficiaries.get(view.beneficiary_id)
    household_id = person.household_id or next(
        services.beneficiaries.get(h.id).household_id
        for h in services.beneficiaries.search("", limit=200)
        if services.beneficiaries.get(h.id).household_id
    )
    assert household_id is not None
    return {
        "intake": printing.intake(person.id),
        "intake_blank": printing.blank_intake(),
        "household": printing.household(household_id),
        "case_summary": printing.case_summary(case_id),
        "visit_sheet": printing.visit_sheet(case_id, visit_id),
        "visit_blank": printing.blank_visit(),
        "referral_letter": printing.referral_letter(referral_id),
        "court_report": printing.court_report(case_id),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "forms")
    parser.add_argument("--dpi", type=int, default=70)
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm not found: install poppler-utils")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="sanad-forms-") as tmp:
        hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # demo data only
        services = open_branch(Path(tmp) / "branch", hasher=hasher, today=TODAY)
        ensure_demo_seeded(services, people=60)
        try:
            forms = {name: printed.pdf for name, printed in _forms(services).items()}
            forms["intake_mixed_notes"] = _mixed_notes_intake(services)
        finally:
            services.close()
        for name, data in forms.items():
            pdf = Path(tmp) / f"{name}.pdf"
            pdf.write_bytes(data)
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(args.dpi), str(pdf), str(out / name)], check=True
            )
            print(f"{name}: {len(list(out.glob(f'{name}-*.png')))} page(s)")
    for path in sorted(out.glob("*.png")):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
