"""Per-installation preferences kept beside the database (language, idle lock)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

LANGUAGES = ("ar", "en")


@dataclass(slots=True)
class Preferences:
    language: str = "ar"
    idle_lock_minutes: int = 10

    @classmethod
    def load(cls, data_dir: Path) -> Preferences:
        path = data_dir / "preferences.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        prefs = cls()
        if raw.get("language") in LANGUAGES:
            prefs.language = raw["language"]
        minutes = raw.get("idle_lock_minutes")
        if isinstance(minutes, int) and 1 <= minutes <= 240:
            prefs.idle_lock_minutes = minutes
        return prefs

    def save(self, data_dir: Path) -> None:
        path = data_dir / "preferences.json"
        tmp = path.with_suffix(".json.part")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        tmp.replace(path)
