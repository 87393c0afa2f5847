"""Saving a running meeting's plan: started by the changes themselves, written in
a worker thread, retried after a failure.

After a change, one timer is set for when the policy (meeting/autosave.py)
says the next save is due; while typing goes on the timer only moves later, up
to the latest moment the policy allows. When it fires, the plan as it is then
is written in the scheduler's worker thread, so typing never waits for the
disk; the result comes back on the scheduler's thread. Nothing runs while
there is nothing to save. Without a scheduler (before the app starts, or in a
command that only reads) nothing is saved in the background.
"""

from __future__ import annotations

from collections.abc import Callable

from iep_meeting.meeting.autosave import Autosave, SaveState
from iep_meeting.meeting.scheduling import Scheduler, Timer
from iep_meeting.model.plan import Plan

Write = Callable[[Plan], "str | None"]  # writes a plan; the problem in words, or None


class Saves:
    def __init__(self, write: Write, current: Callable[[], Plan], told: Callable[[], None]) -> None:
        """`write` writes a plan (in any thread); `current` is the plan now; `told`
        is called whenever the save state (or its problem) changes."""
        self.policy = Autosave()
        self._write = write
        self._current = current
        self._told = told
        self._scheduler: Scheduler | None = None
        self._timer: Timer | None = None
        self._timer_at = 0.0
        self._when_idle: list[Callable[[], None]] = []
        self._shown: tuple[SaveState, str | None] = (SaveState.SAVED, None)

    def start(self, scheduler: Scheduler) -> None:
        self._scheduler = scheduler
        self._plan_next()

    def stop(self) -> None:
        """No more saves in the background (finalized, or the app is closing)."""
        self._cancel_timer()
        self._scheduler = None

    def now(self) -> float:
        return self._scheduler.time() if self._scheduler is not None else 0.0

    @property
    def state(self) -> SaveState:
        return self.policy.state

    @property
    def saving(self) -> bool:
        return self.policy.saving_version is not None

    def changed(self) -> None:
        """The plan changed: a save is due soon."""
        self.policy.changed(self.now())
        self._plan_next()
        self._tell()

    # in the background

    def _plan_next(self) -> None:
        """Set the timer for the next save due (a timer that fires earlier stays: it checks again then)."""
        due = self.policy.next_due()
        if due is None or self._scheduler is None:
            self._cancel_timer()
            return
        if self._timer is not None and self._timer_at <= due:
            return
        self._cancel_timer()
        self._timer_at = due
        self._timer = self._scheduler.call_later(max(0.0, due - self.now()), self._timer_fired)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _timer_fired(self) -> None:
        self._timer = None
        if self._scheduler is None:
            return
        if not self.policy.due(self.now()):
            self._plan_next()  # typing went on: later
            return
        self.policy.started()
        self._tell()
        plan = self._current()
        self._scheduler.run_in_thread(lambda: self._write_safely(plan), self._finished)

    def _write_safely(self, plan: Plan) -> str | None:
        try:
            return self._write(plan)
        except Exception as error:  # a bug, not the disk: still said on screen, and retried
            return f"{type(error).__name__}: {error}"

    def _finished(self, problem: str | None) -> None:
        self._ended(problem, self.policy.succeeded)
        self._run_idle()
        self._plan_next()

    def _ended(self, problem: str | None, written: Callable[[], None]) -> None:
        """A save ended: `written()` marks what it wrote as saved, or the failure is kept."""
        if problem is None:
            written()
        else:
            self.policy.failed(short_reason(problem), self.now())
        self._tell()

    # at once, on this thread

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Call `callback` once no save is being written in the background (at
        once when none is): a save now must not race one under way."""
        if self.saving:
            self._when_idle.append(callback)
        else:
            callback()

    def _run_idle(self) -> None:
        waiting, self._when_idle = self._when_idle, []
        for callback in waiting:
            callback()

    def save_now(self) -> str | None:
        """Write the plan now, in this thread; the problem, or None. Call it when
        no save is running in the background (`when_idle`)."""
        problem = self._write_safely(self._current())
        self._ended(problem, self.policy.saved_all)
        self._plan_next()
        return problem

    def saved_elsewhere(self) -> None:
        """Everything so far was written (to a new file, or as the final plan)."""
        self.policy.saved_all()
        self._tell()
        self._plan_next()

    def _tell(self) -> None:
        shown = (self.policy.state, self.policy.error)
        if shown != self._shown:
            self._shown = shown
            self._told()


def short_reason(message: str) -> str:
    """The reason a save failed, without the "could not save PATH" before it (the screen names the file)."""
    return message.split(": ", 1)[-1] if message.startswith("could not save") else message
