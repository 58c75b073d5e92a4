"""HQ's home folder: its key pairs, held batches, settings, and where the central DB is.

Layout of the folder (`--hq-dir`, else SANAD_HQ_DIR, else the user's data folder):

    keys/HQ.keys.json   HQ's private keys (made on first use, mode 0600)
    held/               batches waiting for an earlier one (a gap in the sequence)
    tmp/                uploads being received, answers being written
    config.json         {"url": public URL for enrollment files, "db": central DB URL,
                         "replica": this HQ installation's id}; mode 0600 (the DB URL may
                         hold a password)
    hq.db               the central database when no server URL was given (SQLite)
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.db.engine import sqlite_url
from app.sync.keys import KeyPair
from app.sync.safe_files import atomic_write

ENV_HQ_DIR = "SANAD_HQ_DIR"
ENV_HQ_DB = "SANAD_HQ_DB"
HQ_PARTY = "HQ"
CONFIG_FILE = "config.json"
DB_FILE = "hq.db"


def resolve_hq_dir(cli_value: str | None = None) -> Path:
    """--hq-dir beats SANAD_HQ_DIR beats the user's data folder."""
    chosen = cli_value or os.environ.get(ENV_HQ_DIR)
    if chosen:
        return Path(chosen).expanduser().resolve()
    from platformdirs import user_data_dir  # not imported by every `sanad` start

    return Path(user_data_dir("Sanad-HQ", "MoSA-Libya"))


@dataclass(frozen=True, slots=True)
class HqHome:
    root: Path

    @classmethod
    def open(cls, root: Path) -> HqHome:
        home = cls(root)
        # Owner only: the central SQLite file and held batches hold people's records.
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        for folder in (home.keys_dir, home.held_dir, home.tmp_dir):
            folder.mkdir(mode=0o700, exist_ok=True)
        return home

    @property
    def keys_dir(self) -> Path:
        return self.root / "keys"

    @property
    def held_dir(self) -> Path:
        return self.root / "held"

    @property
    def tmp_dir(self) -> Path:
        return self.root / "tmp"

    def keys(self) -> KeyPair:
        """HQ's key pairs, made the first time they are needed."""
        if not KeyPair.exists(self.keys_dir, HQ_PARTY):
            KeyPair.generate(HQ_PARTY).save(self.keys_dir)
        return KeyPair.load(self.keys_dir, HQ_PARTY)

    # -- settings -------------------------------------------------------------------------

    def config(self) -> dict[str, Any]:
        path = self.root / CONFIG_FILE
        if not path.is_file():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise ValueError(f"{path}: unreadable settings ({err})") from None
        if not isinstance(data, dict):
            raise ValueError(f"{path}: unreadable settings (not a JSON object)")
        return data

    def update_config(self, **values: str) -> None:
        data = self.config()
        data.update(values)
        path = self.root / CONFIG_FILE
        atomic_write(path, json.dumps(data, indent=2).encode("utf-8"))  # 0600

    @property
    def url(self) -> str:
        return str(self.config().get("url") or "")

    def replica(self) -> str:
        """This HQ installation's id (stamped on its answers), made once."""
        value = self.config().get("replica")
        if not value:
            value = str(uuid.uuid4())
            self.update_config(replica=value)
        return str(value)

    def db_url(self, cli_value: str | None = None) -> str:
        """--db (remembered for the next commands) beats SANAD_HQ_DB beats the saved one
        beats SQLite `hq.db` in this folder."""
        if cli_value:
            if cli_value != self.config().get("db"):
                self.update_config(db=cli_value)
            return cli_value
        return (
            os.environ.get(ENV_HQ_DB)
            or str(self.config().get("db") or "")
            or sqlite_url(self.root / DB_FILE)
        )
