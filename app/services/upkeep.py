"""Keeping the branch's database in shape while the desk is idle (`app.db.upkeep`).

The shell's idle timer calls `idle_step` on the worker when no service call has run for a few
seconds, again while it answers True; long operations call `settle` when they end.
"""

from __future__ import annotations

from app.services.context import ServiceContext


class UpkeepService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def idle_step(self) -> bool:
        """One bounded step (a search-index merge step, a WAL checkpoint, tens of
        milliseconds); True while there is more to do."""
        upkeep = self._ctx.db.upkeep
        return upkeep.step() if upkeep is not None else False

    def settle(self) -> None:
        """Everything left to merge, and a checkpoint (after an import, demo data)."""
        if self._ctx.db.upkeep is not None:
            self._ctx.db.upkeep.settle()
