"""When to save during a meeting, and what the save state is.

The app calls `changed()` on every edit and asks `due()` on a short timer; a
save runs in a worker thread, so typing never waits for the disk. The policy
saves once typing pauses briefly, and at least every `max_delay` seconds
while it goes on, so every change is on disk within a second. After a failed
save it keeps retrying every `retry_every` seconds.
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
    first_unsaved: float | None = None
    last_change: float | None = None
    failed_at: float | None = None
    error: str | None = None
    saves: int = 0  # completed, for the record and the benchmarks

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

    def due(self, now: float) -> bool:
        if not self.dirty or self.saving_version is not None:
            return False
        if self.error is not None and self.failed_at is not None:
            return now - self.failed_at >= self.retry_every
        assert self.last_change is not None and self.first_unsaved is not None
        return now - self.last_change >= self.quiet or now - self.first_unsaved >= self.max_delay

    def started(self) -> int:
        """Mark a save as running; returns the version it saves."""
        self.saving_version = self.version
        return self.version

    def succeeded(self) -> None:
        assert self.saving_version is not None
        self.saved_version = self.saving_version
        self.saving_version = None
        self.saves += 1
        self.error = self.failed_at = None
        self.first_unsaved = self.last_change if self.dirty else None

    def saved_all(self) -> None:
        """Everything up to now was written (by a save outside the policy: on quit, ctrl+s, F12)."""
        self.saved_version = self.version
        self.error = self.failed_at = self.first_unsaved = None

    def failed(self, reason: str, now: float) -> None:
        self.saving_version = None
        self.error = reason
        self.failed_at = now
