"""Kill schedules for the exactly-once test: random delays, and sweeps of exact points.

`Killer.step` SIGKILLs a step after random delays within its typical duration (a `Timing`,
measured as the run goes); `Killer.sweep` SIGKILLs it at the 1st, 2nd, … of a kind of event
(commits, fsyncs, ZIP members written, files copied) until it gets through. Either way the
step then runs to its end, and every state a kill left must be one the step can legitimately
leave: before or after it (one transaction), or after a whole number of batches.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.sync import killer

State = tuple[Any, ...]


@dataclass
class Timing:
    """How long a step typically runs (from its "go" to its end)."""

    seconds: float = 0.0

    def delay(self, rng: random.Random) -> float:
        return rng.uniform(0.0, 0.9 * self.seconds)  # most kills land before it ends

    def observe(self, seconds: float) -> None:
        self.seconds = seconds if not self.seconds else (self.seconds + seconds) / 2


# The exact points a sweep kills each step at, one sweep per round (a step that gets through
# has done its work: the next sweep needs fresh work): before every fsync and after every ZIP
# member written and every file copied; before and after every commit.
FILES = (("zip_member", "after"), ("fsync", "before"), ("copy", "after"))
COMMITS = (("commit", "before"), ("commit", "after"))
SWEEPS = [FILES, COMMITS]


@dataclass
class Killer:
    rng: random.Random
    timings: dict[str, Timing]
    landed: Counter[str]  # random kills that landed, per step
    swept: Counter[str]  # exact-point kills, per step

    def step(
        self,
        name: str,
        target: Callable[..., None],
        args: tuple[Any, ...],
        *,
        attempts: int,
        state: Callable[[], State],
        after_kill: Callable[[], None] | None = None,
        valid: Callable[[State], bool] | None = None,
    ) -> Any:
        """Kill the step after a random delay up to `attempts` times, then let it finish."""
        before = state()
        seen: list[State] = []
        finished: killer.Run | None = None
        for _ in range(attempts):
            run = killer.run_step(target, *args, kill_after=self.timings[name].delay(self.rng))
            if not run.killed:
                finished = run
                break
            self.landed[name] += 1
            seen.append(state())
            if after_kill is not None:
                after_kill()
        return self._finish(name, target, args, before, seen, finished, state, valid)

    def sweep(
        self,
        name: str,
        target: Callable[..., None],
        args: tuple[Any, ...],
        *,
        events: tuple[tuple[str, str], ...],
        state: Callable[[], State],
        after_kill: Callable[[], None] | None = None,
        valid: Callable[[State], bool] | None = None,
    ) -> Any:
        """Kill the step at the 1st, 2nd … of `events` until it gets through without
        reaching that many (then it has finished)."""
        before = state()
        seen: list[State] = []
        for nth in itertools.count(1):
            run = killer.run_step(target, *args, die_at=killer.DieAt(events, nth))
            if not run.killed:
                return self._finish(name, target, args, before, seen, run, state, valid)
            self.swept[name] += 1
            seen.append(state())
            if after_kill is not None:
                after_kill()
        raise AssertionError("unreachable")

    def _finish(
        self,
        name: str,
        target: Callable[..., None],
        args: tuple[Any, ...],
        before: State,
        seen: list[State],
        finished: killer.Run | None,
        state: Callable[[], State],
        valid: Callable[[State], bool] | None,
    ) -> Any:
        """Run the step to its end. Every state a kill left must be the state before the
        step or the state after it (one transaction), or, when the step applies several
        batches, one that `valid` accepts (the state after a whole number of batches)."""
        if finished is None:
            finished = killer.run_step(target, *args)
        self.timings[name].observe(finished.seconds)
        after = state()
        partial = [s for s in seen if not (valid(s) if valid else s in (before, after))]
        assert not partial, f"{name}: a kill left a partial state {partial[0]}"
        return finished.answer
