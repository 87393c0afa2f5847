"""The agenda on the left of the screen: each section with its status and time budget."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..model.agenda import Section
from ..model.progress import SectionStatus


class AgendaList(OptionList):
    """Status is a symbol and a word, never colour alone (DESIGN.md)."""

    DEFAULT_CSS = """
    AgendaList { width: 100%; height: 1fr; border: none; padding: 0; }
    """

    class Jump(Message):
        def __init__(self, section_id: str) -> None:
            super().__init__()
            self.section_id = section_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple | None = None

    def show(self, rows: list[tuple[Section, SectionStatus]], current_id: str) -> None:
        key = (tuple((s.id, s.title, s.minutes, st) for s, st in rows), current_id)
        if key == self._shown:
            return
        self._shown = key
        options = []
        for section, status in rows:
            here = section.id == current_id
            label = Text()
            label.append("▶ " if here else "  ", style="bold")
            label.append(section.title, style="bold" if here else "")
            label.append(f"\n    {status.symbol} {status.word} · {section.minutes} min", style="dim" if not here else "")
            options.append(Option(label, id=section.id))
        highlighted = next((i for i, (s, _) in enumerate(rows) if s.id == current_id), 0)
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options(options)
            self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Jump(event.option.id))
