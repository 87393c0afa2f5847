"""The note at the top of a section of next year's plan: what it carried over
from last year that the team has not reviewed yet, and how to review it.

Changing a carried part or record reviews it (meeting/session.py clears its
mark); the note's button, or the confirm key where the cursor is, keeps it as
it is. The records themselves are marked in their lists (widgets/records.py).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Label

from iep_meeting.model import next_year
from iep_meeting.model.plan import Plan
from iep_meeting.tui.context import editing, keys
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.button_row import ButtonRow
from iep_meeting.words.labels import FROM_LAST_YEAR_MARK
from iep_meeting.words.phrases import listing


def note_text(plan: Plan, entries: tuple[str, ...], confirm_key: str) -> str:
    named = listing([next_year.entry_words(plan, entry) for entry in entries])
    return (
        f"{FROM_LAST_YEAR_MARK}: {named}. Carried over as they were last year: change what the team "
        f"changes, or keep one as it is with {confirm_key} where the cursor is."
    )


class CarriedNote(Vertical):
    """Shown only while this section holds something carried over and not reviewed."""

    DEFAULT_CSS = stylesheet("carried-note")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entries: tuple[str, ...] = ()
        self._plan: Plan | None = None
        self._ready = False
        self._text = ""

    def compose(self) -> ComposeResult:
        yield Label("", classes="carried-text", markup=False)
        with ButtonRow():
            yield Button("Keep all of these as they are", id="carried-keep", compact=True)

    def on_mount(self) -> None:
        self._ready = True
        if self._plan is not None:
            self.show(self._plan, self.entries)

    def show(self, plan: Plan, entries: tuple[str, ...]) -> None:
        self._plan, self.entries = plan, entries
        self.display = bool(entries)
        if not self._ready or not entries:
            return
        text = note_text(plan, entries, keys(self)("confirm-carried"))
        if text != self._text:
            self._text = text
            self.query_one(".carried-text", Label).update(text)

    @on(Button.Pressed, "#carried-keep")
    def _keep_all(self, event: Button.Pressed) -> None:
        event.stop()
        entries = self.entries
        if entries:
            editing(self).apply(
                lambda plan: next_year.confirm(plan, *entries), "kept what last year's plan said", by=self
            )
