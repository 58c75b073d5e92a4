"""Composition root: settings -> engine -> services (-> windows, in app.ui.shell.application)."""

from __future__ import annotations

import os
from pathlib import Path

from app.demo.branch import ensure_demo_seeded
from app.services.setup import AppServices, open_branch

ENV_DATA_DIR = "SANAD_DATA_DIR"


def resolve_data_dir(cli_value: str | None = None) -> Path:
    """--data-dir beats SANAD_DATA_DIR beats the user's data folder."""
    chosen = cli_value or os.environ.get(ENV_DATA_DIR)
    if chosen:
        return Path(chosen).expanduser().resolve()
    from platformdirs import user_data_dir  # only without a folder given (~20 ms)

    return Path(user_data_dir("Sanad", "MoSA-Libya"))


def build_services(data_dir: Path) -> AppServices:
    """The branch in `data_dir`, every service wired: created and migrated as needed, and a
    demo branch seeded on its first start (the desktop app and every `sanad` branch command)."""
    services = open_branch(data_dir)
    ensure_demo_seeded(services)
    return services
