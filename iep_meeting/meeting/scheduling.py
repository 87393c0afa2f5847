"""When things happen in a running meeting: timers, and the worker thread saves run in.

The session never sleeps and never polls. It asks a `Scheduler` to call it
back later (the next save, the clock's next tick) and to run a save in a
worker thread, with the result handed back on the scheduler's own thread, so
everything the session does, and everything it publishes, happens on one
thread:

- `LoopScheduler`: an asyncio event loop (the app's; anything else on that
  loop, such as a server for the audience view, runs beside it).
- `ManualScheduler`: a clock moved by hand, for tests and benchmarks that
  drive a whole meeting without an app or a loop.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

R = TypeVar("R")


class Timer(Protocol):
    def cancel(self) -> None: ...


class Scheduler(Protocol):
    def time(self) -> float:
        """Seconds on a clock that only moves forward (not the time of day)."""
        ...

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        """Call `callback` in `delay` seconds, on this scheduler's thread."""
        ...

    def run_in_thread(self, work: Callable[[], R], done: Callable[[R], None]) -> None:
        """Run `work` in a worker thread, then `done(result)` on this scheduler's
        thread. Work runs one at a time, in the order asked."""
        ...

    def close(self) -> None:
        """Let the work under way finish; nothing new starts."""
        ...


class LoopScheduler:
    """A scheduler on an asyncio event loop, with one worker thread."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._worker: ThreadPoolExecutor | None = None  # started with the first save

    def time(self) -> float:
        return self._loop.time()

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        return self._loop.call_later(delay, callback)

    def run_in_thread(self, work: Callable[[], R], done: Callable[[R], None]) -> None:
        if self._worker is None:
            from concurrent.futures import ThreadPoolExecutor  # with the first save, not at start

            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="iep-meeting-save")
        future = self._worker.submit(work)

        def finished(future: Future[R]) -> None:
            # On the worker thread: hand the result back to the loop's thread.
            if self._loop.is_closed():
                return
            error = future.exception()
            if error is not None:  # a bug: reported like any error in the loop's callbacks
                context = {"message": "work in the worker thread failed", "exception": error}
                self._loop.call_soon_threadsafe(self._loop.call_exception_handler, context)
                return
            self._loop.call_soon_threadsafe(done, future.result())

        future.add_done_callback(finished)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.shutdown(wait=True)  # a save being written is finished, never cut off


class _ManualTimer:
    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class ManualScheduler:
    """Time moves only when `advance` says so. Work asked to run in a thread runs
    at once (the write happens), but its result comes back only when the
    scheduler runs it: at the next `advance`, or `run_threads` — unless
    `hold_threads`, which keeps the result back (a save still under way)."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start
        self.hold_threads = False
        self._timers: list[tuple[float, int, _ManualTimer, Callable[[], None]]] = []
        self._order = itertools.count()
        self._results: list[Callable[[], None]] = []
        self.closed = False

    def time(self) -> float:
        return self.now

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        timer = _ManualTimer()
        heapq.heappush(self._timers, (self.now + max(0.0, delay), next(self._order), timer, callback))
        return timer

    def run_in_thread(self, work: Callable[[], R], done: Callable[[R], None]) -> None:
        result = work()
        self._results.append(lambda: done(result))

    def close(self) -> None:
        self.closed = True

    @property
    def pending_timers(self) -> int:
        return sum(not timer.cancelled for _, _, timer, _ in self._timers)

    def run_threads(self) -> int:
        """Hand back the results of the work done so far; how many there were."""
        count = 0
        while self._results:
            self._results.pop(0)()
            count += 1
        return count

    def advance(self, seconds: float) -> None:
        """Move the clock `seconds` on, calling each timer due on the way at its time."""
        end = self.now + seconds
        if not self.hold_threads:
            self.run_threads()
        while self._timers and self._timers[0][0] <= end:
            when, _, timer, callback = heapq.heappop(self._timers)
            if timer.cancelled:
                continue
            self.now = max(self.now, when)
            callback()
            if not self.hold_threads:
                self.run_threads()
        self.now = end
