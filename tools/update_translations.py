"""Refresh the translations: pyside6-lupdate over app/ui -> i18n/*.ts, pyside6-lrelease -> .qm,
and copy Qt's own qtbase_ar.qm beside them (found there in a PyInstaller bundle too).

- i18n/sanad_ar.ts: every text (the source texts are English).
- i18n/sanad_en.ts: only the plural texts ("%n result(s)" -> "1 result" / "2 results").

Run: uv run python tools/update_translations.py [--check]
  --check  only report untranslated texts (exit 1 if any); writes nothing.
After an update, translate the new entries (Qt Linguist or any editor), then run it again to
compile them. Translations may also be given as JSON in `i18n/fill/*.json`
(`{"Context": {"English source": "العربية"}}`): they fill the Arabic entries that are still
empty or unfinished, which lets several people add screens at once without editing the same
.ts file by hand. Locations are left out of the .ts files so that they change only with the texts.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "app" / "ui"
I18N = ROOT / "i18n"
TS_FILE = I18N / "sanad_ar.ts"
QM_FILE = I18N / "sanad_ar.qm"
# language -> extra lupdate options
LANGUAGES = {"ar": [], "en": ["-pluralonly"]}
QT_QM = "qtbase_ar.qm"


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"{name} not found: run this with `uv run` (PySide6-Essentials ships it)")
    return found


def ts_file(language: str) -> Path:
    return I18N / f"sanad_{language}.ts"


def untranslated(ts: Path = TS_FILE) -> list[str]:
    """Source texts whose translation is missing or marked unfinished."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None:
            missing.append(source)
            continue
        kind = translation.get("type")
        if kind in ("vanished", "obsolete"):
            continue
        forms = translation.findall("numerusform")
        texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
        if kind == "unfinished" or not all(t.strip() for t in texts):
            missing.append(source)
    return missing


def lupdate(language: str, ts: Path) -> None:
    sources = sorted(str(p) for p in UI_DIR.rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "none",
         "-target-language", language, *LANGUAGES[language], "-ts", str(ts)],
        check=True,
    )  # fmt: skip


def fill_from_json(ts: Path, folder: Path = I18N / "fill") -> int:
    """Fill empty or unfinished translations in `ts` from `folder`/*.json; returns how many."""
    table: dict[tuple[str, str], str] = {}
    for path in sorted(folder.glob("*.json")):
        for context, texts in json.loads(path.read_text(encoding="utf-8")).items():
            for source, translation in texts.items():
                table[(context, source)] = translation
    if not table:
        return 0
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            wanted = table.get((name, source))
            translation = message.find("translation")
            if wanted is None or translation is None or translation.findall("numerusform"):
                continue
            if translation.get("type") == "unfinished" or not (translation.text or "").strip():
                translation.text = wanted
                translation.attrib.pop("type", None)
                filled += 1
    if filled:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def qt_translations_dir() -> Path:
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report untranslated texts")
    args = parser.parse_args(argv)
    missing = 0
    for language in LANGUAGES:
        ts = ts_file(language)
        if not args.check:
            I18N.mkdir(exist_ok=True)
            lupdate(language, ts)
            if language == "ar":
                print(f"{ts.name}: {fill_from_json(ts)} text(s) filled from i18n/fill/*.json")
            subprocess.run(
                [_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
                check=True,
            )
        todo = untranslated(ts)
        missing += len(todo)
        print(f"{ts.name}: {len(todo)} untranslated text(s)")
        for source in todo:
            print(f"  untranslated: {source!r}")
    if not args.check:
        shutil.copy2(qt_translations_dir() / QT_QM, I18N / QT_QM)
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
