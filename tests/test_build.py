"""The PyInstaller build (build.spec): it builds, and the built app runs without Python.

Slow (a full PyInstaller build): excluded by default, run with `uv run pytest -m slow`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXE_NAME = "sanad.exe" if sys.platform == "win32" else "sanad"
BUILD_TIMEOUT_S = 1200
RUN_TIMEOUT_S = 180


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build dist/sanad once for this module; returns the bundle folder."""
    work = tmp_path_factory.mktemp("pyinstaller")
    dist = work / "dist"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(ROOT / "build.spec"),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work / "build"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    log = f"{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    assert result.returncode == 0, f"build failed:\n{log}"
    folder = dist / "sanad"
    assert (folder / EXE_NAME).is_file()
    return folder


def _run_built(
    bundle: Path, tmp_path: Path, *args: str, data_dir: Path
) -> subprocess.CompletedProcess[str]:
    """Run the built program as a user would: no virtualenv, no Python on PATH, cwd elsewhere."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "UV_", "SANAD_", "QT_"))
    }
    env.update(
        PATH="/usr/bin:/bin",
        HOME=str(tmp_path / "home"),
        QT_QPA_PLATFORM="offscreen",
        LANG="C.UTF-8",
    )
    return subprocess.run(
        [str(bundle / EXE_NAME), "--data-dir", str(data_dir), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


def test_bundle_carries_its_data_files(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (internal / "app/db/migrations/env.py").is_file()
    assert (internal / "app/db/migrations/script.py.mako").is_file()
    versions = {p.name for p in (ROOT / "app/db/migrations/versions").glob("*.py")}
    assert versions
    assert versions <= {p.name for p in (internal / "app/db/migrations/versions").glob("*.py")}
    for font in (ROOT / "resources/fonts").iterdir():
        assert (internal / "resources/fonts" / font.name).is_file(), font.name
    assert (internal / "resources/reference/municipalities.json").is_file()
    for qm in (ROOT / "i18n").glob("*.qm"):
        assert (internal / "i18n" / qm.name).is_file(), qm.name
    assert not (internal / "pytest").exists()
    assert not (internal / "PyInstaller").exists()


def test_built_app_selftest_opens_the_main_window_and_prints(bundle: Path, tmp_path: Path) -> None:
    result = _run_built(bundle, tmp_path, "--selftest", data_dir=tmp_path / "branch")
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "selftest ok: main window shown" in result.stdout
    # reportlab's data, the Amiri font and PDFium's library all made it into the bundle.
    assert "printing ok: blank intake form" in result.stdout, result.stdout


def test_built_app_migrates_seeds_and_searches(bundle: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "branch"
    result = _run_built(bundle, tmp_path, "search", "محمد", "--json", data_dir=data_dir)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    hits = json.loads(result.stdout)
    assert isinstance(hits, list)
    assert hits, "the demo branch should hold people named محمد"
    assert {"id", "first_name", "father_name", "family_name", "mother_name"} <= hits[0].keys()
    assert (data_dir / "sanad.db").is_file()

    users = _run_built(bundle, tmp_path, "users", "list", data_dir=data_dir)
    assert users.returncode == 0, users.stderr
    assert "admin" in users.stdout
