"""What the desktop start imports: the `sanad` command, the composition root and the main
window, but not the libraries only some later action needs (issue 14, "Start": they cost
~1 s of a start). Alembic loads only when the database is behind the scripts; httpx on the
first sync; openpyxl on the first spreadsheet; reportlab and PDFium on the first print; the
record forms when one is first opened; SQLAlchemy's PostgreSQL dialect only at HQ."""

from __future__ import annotations

import json
import subprocess
import sys

LATER = ("alembic", "httpx", "openpyxl", "reportlab", "pypdfium2", "rich", "fastapi", "psycopg")
LATER_MODULES = (
    "sqlalchemy.dialects.postgresql",
    "app.ui.people.beneficiary_form",
    "app.ui.households.household_form",
    "app.ui.cases.window",
    "app.ui.printing.preview",
    "platformdirs",
)

PROBE = """
import json, sys
import app.cli.sanad, app.bootstrap, app.ui.shell.application, app.ui.shell.main_window
print(json.dumps(sorted(sys.modules)))
"""


def test_the_start_path_leaves_later_libraries_unimported() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout
    modules = set(json.loads(out.splitlines()[-1]))
    loaded = {m.split(".")[0] for m in modules}
    assert "sqlalchemy" in loaded and "PySide6" in loaded  # the probe imports the app
    assert sorted(loaded & set(LATER)) == []
    assert sorted(modules & set(LATER_MODULES)) == []
