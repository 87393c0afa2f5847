"""A choice among a few options, side by side, one key each.

For the choices a meeting makes over and over (attendance, yes or no, agrees
or not, each special factor), a drop-down costs three keys and invites
mistakes: typing "no" in a drop-down picks "not decided". Here every option
shows its key (underlined, and in the words of the label), pressing it picks
the option at once, ←/→ step through them, and Backspace or Delete clears an
optional choice. The chosen option is marked ● (the others ○), so the choice
never shows by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from iep_meeting.tui.styles import stylesheet

CHOSEN, NOT_CHOSEN = "●", "○"
GAP = 3  # cells between two options


def accelerators(labels: Sequence[str]) -> list[str]:
    """One key per label: the first letter of one of its words that no earlier
    label took, else any letter of it still free ("" when none is)."""
    taken: set[str] = set()
    keys = []
    for label in labels:
        words = [word for word in label.lower().replace(":", " ").replace(",", " ").split() if word[0].isalnum()]
        candidates = [word[0] for word in words] + [c for c in label.lower() if c.isalnum()]
        key = next((c for c in candidates if c not in taken), "")
        taken.add(key)
        keys.append(key)
    return keys


class Placed(NamedTuple):
    line: int
    start: int
    end: int
    option: int  # which option


class OptionRow(Widget, can_focus=True):
    DEFAULT_CSS = stylesheet("option-row")
    BINDINGS = [
        Binding("left", "step(-1)", "Previous choice", show=False),
        Binding("right", "step(1)", "Next choice", show=False),
        Binding("backspace,delete", "clear", "Clear the choice", show=False),
    ]
    COMPONENT_CLASSES = {"option-row--key", "option-row--chosen"}

    class Changed(Message):
        def __init__(self, option_row: OptionRow, value: Any) -> None:
            super().__init__()
            self.option_row = option_row
            self.value = value

        @property
        def control(self) -> OptionRow:
            return self.option_row

    def __init__(self, options: Sequence[tuple[str, Any]], *, blank: str | None = None, classes: str = "") -> None:
        """`options`: (label, value) pairs; `blank`: the words for no choice yet
        (None: a choice is always made)."""
        super().__init__(classes=classes)
        self.options = list(options)
        self.blank = blank
        self.keys = accelerators([label for label, _ in self.options])
        self._value: Any = None
        self._placed: list[Placed] = []

    @property
    def value(self) -> Any:
        return self._value

    @value.setter
    def value(self, value: Any) -> None:
        if value is None and self.blank is None and self.options:
            value = self.options[0][1]
        if value != self._value:
            self._value = value
            self.refresh(layout=True)
            self.post_message(self.Changed(self, value))

    def _choose(self, value: Any) -> None:
        self.value = value

    def action_step(self, offset: int) -> None:
        values = [value for _, value in self.options]
        if not values:
            return
        at = values.index(self._value) if self._value in values else (-1 if offset > 0 else len(values))
        self._choose(values[max(0, min(len(values) - 1, at + offset))])

    def action_clear(self) -> None:
        if self.blank is not None:
            self._choose(None)

    def on_key(self, event: events.Key) -> None:
        character = (event.character or "").lower()
        if character and character in self.keys:
            event.stop()
            event.prevent_default()
            self._choose(self.options[self.keys.index(character)][1])

    # drawing

    def _items(self) -> list[Text]:
        key_style = self.get_component_rich_style("option-row--key")
        chosen_style = self.get_component_rich_style("option-row--chosen")
        items = []
        for (label, value), key in zip(self.options, self.keys, strict=True):
            chosen = value == self._value
            text = Text(f"{CHOSEN if chosen else NOT_CHOSEN} ", style=chosen_style if chosen else "")
            at = label.lower().find(key) if key else -1
            text.append(label[:at] if at >= 0 else label, style=chosen_style if chosen else "")
            if at >= 0:
                text.append(label[at], style=key_style + chosen_style if chosen else key_style)
                text.append(label[at + 1 :], style=chosen_style if chosen else "")
            items.append(text)
        if self.blank is not None and self._value is None:
            items.append(Text(f"({self.blank})", style="italic"))
        return items

    def _layout(self, width: int) -> tuple[list[Text], list[Placed]]:
        lines: list[Text] = [Text()]
        placed: list[Placed] = []
        for index, item in enumerate(self._items()):
            line = lines[-1]
            start = line.cell_len + (GAP if line.cell_len else 0)
            if line.cell_len and start + item.cell_len > width:
                lines.append(Text())
                line, start = lines[-1], 0
            elif line.cell_len:
                line.append(" " * GAP)
            line.append_text(item)
            placed.append(Placed(len(lines) - 1, start, start + item.cell_len, index))
        return lines, placed

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return len(self._layout(max(1, width))[0])

    def render(self) -> Text:
        lines, self._placed = self._layout(max(1, self.size.width))
        return Text("\n").join(lines)

    def on_click(self, event: events.Click) -> None:
        for line, start, end, index in self._placed:
            if line == event.y and start <= event.x < end and index < len(self.options):
                self._choose(self.options[index][1])
                return
