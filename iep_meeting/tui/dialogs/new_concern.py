"""A concern the family raises in the meeting (widgets/family_concerns.py):
the concern in the family's words, and who raised it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from iep_meeting.tui.commands import BY_ID, bindings
from iep_meeting.tui.context import keys
from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.tui.styles import stylesheet


class NewConcernDialog(Dialog[tuple[str, str] | None]):
    """A concern the family raises in the meeting: their words, and who raised it."""

    DEFAULT_CSS = stylesheet("concern-dialogs")
    BINDINGS = bindings([BY_ID["dialog-save"]])

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-frame"):
            yield Label("A concern the family raises", classes="dialog-title", markup=False)
            yield Label("The concern, in the family's own words", classes="dialog-label", markup=False)
            yield Input(id="concern-text", placeholder="as they say it, e.g. “He is tired after the bus”")
            yield Label("Raised by", classes="dialog-label", markup=False)
            yield Input(id="concern-by", placeholder="e.g. the mother, Renata Vance")
            yield Label("", id="concern-problem", classes="dialog-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button(f"Record ({keys(self)('dialog-save')})", id="record", variant="primary", compact=True)

    def action_record(self) -> None:
        text = self.query_one("#concern-text", Input).value.strip()
        if not text:
            self.query_one("#concern-problem", Label).update("Type the concern first, in the family's words.")
            self.query_one("#concern-text", Input).focus()
            return
        self.dismiss((text, self.query_one("#concern-by", Input).value.strip()))

    @on(Input.Submitted)
    @on(Button.Pressed, "#record")
    def _record(self) -> None:
        self.action_record()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
