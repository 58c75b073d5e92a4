"""Render every screen offscreen, with demo data, into docs/screenshots/*.png.

Run: uv run python tools/make_screenshots.py [--out docs/screenshots]
A fresh demo branch is made in a temporary folder (the user's data is never touched); the
screens are the real widgets driven through their services, grabbed once their data arrived.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.bootstrap import build_services  # noqa: E402
from app.domain.beneficiary import BeneficiaryDraft  # noqa: E402
from app.services.setup import AppServices, open_branch  # noqa: E402
from app.ui.common.translations import install_language  # noqa: E402
from app.ui.common.worker import Worker  # noqa: E402
from app.ui.shell.application import make_application  # noqa: E402
from app.ui.shell.lock import LockDialog  # noqa: E402
from app.ui.shell.login_dialog import LoginDialog  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from app.ui.shell.settings_dialog import SettingsDialog  # noqa: E402


def wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get its data in time")
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()


def save(widget: QWidget, out: Path, name: str) -> None:
    widget.show()
    for _ in range(10):
        QApplication.processEvents()
    path = out / name
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def _person_with_household(services: AppServices) -> str:
    for hit in services.beneficiaries.search("", limit=200):
        view = services.beneficiaries.get(hit.id)
        if view.household_id:
            household = services.households.get(view.household_id)
            if len(household.members) >= 3 and view.id == household.head_id:
                return view.id
    raise RuntimeError("the demo data has no household with three members")


def _family_screen(window: MainWindow, worker: Worker, out: Path) -> None:
    """A whole family typed in one pass: four people, one of them with a mistake the save
    refused (nothing was saved), its message under the field, at a laptop's size."""
    family = window.create_household()
    family.resize(1180, 660)
    people = [
        ("عادل مفتاح سعيد البرعصي", "سالمة علي", "M", date(1980, 2, 10), "119800456789", "head"),
        ("نجاة محمود حسين العبيدي", "مبروكة صالح", "F", date(1984, 7, 1), "219840456780", "spouse"),
        ("سليمان عادل مفتاح البرعصي", "نجاة محمود", "M", date(2008, 1, 20), "", "son"),
        ("هدى عادل مفتاح البرعصي", "نجاة محمود", "F", date(2031, 9, 5), "", "daughter"),
    ]
    for i, (names, mother, sex, born, number, relationship) in enumerate(people):
        row = family.new_people.rows[0] if i == 0 else family.add_row()
        for key, part in zip(
            ("first_name", "father_name", "grandfather_name", "family_name"),
            names.split(),
            strict=True,
        ):
            row.names[key].setText(part)
        row.mother.setText(mother)
        row.sex.set_code(sex)
        row.birth_date.set_value(born)
        row.national_number.setText(number)
        row.relationship.set_code(relationship)
    family.municipality.set_code("LY021104")
    family.address.setText("حي الفويهات، شارع 3")
    family.housing.set_code("rented")
    family.save()
    wait_until(lambda: worker.is_idle() and family.new_people.rows[3].has_errors())
    save(family, out, "household.png")
    family.hide()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sanad-shots-") as tmp:
        return _shoot(Path(tmp) / "branch", out)


def _shoot(data_dir: Path, out: Path) -> int:
    qt_app, _loaded = make_application("ar")
    services = build_services(data_dir)
    worker = Worker()
    try:
        services.reference.municipalities()
        login = LoginDialog(services, worker, services.ctx.branch_code, demo=True)
        login.show()
        login.username.setText("worker")
        login.password.setText("password")
        login.attempt()
        wait_until(lambda: not login.error.isHidden() and "…" not in login.error.text())
        save(login, out, "login.png")
        login.hide()

        user = services.accounts.login("worker", "worker-demo-2026")
        window = MainWindow(services, worker, user, services.ctx.branch_code, demo=True)
        window.resize(1200, 700)
        window.show()
        window.show_search()  # a worker's home tab is "My cases"
        window.search_page.set_query("محمد علي")
        wait_until(
            lambda: not window.search_page.model.loading and window.search_page.model.rowCount() > 0
        )
        save(window, out, "search.png")

        form = window.new_beneficiary()
        form.resize(960, 700)  # a 1366x768 laptop: the fields scroll, the buttons stay
        f = form.fields
        for key, text in (
            ("first_name", "سالم"),
            ("father_name", "عمر"),
            ("grandfather_name", "خليفة"),
            ("family_name", "Ben Ali"),
        ):
            f.names[key].setText(text)
        f.mother.setText("مبروكة سالم")
        f.latin_name.setText("Salem Omar Khalifa Ben Ali")
        f.sex.set_code("M")
        f.birth_date.set_value(date(1979, 6, 2))
        f.national_number.setText("219790012345")
        f.phones[0].setText("0913456789")
        f.phones[1].setText("12345")
        f.municipality.set_code("LY021104")
        form.save()
        wait_until(lambda: bool(f.error_text("national_number")))
        save(form, out, "beneficiary_form.png")
        form.hide()

        head_id = _person_with_household(services)
        view = services.beneficiaries.get(head_id)
        draft = _draft_of(view)
        draft.address = "حي الأندلس، شارع 12"
        draft.phones = ["0925551234"]
        services.beneficiaries.update(view.id, draft, expected_version=view.row_version)
        person = window.open_beneficiary(head_id)
        person.resize(920, 640)
        wait_until(lambda: person.view is not None and person.history.model().rowCount() > 0)
        person.tabs.setCurrentIndex(2)
        save(person, out, "beneficiary_history.png")
        person.hide()

        _family_screen(window, worker, out)

        # The same person typed again with another spelling and no national number: the form
        # stops and asks (the real flow, through the worker).
        head = services.beneficiaries.get(head_id)
        again = window.new_beneficiary()
        fields = again.fields
        for key in ("first_name", "father_name", "grandfather_name", "family_name"):
            fields.names[key].setText(getattr(head, key).replace("ي", "ى"))
        fields.mother.setText(head.mother_name)
        fields.sex.set_code(head.sex)
        fields.birth_date.set_value(head.birth_date)
        again.save()
        wait_until(lambda: again.duplicates_dialog is not None)
        dialog = again.duplicates_dialog
        assert dialog is not None
        save(dialog, out, "duplicates.png")
        dialog.reject()
        again.hide()

        settings = SettingsDialog(services, window)
        save(settings, out, "settings.png")
        settings.hide()

        lock = LockDialog(services, worker, 10, window)
        save(lock, out, "lock.png")
        lock.hide()

        _import_screen(services, worker, window, data_dir, out)
        _case_screens(services, worker, window, data_dir, out)
        services.accounts.login("worker", "worker-demo-2026")
        _sync_screens(worker, data_dir.parent, out)
        window.close_forms()
        window.hide()

        install_language(qt_app, "en")
        services.preferences.language = "en"
        english = MainWindow(services, worker, user, services.ctx.branch_code, demo=True)
        english.resize(1200, 700)
        english.show()
        english.show_search()
        english.search_page.set_query("أحمد")
        wait_until(
            lambda: (
                not english.search_page.model.loading and english.search_page.model.rowCount() > 0
            )
        )
        save(english, out, "main_en.png")
        english.hide()
    finally:
        worker.shutdown()
        services.close()
    return 0


def _import_screen(
    services: AppServices, worker: Worker, window: MainWindow, data_dir: Path, out: Path
) -> None:
    try:
        from app.ui.importing.dialog import ImportDialog
    except ImportError:
        print("skipped import.png: the import dialog is not available")
        return
    sample = data_dir / "sample-import.csv"
    rows = [
        [
            "first_name",
            "father_name",
            "grandfather_name",
            "family_name",
            "mother_name",
            "sex",
            "birth_date",
            "national_number",
            "phone",
            "municipality",
        ],
        [
            "نورية",
            "محمد",
            "علي",
            "القماطي",
            "سالمة أحمد",
            "أنثى",
            "14/02/1990",
            "219900123456",
            "0913335555",
            "طرابلس المركز",
        ],
        [
            "عادل",
            "سعيد",
            "مفتاح",
            "الزوي",
            "حليمة عمر",
            "ذكر",
            "1985-07-30",
            "119850777777",
            "0924441111",
            "بنغازي",
        ],
        [
            "Khaled",
            "سالم",
            "علي",
            "الورفلي",
            "فاطمة",
            "ذكر",
            "1980-01-01",
            "11980",
            "12",
            "طرابلس المركز",
        ],
        [
            "مريم",
            "",
            "صالح",
            "العبيدي",
            "زينب علي",
            "انثى",
            "31/02/2001",
            "",
            "0915557777",
            "مدينة غير موجودة",
        ],
    ]
    with sample.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    dialog = ImportDialog(services, worker, window)
    dialog.resize(900, 560)
    dialog.show()
    dialog.check_file(sample)
    wait_until(lambda: dialog.report is not None, timeout=60)
    save(dialog, out, "import.png")
    dialog.hide()


def framed(dialog: QWidget) -> QPixmap:
    """The dialog with a title bar drawn on top (the offscreen platform draws no frames)."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QPainter, QPixmap

    content = dialog.grab()
    title_height = 30
    front = QPixmap(content.width(), content.height() + title_height)
    front.fill(QColor(214, 219, 226))
    framer = QPainter(front)
    framer.setFont(dialog.font())
    framer.drawText(
        QRect(12, 0, content.width() - 24, title_height),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
        dialog.windowTitle(),
    )
    framer.drawPixmap(0, title_height, content)
    framer.end()
    return front


def save_dialog(dialog: QWidget, out: Path, name: str) -> None:
    dialog.show()
    for _ in range(10):
        QApplication.processEvents()
    path = out / name
    if not framed(dialog).save(str(path)):
        raise OSError(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def save_with_dialog(window: QWidget, dialog: QWidget, out: Path, name: str) -> None:
    """The window with a non-modal dialog in front of it, as the user sees them."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter

    for _ in range(10):
        QApplication.processEvents()
    picture = window.grab()
    front = framed(dialog)
    painter = QPainter(picture)
    at = QPoint((picture.width() - front.width()) // 2, (picture.height() - front.height()) // 3)
    painter.fillRect(at.x() + 6, at.y() + 6, front.width(), front.height(), QColor(0, 0, 0, 60))
    painter.drawPixmap(at, front)
    painter.setPen(QColor(120, 120, 120))
    painter.drawRect(at.x(), at.y(), front.width() - 1, front.height() - 1)
    painter.end()
    path = out / name
    if not picture.save(str(path)):
        raise OSError(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def _case_screens(
    services: AppServices, worker: Worker, host: QWidget, data_dir: Path, out: Path
) -> None:
    """The case screens: a worker's case in several stages and every dialog of it, a
    juvenile case with its court report, breaking the glass, the supervisor's approval."""
    from datetime import timedelta

    from app.services.case_dto import CaseDraft
    from app.ui.cases import opener
    from app.ui.cases.break_glass_dialog import BreakGlassDialog
    from app.ui.cases.new_dialog import NewCaseDialog
    from app.ui.cases.window import CaseWindow

    today = services.ctx.today()
    flow = services.case_workflow
    people = [h.id for h in services.beneficiaries.search("", limit=10)]
    services.accounts.login("worker2", "worker2-demo-2026")  # a demo account
    services.cases.open_case(
        CaseDraft(people[0], "child_protection", summary="بلاغ من المدرسة")
    )  # another worker's sensitive case: masked in the person's list
    services.accounts.login("worker", "worker-demo-2026")

    def shown(window: QWidget | None) -> CaseWindow:
        assert isinstance(window, CaseWindow)
        wait_until(lambda: window.view is not None and worker.is_idle())
        window.resize(1180, 700)
        return window

    def dialog_of(window: CaseWindow, action: str, name: str, fill=None) -> None:  # type: ignore[no-untyped-def]
        dialog = window.act(action) if action else window.dialog
        assert dialog is not None
        if fill is not None:
            fill(dialog)
        wait_until(worker.is_idle)
        save_dialog(dialog, out, name)
        dialog.reject()

    # A case of the family of a prisoner, taken to follow-up with its events.
    case = services.cases.open_case(
        CaseDraft(
            people[0],
            "prisoner_family",
            summary="الأب موقوف منذ سنة والأسرة بلا دخل ثابت.",
            extra={
                "prisoner_name": "علي سالم الورفلي",
                "institution": "مؤسسة الإصلاح والتأهيل الجديدة",
                "family_contact": "irregular",
            },
        )
    )
    flow.move(case.id, "assessment")
    flow.add_event(case.id, "assessment", {
        "needs": ["income", "psychosocial", "legal"], "risk_level": "high",
        "risks": "تراكم الإيجار وتهديد بالإخلاء", "summary": "الأم تعيل أربعة أطفال دون دخل.",
    })  # fmt: skip
    flow.move(case.id, "plan")
    flow.add_event(case.id, "plan_item", {
        "goal": "دخل شهري للأسرة", "action": "ملف منحة لدى صندوق التضامن",
        "owner": "الأخصائية", "due_on": (today + timedelta(days=20)).isoformat(),
    })  # fmt: skip
    flow.add_event(case.id, "plan_item", {
        "goal": "دعم نفسي للأطفال", "action": "جلسات في مركز الخدمة الاجتماعية",
        "owner": "المركز", "due_on": (today + timedelta(days=45)).isoformat(),
    })  # fmt: skip
    flow.move(case.id, "follow_up")
    first = {"due_on": (today - timedelta(days=3)).isoformat(), "place": "home"}
    visit = flow.add_event(case.id, "visit", first)
    flow.amend_event(visit.id, {
        **first, "state": "done", "done_on": (today - timedelta(days=2)).isoformat(),
        "outcome": "الأطفال في المدرسة، والمنزل بحاجة إلى صيانة.",
    })  # fmt: skip
    flow.add_event(case.id, "visit", {
        "due_on": (today + timedelta(days=5)).isoformat(), "place": "institution",
        "place_detail": "مؤسسة الإصلاح والتأهيل الجديدة",
    })  # fmt: skip
    flow.add_event(case.id, "referral", {
        "agency": "legal_aid", "reason": "محامٍ لمتابعة قضية الأب",
    })  # fmt: skip
    flow.add_event(case.id, "visit", {  # overdue: planned, its day past, no outcome
        "due_on": (today - timedelta(days=4)).isoformat(), "place": "school",
        "place_detail": "مدرسة الأندلس الابتدائية",
    })  # fmt: skip
    flow.add_event(case.id, "note", {"text": "الأم تخشى من أقارب الزوج.", "confidential": True})
    scan = data_dir / "scan.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    flow.attach_document(case.id, scan, title="شهادة قيد الأطفال بالمدرسة")

    if isinstance(host, MainWindow):
        person = host.open_beneficiary(people[0])
        person.resize(920, 560)
        wait_until(lambda: person.view is not None and worker.is_idle())
        person.tabs.setCurrentWidget(person.cases_panel)
        save(person, out, "case_person_cases.png")
        new = opener.open_new_case(person, services, worker, people[0])
        assert isinstance(new, NewCaseDialog)
        wait_until(worker.is_idle)
        new.case_type.set_code("juvenile")
        new.summary.setPlainText("حدث موقوف على ذمة قضية سرقة.")
        assert new.type_fields is not None
        new.type_fields.inputs["court"].setText("محكمة الأحداث بطرابلس")  # type: ignore[attr-defined]
        new.submit()
        wait_until(worker.is_idle)
        save_dialog(new, out, "case_new.png")
        new.reject()
        person.hide()

    window = shown(opener.open_case(host, services, worker, case.id))
    model = window.timeline.model
    done_row = next(
        r for r in range(model.rowCount())
        if model.event_at(r).kind == "visit" and model.event_at(r).state == "done"  # type: ignore[union-attr]
    )  # fmt: skip
    window.timeline.select_row(done_row)
    save(window, out, "case_timeline.png")
    window.tabs.setCurrentWidget(window.details)
    save(window, out, "case_details.png")
    window.tabs.setCurrentWidget(window.timeline)

    def assessment(d) -> None:  # type: ignore[no-untyped-def]
        for code in ("income", "housing", "psychosocial"):
            d.needs.boxes[code].setChecked(True)
        d.risk_level.set_code("medium")
        d.risks.setPlainText("انقطاع الأطفال عن المدرسة")
        d.summary.setPlainText("تحسن الدخل بعد المنحة، ويبقى السكن غير ملائم.")

    def plan_item(d) -> None:  # type: ignore[no-untyped-def]
        d.goal.setText("صيانة المنزل")
        d.action.setPlainText("طلب دعم من البلدية")
        d.owner.setText("الأخصائية والأسرة")
        d.due_on.set_value(today + timedelta(days=30))

    def visit_new(d) -> None:  # type: ignore[no-untyped-def]
        d.place.set_code("school")
        d.place_detail.setText("مدرسة الأندلس الابتدائية")

    def note(d) -> None:  # type: ignore[no-untyped-def]
        d.text.setPlainText("اتصلت الأم وأبلغت بموعد الجلسة القادمة للأب.")

    def referral(d) -> None:  # type: ignore[no-untyped-def]
        d.agency.set_code("social_solidarity_fund")
        d.reason.setPlainText("طلب منحة شهرية للأسرة")
        d.reply_due_on.set_value(today + timedelta(days=14))

    def document(d) -> None:  # type: ignore[no-untyped-def]
        wrong = data_dir / "letter.docx"
        wrong.write_bytes(b"PK\x03\x04 not a scan")
        d.file.setText(str(wrong))
        d.title.setText("خطاب المدرسة")
        d.submit()

    def transfer(d) -> None:  # type: ignore[no-untyped-def]
        d.to_branch.setText("MSR01")
        d.reason.setPlainText("انتقلت الأسرة إلى مصراتة")

    dialog_of(window, "assessment", "case_assessment.png", assessment)
    dialog_of(window, "plan_item", "case_plan_item.png", plan_item)
    dialog_of(window, "visit", "case_visit.png", visit_new)
    dialog_of(window, "note", "case_note.png", note)
    dialog_of(window, "referral", "case_referral.png", referral)
    dialog_of(window, "document", "case_document.png", document)
    dialog_of(window, "transfer", "case_transfer.png", transfer)
    planned = next(
        e
        for e in window.view.current_events("visit")
        if e.state == "planned"  # type: ignore[union-attr]
    )
    window.act_on_event("visit", planned).outcome.setPlainText("تمت الزيارة ومقابلة الأب.")  # type: ignore[attr-defined]
    dialog_of(window, "", "case_visit_outcome.png")
    sent = window.view.current_events("referral")[0]  # type: ignore[union-attr]
    window.act_on_event("referral", sent).state.set_code("accepted")  # type: ignore[attr-defined]
    dialog_of(window, "", "case_referral_answer.png")

    # Asking for closure: what is still open is listed, each resolved or given a reason; the
    # one left without a reason stops the request, its message beside it.
    closure = window.act("request_closure")
    assert closure is not None
    closure.closure_reason.set_code("goals_achieved")  # type: ignore[attr-defined]
    closure.note.setPlainText("حصلت الأسرة على منحة شهرية وعاد الأطفال إلى المدرسة.")  # type: ignore[attr-defined]
    checklist = closure.checklist  # type: ignore[attr-defined]
    first = checklist.items[0]
    checklist.resolve(first).state.set_code("done")
    checklist.dialog.submit()
    wait_until(lambda: worker.is_idle() and first.chain not in checklist.boxes)
    texts = ["ستتابعه مراكز الخدمة الاجتماعية بعد الإغلاق", "المحامي تابع القضية دون رد من الجهة"]
    for box, text in zip(list(checklist.boxes.values())[:-1], texts, strict=False):
        box.setPlainText(text)
    closure.submit()
    wait_until(lambda: worker.is_idle() and bool(closure.status_text() or any(
        s.error() for s in checklist.form.slots.values())))  # fmt: skip
    closure.resize(760, closure.sizeHint().height())
    save_with_dialog(window, closure, out, "case_request_closure.png")
    list(checklist.boxes.values())[-1].setPlainText("لم تعد لازمة بعد عودة الأطفال إلى المدرسة")
    closure.submit()
    wait_until(lambda: worker.is_idle() and window.view.status == "pending_closure")  # type: ignore[union-attr]
    window.timeline.select_event(window.view.events[-1].id)  # type: ignore[union-attr]
    window.timeline.details.verticalScrollBar().setValue(10_000)  # the reasons, at the end
    save(window, out, "case_pending_closure.png")
    window.close()

    # A juvenile case with its court report.
    juvenile = services.cases.open_case(
        CaseDraft(
            people[1],
            "juvenile",
            summary="حدث موقوف على ذمة قضية، يعيش مع والدته.",
            extra={
                "court": "محكمة الأحداث بطرابلس", "court_file_number": "145/2026",
                "next_hearing_on": (today + timedelta(days=12)).isoformat(),
                "guardian_name": "فاطمة أحمد", "guardian_relationship": "الأم",
            },
        )
    )  # fmt: skip
    flow.move(juvenile.id, "assessment")
    flow.add_event(juvenile.id, "assessment", {
        "needs": ["legal", "education", "psychosocial"], "risk_level": "critical",
        "summary": "ترك المدرسة منذ سنة ويقضي وقته مع رفاق أكبر سناً.",
    })  # fmt: skip
    report = flow.add_event(juvenile.id, "court_report", {
        "court": "محكمة الأحداث بطرابلس", "court_file_number": "145/2026",
        "hearing_on": (today + timedelta(days=12)).isoformat(),
        "family_background": "الأب متوفى، والأم تعمل منظفة وتعيل ثلاثة أبناء.",
        "social_situation": "ترك المدرسة في الصف الثامن، ولا سوابق له.",
        "recommendations": "تسليمه لوالدته مع إلحاقه ببرنامج تدريب مهني ومتابعة شهرية.",
    })  # fmt: skip
    window = shown(opener.open_case(host, services, worker, juvenile.id))
    window.timeline.select_event(report.id)
    save(window, out, "case_juvenile.png")

    def court(d) -> None:  # type: ignore[no-untyped-def]
        d.family_background.setPlainText("يعيش مع والدته وإخوته الثلاثة.")
        d.resize(640, d.sizeHint().height())

    dialog_of(window, "court_report", "case_court_report.png", court)
    window.close()

    # A move the workflow refuses (the plan before any assessment).
    early = services.cases.open_case(CaseDraft(people[2], "displaced", summary="أسرة نازحة"))
    flow.move(early.id, "assessment")
    window = shown(opener.open_case(host, services, worker, early.id))
    window.stage_action("move:plan")
    wait_until(lambda: worker.is_idle() and bool(window.message_text()))
    save(window, out, "case_refused_move.png")
    window.close()

    # Another worker breaks the glass: a short reason first, then the case read-only.
    services.accounts.login("worker2", "worker2-demo-2026")
    glass = BreakGlassDialog(host, case.number)
    glass.show()
    glass.reason_edit.setPlainText("للاطلاع")
    glass.accept()
    save_dialog(glass, out, "case_break_glass.png")
    glass.reject()
    reader = CaseWindow(
        services, worker, case.id, reason="الأخصائية في إجازة والأسرة حضرت اليوم", parent=host
    )
    reader.show()
    reader = shown(reader)
    save(reader, out, "case_read_only.png")
    reader.close()

    # The supervisor answers the closure request.
    services.accounts.login("supervisor", "supervisor-demo-2026")
    window = shown(opener.open_case(host, services, worker, case.id))
    approve = window.stage_action("approve")
    assert approve is not None
    approve.resize(760, approve.sizeHint().height())
    save_with_dialog(window, approve, out, "case_approve_closure.png")
    approve.reject()
    refuse = window.stage_action("refuse")
    assert refuse is not None
    refuse.reason.setPlainText("لم تُنفذ الزيارة إلى المؤسسة بعد.")  # type: ignore[attr-defined]
    dialog_of(window, "", "case_refuse_closure.png")
    dialog_of(window, "assign", "case_assign.png")
    approve = window.stage_action("approve")
    assert approve is not None
    approve.submit()
    wait_until(lambda: worker.is_idle() and window.view.status == "closed")  # type: ignore[union-attr]
    save(window, out, "case_closed.png")
    window.close()
    opener.close_case_windows(services)


def _sync_screens(worker: Worker, root: Path, out: Path) -> None:
    """A real branch enrolled with an HQ served on loopback: a sync that went through, then
    one with HQ down (the status bar and the sync window say what happened)."""
    try:
        import threading

        import uvicorn

        from app.db.engine import sqlite_url
        from app.demo.register import add_demo_people
        from app.domain.accounts import Role
        from app.hq.api import create_app
        from app.hq.home import HqHome
        from app.hq.service import HqService
        from app.services.setup import initialize_branch
        from app.services.sync import SyncService
    except ImportError as err:
        print(f"skipped sync.png: {err}")
        return
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hq = HqService.open(HqHome.open(root / "hq"), sqlite_url(root / "hq" / "hq.db"))
    server = uvicorn.Server(
        uvicorn.Config(create_app(hq), host="127.0.0.1", port=port, log_level="warning",
                       lifespan="off", ws="none", http="h11")
    )  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started)
    enrollment = hq.add_branch("TRP01", "فرع طرابلس المركز", root, url=f"http://127.0.0.1:{port}")
    initialize_branch(root / "trp01", "TRP01", "فرع طرابلس المركز")
    branch = open_branch(root / "trp01")
    try:
        branch.accounts.create_user(
            "admin", "مدير الفرع", Role.BRANCH_ADMIN, "screens-2026", by_admin=False
        )
        admin = branch.accounts.login("admin", "screens-2026")
        SyncService(branch.ctx).enroll(enrollment)
        add_demo_people(branch, 40, seed=7)
        window = MainWindow(branch, worker, admin, "TRP01", demo=False)
        window.resize(1200, 700)
        window.show()
        window.search_page.set_query("")
        controller = window.sync_controller
        controller.sync_now()
        wait_until(lambda: not controller.busy, timeout=60)
        assert controller.dialog is not None
        wait_until(worker.is_idle)
        save_with_dialog(window, controller.dialog, out, "sync.png")
        add_demo_people(branch, 3, seed=7)
        server.should_exit = True
        thread.join(timeout=10)
        controller.sync_now()
        wait_until(lambda: not controller.busy, timeout=60)
        wait_until(worker.is_idle)
        save_with_dialog(window, controller.dialog, out, "sync_error.png")
        controller.dialog.hide()
        window.hide()
    finally:
        server.should_exit = True
        branch.close()
        hq.close()


def _draft_of(view) -> BeneficiaryDraft:  # type: ignore[no-untyped-def]
    from app.domain.people import local_phone

    return BeneficiaryDraft(
        first_name=view.first_name,
        father_name=view.father_name,
        grandfather_name=view.grandfather_name,
        family_name=view.family_name,
        mother_name=view.mother_name,
        latin_name=view.latin_name,
        sex=view.sex,
        birth_date=view.birth_date,
        national_number=view.identifier("national_number"),
        admin_number=view.identifier("admin_number"),
        passport_number=view.identifier("passport"),
        family_booklet_number=view.identifier("family_booklet"),
        nationality=view.nationality,
        municipality_code=view.municipality_code or "",
        address=view.address,
        phones=[local_phone(p) for p in view.phones],
        marital_status=view.marital_status or "",
        disability_type=view.disability_type,
        disability_degree=view.disability_degree or "",
        displacement_status=view.displacement_status,
        monthly_income=str(view.monthly_income_dirhams / 1000)
        if view.monthly_income_dirhams is not None
        else "",
        notes=view.notes,
    )


if __name__ == "__main__":
    sys.exit(main())
