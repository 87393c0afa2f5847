"""How long the keys typed during a move wait (tui/type_ahead.py): a move that
never lands gives them up after GIVE_UP_SECONDS, but a section's first form,
which may take seconds to build on a busy laptop, is waited for longer, so the
first keys typed into it are not handed to another widget meanwhile."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from textual import events

from iep_meeting.tui.type_ahead import FORM_BUILD_SECONDS, GIVE_UP_SECONDS, Hold, TypeAhead


class FakeTimer:
    def __init__(self, delay: float, callback) -> None:
        self.delay, self.callback, self.stopped = delay, callback, False

    def stop(self) -> None:
        self.stopped = True


class FakePump:
    """Stands in for the app: records timers, runs scheduled deliveries at once."""

    def __init__(self) -> None:
        self.timers: list[FakeTimer] = []
        self.scheduled: list[tuple[Callable[..., Coroutine[Any, Any, None]], tuple[object, ...]]] = []

    def set_timer(self, delay, callback):
        self.timers.append(FakeTimer(delay, callback))
        return self.timers[-1]

    def call_after_refresh(self, callback, *args):
        self.scheduled.append((callback, args))

    call_later = call_after_refresh

    def live_timer(self) -> FakeTimer:
        return next(timer for timer in reversed(self.timers) if not timer.stopped)


def type_ahead() -> tuple[TypeAhead, FakePump, list[str | None]]:
    pump, delivered = FakePump(), list[str | None]()

    async def deliver(event) -> None:
        delivered.append(event.character)

    return TypeAhead(pump, deliver), pump, delivered  # type: ignore[arg-type]


def test_a_move_gives_up_after_the_short_wait():
    keys, pump, _ = type_ahead()
    keys.hold(Hold.MOVE)
    assert pump.live_timer().delay == GIVE_UP_SECONDS


def test_a_form_being_built_is_waited_for_longer_even_while_keys_arrive():
    keys, pump, delivered = type_ahead()
    keys.hold(Hold.MOVE, patience=FORM_BUILD_SECONDS)
    assert keys.keep(events.Key("S", "S"))
    keys.hold(Hold.KEY)  # a later, shorter hold does not cut the wait short
    assert pump.live_timer().delay > GIVE_UP_SECONDS
    keys.release(Hold.KEY)
    keys.release(Hold.MOVE)  # the form has its focus: the key goes there
    for callback, args in pump.scheduled:
        asyncio.run(callback(*args))
    assert delivered == ["S"]
