"""Keys typed while the focus is on its way to a field are kept, then typed there.

A move — another section, a jump from the checklist, a dialog opening or
closing, a record added to a list, even a Tab — takes the focus to a field that
may not exist yet: a section's form is built on its first visit, a dialog
composes, a list lays out its new record. Textual hands each key to the widget
focused when the key arrives, so keys typed meanwhile went to the field the
focus was leaving, or nowhere.

So while a move is on its way the app keeps every key and paste (`keep`), and
once it has landed (`release`) delivers them, in order. An app gets this by
being a `TypeAheadApp` (the meeting app, the progress screen). Three things hold:

- SCREEN: a screen was opened or closed, until it has been drawn (and focused
  its first field);
- MOVE: the focus is being taken to a field, until it is there;
- KEY: a key or paste was handed to a widget, until the widget and everything
  around it, up to the app, has handled it, and what that handling posted
  (`KeyHandled`, below). Keys arriving faster than they are handled (a slow
  remote terminal, a burst) would otherwise pass one that moves the focus —
  a Tab, Enter on a button — or one that saves the dialog they were typed in.

Plain typing — a printable key or a paste into a text field — never moves the
focus and stays where it is typed, in order: it holds nothing, and costs no
message. Only the next key that does more (Tab, Enter, ctrl+s, F6) waits for
the typing before it to be handled.
"""

from __future__ import annotations

import enum
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual import events, on
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.timer import Timer

# A move that never lands (a widget removed on the way) must not keep the
# keys: after this long they are delivered to wherever the focus is.
GIVE_UP_SECONDS = 2.0
# Building a section's form on its first visit always ends with its field
# focused, but a big plan's form on a busy laptop can take longer than that:
# for it the keys wait longer, so the first ones are not handed elsewhere.
FORM_BUILD_SECONDS = 10.0


class Hold(enum.Enum):
    SCREEN = "screen"
    MOVE = "move"
    KEY = "key"


Typed = events.Key | events.Paste


def only_types(event: Typed, target: MessagePump) -> bool:
    """Whether `event` only types text into `target`: a printable key or a paste
    into a text field that takes it (the field keeps it; nothing else sees it)."""
    from textual.widgets import Input, TextArea  # loaded with the first form, after the first frame

    if not isinstance(target, (Input, TextArea)) or target.disabled or getattr(target, "read_only", False):
        return False
    return isinstance(event, events.Paste) or event.is_printable


class KeyHandled(Message):
    """Posted to the widget a key went to, right behind the key; it bubbles up
    like the key, so it reaches the app once the key has been handled on the
    way (the app's own bindings run when the key reaches it). The app then
    sends it round a second time: behind what the handling posted to the
    widget (a button's Pressed, a list's Jump), whose handlers start moves."""

    def __init__(self, target: MessagePump, round: int = 1) -> None:
        super().__init__()
        self.target = target
        self.round = round


class TypeAhead:
    """The keys held for a move on its way. `deliver` hands one to the app's
    usual key handling."""

    def __init__(self, pump: MessagePump, deliver: Callable[[Typed], Awaitable[None]]) -> None:
        self._pump = pump
        self._deliver = deliver
        self._holds: set[Hold] = set()
        self._kept: deque[Typed] = deque()
        self._delivering = False
        self._turn = 0  # which scheduled delivery is the current one
        self._give_up: Timer | None = None
        self._give_up_at = 0.0  # when the timer fires (monotonic seconds)
        self._typing_into: MessagePump | None = None  # where plain typing went since the last key was followed

    @property
    def idle(self) -> bool:
        """Nothing held and nothing left to deliver."""
        return not self._holds and not self._kept and not self._delivering

    def hold(self, reason: Hold, *, patience: float = GIVE_UP_SECONDS) -> None:
        """Keep keys for `reason` until it is released, or for `patience` seconds at most."""
        self._holds.add(reason)
        self._arm(patience)

    def release(self, reason: Hold) -> None:
        self._holds.discard(reason)
        if not self._holds and self._kept:
            # After a key, at once; after a move, once the next frame has laid
            # out the field it led to.
            self._schedule(after_refresh=reason is not Hold.KEY)

    def keep(self, event: Typed) -> bool:
        """Keep `event` if a move is on its way, or earlier keys still wait to be
        delivered (so the order stays as typed). Returns whether it was kept."""
        if self.idle:
            return False
        self._kept.append(_copy(event))
        return True

    def waits(self, event: Typed, target: MessagePump) -> bool:
        """Whether `event`, about to go to `target`, must first wait for the plain
        typing before it to be handled (it is kept, first in line)."""
        if self._typing_into is None or (self._typing_into is target and only_types(event, target)):
            return False
        self._kept.appendleft(_copy(event))
        self._follow(self._typing_into)
        return True

    def delivered(self, event: Typed, target: MessagePump) -> None:
        """`event` was handed to `target`: unless it only typed there, later keys
        wait until it has been handled."""
        if only_types(event, target):
            self._typing_into = target
        else:
            self._follow(target)

    def _follow(self, target: MessagePump) -> None:
        """Hold the keys until what was handed to `target` has been handled."""
        self._typing_into = None
        self.hold(Hold.KEY)
        if not target.post_message(KeyHandled(target)):
            self.release(Hold.KEY)  # gone meanwhile: nothing to wait for

    def handled(self, event: KeyHandled) -> None:
        """`KeyHandled` reached the app: sent round again behind what the handling
        posted, or, the second time, the key is handled."""
        if event.round == 1 and event.target.post_message(KeyHandled(event.target, round=2)):
            return
        self.release(Hold.KEY)

    def _schedule(self, *, after_refresh: bool = True) -> None:
        self._turn += 1
        self._arm()
        if after_refresh:
            self._pump.call_after_refresh(self._deliver_kept, self._turn)
        else:
            self._pump.call_later(self._deliver_kept, self._turn)

    async def _deliver_kept(self, turn: int) -> None:
        if turn != self._turn or self._delivering:
            return  # superseded
        self._delivering = True
        try:
            while self._kept and not self._holds:
                await self._deliver(self._kept.popleft())
        finally:
            self._delivering = False

    def _arm(self, patience: float = GIVE_UP_SECONDS) -> None:
        """(Re)start the time after which the keys go wherever the focus is: in
        `patience` seconds, or later if a longer wait is already under way."""
        now = time.monotonic()
        if self._give_up is not None:
            self._give_up.stop()
            patience = max(patience, self._give_up_at - now)
        self._give_up_at = now + patience
        self._give_up = self._pump.set_timer(patience, self._stop_waiting)

    def _stop_waiting(self) -> None:
        self._give_up = None
        self._holds.clear()
        if self._kept and not self._delivering:
            self._schedule()


def _copy(event: Typed) -> Typed:
    """A fresh event: the kept one has already been through the app's dispatch."""
    if isinstance(event, events.Key):
        return events.Key(event.key, event.character)
    return events.Paste(event.text)


ReturnType = TypeVar("ReturnType")


class TypeAheadApp(App[ReturnType]):
    """An app whose keys typed while a screen opens or closes, or the focus moves
    (`type_ahead.hold`), wait and then go where the move led. Call
    `start_type_ahead` first thing in `on_mount`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.type_ahead = TypeAhead(self, self._deliver_typed)

    def start_type_ahead(self) -> None:
        """From now on a screen opened or closed holds the keys until it is drawn."""
        self.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, Typed) and not event.is_forwarded:
            if not self.type_ahead.keep(event):
                await self._deliver_typed(event)
            return
        await super().on_event(event)

    async def _deliver_typed(self, event: Typed) -> None:
        target = self.focused or self.screen  # where Textual sends it, unless a priority key binds it
        if self.type_ahead.waits(event, target):
            return  # after the typing before it
        await super().on_event(event)
        if event.is_forwarded:
            self.type_ahead.delivered(event, target)

    @on(KeyHandled)
    def _key_handled(self, event: KeyHandled) -> None:
        self.type_ahead.handled(event)

    def _screen_changed(self, screen: Screen[Any]) -> None:
        """A screen opened or closed: keys wait until it is drawn and has its focus."""
        self.type_ahead.hold(Hold.SCREEN)
        # Handled by the screen after its compose and mount (where it focuses).
        screen.call_after_refresh(self.type_ahead.release, Hold.SCREEN)
