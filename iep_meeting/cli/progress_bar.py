"""A progress bar on standard error, for work that takes longer than a second.

Drawn only on a terminal (never into a pipe or a file), after the first
second (a quick scan shows nothing), at most ten times a second, and wiped
when the work is done, so it never mixes with what the command prints.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

BAR_WIDTH = 30


class ProgressBar:
    def __init__(
        self,
        what: str,
        stream: TextIO | None = None,
        *,
        delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.what = what
        self.stream = stream if stream is not None else sys.stderr
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self._drawn_at: float | None = None
        self._drawn = ""

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < self.delay or (self._drawn_at is not None and now - self._drawn_at < 0.1):
            return
        self._drawn_at = now
        share = done / total if total else 1.0
        filled = round(share * BAR_WIDTH)
        bar = "█" * filled + "·" * (BAR_WIDTH - filled)
        self._drawn = f"{self.what}: {done} of {total} {bar} {share:4.0%}"
        self.stream.write("\r" + self._drawn)
        self.stream.flush()

    def finish(self) -> None:
        """Wipe the bar, if it was drawn."""
        if self._drawn:
            self.stream.write("\r" + " " * len(self._drawn) + "\r")
            self.stream.flush()
            self._drawn = ""


def on_a_terminal(*streams: TextIO) -> bool:
    """Whether every stream is a terminal (a progress bar is for a person watching)."""
    return all(_is_terminal(stream) for stream in streams)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a real file
        return False
