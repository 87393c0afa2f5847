"""A record being written apart from the plan: a decision in its dialog, until it
is recorded.

A draft is edited the way the session edits the plan (`edit` a value at a
path, or `apply` a change to the whole record) and publishes each `Change` the
same way, so the fields of a dialog work exactly like those of a section.
Nothing reaches the plan until the dialog hands the finished record over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from iep_meeting.meeting.publish import Change, OnChange, Publisher, Subscription
from iep_meeting.model.paths import Path, changed_paths, set_in

T = TypeVar("T")


class Draft(Generic[T]):
    def __init__(self, value: T) -> None:
        self.value = value
        self.original = value  # as it started: whether anything was changed
        self._publisher: Publisher[T] = Publisher()

    def subscribe(self, on_change: OnChange[T]) -> Subscription:
        return self._publisher.subscribe(on_change)

    @property
    def changed(self) -> bool:
        return self.value != self.original

    def edit(self, path: Path, value: Any, *, by: object | None = None) -> Change[T] | None:
        """Set the value at `path`; the change, or None when it was that already."""
        return self.apply(lambda record: set_in(record, path, value), by=by)

    def apply(self, change: Callable[[T], T], what: str = "", *, by: object | None = None) -> Change[T] | None:
        before = self.value
        after = change(before)
        paths = changed_paths(before, after)
        if not paths:
            return None
        self.value = after
        news = Change(after, before, paths, by, what)
        self._publisher.publish(news)
        return news
