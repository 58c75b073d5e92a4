"""HQ's folder of held batches (batches waiting for an earlier one of their branch)."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path


def sweep_held(folder: Path, needed: set[str | None], *, older_than: float = 3600.0) -> list[str]:
    """Remove held copies no held batch needs any more; returns their names.

    A copy stays behind when HQ was killed between applying a held batch and removing its
    file, and the branch never sends that batch again. Only files older than `older_than`
    seconds are looked at: a younger one may belong to a batch another HQ process is holding
    right now (the file is written before its transaction commits). `needed`: the held files
    HQ's records name (`held/NAME`).
    """
    if not folder.is_dir():
        return []
    now = time.time()
    removed: list[str] = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or f"{folder.name}/{path.name}" in needed:
            continue
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime >= older_than:
                path.unlink()
                removed.append(path.name)
    return removed
