"""Close the meeting as "to be continued" (F11): the plan stays a draft, and
the open items are written down for the follow-up meeting, whose date may be
given here."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label

from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.fields import Unclear, parse_date


class ContinueLaterDialog(Dialog[tuple[dt.date | None] | None]):
    """Close the meeting without finalizing: the plan stays a draft, and the open
    items are written down for the follow-up meeting. Dismisses with
    (follow-up date or None,), or None when cancelled."""

    DEFAULT_CSS = stylesheet("continue-later-dialog")

    def __init__(self, open_items: tuple[str, ...], suggested: dt.date | None = None) -> None:
        super().__init__(warning=True)
        self.open_items, self.suggested = open_items, suggested

    def compose(self) -> ComposeResult:
        count = len(self.open_items)
        with Vertical(classes="dialog-frame"):
            yield Label("Close this meeting as “to be continued”?", classes="dialog-title", markup=False)
            yield Label(
                "The plan stays a draft: nothing is final and nobody signs today. "
                + (
                    f"These {count} open items are written into the plan for the follow-up meeting:"
                    if count
                    else "No required item is open; you could also finalize instead."
                ),
                classes="dialog-detail",
                markup=False,
            )
            if count:
                with VerticalScroll(id="open-items-scroll"):
                    yield Label("\n".join(f"• {item}" for item in self.open_items), id="open-items", markup=False)
            yield Label("Date of the follow-up meeting (YYYY-MM-DD, may be left blank)", markup=False)
            yield Input(self.suggested.isoformat() if self.suggested else "", placeholder="YYYY-MM-DD", id="date")
            yield Label("", classes="dialog-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Close as to be continued", id="confirm", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#date", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        try:
            date = parse_date(self.query_one("#date", Input).value)
        except Unclear as problem:
            self.query_one(".dialog-problem", Label).update(str(problem))
            return
        self.dismiss((date,))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
