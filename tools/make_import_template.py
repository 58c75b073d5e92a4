"""Write the beneficiary import templates from the column table (app.services.import_columns).

  resources/templates/beneficiaries-template.csv   English headers, UTF-8 with BOM (Excel opens
                                                   the Arabic correctly), three example rows
  resources/templates/beneficiaries-template.xlsx  Arabic headers on a right-to-left sheet, the
                                                   same example rows (text cells, so Excel keeps
                                                   leading zeros), and a sheet of instructions

Run: uv run python tools/make_import_template.py [--check]
  --check  exit 1 if the files in resources/templates/ differ from what this would write.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

from app.services.import_columns import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "templates"
CSV_FILE = OUT / "beneficiaries-template.csv"
XLSX_FILE = OUT / "beneficiaries-template.xlsx"
EXAMPLE_NOTE = "مثال: احذف هذا السطر قبل الاستيراد"

EXAMPLES: tuple[dict[str, str], ...] = (
    {
        "first_name": "محمد",
        "father_name": "علي",
        "grandfather_name": "سالم",
        "family_name": "الورفلي",
        "mother_name": "فاطمة المقريف",
        "sex": "ذكر",
        "birth_date": "15/03/1985",
        "national_number": "119850123456",
        "phone": "0912345678",
        "municipality": "مصراتة",
        "latin_name": "Mohamed Ali Alwarfalli",
        "family_booklet_number": "556677",
        "marital_status": "متزوج",
        "displacement_status": "مقيم",
        "monthly_income": "1250",
        "notes": EXAMPLE_NOTE,
    },
    {
        "first_name": "عائشة",
        "father_name": "أحمد",
        "grandfather_name": "عبد الله",
        "family_name": "المصراتي",
        "mother_name": "خديجة الزوي",
        "sex": "أنثى",
        "birth_date": "1990-07-02",
        "national_number": "219900456789",
        "phone": "0925551234",
        "municipality": "Benghazi",
        "address": "حي الصابري",
        "marital_status": "متزوجة",
        "disability_type": "حركية",
        "disability_degree": "متوسطة",
        "displacement_status": "نازحة",
        "notes": EXAMPLE_NOTE,
    },
    {
        "first_name": "يوسف",
        "father_name": "محمد",
        "grandfather_name": "علي",
        "family_name": "الورفلي",
        "mother_name": "عائشة المصراتي",
        "sex": "M",
        "birth_date": "2015-09-20",
        "national_number": "120150012345",
        "phone": "",
        "municipality": "LY021401",
        "notes": EXAMPLE_NOTE,
    },
)


def csv_bytes() -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in COLUMNS])
    for example in EXAMPLES:
        writer.writerow([example.get(c.name, "") for c in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "المستفيدون"
    sheet.sheet_view.rightToLeft = True
    sheet.append([c.arabic for c in COLUMNS])
    required = PatternFill("solid", fgColor="FFF2CC")
    for cell, column in zip(sheet[1], COLUMNS, strict=True):
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = required
    for example in EXAMPLES:
        sheet.append([example.get(c.name, "") for c in COLUMNS])
    for index, column in enumerate(COLUMNS, 1):
        letter = sheet.cell(row=1, column=index).column_letter
        dimension = sheet.column_dimensions[letter]
        dimension.width = max(14, len(column.arabic) + 4)
        dimension.number_format = "@"  # text: Excel keeps leading zeros and long numbers
        for row in range(1, len(EXAMPLES) + 2):
            sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"

    guide = book.create_sheet("تعليمات - Instructions")
    guide.sheet_view.rightToLeft = True
    guide.append(["العمود", "column", "إلزامي / required", "القيمة / value", "مثال / example"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        guide.append(
            [
                column.arabic,
                column.name,
                "نعم / yes" if column.required else "",
                column.value,
                column.example,
            ]
        )
    guide.append([])
    guide.append(
        [
            "يقرأ البرنامج الورقة الأولى فقط. الصف الأول عناوين الأعمدة (بالعربية أو "
            "الإنجليزية). التفاصيل في docs/import-format.md"
        ]
    )
    for letter, width in zip("ABCDE", (22, 24, 16, 70, 18), strict=True):
        guide.column_dimensions[letter].width = width
    book.properties.creator = "Sanad"
    book.save(path)


def xlsx_content(path: Path) -> list[list[object]]:
    book = load_workbook(path, read_only=True)
    try:
        return [list(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as scratch:
            fresh = Path(scratch) / XLSX_FILE.name
            write_xlsx(fresh)
            same = (
                CSV_FILE.exists()
                and XLSX_FILE.exists()
                and CSV_FILE.read_bytes() == csv_bytes()
                and xlsx_content(XLSX_FILE) == xlsx_content(fresh)
            )
        if not same:
            print("templates are out of date: run tools/make_import_template.py", file=sys.stderr)
            return 1
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    CSV_FILE.write_bytes(csv_bytes())
    write_xlsx(XLSX_FILE)
    print(f"wrote {CSV_FILE.relative_to(ROOT)} and {XLSX_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
