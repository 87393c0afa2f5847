"""Pick an agenda section to jump to."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from iep_meeting.model.agenda import Section
from iep_meeting.model.progress import SectionStatus
from iep_meeting.tui.context import keys
from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.tui.styles import stylesheet
from iep_meeting.words.labels import mark


class SectionPicker(Dialog[str | None]):
    DEFAULT_CSS = stylesheet("section-picker")

    def __init__(self, rows: list[tuple[Section, SectionStatus]], current_id: str) -> None:
        super().__init__()
        self.rows, self.current_id = rows, current_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-frame"):
            yield Label(f"Go to which section? (Enter to go, {keys(self)('dialog-cancel')} to stay)")
            options = [
                Option(Text(f"{n}. {s.title} — {mark(st)}, {s.minutes} min"), id=s.id)
                for n, (s, st) in enumerate(self.rows, start=1)
            ]
            yield OptionList(*options)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = next((i for i, (s, _) in enumerate(self.rows) if s.id == self.current_id), 0)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
