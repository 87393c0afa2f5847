"""The agenda on the left of the screen: each section with its status and time budget."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from iep_meeting.model.agenda import Section
from iep_meeting.tui.styles import stylesheet
from iep_meeting.words.labels import mark

if TYPE_CHECKING:
    from iep_meeting.model.progress import SectionStatus


def title_lines(title: str, width: int) -> list[str]:
    """A title on as many lines as it needs, broken between words (a word longer
    than the line, and only such a word, is broken)."""
    return textwrap.wrap(title, max(1, width), break_on_hyphens=False) or [""]


class AgendaList(OptionList):
    """Status is a symbol and a word, never colour alone (DESIGN.md)."""

    DEFAULT_CSS = stylesheet("agenda-list")

    class Jump(Message):
        def __init__(self, section_id: str) -> None:
            super().__init__()
            self.section_id = section_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple | None = None
        self._rows: tuple | None = None

    def show(
        self,
        rows: Sequence[tuple[Section, SectionStatus | None]],
        current_id: str,
        minutes: Mapping[str, int] | None = None,
    ) -> None:
        """`minutes`: each section's time box in this meeting (else the agenda's minutes).
        A status of None is not worked out yet (the first frame, before the checklist runs)."""
        self._rows = (rows, current_id, minutes)
        if not self.size.width:  # not laid out yet: on_resize shows them
            return
        # The gutter is kept for a scrollbar whether or not one shows, so the
        # titles are cut at the same place every time.
        width = max(10, self.size.width - 2)
        budget = {s.id: (minutes or {}).get(s.id, s.minutes) for s, _ in rows}
        key = (tuple((s.id, s.title, budget[s.id], st) for s, st in rows), current_id, width)
        if key == self._shown:
            return
        self._shown = key
        indent = "\u00a0\u00a0"  # no-break spaces: the option list trims plain ones
        options = []
        for section, status in rows:
            here = section.id == current_id
            # The title, on more lines rather than cut, then the status as
            # symbol and word, and the section's time box.
            lines = title_lines(section.title, width - 4)
            label = Text(end="")
            label.append(("▶ " if here else indent) + f"\n{indent}".join(lines), style="bold" if here else "")
            status_text = f"{mark(status)} · " if status is not None else ""
            label.append(f"\n{indent}{status_text}{budget[section.id]} min", style="" if here else "dim")
            options.append(Option(label, id=section.id))
        highlighted = next((i for i, (s, _) in enumerate(rows) if s.id == current_id), 0)
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options(options)
            self.highlighted = highlighted

    def on_resize(self) -> None:
        if self._rows is not None:
            self.show(*self._rows)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Jump(event.option.id))
