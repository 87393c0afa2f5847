"""When to save during a meeting, and what the save state is (the policy; the
timers that carry it out are in meeting/saving.py).

Every change is on disk within a second: a save starts once typing pauses
(`quiet`), and at the latest `max_delay` after the first change not yet
written, however long the typing goes on. A failed save is retried every
`retry_every` seconds. Times are seconds on the scheduler's clock.
"""

from __future__ import annotations

from enum import Enum

import attrs


class SaveState(Enum):
    SAVED = "saved"
    PENDING = "unsaved"
    SAVING = "saving"
    FAILED = "failed"


@attrs.define
class Autosave:
    quiet: float = 0.25
    max_delay: float = 0.75
    retry_every: float = 5.0
    version: int = 0  # bumped by every change
    saved_version: int = 0
    saving_version: int | None = None
    # When the first change not in the file, nor in the save being written, was made.
    first_unsaved: float | None = None
    last_change: float | None = None
    failed_at: float | None = None
    error: str | None = None
    saves: int = 0  # completed, for the record and the benchmarks
    _first_in_save: float | None = None  # first_unsaved of the changes the running save writes

    @property
    def dirty(self) -> bool:
        return self.version != self.saved_version

    @property
    def state(self) -> SaveState:
        if self.saving_version is not None:
            return SaveState.SAVING
        if self.error is not None:
            return SaveState.FAILED
        return SaveState.PENDING if self.dirty else SaveState.SAVED

    def changed(self, now: float) -> None:
        self.version += 1
        self.last_change = now
        if self.first_unsaved is None:
            self.first_unsaved = now

    def next_due(self) -> float | None:
        """When the next save is due (None: nothing to save, or a save is running)."""
        if self.saving_version is not None or not self.dirty:
            return None
        if self.error is not None and self.failed_at is not None:
            return self.failed_at + self.retry_every
        if self.first_unsaved is None or self.last_change is None:
            return None  # everything is in the save being written
        return min(self.last_change + self.quiet, self.first_unsaved + self.max_delay)

    def due(self, now: float) -> bool:
        when = self.next_due()
        return when is not None and now >= when

    def started(self) -> int:
        """Mark a save as running; returns the version it saves."""
        self.saving_version = self.version
        self._first_in_save, self.first_unsaved = self.first_unsaved, None
        return self.version

    def succeeded(self) -> None:
        assert self.saving_version is not None
        self.saved_version = self.saving_version
        self.saving_version = self._first_in_save = None
        self.saves += 1
        self.error = self.failed_at = None

    def saved_all(self) -> None:
        """Everything up to now was written (by a save outside the policy: on quit, ctrl+s, F12)."""
        self.saved_version = self.version
        self.error = self.failed_at = self.first_unsaved = self._first_in_save = None

    def failed(self, reason: str, now: float) -> None:
        if self.saving_version is not None:  # its changes are still to be written, from their first on
            self.first_unsaved = self._first_in_save if self._first_in_save is not None else self.first_unsaved
        self.saving_version = self._first_in_save = None
        self.error = reason
        self.failed_at = now
