"""The keys that work now, in one line at the bottom of the screen.

It shows what Textual's Footer shows (the bindings marked `show` for the
focused widget and its screen, greyed out when they can't be used now) with
three differences that matter on a shared screen: a key that does not fit is
left out whole instead of being cut mid-word; when not all fit, the most
important ones stay (each command's `bar_priority`, tui/commands.py: during the
meeting F2 Decision, F6 Next and F10 Checklist first, then F8 Decisions, F3,
F4, F5 and F1), shown in their usual left-to-right order; and the command
palette key (which reaches every command) always stays at the right end. It is
one widget rather than one per key, which keeps starting the app quick.

Clicking a key presses it; hovering shows what it does.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from iep_meeting.tui.commands import BY_ID
from iep_meeting.tui.styles import stylesheet

UNRANKED = 100  # a binding that is not one of the commands: after every ranked key


class ShownKey(NamedTuple):
    key: str  # as Textual names it, for pressing it: "f2"
    display: str  # as shown: "f2", "^p"
    description: str
    enabled: bool
    tooltip: str
    priority: int = UNRANKED  # the command's bar_priority: lower stays first when room is short


class Placed(NamedTuple):
    start: int  # first cell
    end: int  # one past the last cell
    shown: ShownKey


def shown_keys(screen: Screen) -> tuple[list[ShownKey], ShownKey | None]:
    """The keys to show, one per action: the screen's first, so they keep their
    places as the focus moves, then those of the focused widget; and the
    palette key."""
    app = screen.app
    keys: list[ShownKey] = []
    actions: set[str] = set()
    palette = None
    active = sorted(screen.active_bindings.items(), key=lambda item: item[1].node not in (screen, app))
    for key, (_node, binding, enabled, tooltip) in active:
        command = BY_ID.get(binding.id) if binding.id else None
        shown = ShownKey(
            key,
            app.get_key_display(binding),
            binding.description,
            enabled,
            tooltip or binding.description,
            command.bar_priority if command is not None else UNRANKED,
        )
        if binding.action in ("command_palette", "app.command_palette"):
            palette = shown
        elif binding.show and binding.action not in actions:  # "escape,f8": one entry, first key
            actions.add(binding.action)
            keys.append(shown)
    return keys, palette


def chosen(keys: list[ShownKey], room: int) -> list[ShownKey]:
    """The most important keys whose whole words fit in `room` cells, two cells
    apart, in their own order: the keys are taken by priority (ties in their
    order) until the next one does not fit."""
    keep: set[int] = set()
    used = -2  # no key yet: the first needs no gap before it
    for index in sorted(range(len(keys)), key=lambda i: keys[i].priority):
        used += 2 + _width(keys[index])
        if used > room:
            break
        keep.add(index)
    return [shown for index, shown in enumerate(keys) if index in keep]


def fit(keys: list[ShownKey], palette: ShownKey | None, width: int) -> list[Placed]:
    """Where each key goes on a line `width` cells wide: the most important
    whole keys that fit (`chosen`), two cells apart, then the palette key at
    the right end."""
    palette_start = max(0, width - 1 - _width(palette)) if palette else width + 1
    last = min(width - 1, palette_start - 2)  # no key ends after this cell
    placed, x = [], 1
    for shown in chosen(keys, last - x):
        end = x + _width(shown)
        placed.append(Placed(x, end, shown))
        x = end + 2
    if palette:
        placed.append(Placed(palette_start, palette_start + _width(palette), palette))
    return placed


def _width(shown: ShownKey) -> int:
    return cell_len(shown.display) + 1 + cell_len(shown.description)


class KeyBar(Widget):
    DEFAULT_CSS = stylesheet("key-bar")
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--hover"}
    ALLOW_SELECT = False

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[list[ShownKey], ShownKey | None] = ([], None)
        self._placed: list[Placed] = []
        self._hover: ShownKey | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._keys = shown_keys(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        keys = shown_keys(screen)
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def render(self) -> Text:
        self._placed = fit(*self._keys, self.size.width)
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        hover_style = self.get_component_rich_style("key-bar--hover")
        line = Text(no_wrap=True, overflow="crop", end="")
        for start, _end, shown in self._placed:
            line.append(" " * (start - line.cell_len))
            item = Text.assemble((shown.display, key_style), " ", (shown.description, description_style))
            if not shown.enabled:
                item.stylize("dim")
            if shown == self._hover:
                item.stylize(hover_style)
            line.append_text(item)
        return line

    def _under(self, x: int) -> ShownKey | None:
        return next((p.shown for p in self._placed if p.start <= x < p.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        under = self._under(event.x)
        if under != self._hover:
            self._hover = under
            self.tooltip = under.tooltip if under else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        under = self._under(event.x)
        if under is None:
            return
        if under.enabled:
            self.app.simulate_key(under.key)
        else:
            self.app.bell()
