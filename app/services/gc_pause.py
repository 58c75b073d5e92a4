"""Pausing the cyclic garbage collector during bulk work: lives in `app.db.gc_pause` (HQ uses it
too, and HQ may not import the services); kept here for the services that import it."""

from __future__ import annotations

from app.db.gc_pause import paused_gc

__all__ = ["paused_gc"]
