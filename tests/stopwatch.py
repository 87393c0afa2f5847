"""How long a refusal took, in a way a loaded test machine does not fail.

"At once" in these tests means little work: a refusal of 10 ms once took 2.02 s
by the wall clock while four test workers shared two cores. So a `Stopwatch`
bounds the work done (this process's CPU time), and the wall clock only far
above it: a read that blocks (on a pipe, a device) does no work, but shows
there, past `hang`.
"""

from __future__ import annotations

import time

QUICK = 2.0  # seconds of work: at once, whatever is there
HANG = 10.0  # seconds by the wall clock: a read that waits and never ends


class Stopwatch:
    """The work done since it started, and the time gone by the wall clock."""

    def __init__(self, work: float = QUICK, hang: float = HANG) -> None:
        self.bound, self.hang = work, hang
        self.cpu, self.wall = time.process_time(), time.monotonic()

    def work(self) -> float:
        """Seconds of this process's CPU time since it started."""
        return time.process_time() - self.cpu

    def took(self) -> str:
        """An empty text when it was quick; else how long it took."""
        cpu, wall = self.work(), time.monotonic() - self.wall
        return "" if cpu < self.bound and wall < self.hang else f"{cpu:.1f} s of work, {wall:.1f} s by the clock"
