"""The Arabic UI shows no English: every visible text of every screen is checked, and every
error code and stored value has its Arabic text. Also the translation file is complete."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.errors import ErrorCode
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.common import labels, messages
from app.ui.common.worker import Worker
from app.ui.households.household_form import HouseholdForm
from app.ui.importing.dialog import ImportDialog
from app.ui.people.beneficiary_form import BeneficiaryForm
from app.ui.shell.lock import LockDialog
from app.ui.shell.login_dialog import FirstAdminDialog, LoginDialog
from app.ui.shell.main_window import MainWindow
from app.ui.shell.settings_dialog import SettingsDialog
from tests.ui.arabic_checks import assert_arabic, english_words
from tests.ui.conftest import WAIT_MS

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[3]


def test_every_screen_is_arabic(
    qtbot: QtBot,
    worker: AppServices,
    ui_worker: Worker,
    registered: BeneficiaryView,
    wait_idle: Callable[[], None],
) -> None:
    user = worker.ctx.user
    assert user is not None
    window = MainWindow(worker, ui_worker, user, "DEMO", demo=True)
    qtbot.addWidget(window)
    window.search_page.search_now()
    wait_idle()
    assert window.search_page.model.rowCount() == 1
    screens: list[QWidget] = [window]

    new = window.new_beneficiary()
    new.save()  # all the "required" messages
    wait_idle()
    person = window.open_beneficiary(registered.id)
    wait_idle()
    household = window.create_household(registered)
    screens += [new, person, household]
    for dialog in (
        SettingsDialog(worker),
        LockDialog(worker, ui_worker, 10),
        LoginDialog(worker, ui_worker, "DEMO", demo=True),
        FirstAdminDialog(worker, ui_worker),
        ImportDialog(worker, ui_worker),
    ):
        qtbot.addWidget(dialog)
        screens.append(dialog)
    for screen in screens:
        assert_arabic(screen)
    assert isinstance(household, HouseholdForm) and isinstance(new, BeneficiaryForm)
    qtbot.waitUntil(lambda: person.view is not None, timeout=WAIT_MS)
    window.close_forms()


def test_every_error_code_has_an_arabic_message() -> None:
    for code in ErrorCode:
        assert code in messages.TEXT, code
        text = messages.message(code, {"max": "60", "min": "8", "year": "1985"})
        assert not english_words(text), (code, text)
        assert re.search("[\u0600-\u06ff]", text), (code, text)
    assert messages.account_locked(3) == "الحساب مقفل. حاول مرة أخرى بعد 3 دقائق."


@pytest.mark.parametrize(
    "table",
    [
        labels.SEX,
        labels.MARITAL,
        labels.DISABILITY_TYPE,
        labels.DISABILITY_DEGREE,
        labels.DISPLACEMENT,
        labels.RELATIONSHIP,
        labels.HOUSING,
        labels.IDENTIFIER,
        labels.ROLE,
        labels.NATIONALITY,
        labels.FIELD,
        labels.OPERATION,
        labels.TABLE,
    ],
)
def test_every_stored_value_has_an_arabic_label(table: dict[str, str]) -> None:
    for code, source in table.items():
        text = QCoreApplication.translate(labels.CONTEXT, source)
        assert text != source and re.search("[\u0600-\u06ff]", text), (code, source)


def test_enums_are_all_labelled() -> None:
    from app.domain.beneficiary import (
        DisabilityDegree,
        DisabilityType,
        DisplacementStatus,
        IdentifierType,
        MaritalStatus,
    )
    from app.domain.household import HousingType, Relationship
    from app.domain.people import Sex

    for enum, table in (
        (Sex, labels.SEX),
        (MaritalStatus, labels.MARITAL),
        (DisabilityType, labels.DISABILITY_TYPE),
        (DisabilityDegree, labels.DISABILITY_DEGREE),
        (DisplacementStatus, labels.DISPLACEMENT),
        (Relationship, labels.RELATIONSHIP),
        (HousingType, labels.HOUSING),
        (IdentifierType, labels.IDENTIFIER),
    ):
        assert {e.value for e in enum} == set(table), enum


@pytest.mark.parametrize(("language", "options"), [("ar", []), ("en", ["-pluralonly"])])
def test_translation_files_are_complete_and_current(
    tmp_path: Path, language: str, options: list[str]
) -> None:
    """lupdate over app/ui finds no text missing from i18n/sanad_<language>.ts; all are done,
    and the compiled .qm is not older than the .ts."""
    import shutil
    import subprocess
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from update_translations import untranslated  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    ts = ROOT / "i18n" / f"sanad_{language}.ts"
    assert untranslated(ts) == []
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    sources = sorted(str(p) for p in (ROOT / "app" / "ui").glob("*.py"))
    subprocess.run(
        [
            str(lupdate),
            *sources,
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            language,
            *options,
            "-ts",
            str(copy),
        ],
        check=True,
        capture_output=True,
    )
    assert untranslated(copy) == [], "run tools/update_translations.py and translate"
    qm = ts.with_suffix(".qm")
    assert qm.stat().st_mtime >= ts.stat().st_mtime - 1, f"{qm.name} is older than {ts.name}"


def test_english_gets_its_plural_forms_and_left_to_right(arabic_app) -> None:  # type: ignore[no-untyped-def]
    from app.ui.common.translations import install_language

    try:
        loaded = install_language(arabic_app, "en")
        assert any(p.endswith("sanad_en.qm") for p in loaded)
        assert arabic_app.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert messages.account_locked(1) == "The account is locked. Try again in 1 minute."
        assert messages.account_locked(5) == "The account is locked. Try again in 5 minutes."
        assert messages.message(ErrorCode.REQUIRED) == "This field is required."
    finally:
        install_language(arabic_app, "ar")
    assert arabic_app.layoutDirection() == Qt.LayoutDirection.RightToLeft
