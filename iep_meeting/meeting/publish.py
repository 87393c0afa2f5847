"""The one way news of a running meeting goes out: to its subscribers.

Whoever shows the meeting subscribes to the session (`MeetingSession.subscribe`):
the app (which hands each change on to its screens), and later the audience
view in a browser. Each gets, for every change of the plan, a `Change`: the
new plan, the plan before, the paths that changed and who made the change;
and, for every change of the meeting's state around the plan (the clock's
tick, the save state, the section, read-only), a `StatusKind`.

A subscriber is called on the session's thread (the app's event loop), right
after the change and in the order changes were made: a change made while
subscribers are being told is told to all of them after the one before it.
One subscriber that raises keeps no other from being told and undoes
nothing; its error is raised once everyone has been told.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import attrs

from iep_meeting.model.paths import Path

T = TypeVar("T")


@attrs.frozen
class Change(Generic[T]):
    """`value` replaced `previous`; what differs lies under `paths`."""

    value: T  # the new value: for a meeting, the plan
    previous: T
    paths: tuple[Path, ...]  # ("goals", 2, "baseline"): that value; ("goals",): the list (an item added or removed)
    by: object | None = None  # who asked for it (a field, a list, a screen); None: the meeting itself
    what: str = ""  # in words, for a log: "added a goal"

    def touches(self, path: Path) -> bool:
        """Whether the value at `path`, or anything inside it or around it, changed."""
        return any(p[: len(path)] == path or path[: len(p)] == p for p in self.paths)


class StatusKind(enum.Enum):
    """What changed around the plan."""

    CLOCK = "clock"  # a second went by
    SAVE = "save"  # saving started, ended or failed (`session.save_state`)
    SECTION = "section"  # the team moved to another section (`session.current`)
    READ_ONLY = "read-only"  # the plan can no longer be edited here (finalized)
    UNSAVED = "unsaved"  # a value typed that the plan cannot hold was noted or fixed (`session.unsaved`)


OnChange = Callable[[Change[T]], None]
OnStatus = Callable[[StatusKind], None]


class Subscription:
    """What `subscribe` returns: `cancel()` stops the news."""

    def __init__(self, publisher: Publisher[Any], on_change: OnChange[Any], on_status: OnStatus | None) -> None:
        self._publisher = publisher
        self.on_change = on_change
        self.on_status = on_status

    @property
    def active(self) -> bool:
        return self in self._publisher._subscriptions

    def cancel(self) -> None:
        if self.active:
            self._publisher._subscriptions.remove(self)


class Publisher(Generic[T]):
    def __init__(self) -> None:
        self._subscriptions: list[Subscription] = []
        self._queue: deque[Change[T] | StatusKind] = deque()
        self._publishing = False

    def subscribe(self, on_change: OnChange[T], on_status: OnStatus | None = None) -> Subscription:
        subscription = Subscription(self, on_change, on_status)
        self._subscriptions.append(subscription)
        return subscription

    def __len__(self) -> int:
        return len(self._subscriptions)

    def publish(self, news: Change[T] | StatusKind) -> None:
        """Tell every subscriber; news that comes while they are being told waits its turn."""
        self._queue.append(news)
        if self._publishing:
            return
        self._publishing = True
        errors: list[Exception] = []
        try:
            while self._queue:
                item = self._queue.popleft()
                for subscription in list(self._subscriptions):  # one may cancel another
                    if not subscription.active:
                        continue
                    try:
                        if isinstance(item, StatusKind):
                            if subscription.on_status is not None:
                                subscription.on_status(item)
                        else:
                            subscription.on_change(item)
                    except Exception as error:
                        errors.append(error)
        finally:
            self._publishing = False
        if len(errors) == 1:
            raise errors[0]
        if errors:
            raise ExceptionGroup("subscribers of the meeting failed", errors)
