"""Where bundled files live: the source tree, an installed wheel, or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here.parent / "resources", here / "_resources"]
    for candidate in candidates:
        if (candidate / "reference").is_dir():
            return candidate
    raise FileNotFoundError("Sanad's resources folder was not found next to the program")


def i18n_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    here = Path(__file__).resolve().parent
    for candidate in (
        Path(frozen) / "i18n" if frozen else None,
        here.parent / "i18n",
        here / "_i18n",
    ):
        if candidate is not None and candidate.is_dir():
            return candidate
    return here.parent / "i18n"
