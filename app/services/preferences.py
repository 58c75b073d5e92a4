"""Preferences kept beside the database: the installation's (the login screen's language, the
idle lock) and each account's own (its language, the last folder it chose in a file dialog).

`language` is the language in force now: the installation's until someone logs in, then that
user's (`use_language_of`). The file is `preferences.json`: {"language": the installation's,
"idle_lock_minutes": n, "users": {user id: {"language": "en", "folder": "/home/..."}}}.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LANGUAGES = ("ar", "en")
FILE_NAME = "preferences.json"


@dataclass(slots=True)
class Preferences:
    language: str = "ar"
    idle_lock_minutes: int = 10
    default_language: str = "ar"
    users: dict[str, dict[str, str]] = field(default_factory=dict)
    data_dir: Path | None = None

    @classmethod
    def load(cls, data_dir: Path) -> Preferences:
        prefs = cls(data_dir=data_dir)
        try:
            raw = json.loads((data_dir / FILE_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return prefs
        if not isinstance(raw, dict):
            return prefs
        if raw.get("language") in LANGUAGES:
            prefs.language = prefs.default_language = raw["language"]
        minutes = raw.get("idle_lock_minutes")
        if isinstance(minutes, int) and 1 <= minutes <= 240:
            prefs.idle_lock_minutes = minutes
        users = raw.get("users")
        if isinstance(users, dict):
            for user_id, own in users.items():
                if isinstance(own, dict):
                    kept = {k: v for k, v in own.items() if isinstance(v, str)}
                    if kept.get("language", "ar") not in LANGUAGES:
                        kept.pop("language")
                    prefs.users[str(user_id)] = kept
        return prefs

    def save(self, data_dir: Path | None = None) -> None:
        """Write the file (atomically); raises OSError if the data folder is not writable."""
        folder = data_dir or self.data_dir
        if folder is None:
            raise ValueError("preferences without a data folder cannot be saved")
        body: dict[str, Any] = {
            "language": self.default_language,
            "idle_lock_minutes": self.idle_lock_minutes,
            "users": self.users,
        }
        path = folder / FILE_NAME
        tmp = path.with_suffix(".json.part")
        tmp.write_text(json.dumps(body, indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    # -- each account's own -------------------------------------------------------------------

    def language_of(self, user_id: str) -> str:
        """The user's chosen language, else the installation's."""
        return self.users.get(user_id, {}).get("language") or self.default_language

    def set_language_of(self, user_id: str, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self.users.setdefault(user_id, {})["language"] = language
        self.save()

    def use_language_of(self, user_id: str | None) -> str:
        """Put `user_id`'s language in force (None: the installation's, as after logging out)."""
        self.language = self.default_language if user_id is None else self.language_of(user_id)
        return self.language

    def folder_of(self, user_id: str) -> str | None:
        """The last folder the user chose in a file dialog, if any."""
        return self.users.get(user_id, {}).get("folder") or None

    def set_folder_of(self, user_id: str, folder: str) -> None:
        if self.users.get(user_id, {}).get("folder") == folder:
            return
        self.users.setdefault(user_id, {})["folder"] = folder
        self.save()
