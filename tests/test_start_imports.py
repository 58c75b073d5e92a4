"""What the desktop start imports: the `sanad` command, the composition root and the main
window, but not the libraries only some later action needs (issue 14, "Start": they cost
~1 s of a start). Alembic loads only when the database is behind the scripts; httpx on the
first sync; openpyxl on the first spreadsheet; reportlab and PDFium on the first print."""

from __future__ import annotations

import json
import subprocess
import sys

LATER = ("alembic", "httpx", "openpyxl", "reportlab", "pypdfium2", "rich", "fastapi")

PROBE = """
import json, sys
import app.cli.sanad, app.bootstrap, app.ui.shell.application, app.ui.shell.main_window
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_the_start_path_leaves_later_libraries_unimported() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(out.splitlines()[-1]))
    assert "sqlalchemy" in loaded and "PySide6" in loaded  # the probe imports the app
    assert sorted(loaded & set(LATER)) == []
