"""A section's time is up: what now? Move on, park the topic for the close, take
five more minutes from the sections that follow (the dialog says which), or plan
a follow-up; Escape keeps going without a choice."""

from __future__ import annotations

from enum import StrEnum

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Label

from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.button_row import ButtonRow


class TimeChoice(StrEnum):
    MOVE_ON = "move-on"
    PARK = "park"
    MORE_TIME = "more-time"
    FOLLOW_UP = "follow-up"


class TimeUpDialog(Dialog[TimeChoice | None]):
    """Dismisses with the team's choice, or None to keep going as they are."""

    DEFAULT_CSS = stylesheet("time-up-dialog")

    def __init__(self, title: str, minutes: int, *, next_title: str | None, more_time: str, can_record: bool) -> None:
        super().__init__()
        self.section_title, self.minutes = title, minutes
        self.next_title, self.more_time, self.can_record = next_title, more_time, can_record

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-frame"):
            yield Label(f"Time is up for “{self.section_title}”", classes="dialog-title", markup=False)
            yield Label(
                f"The {self.minutes} minutes planned for it are used. "
                + (f"Next on the agenda: {self.next_title}. " if self.next_title else "It is the last section. ")
                + f"Five more minutes {self.more_time}.",
                classes="dialog-detail",
                markup=False,
            )
            with ButtonRow(classes="dialog-buttons"):
                if self.next_title:
                    yield Button("Move on", id=TimeChoice.MOVE_ON.value, variant="primary")
                if self.can_record:
                    yield Button("Park the topic", id=TimeChoice.PARK.value)
                    yield Button("Five more minutes", id=TimeChoice.MORE_TIME.value)
                    yield Button("Plan a follow-up", id=TimeChoice.FOLLOW_UP.value)
                yield Button("Keep going", id="keep-going")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        chosen = event.button.id or ""
        self.dismiss(TimeChoice(chosen) if chosen in set(TimeChoice) else None)
