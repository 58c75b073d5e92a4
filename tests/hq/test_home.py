"""HQ's folder: where it is, and which central database the commands use."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.hq.home import ENV_HQ_DB, ENV_HQ_DIR, HqHome, resolve_hq_dir


def test_the_folder_comes_from_the_option_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_HQ_DIR, str(tmp_path / "env"))
    assert resolve_hq_dir(str(tmp_path / "cli")) == tmp_path / "cli"
    assert resolve_hq_dir(None) == tmp_path / "env"
    monkeypatch.delenv(ENV_HQ_DIR)
    assert resolve_hq_dir(None).name == "Sanad-HQ"


def test_the_database_url_is_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_HQ_DB, raising=False)
    home = HqHome.open(tmp_path / "hq")
    assert home.db_url() == f"sqlite:///{tmp_path / 'hq' / 'hq.db'}"
    server = "postgresql+psycopg://sanad@db.example/sanad"
    assert home.db_url(server) == server
    assert HqHome.open(tmp_path / "hq").db_url() == server  # the next command uses it
    monkeypatch.setenv(ENV_HQ_DB, "sqlite:///elsewhere.db")
    assert home.db_url() == "sqlite:///elsewhere.db"


def test_unreadable_settings_are_named(tmp_path: Path) -> None:
    home = HqHome.open(tmp_path / "hq")
    (home.root / "config.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(ValueError, match=r"config\.json: unreadable settings"):
        home.db_url()
