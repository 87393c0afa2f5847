"""The facilitator's prompts for the current section: what to say, what to ask."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Collapsible, Static

from iep_meeting.model.agenda import Section
from iep_meeting.tui.styles import stylesheet


def prompt_text(section: Section) -> Text:
    text = Text()
    if section.say:
        text.append("Say\n", style="bold")
        for line in section.say:
            text.append(f" • {line}\n")
    if section.ask:
        text.append("Ask\n", style="bold")
        for line in section.ask:
            text.append(f" ? {line}\n")
    text.rstrip()
    return text


class Prompts(Collapsible):
    """Collapsed or expanded with its key (F9); the choice holds across sections."""

    DEFAULT_CSS = stylesheet("prompts")

    def __init__(self, toggle_key: str) -> None:
        super().__init__(
            Static(id="prompt-text"), title=f"Facilitator prompts ({toggle_key} shows/hides)", collapsed=False
        )

    def show_section(self, section: Section) -> None:
        self.query_one("#prompt-text", Static).update(prompt_text(section))
